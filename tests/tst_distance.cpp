// Bottleneck and Wasserstein distances between diagrams (hera): values worked
// out by hand on small diagrams, the axioms, and the stability theorem on
// Rips diagrams of a perturbed circle.

#include "TestSupport.h"
#include "Error.h"
#include "topology/DiagramDistance.h"
#include "topology/RipserEngine.h"

#include <QRandomGenerator>
#include <QtTest>

using namespace netbetti;
using namespace netbetti::test;

namespace {

const double inf = std::numeric_limits<double>::infinity();

PersistenceDiagram diagram(std::vector<PersistenceBar> bars)
{
    PersistenceDiagram d;
    d.bars = std::move(bars);
    d.normalise();
    return d;
}

} // namespace

class TestDistance : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void handComputed_data()
    {
        QTest::addColumn<PersistenceDiagram>("a");
        QTest::addColumn<PersistenceDiagram>("b");
        QTest::addColumn<double>("bottleneck");
        QTest::addColumn<double>("wasserstein");
        // A bar [b, d) is (d - b) / 2 from the diagonal in the L-infinity norm.
        QTest::newRow("moved death") << diagram({{1, 0.0, 1.0}}) << diagram({{1, 0.0, 1.2}}) << 0.2 << 0.2;
        QTest::newRow("to the diagonal") << diagram({{1, 0.0, 1.0}}) << diagram({}) << 0.5 << 0.5;
        // (0,1)->(0,1.1) costs 0.1; (0.2,0.3) goes to the diagonal for 0.05.
        QTest::newRow("one matched, one to the diagonal")
            << diagram({{1, 0.0, 1.0}, {1, 0.2, 0.3}}) << diagram({{1, 0.0, 1.1}}) << 0.1 << 0.15;
        // Matching across is worse (0.4 each) than both to the diagonal.
        QTest::newRow("short bars prefer the diagonal")
            << diagram({{1, 0.0, 0.2}}) << diagram({{1, 0.4, 0.6}}) << 0.1 << 0.2;
        QTest::newRow("zero-length bars cost nothing")
            << diagram({{1, 0.3, 0.3}, {1, 0.0, 1.0}}) << diagram({{1, 0.0, 1.0}}) << 0.0 << 0.0;
        QTest::newRow("essential classes matched by birth")
            << diagram({{1, 0.0, inf}}) << diagram({{1, 0.25, inf}}) << 0.25 << 0.25;
        QTest::newRow("different numbers of essential classes")
            << diagram({{1, 0.0, inf}, {1, 0.1, inf}}) << diagram({{1, 0.0, inf}}) << inf << inf;
        QTest::newRow("two empty diagrams") << diagram({}) << diagram({}) << 0.0 << 0.0;
    }

    void handComputed()
    {
        QFETCH(PersistenceDiagram, a);
        QFETCH(PersistenceDiagram, b);
        QFETCH(double, bottleneck);
        QFETCH(double, wasserstein);
        QVERIFY2(fuzzyEqual(bottleneckDistance(a, b, 1), bottleneck, 1e-9),
                 qPrintable(QString::number(bottleneckDistance(a, b, 1))));
        QVERIFY2(fuzzyEqual(wassersteinDistance(a, b, 1), wasserstein, 1e-4 * std::max(1.0, wasserstein)),
                 qPrintable(QString::number(wassersteinDistance(a, b, 1))));
        // Symmetric, and other dimensions untouched.
        QCOMPARE(bottleneckDistance(b, a, 1), bottleneckDistance(a, b, 1));
        QCOMPARE(bottleneckDistance(a, b, 0), 0.0);
    }

    void wassersteinPowerTwo()
    {
        // Two bars each moving 0.3 and 0.4: W2 = sqrt(0.09 + 0.16) = 0.5.
        const auto a = diagram({{1, 0.0, 2.0}, {1, 1.0, 4.0}});
        const auto b = diagram({{1, 0.0, 2.3}, {1, 1.0, 4.4}});
        QVERIFY(fuzzyEqual(wassersteinDistance(a, b, 1, 2.0), 0.5, 1e-4));
        QVERIFY_THROWS_EXCEPTION(InputError, wassersteinDistance(a, b, 1, 0.5));
    }

    void stabilityOnAPerturbedCircle()
    {
        // Rips diagrams are 1-Lipschitz in the sup norm of the distances:
        // d_B(Dgm X, Dgm Y) <= max |d_X - d_Y| for the same points.
        QRandomGenerator rng(7);
        auto points = circle(40);
        const FloatMatrix dx = euclideanDistances(points);
        for (auto &p : points)
            for (double &x : p)
                x += (rng.generateDouble() - 0.5) * 0.1;
        const FloatMatrix dy = euclideanDistances(points);
        const double sup = double((dx - dy).cwiseAbs().maxCoeff());
        const PersistenceDiagram a = RipserEngine().compute(dx, {}), b = RipserEngine().compute(dy, {});
        for (int dim = 0; dim <= 1; ++dim) {
            const double bottleneck = bottleneckDistance(a, b, dim);
            QVERIFY2(bottleneck <= sup + 1e-6, qPrintable(QStringLiteral("H%1: %2 > %3").arg(dim).arg(bottleneck).arg(sup)));
            // W_inf <= W_1, and something did move.
            QVERIFY(bottleneck <= wassersteinDistance(a, b, dim) + 1e-9);
        }
        QVERIFY(bottleneckDistance(a, b, 1) > 0.0);
        QCOMPARE(bottleneckDistance(a, a, 1), 0.0);
        QCOMPARE(wassersteinDistance(a, a, 0), 0.0);
    }

    void thresholdedDiagramsCompareWhatWasComputed()
    {
        // Alive at the threshold 0.8: compared as [0.2, 0.8) and [0.5, 0.8).
        auto a = diagram({{1, 0.2, inf}}), b = diagram({{1, 0.5, inf}, {1, 0.6, inf}});
        a.threshold = b.threshold = 0.8;
        QVERIFY(fuzzyEqual(bottleneckDistance(a, b, 1), 0.3));
        QVERIFY(fuzzyEqual(wassersteinDistance(a, b, 1), 0.3 + 0.1, 1e-4));
    }

    void commonPointsDoNotChangeW1()
    {
        // The reduction W1 makes (shared points removed) against hera on the
        // whole diagrams, on random diagrams sharing a third of their points.
        QRandomGenerator rng(11);
        auto randomBars = [&](int n) {
            std::vector<PersistenceBar> bars;
            for (int i = 0; i < n; ++i) {
                const double birth = rng.bounded(1.0);
                bars.push_back({1, birth, birth + rng.bounded(1.0)});
            }
            return bars;
        };
        for (int trial = 0; trial < 5; ++trial) {
            auto shared = randomBars(30), a = randomBars(60), b = randomBars(50);
            a.insert(a.end(), shared.begin(), shared.end());
            b.insert(b.end(), shared.begin(), shared.end());
            const auto da = diagram(a), db = diagram(b);
            const double reduced = wassersteinDistance(da, db, 1, 1.0, 1e-6);
            const double whole = wassersteinDistanceOfPoints(offDiagonalPoints(da, 1), offDiagonalPoints(db, 1), 1.0, 1e-6);
            QVERIFY2(fuzzyEqual(reduced, whole, 1e-5 * whole), qPrintable(QStringLiteral("%1 vs %2").arg(reduced).arg(whole)));
        }
    }

    void perDimensionSummary()
    {
        const auto a = diagram({{0, 0.0, inf}, {0, 0.0, 0.5}, {1, 0.2, 0.6}});
        const auto b = diagram({{0, 0.0, inf}, {0, 0.0, 0.3}});
        const DiagramDistances d = diagramDistances(a, b, 1);
        QCOMPARE(d.bottleneck.size(), size_t(2));
        QVERIFY(fuzzyEqual(d.bottleneck[0], 0.2));
        QVERIFY(fuzzyEqual(d.bottleneck[1], 0.2));
        QVERIFY(fuzzyEqual(d.wasserstein[1], 0.2, 1e-4));
    }
};

QTEST_GUILESS_MAIN(TestDistance)
#include "tst_distance.moc"
