// The bottleneck matching between two diagrams: a valid matching (every bar
// once) whose largest cost is hera's bottleneck distance, on hand-made,
// random and real (Rips diagrams of a trained net's neurons) diagrams. On one
// line (H0), the dynamic programme against brute force and against hera.

#include "TestSupport.h"
#include "Error.h"
#include "storage/NpyFile.h"
#include "topology/DiagramCsv.h"
#include "topology/DiagramDistance.h"
#include "topology/DiagramMatching.h"
#include "topology/LineMatching.h"
#include "topology/RipserEngine.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QtTest>
#include <functional>

using namespace netbetti;
using namespace netbetti::test;

namespace {

const double inf = std::numeric_limits<double>::infinity();

/// Empty when every dimension-dim bar of a and of b is matched exactly once
/// and nothing else is; otherwise what is wrong.
QString invalidity(const PersistenceDiagram &a, const PersistenceDiagram &b, int dim,
                   const std::vector<BarMatch> &matching)
{
    std::vector<int> seenA(a.bars.size()), seenB(b.bars.size());
    for (const BarMatch &m : matching) {
        if (m.dim != dim || (m.previous < 0 && m.current < 0))
            return QStringLiteral("pair (%1, %2) in H%3").arg(m.previous).arg(m.current).arg(m.dim);
        if (m.previous >= int(a.bars.size()) || m.current >= int(b.bars.size()))
            return QStringLiteral("index out of range: (%1, %2)").arg(m.previous).arg(m.current);
        if (m.previous >= 0)
            ++seenA[size_t(m.previous)];
        if (m.current >= 0)
            ++seenB[size_t(m.current)];
    }
    for (size_t i = 0; i < a.bars.size(); ++i)
        if (seenA[i] != (a.bars[i].dim == dim ? 1 : 0))
            return QStringLiteral("previous bar %1 matched %2 times").arg(i).arg(seenA[i]);
    for (size_t j = 0; j < b.bars.size(); ++j)
        if (seenB[j] != (b.bars[j].dim == dim ? 1 : 0))
            return QStringLiteral("current bar %1 matched %2 times").arg(j).arg(seenB[j]);
    return {};
}

double largestCost(const PersistenceDiagram &a, const PersistenceDiagram &b, const std::vector<BarMatch> &matching)
{
    double worst = 0.0;
    for (const BarMatch &m : matching)
        worst = std::max(worst, matchCost(a, b, m));
    return worst;
}

/// The matching is valid and its largest cost is hera's distance.
void checkAgainstHera(const PersistenceDiagram &a, const PersistenceDiagram &b, int dim)
{
    const std::vector<BarMatch> matching = bottleneckMatching(a, b, dim);
    const QString wrong = invalidity(a, b, dim, matching);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    // hera itself, not bottleneckDistance(), which takes the line's way on H0.
    const double hera = bottleneckDistanceOfPoints(offDiagonalPoints(a, dim), offDiagonalPoints(b, dim)),
                 ours = largestCost(a, b, matching);
    QVERIFY2(ours == hera || fuzzyEqual(ours, hera, 1e-9 * std::max(1.0, hera)),
             qPrintable(QStringLiteral("H%1: largest cost %2, hera %3").arg(dim).arg(ours, 0, 'g', 17).arg(hera, 0, 'g', 17)));
}

std::vector<PersistenceBar> randomBars(QRandomGenerator &rng, int dim, int n, double grid)
{
    std::vector<PersistenceBar> bars;
    for (int i = 0; i < n; ++i) {
        // On a coarse grid, so that ties (equal costs, equal bars) are common.
        const double birth = std::round(rng.bounded(1.0) / grid) * grid;
        bars.push_back({dim, birth, birth + (1.0 + std::round(rng.bounded(1.0) / grid)) * grid});
    }
    return bars;
}

/// Points born at the same birth with deaths on a coarse grid (ties).
LinePoints randomLine(QRandomGenerator &rng, double birth, int n, double grid)
{
    LinePoints points;
    for (int i = 0; i < n; ++i)
        points.emplace_back(birth, birth + (1.0 + std::round(rng.bounded(1.0) / grid)) * grid);
    return points;
}

struct BruteForce
{
    double bottleneck = inf, wasserstein = inf;
    double leastSumWithinBottleneck = inf; // once bottleneck is known
};

/// Every partial matching of a with b, enumerated: a[i] to the diagonal or
/// to a free b[j]; the b left over to the diagonal.
void enumerate(const LinePoints &a, const LinePoints &b, size_t i, std::vector<bool> &used, double worst,
               double sum, const std::function<void(double, double)> &visit)
{
    auto toDiagonal = [](const std::pair<double, double> &p) { return (p.second - p.first) / 2.0; };
    if (i == a.size()) {
        for (size_t j = 0; j < b.size(); ++j)
            if (!used[j]) {
                worst = std::max(worst, toDiagonal(b[j]));
                sum += toDiagonal(b[j]);
            }
        visit(worst, sum);
        return;
    }
    enumerate(a, b, i + 1, used, std::max(worst, toDiagonal(a[i])), sum + toDiagonal(a[i]), visit);
    for (size_t j = 0; j < b.size(); ++j)
        if (!used[j]) {
            used[j] = true;
            const double c = std::abs(a[i].second - b[j].second);
            enumerate(a, b, i + 1, used, std::max(worst, c), sum + c, visit);
            used[j] = false;
        }
}

BruteForce bruteForce(const LinePoints &a, const LinePoints &b)
{
    BruteForce best;
    std::vector<bool> used(b.size());
    enumerate(a, b, 0, used, 0.0, 0.0, [&](double worst, double sum) {
        best.bottleneck = std::min(best.bottleneck, worst);
        best.wasserstein = std::min(best.wasserstein, sum);
    });
    enumerate(a, b, 0, used, 0.0, 0.0, [&](double worst, double sum) {
        if (worst <= best.bottleneck)
            best.leastSumWithinBottleneck = std::min(best.leastSumWithinBottleneck, sum);
    });
    return best;
}

} // namespace

class TestMatching : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void handMade()
    {
        // A bar shifted by 0.1 keeps its partner.
        auto a = diagramOf({{1, 0.0, 1.0}}), b = diagramOf({{1, 0.1, 1.1}});
        QCOMPARE(bottleneckMatching(a, b, 1), (std::vector<BarMatch>{{1, 0, 0}}));
        // A long bar against a short one: cheaper both to the diagonal
        // (max(0.5, 0.05)) than to each other (0.9).
        a = diagramOf({{1, 0.0, 1.0}});
        b = diagramOf({{1, 0.0, 0.1}});
        QCOMPARE(bottleneckMatching(a, b, 1), (std::vector<BarMatch>{{1, 0, -1}, {1, -1, 0}}));
        // Two crossing bars: each to its near partner, not in order of birth.
        a = diagramOf({{1, 0.1, 0.9}, {1, 0.2, 0.4}});
        b = diagramOf({{1, 0.15, 0.45}, {1, 0.12, 0.88}});
        std::vector<BarMatch> m = bottleneckMatching(a, b, 1);
        QCOMPARE(m.size(), size_t(2));
        for (const BarMatch &pair : m)
            QVERIFY(std::abs(a.bars[size_t(pair.previous)].death - b.bars[size_t(pair.current)].death) < 0.06);
        checkAgainstHera(a, b, 1);
        // Essential bars by birth; the surplus to the diagonal (infinite,
        // as hera says); a zero-length bar is the diagonal's.
        a = diagramOf({{0, 0.0, inf}, {0, 0.0, 0.0}, {0, 0.3, inf}});
        b = diagramOf({{0, 0.1, inf}});
        m = bottleneckMatching(a, b, 0);
        // (normalised: [0, 0) is bar 0, [0, inf) bar 1, [0.3, inf) bar 2)
        QCOMPARE(m.size(), size_t(3));
        QVERIFY(std::find(m.begin(), m.end(), BarMatch{0, 1, 0}) != m.end());  // 0.0 with 0.1
        QVERIFY(std::find(m.begin(), m.end(), BarMatch{0, 2, -1}) != m.end()); // 0.3 unmatched
        QVERIFY(std::find(m.begin(), m.end(), BarMatch{0, 0, -1}) != m.end()); // [0, 0) on the diagonal
        QCOMPARE(largestCost(a, b, m), inf);
        QCOMPARE(bottleneckDistance(a, b, 0), inf);
        // Only the requested dimension, and nothing from two empty ones.
        QVERIFY(bottleneckMatching(a, b, 1).empty());
    }

    void thresholdCutsAsTheDistanceDoes()
    {
        // Alive at the threshold 0.8: [0.2, 0.8) against [0.5, 0.8), [0.6, 0.8).
        auto a = diagramOf({{1, 0.2, inf}}, 0.8), b = diagramOf({{1, 0.5, inf}, {1, 0.6, inf}}, 0.8);
        checkAgainstHera(a, b, 1);
        QVERIFY(fuzzyEqual(largestCost(a, b, bottleneckMatching(a, b, 1)), 0.3));
    }

    void identicalDiagramsMatchBarToBar()
    {
        QRandomGenerator rng(3);
        for (int trial = 0; trial < 5; ++trial) {
            auto bars = randomBars(rng, 1, 80, 0.05);
            bars.push_back({1, 0.2, inf});
            const PersistenceDiagram a = diagramOf(bars);
            const std::vector<BarMatch> m = bottleneckMatching(a, a, 1);
            QVERIFY(invalidity(a, a, 1, m).isEmpty());
            for (const BarMatch &pair : m) {
                QVERIFY(pair.previous >= 0 && pair.current >= 0);
                QCOMPARE(a.bars[size_t(pair.previous)], a.bars[size_t(pair.current)]);
            }
        }
    }

    void randomDiagramsAgainstHera()
    {
        QRandomGenerator rng(17);
        for (int trial = 0; trial < 40; ++trial) {
            const double grid = trial % 2 ? 0.05 : 1e-9; // many ties, or nearly none
            auto a = diagramOf(randomBars(rng, 1, int(rng.bounded(60)), grid));
            auto b = diagramOf(randomBars(rng, 1, int(rng.bounded(60)), grid));
            checkAgainstHera(a, b, 1);
        }
    }

    void realDiagramsAgainstHera()
    {
        // A trained net's 134 neurons (the reference fixture) against the same
        // metric perturbed, as one epoch against the next; H0 has a bar per
        // neuron, many of them equal (dead neurons).
        const FloatMatrix d = readNpy(QStringLiteral(NETBETTI_FIXTURES "/neurons-134.npy"));
        const PersistenceDiagram a = readDiagramCsv(QStringLiteral(NETBETTI_FIXTURES "/neurons-134.z2.csv"));
        QRandomGenerator rng(5);
        for (double noise : {0.005, 0.05}) {
            FloatMatrix e = d;
            for (Eigen::Index i = 0; i < e.rows(); ++i)
                for (Eigen::Index j = 0; j < i; ++j)
                    e(i, j) = e(j, i) = std::max(0.0f, e(i, j) + float((rng.generateDouble() - 0.5) * noise));
            const PersistenceDiagram b = RipserEngine().compute(e, {});
            for (int dim = 0; dim <= 1; ++dim) {
                QElapsedTimer timer;
                timer.start();
                checkAgainstHera(a, b, dim);
                qInfo("noise %g, H%d: %d and %d bars matched in %lld ms", noise, dim, a.count(dim), b.count(dim),
                      qint64(timer.elapsed()));
            }
        }
    }

    void lineAgainstBruteForce()
    {
        // Every partial matching of up to 5 against 5 points, enumerated.
        QRandomGenerator rng(11);
        for (int trial = 0; trial < 300; ++trial) {
            const LinePoints a = randomLine(rng, 0.0, int(rng.bounded(6)), trial % 3 ? 0.1 : 1e-3),
                             b = randomLine(rng, 0.0, int(rng.bounded(6)), trial % 3 ? 0.1 : 1e-3);
            QVERIFY(onOneLine(a, b));
            const BruteForce oracle = bruteForce(a, b);
            const LineMatching line = matchOnLine(a, b, true);
            QCOMPARE(line.bottleneck, oracle.bottleneck);
            QVERIFY(fuzzyEqual(line.wasserstein, oracle.wasserstein, 1e-12));
            // The matching: each point once, within the bottleneck distance,
            // and of least total cost among such matchings.
            std::vector<int> seenA(a.size()), seenB(b.size());
            double worst = 0.0, sum = 0.0;
            for (const auto &[i, j] : line.pairs) {
                QVERIFY(i >= 0 || j >= 0);
                const double c = i < 0   ? (b[size_t(j)].second - b[size_t(j)].first) / 2.0
                                 : j < 0 ? (a[size_t(i)].second - a[size_t(i)].first) / 2.0
                                         : std::abs(a[size_t(i)].second - b[size_t(j)].second);
                worst = std::max(worst, c);
                sum += c;
                if (i >= 0)
                    ++seenA[size_t(i)];
                if (j >= 0)
                    ++seenB[size_t(j)];
            }
            QVERIFY(std::all_of(seenA.begin(), seenA.end(), [](int k) { return k == 1; }));
            QVERIFY(std::all_of(seenB.begin(), seenB.end(), [](int k) { return k == 1; }));
            QCOMPARE(worst, oracle.bottleneck);
            QVERIFY(fuzzyEqual(sum, oracle.leastSumWithinBottleneck, 1e-12));
        }
        // Not one line: a birth differs.
        QVERIFY(!onOneLine({{0.0, 1.0}}, {{0.1, 1.0}}));
        QVERIFY(onOneLine({}, {{0.1, 1.0}}));
    }

    void lineAgainstHera()
    {
        // H0-like diagrams of a few hundred bars, many equal, one essential
        // bar each: the distances on the line against hera's own.
        QRandomGenerator rng(23);
        for (int trial = 0; trial < 12; ++trial) {
            std::vector<PersistenceBar> ba, bb;
            for (const auto &[birth, death] : randomLine(rng, 0.0, 100 + int(rng.bounded(300)), trial % 2 ? 0.01 : 1e-9))
                ba.push_back({0, birth, death});
            for (const auto &[birth, death] : randomLine(rng, 0.0, 100 + int(rng.bounded(300)), trial % 2 ? 0.01 : 1e-9))
                bb.push_back({0, birth, death});
            ba.push_back({0, 0.0, inf});
            bb.push_back({0, 0.0, inf});
            const PersistenceDiagram a = diagramOf(ba), b = diagramOf(bb);
            const PointList pa = offDiagonalPoints(a, 0), pb = offDiagonalPoints(b, 0);
            const double heraBottleneck = bottleneckDistanceOfPoints(pa, pb),
                         heraW1 = wassersteinDistanceOfPoints(pa, pb, 1.0, 1e-7);
            const DiagramDistances ours = diagramDistances(a, b, 0);
            QVERIFY2(fuzzyEqual(ours.bottleneck[0], heraBottleneck, 1e-12),
                     qPrintable(QStringLiteral("%1 against hera's %2").arg(ours.bottleneck[0], 0, 'g', 17).arg(heraBottleneck, 0, 'g', 17)));
            QVERIFY2(fuzzyEqual(ours.wasserstein[0], heraW1, 1e-6 * heraW1),
                     qPrintable(QStringLiteral("%1 against hera's %2").arg(ours.wasserstein[0], 0, 'g', 17).arg(heraW1, 0, 'g', 17)));
            checkAgainstHera(a, b, 0);
        }
    }

    void continuityInOnePassEqualsItsParts()
    {
        // diagramContinuity() against the separate calls, on H0 (the line)
        // and H1 (hera), with an essential H1 bar on one side only.
        QRandomGenerator rng(29);
        for (int trial = 0; trial < 10; ++trial) {
            std::vector<PersistenceBar> ba = randomBars(rng, 1, 40, 0.05), bb = randomBars(rng, 1, 40, 0.05);
            for (const auto &[birth, death] : randomLine(rng, 0.0, 50, 0.02))
                ba.push_back({0, birth, death});
            for (const auto &[birth, death] : randomLine(rng, 0.0, 50, 0.02))
                bb.push_back({0, birth, death});
            if (trial % 3 == 0)
                ba.push_back({1, 0.4, inf});
            const PersistenceDiagram a = diagramOf(ba), b = diagramOf(bb);
            const std::vector<DimensionContinuity> all = diagramContinuity(a, b, 1);
            const DiagramDistances separate = diagramDistances(a, b, 1);
            QCOMPARE(all.size(), size_t(2));
            for (int dim = 0; dim <= 1; ++dim) {
                QCOMPARE(all[size_t(dim)].bottleneck, separate.bottleneck[size_t(dim)]);
                QVERIFY(all[size_t(dim)].wasserstein == separate.wasserstein[size_t(dim)]
                        || fuzzyEqual(all[size_t(dim)].wasserstein, separate.wasserstein[size_t(dim)], 1e-9));
                QCOMPARE(all[size_t(dim)].matching, bottleneckMatching(a, b, dim));
                QVERIFY(invalidity(a, b, dim, all[size_t(dim)].matching).isEmpty());
            }
            QCOMPARE(std::isinf(all[1].bottleneck), trial % 3 == 0);
        }
    }

    void csvRoundTripAndBadInput()
    {
        const std::vector<BarMatch> m{{0, 3, 4}, {1, -1, 2}, {1, 5, -1}};
        QCOMPARE(matchingFromCsv(matchingToCsv(m), QStringLiteral("m.csv")), m);
        QCOMPARE(matchingToCsv(m), QByteArray("dim,previous,current\n0,3,4\n1,-1,2\n1,5,-1\n"));
        const QString error = inputErrorOf([] { matchingFromCsv("dim,previous,current\n1,x,2\n", QStringLiteral("m.csv")); });
        QVERIFY2(error.contains(QLatin1String("m.csv")) && error.contains(QLatin1String("line 2, previous"))
                     && error.contains(QLatin1String("x")),
                 qPrintable(error));
        QVERIFY(inputErrorOf([] { matchingFromCsv("1,-1,-1\n", QStringLiteral("m.csv")); }).contains(QLatin1String("line 1")));
        QVERIFY(inputErrorOf([] { matchingFromCsv("1,2\n", QStringLiteral("m.csv")); }).contains(QLatin1String("expected")));
    }
};

QTEST_GUILESS_MAIN(TestMatching)
#include "tst_matching.moc"
