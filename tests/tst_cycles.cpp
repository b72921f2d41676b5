// Representative cycles (RepresentativeCycles.h) against what geometry and
// an independent linear algebra say: on a circle the longest class's cycle
// is one closed loop winding once; on two circles each long class lies on
// its own; on random and fixture matrices over Z/2 and Z/3 every cycle is
// closed, no longer than its birth, and (checked by a rank computation over
// all triangles born before the death) not a boundary before its death.
// cycles.json round-trips and a malformed one is refused by field.

#include "Error.h"
#include "TestSupport.h"
#include "storage/NpyFile.h"
#include "topology/CycleFile.h"
#include "topology/NetBettiEngine.h"
#include "topology/RepresentativeCycles.h"

#include <QRandomGenerator>
#include <QtTest>
#include <map>

using namespace netbetti;
using namespace netbetti::test;

namespace {

PersistenceDiagram persistence(const FloatMatrix& d, int maxDim, int p)
{
    PersistenceSettings settings;
    settings.maxDim = maxDim;
    settings.coefficients = p;
    return makePersistenceEngine(QStringLiteral("netbetti"))->compute(d, settings);
}

/// Points on a circle at random angles, radius jittered by `noise`.
std::vector<std::vector<double>> noisyCircle(int n, double cx, double cy, double noise, quint32 seed)
{
    QRandomGenerator random(seed);
    std::vector<std::vector<double>> points;
    for (int i = 0; i < n; ++i) {
        const double t = 2.0 * M_PI * random.generateDouble();
        const double r = 1.0 + noise * (random.generateDouble() - 0.5);
        points.push_back({ cx + r * std::cos(t), cy + r * std::sin(t) });
    }
    return points;
}

/// The vertices of a 1-cycle in order around its loop; empty when the edges
/// are not one simple closed loop (every vertex of degree 2, connected).
std::vector<int> loopOrder(const RepresentativeCycle& cycle)
{
    std::map<int, std::vector<int>> neighbours;
    for (const auto& e : cycle.simplices) {
        neighbours[e[0]].push_back(e[1]);
        neighbours[e[1]].push_back(e[0]);
    }
    for (const auto& [v, list] : neighbours)
        if (list.size() != 2)
            return {};
    std::vector<int> order { neighbours.begin()->first };
    int previous = -1;
    for (;;) {
        const auto& list = neighbours[order.back()];
        const int next = list[0] != previous ? list[0] : list[1];
        if (next == order.front())
            break;
        previous = order.back();
        order.push_back(next);
        if (order.size() > neighbours.size())
            return {};
    }
    return order.size() == neighbours.size() ? order : std::vector<int> {};
}

/// Turns of the loop around (cx, cy).
double windingNumber(
    const std::vector<int>& order, const std::vector<std::vector<double>>& points, double cx, double cy)
{
    double total = 0.0;
    for (size_t k = 0; k < order.size(); ++k) {
        const auto &a = points[size_t(order[k])], &b = points[size_t(order[(k + 1) % order.size()])];
        double step = std::atan2(b[1] - cy, b[0] - cx) - std::atan2(a[1] - cy, a[0] - cx);
        while (step > M_PI)
            step -= 2 * M_PI;
        while (step < -M_PI)
            step += 2 * M_PI;
        total += step;
    }
    return total / (2 * M_PI);
}

/// Independent of the code under test: the boundary of a 1-chain over Z/p,
/// vertex by vertex, is zero; every edge within the birth.
bool closedAndShort(const FloatMatrix& d, const RepresentativeCycle& c, int p, QString* why)
{
    std::map<int, long long> boundary;
    for (size_t s = 0; s < c.simplices.size(); ++s) {
        const auto& e = c.simplices[s];
        boundary[e[1]] += c.coefficients[s];
        boundary[e[0]] -= c.coefficients[s];
        if (double(d(e[0], e[1])) > c.birth + 1e-6) {
            *why = QStringLiteral("edge (%1, %2) of length %3 > birth %4")
                       .arg(e[0])
                       .arg(e[1])
                       .arg(d(e[0], e[1]))
                       .arg(c.birth);
            return false;
        }
    }
    for (const auto& [v, sum] : boundary)
        if (((sum % p) + p) % p != 0) {
            *why = QStringLiteral("boundary %1 at vertex %2").arg(sum).arg(v);
            return false;
        }
    return true;
}

/// Whether the 1-chain is a boundary of triangles of diameter < scale, by
/// Gaussian elimination over Z/p on dense edge vectors.
bool isBoundaryBefore(const FloatMatrix& d, const RepresentativeCycle& c, double scale, int p)
{
    const int n = int(d.rows());
    const auto edge = [n](int a, int b) { return a < b ? a * n + b : b * n + a; };
    std::map<int, int> column;
    for (int a = 0; a < n; ++a)
        for (int b = a + 1; b < n; ++b)
            column.emplace(edge(a, b), int(column.size()));
    const auto mod = [p](long long v) { return int(((v % p) + p) % p); };
    const auto inverse = [&](int a) {
        for (int x = 1; x < p; ++x)
            if (mod(static_cast<long long>(a) * x) == 1)
                return x;
        return 0;
    };
    std::map<int, std::vector<int>> pivots; // leading column -> row with 1 there
    const auto reduce = [&](std::vector<int> row) {
        for (size_t k = 0; k < row.size(); ++k) {
            if (row[k] == 0)
                continue;
            const auto found = pivots.find(int(k));
            if (found == pivots.end())
                return std::make_pair(int(k), row);
            const int factor = row[k];
            for (size_t m = k; m < row.size(); ++m)
                row[m] = mod(row[m] - static_cast<long long>(factor) * found->second[m]);
        }
        return std::make_pair(-1, row);
    };
    for (int a = 0; a < n; ++a)
        for (int b = a + 1; b < n; ++b)
            for (int e = b + 1; e < n; ++e) {
                if (!(std::max({ d(a, b), d(a, e), d(b, e) }) < scale))
                    continue;
                std::vector<int> row(column.size(), 0);
                row[size_t(column[edge(b, e)])] = 1;
                row[size_t(column[edge(a, e)])] = p - 1;
                row[size_t(column[edge(a, b)])] = 1;
                auto [lead, rest] = reduce(row);
                if (lead < 0)
                    continue;
                const int scaleBy = inverse(rest[size_t(lead)]);
                for (int& v : rest)
                    v = mod(static_cast<long long>(v) * scaleBy);
                pivots.emplace(lead, rest);
            }
    std::vector<int> z(column.size(), 0);
    for (size_t s = 0; s < c.simplices.size(); ++s)
        z[size_t(column[edge(c.simplices[s][0], c.simplices[s][1])])] = c.coefficients[s];
    return reduce(z).first < 0;
}

/// Data rows: the field's prime p, 2 and 3.
void addFieldRows()
{
    QTest::addColumn<int>("p");
    QTest::newRow("Z/2") << 2;
    QTest::newRow("Z/3") << 3;
}

RepresentativeCycle longest(const CycleSet& cycles)
{
    RepresentativeCycle best;
    double persistence = -1;
    for (const auto& c : cycles.classes)
        if (c.death - c.birth > persistence) {
            persistence = c.death - c.birth;
            best = c;
        }
    return best;
}

} // namespace

class TestCycles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void circleWindsOnce_data() { addFieldRows(); }

    void circleWindsOnce()
    {
        QFETCH(int, p);
        const auto points = noisyCircle(36, 0.0, 0.0, 0.2, 7);
        const FloatMatrix d = euclideanDistances(points);
        const PersistenceDiagram diagram = persistence(d, 1, p);
        const CycleSet cycles = representativeCycles(d, diagram, { 10, p, 2'000'000 });
        QVERIFY(!cycles.classes.empty());
        const RepresentativeCycle c = longest(cycles);
        QCOMPARE(c.birth, mostPersistent(diagram, 1, 1).front().birth);
        const std::vector<int> order = loopOrder(c);
        QVERIFY2(!order.empty(), "the cycle is not one simple closed loop");
        QCOMPARE(std::abs(std::lround(windingNumber(order, points, 0.0, 0.0))), 1L);
        QVERIFY(std::abs(std::abs(windingNumber(order, points, 0.0, 0.0)) - 1.0) < 1e-9);
        QString why;
        QVERIFY2(closedAndShort(d, c, p, &why), qPrintable(why));
        // The oracle of the next tests sees it die: a boundary just after its death.
        QVERIFY(!isBoundaryBefore(d, c, c.death, p));
        QVERIFY(isBoundaryBefore(d, c, std::nextafter(float(c.death), 2.0f), p));
    }

    void regularPolygonIsAllItsEdges()
    {
        // Every edge of the loop has the same length: the class is their sum.
        const int n = 24;
        const auto points = circle(n);
        const FloatMatrix d = euclideanDistances(points);
        const PersistenceDiagram diagram = persistence(d, 1, 3);
        const CycleSet cycles = representativeCycles(d, diagram, { 10, 3, 2'000'000 });
        QCOMPARE(int(cycles.classes.size()), diagram.count(1));
        const std::vector<int> order = loopOrder(longest(cycles));
        QVERIFY(!order.empty());
        QCOMPARE(std::abs(std::lround(windingNumber(order, points, 0.0, 0.0))), 1L);
        QString why;
        QVERIFY2(closedAndShort(d, longest(cycles), 3, &why), qPrintable(why));
    }

    void twoCirclesEachOnItsOwn()
    {
        auto points = noisyCircle(40, 0.0, 0.0, 0.15, 11);
        const auto second = noisyCircle(40, 4.0, 0.0, 0.15, 12);
        points.insert(points.end(), second.begin(), second.end());
        const FloatMatrix d = euclideanDistances(points);
        const PersistenceDiagram diagram = persistence(d, 1, 2);
        const std::vector<PersistenceBar> two = mostPersistent(diagram, 1, 2);
        QCOMPARE(int(two.size()), 2);
        const CycleSet cycles = representativeCycles(d, diagram, { 2, 2, 2'000'000 });
        QCOMPARE(int(cycles.classes.size()), 2);
        std::vector<int> sides;
        for (const auto& c : cycles.classes) {
            const std::vector<int> vertices = c.vertices();
            const bool first = vertices.back() < 40, secondCircle = vertices.front() >= 40;
            QVERIFY2(first || secondCircle, "a cycle uses points of both circles");
            const std::vector<int> order = loopOrder(c);
            QVERIFY(!order.empty());
            QCOMPARE(std::abs(std::lround(windingNumber(order, points, first ? 0.0 : 4.0, 0.0))), 1L);
            sides.push_back(first ? 0 : 1);
        }
        QVERIFY(sides[0] != sides[1]);
    }

    void everyCycleIsAClassUntilItsDeath_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("p");
        QTest::newRow("random R^3, Z/2") << QStringLiteral("random") << 2;
        QTest::newRow("random R^3, Z/3") << QStringLiteral("random") << 3;
        QTest::newRow("neurons-46-torsion, Z/2") << QStringLiteral("neurons-46-torsion") << 2;
        QTest::newRow("neurons-46-torsion, Z/3") << QStringLiteral("neurons-46-torsion") << 3;
    }

    void everyCycleIsAClassUntilItsDeath()
    {
        QFETCH(QString, source);
        QFETCH(int, p);
        FloatMatrix d;
        if (source == QLatin1String("random")) {
            QRandomGenerator random(5);
            std::vector<std::vector<double>> points;
            for (int i = 0; i < 40; ++i)
                points.push_back(
                    { random.generateDouble(), random.generateDouble(), random.generateDouble() });
            d = euclideanDistances(points);
        } else {
            d = readNpy(QStringLiteral(NETBETTI_FIXTURES "/%1.npy").arg(source));
        }
        const PersistenceDiagram diagram = persistence(d, 1, p);
        const CycleSet cycles = representativeCycles(d, diagram, { 10, p, 2'000'000 });
        QCOMPARE(int(cycles.classes.size() + cycles.skipped.size()), std::min(10, diagram.count(1)));
        QVERIFY(cycles.classes.size() >= cycles.skipped.size());
        for (const auto& c : cycles.classes) {
            QString why;
            QVERIFY2(closedAndShort(d, c, p, &why), qPrintable(why));
            QVERIFY(!cycleDefect(d, c, p));
            // Not a boundary before the death; a boundary just after it
            // (when it dies: the class's death kills it or an older class).
            QVERIFY2(!isBoundaryBefore(d, c, c.death, p),
                qPrintable(QStringLiteral("[%1, %2)").arg(c.birth).arg(c.death)));
        }
    }

    void h2CyclesOfTheFixturesAreClosed_data() { addFieldRows(); }

    void h2CyclesOfTheFixturesAreClosed()
    {
        QFETCH(int, p);
        const FloatMatrix d = readNpy(QStringLiteral(NETBETTI_FIXTURES "/neurons-46-torsion.npy"));
        const PersistenceDiagram diagram = persistence(d, 2, p);
        QVERIFY(diagram.count(2) > 0);
        const CycleSet cycles = representativeCycles(d, diagram, { 10, p, 2'000'000 });
        int h2 = 0;
        for (const auto& c : cycles.classes) {
            if (c.dim != 2)
                continue;
            ++h2;
            std::map<std::pair<int, int>, long long> boundary;
            for (size_t k = 0; k < c.simplices.size(); ++k) {
                const auto& t = c.simplices[k];
                boundary[{ t[1], t[2] }] += c.coefficients[k];
                boundary[{ t[0], t[2] }] -= c.coefficients[k];
                boundary[{ t[0], t[1] }] += c.coefficients[k];
                QVERIFY(std::max({ d(t[0], t[1]), d(t[0], t[2]), d(t[1], t[2]) }) <= c.birth);
            }
            for (const auto& [edge, sum] : boundary)
                QVERIFY(((sum % p) + p) % p == 0);
        }
        QCOMPARE(h2
                + int(std::count_if(cycles.skipped.begin(), cycles.skipped.end(),
                    [](const SkippedClass& s) { return s.dim == 2; })),
            std::min(10, diagram.count(2)));
        QVERIFY(h2 > 0);
    }

    void aTieAtBirthGivesTheFirstToDieItsCycle()
    {
        // Two congruent circles born at the same scale; a point at the centre
        // of the second kills its loop first.
        auto points = circle(10);
        for (size_t i = 0; i < 10; ++i)
            points.push_back({points[i][0] + 10.0, points[i][1]});
        points.push_back({10.0, 0.0});
        const FloatMatrix d = euclideanDistances(points);
        const PersistenceDiagram diagram = persistence(d, 1, 2);
        const std::vector<PersistenceBar> two = mostPersistent(diagram, 1, 2);
        QCOMPARE(int(two.size()), 2);
        QCOMPARE(two[0].birth, two[1].birth);
        QVERIFY(two[1].death < two[0].death);
        const CycleSet cycles = representativeCycles(d, diagram, {2, 2, 2'000'000});
        QVERIFY(cycles.findSkipped(1, two[0].birth, two[0].death));
        QVERIFY(cycles.findSkipped(1, two[0].birth, two[0].death)->reason.contains(QLatin1String("first to die")));
        const RepresentativeCycle *first = cycles.find(1, two[1].birth, two[1].death);
        QVERIFY(first);
        QString why;
        QVERIFY2(closedAndShort(d, *first, 2, &why), qPrintable(why));
        QVERIFY(!isBoundaryBefore(d, *first, first->death, 2));
    }

    void findsTheClassOfEveryListedBar()
    {
        const FloatMatrix d = euclideanDistances(noisyCircle(50, 0.0, 0.0, 0.3, 3));
        const PersistenceDiagram diagram = persistence(d, 1, 2);
        const CycleSet cycles = representativeCycles(d, diagram, { 10, 2, 2'000'000 });
        for (const PersistenceBar& bar : mostPersistent(diagram, 1, 10))
            QVERIFY(cycles.find(1, bar.birth, bar.death) || cycles.findSkipped(1, bar.birth, bar.death));
    }

    void overBudgetIsSkippedWithTheReason()
    {
        const FloatMatrix d = euclideanDistances(noisyCircle(60, 0.0, 0.0, 0.2, 7));
        const PersistenceDiagram diagram = persistence(d, 1, 2);
        const CycleSet cycles = representativeCycles(d, diagram, { 3, 2, 1 });
        QVERIFY(cycles.classes.empty());
        QCOMPARE(int(cycles.skipped.size()), std::min(3, diagram.count(1)));
        for (const auto& s : cycles.skipped)
            QVERIFY2(s.reason.contains(QLatin1String("budget")), qPrintable(s.reason));
    }

    void sphereIsCoveredByItsH2Cycle_data() { addFieldRows(); }

    void sphereIsCoveredByItsH2Cycle()
    {
        QFETCH(int, p);
        QRandomGenerator random(21);
        std::vector<std::vector<double>> points;
        while (points.size() < 70) {
            const double x = 2 * random.generateDouble() - 1, y = 2 * random.generateDouble() - 1,
                         z = 2 * random.generateDouble() - 1, r = std::sqrt(x * x + y * y + z * z);
            if (r > 0.1 && r <= 1.0)
                points.push_back({ x / r, y / r, z / r });
        }
        const FloatMatrix d = euclideanDistances(points);
        const PersistenceDiagram diagram = persistence(d, 2, p);
        const PersistenceBar sphere = mostPersistent(diagram, 2, 1).at(0);
        QVERIFY(sphere.persistence() > 0.5);
        const CycleSet cycles = representativeCycles(d, diagram, { 1, p, 2'000'000 });
        const RepresentativeCycle* c = cycles.find(2, sphere.birth, sphere.death);
        QVERIFY2(c, cycles.skipped.empty() ? "no cycle" : qPrintable(cycles.skipped.back().reason));
        // Closed over Z/p, computed here edge by edge; no triangle longer than the birth.
        std::map<std::pair<int, int>, long long> boundary;
        for (size_t k = 0; k < c->simplices.size(); ++k) {
            const auto& t = c->simplices[k];
            QCOMPARE(int(t.size()), 3);
            boundary[{ t[1], t[2] }] += c->coefficients[k];
            boundary[{ t[0], t[2] }] -= c->coefficients[k];
            boundary[{ t[0], t[1] }] += c->coefficients[k];
            QVERIFY(std::max({ d(t[0], t[1]), d(t[0], t[2]), d(t[1], t[2]) }) <= sphere.birth);
        }
        for (const auto& [edge, sum] : boundary)
            QVERIFY2(((sum % p) + p) % p == 0,
                qPrintable(QStringLiteral("edge (%1, %2)").arg(edge.first).arg(edge.second)));
        // It covers the sphere: every sample point is near a vertex of it.
        const std::vector<int> vertices = c->vertices();
        for (int i = 0; i < int(points.size()); ++i) {
            float nearest = 10.0f;
            for (int v : vertices)
                nearest = std::min(nearest, d(i, v));
            QVERIFY2(nearest <= sphere.birth,
                qPrintable(QStringLiteral("point %1 is %2 from the cycle").arg(i).arg(nearest)));
        }
        // It winds around the centre: a ray from the centre in any direction
        // crosses it (oriented, with the coefficients) a nonzero number of
        // times mod p, the same in every direction (its degree).
        QRandomGenerator jitter(5);
        int degree = -1;
        for (const auto& q : points) {
            double u[3];
            for (int k = 0; k < 3; ++k)
                u[k] = q[size_t(k)] + 1e-3 * (jitter.generateDouble() - 0.5);
            long long crossings = 0;
            for (size_t k = 0; k < c->simplices.size(); ++k) {
                const auto &A = points[size_t(c->simplices[k][0])], &B = points[size_t(c->simplices[k][1])],
                           &C = points[size_t(c->simplices[k][2])];
                const double e1[3] = { B[0] - A[0], B[1] - A[1], B[2] - A[2] },
                             e2[3] = { C[0] - A[0], C[1] - A[1], C[2] - A[2] };
                const double pv[3] = { u[1] * e2[2] - u[2] * e2[1], u[2] * e2[0] - u[0] * e2[2],
                    u[0] * e2[1] - u[1] * e2[0] };
                const double det = e1[0] * pv[0] + e1[1] * pv[1] + e1[2] * pv[2];
                if (std::abs(det) < 1e-12)
                    continue;
                const double tv[3] = { -A[0], -A[1], -A[2] }; // from A to the origin
                const double a = (tv[0] * pv[0] + tv[1] * pv[1] + tv[2] * pv[2]) / det;
                const double qv[3] = { tv[1] * e1[2] - tv[2] * e1[1], tv[2] * e1[0] - tv[0] * e1[2],
                    tv[0] * e1[1] - tv[1] * e1[0] };
                const double b = (u[0] * qv[0] + u[1] * qv[1] + u[2] * qv[2]) / det;
                const double t = (e2[0] * qv[0] + e2[1] * qv[1] + e2[2] * qv[2]) / det;
                if (a >= 0 && b >= 0 && a + b <= 1 && t > 0)
                    crossings += (det > 0 ? 1 : -1) * c->coefficients[k];
            }
            const int mod = int(((crossings % p) + p) % p);
            QVERIFY(mod != 0);
            QVERIFY(degree < 0 || mod == degree);
            degree = mod;
        }
    }

    void cancelStops()
    {
        const FloatMatrix d = euclideanDistances(noisyCircle(30, 0.0, 0.0, 0.2, 7));
        const std::atomic_bool cancel { true };
        QVERIFY_THROWS_EXCEPTION(Cancelled, representativeCycles(d, persistence(d, 1, 2), {}, &cancel));
    }

    void fileRoundTrips()
    {
        const FloatMatrix d = euclideanDistances(noisyCircle(40, 0.0, 0.0, 0.3, 9));
        const CycleSet cycles = representativeCycles(d, persistence(d, 1, 3), { 10, 3, 2'000'000 });
        QVERIFY(!cycles.classes.empty());
        CycleSet withSkip = cycles;
        withSkip.skipped.push_back(
            { 1, 0.25, std::numeric_limits<double>::infinity(), QStringLiteral("why") });
        QCOMPARE(cyclesFromJson(cyclesToJson(withSkip), QStringLiteral("c.json"), 40), withSkip);
    }

    void malformedFileNamesTheField_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::newRow("not json") << QByteArray("{") << QStringLiteral("offset");
        QTest::newRow("no classes") << QByteArray("{}") << QStringLiteral("classes");
        QTest::newRow("unknown key") << QByteArray(R"({"classes": [], "colour": 1})")
                                     << QStringLiteral("colour");
        QTest::newRow("dim") << QByteArray(
            R"({"classes": [{"dim": 0, "birth": 1, "death": 2, "simplices": [], "coefficients": []}]})")
                             << QStringLiteral("classes[0].dim");
        QTest::newRow("birth") << QByteArray(
            R"({"classes": [{"dim": 1, "birth": "x", "death": 2, "simplices": [], "coefficients": []}]})")
                               << QStringLiteral("classes[0].birth");
        QTest::newRow("vertex") << QByteArray(
            R"({"classes": [{"dim": 1, "birth": 1, "death": null, "simplices": [[0, 99]], "coefficients": [1]}]})")
                                << QStringLiteral("classes[0].simplices[0][1]");
        QTest::newRow("vertices") << QByteArray(
            R"({"classes": [{"dim": 1, "birth": 1, "death": null, "simplices": [[0, 1, 2]], "coefficients": [1]}]})")
                                  << QStringLiteral("classes[0].simplices[0]");
        QTest::newRow("coefficient") << QByteArray(
            R"({"coefficients": 3, "classes": [{"dim": 1, "birth": 1, "death": null, "simplices": [[0, 1]], "coefficients": [3]}]})")
                                     << QStringLiteral("classes[0].coefficients[0]");
        QTest::newRow("count") << QByteArray(
            R"({"classes": [{"dim": 1, "birth": 1, "death": null, "simplices": [[0, 1]], "coefficients": []}]})")
                               << QStringLiteral("classes[0].coefficients");
        QTest::newRow("reason") << QByteArray(
            R"({"classes": [], "skipped": [{"dim": 1, "birth": 1, "death": null, "reason": 5}]})")
                                << QStringLiteral("skipped[0].reason");
    }

    void malformedFileNamesTheField()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        const QString message
            = inputErrorOf([&] { cyclesFromJson(json, QStringLiteral("epochs/0003/cycles.json"), 10); });
        QVERIFY2(message.contains(QLatin1String("epochs/0003/cycles.json")), qPrintable(message));
        QVERIFY2(message.contains(field), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestCycles)
#include "tst_cycles.moc"
