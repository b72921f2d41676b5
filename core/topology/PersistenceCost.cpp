#include "PersistenceCost.h"

#include "ConeReduction.h"
#include "RipserEngine.h"

#include <QRandomGenerator>
#include <QtGlobal>
#include <algorithm>
#include <cmath>
#include <unistd.h>

namespace netbetti {

namespace {

constexpr double kBytesPerTriangleH1 = 4.0;
constexpr double kBytesPerTriangleH2 = 32.0;
constexpr double kBaseBytes = 16.0 * 1024 * 1024;
constexpr double kSecondsPerTriangleH1 = 30e-9;
constexpr double kSecondsPerTetrahedronH2 = 15e-9;

double choose(double n, int k)
{
    double c = 1.0;
    for (int i = 0; i < k; ++i)
        c *= (n - i) / (i + 1);
    return std::max(c, 0.0);
}

// NetBettiEngine (this project's VM, neuron spaces of 4-w-w-2, n = 87 to
// 1082 live points, bench/engine.sh): peak ~10 MB + ~20-30 bytes per pair of
// points (its matrix, sorted neighbour lists, per-edge tables, the caller's
// matrices); the columns it keeps are the 0.2-0.4 %
// of the top dimension's simplices outside apparent pairs, ~100 bytes each
// once reduced. The constants assume 2 % of them at 160 bytes. Time: H1
// ~5 ns per triangle, H2 ~110 ns per triangle (mostly the columns reduced
// one after another), H3 from H2 as for ripser.
constexpr double kNetBettiBytesPerPair = 24.0;
constexpr double kNetBettiBytesPerTopSimplex = 0.02 * 160.0;
constexpr double kNetBettiSecondsPerTriangleH1 = 6e-9;
constexpr double kNetBettiSecondsPerTriangleH2 = 1.2e-7;

PersistenceCost netbettiCostOf(int points, int maxDim, double triangles, double tetrahedra)
{
    PersistenceCost cost;
    cost.points = points;
    cost.triangles = triangles;
    cost.tetrahedra = tetrahedra;
    const double n = points;
    const double edges = n * (n - 1) / 2;
    const double higher = std::pow(std::max(1.0, n / 4.0), std::max(0, maxDim - 2));
    const double top = maxDim <= 0 ? 0.0 : maxDim == 1 ? edges : maxDim == 2 ? triangles : tetrahedra;
    cost.bytes = kBaseBytes + kNetBettiBytesPerPair * n * n + kNetBettiBytesPerTopSimplex * top;
    if (maxDim == 1)
        cost.seconds = kNetBettiSecondsPerTriangleH1 * triangles;
    else if (maxDim >= 2)
        cost.seconds = kNetBettiSecondsPerTriangleH2 * triangles * higher;
    return cost;
}

PersistenceCost costOf(int points, int maxDim, double triangles, double tetrahedra)
{
    PersistenceCost cost;
    cost.points = points;
    cost.triangles = triangles;
    cost.tetrahedra = tetrahedra;
    const double n = points;
    cost.bytes = kBaseBytes + 8.0 * n * n; // the matrix itself
    if (maxDim == 1) {
        cost.bytes += kBytesPerTriangleH1 * triangles;
        cost.seconds = kSecondsPerTriangleH1 * triangles;
    } else if (maxDim >= 2) {
        // Each dimension above 2 multiplies by roughly another factor of n;
        // H3 and beyond are estimated from H2's constants and that factor.
        const double higher = std::pow(std::max(1.0, n / 4.0), maxDim - 2);
        cost.bytes += kBytesPerTriangleH2 * triangles * higher;
        cost.seconds = kSecondsPerTetrahedronH2 * tetrahedra * higher;
    }
    return cost;
}

} // namespace

QString PersistenceCost::describe() const
{
    const double gb = bytes / 1e9;
    const QString memory = gb >= 1.0 ? QStringLiteral("%1 GB").arg(gb, 0, 'f', 1)
                                     : QStringLiteral("%1 MB").arg(bytes / 1e6, 0, 'f', 0);
    QString time;
    if (seconds < 60)
        time = QStringLiteral("%1 s").arg(seconds, 0, 'f', 1);
    else if (seconds < 3600)
        time = QStringLiteral("%1 min").arg(seconds / 60, 0, 'f', 0);
    else
        time = QStringLiteral("%1 h").arg(seconds / 3600, 0, 'f', 1);
    return QStringLiteral("about %1 and %2 per epoch (%3 points, %4 triangles)")
        .arg(memory, time)
        .arg(points)
        .arg(triangles, 0, 'g', 2);
}

PersistenceCost worstCaseCost(int points, int maxDim)
{
    return costOf(points, maxDim, choose(points, 3), choose(points, 4));
}

PersistenceCost estimateCost(const FloatMatrix &d, const PersistenceSettings &settings, int samples, const QString &engine)
{
    // Cone points and duplicates never reach the engine (ConeReduction.h).
    const std::vector<Eigen::Index> keep = reducedPoints(d);
    const Eigen::Index n = Eigen::Index(keep.size());
    const auto model = engine == QLatin1String("netbetti") ? netbettiCostOf : costOf;
    if (n < 4)
        return model(int(n), settings.maxDim, choose(double(n), 3), choose(double(n), 4));
    const double enclosing = enclosingRadius(d);
    const double t = settings.threshold ? std::min(*settings.threshold, enclosing) : enclosing;
    QRandomGenerator rng(0x5eed);
    int triangles = 0, tetrahedra = 0;
    for (int s = 0; s < samples; ++s) {
        Eigen::Index v[4];
        for (int k = 0; k < 4; ++k) {
            bool fresh = false;
            while (!fresh) {
                v[k] = keep[size_t(rng.bounded(quint32(n)))];
                fresh = std::find(v, v + k, v[k]) == v + k;
            }
        }
        const float tri = std::max({d(v[0], v[1]), d(v[0], v[2]), d(v[1], v[2])});
        if (tri > t)
            continue;
        ++triangles;
        if (std::max({tri, d(v[0], v[3]), d(v[1], v[3]), d(v[2], v[3])}) <= t)
            ++tetrahedra;
    }
    return model(int(n), settings.maxDim, choose(double(n), 3) * triangles / samples,
                 choose(double(n), 4) * tetrahedra / samples);
}

double persistenceMemoryBudget()
{
    bool ok = false;
    const double mib = qEnvironmentVariable("NETBETTI_MEMORY_BUDGET_MIB").toDouble(&ok);
    if (ok && mib > 0)
        return mib * 1024.0 * 1024.0;
    const double physical = double(sysconf(_SC_PHYS_PAGES)) * double(sysconf(_SC_PAGESIZE));
    return physical > 0 ? physical / 2.0 : 4e9;
}

} // namespace netbetti
