// Persistence cost estimates: the sampled simplex counts against exact
// counts, cone points and duplicates left out as the engine leaves them out,
// and the worst case growing as the binomials say.

#include "TestSupport.h"
#include "topology/PersistenceCost.h"

#include <QRandomGenerator>
#include <QtTest>

using namespace netbetti;
using namespace netbetti::test;

namespace {

FloatMatrix randomMetric(int n, quint32 seed)
{
    QRandomGenerator rng(seed);
    std::vector<std::vector<double>> points;
    for (int i = 0; i < n; ++i)
        points.push_back({rng.generateDouble(), rng.generateDouble(), rng.generateDouble()});
    return euclideanDistances(points);
}

double exactTriangles(const FloatMatrix &d, double t)
{
    double count = 0;
    for (Eigen::Index i = 0; i < d.rows(); ++i)
        for (Eigen::Index j = i + 1; j < d.rows(); ++j)
            for (Eigen::Index k = j + 1; k < d.rows(); ++k)
                count += std::max({d(i, j), d(i, k), d(j, k)}) <= t;
    return count;
}

} // namespace

class TestCost : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sampledCountsMatchExactCounts_data()
    {
        QTest::addColumn<double>("threshold"); // 0: the enclosing radius
        QTest::newRow("enclosing radius") << 0.0;
        QTest::newRow("0.5") << 0.5;
        QTest::newRow("0.3") << 0.3;
    }

    void sampledCountsMatchExactCounts()
    {
        QFETCH(double, threshold);
        const FloatMatrix d = randomMetric(60, 3);
        PersistenceSettings s;
        s.maxDim = 2;
        if (threshold > 0)
            s.threshold = threshold;
        const double t = threshold > 0 ? threshold : enclosingRadius(d);
        const double exact = exactTriangles(d, t);
        const PersistenceCost cost = estimateCost(d, s, 200000);
        QCOMPARE(cost.points, 60);
        // 200,000 samples: a few tenths of a percent of standard error.
        QVERIFY2(std::abs(cost.triangles - exact) <= 0.03 * exact + 20,
                 qPrintable(QStringLiteral("%1 sampled, %2 exact").arg(cost.triangles).arg(exact)));
        QVERIFY(cost.tetrahedra <= cost.triangles * 60 / 4);
        // The same matrix gives the same estimate.
        QCOMPARE(estimateCost(d, s, 200000).triangles, cost.triangles);
    }

    void conePointsAndDuplicatesCostNothing()
    {
        FloatMatrix d = randomMetric(30, 5);
        const Eigen::Index n = 30 + 8 + 1;
        FloatMatrix big = FloatMatrix::Constant(n, n, 1.0f); // 8 dead neurons at distance 1 from all
        big.topLeftCorner(30, 30) = d;
        big.row(38).head(30) = d.row(0);                    // a copy of point 0
        big.col(38).head(30) = d.col(0);
        big(38, 0) = big(0, 38) = 0.0f;
        big.diagonal().setZero();
        PersistenceSettings s;
        s.maxDim = 1;
        QCOMPARE(estimateCost(big, s).points, 30);
    }

    void worstCaseGrowsWithTheBinomials()
    {
        const PersistenceCost h1 = worstCaseCost(1026, 1), h2 = worstCaseCost(1026, 2);
        QCOMPARE(h1.triangles, 1026.0 * 1025 * 1024 / 6);
        QVERIFY(h2.bytes > 5 * h1.bytes);
        QVERIFY(worstCaseCost(2050, 2).bytes > 7.5 * h2.bytes); // ~ (2050/1026)^3
        QVERIFY(h2.describe().contains(QStringLiteral("GB")));
        QVERIFY(h2.describe().contains(QStringLiteral("1026 points")));
    }

    void budgetFollowsTheEnvironment()
    {
        qputenv("NETBETTI_MEMORY_BUDGET_MIB", "64");
        QCOMPARE(persistenceMemoryBudget(), 64.0 * 1024 * 1024);
        qunsetenv("NETBETTI_MEMORY_BUDGET_MIB");
        QVERIFY(persistenceMemoryBudget() > 64.0 * 1024 * 1024);
    }
};

QTEST_GUILESS_MAIN(TestCost)
#include "tst_cost.moc"
