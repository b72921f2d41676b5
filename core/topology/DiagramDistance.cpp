#include "DiagramDistance.h"

// hera's bottleneck and Wasserstein headers cannot share a translation unit
// (each defines hera::get_infinity): Wasserstein is in DiagramWasserstein.cpp.
#include <hera/bottleneck/bottleneck.h>

#include "LineMatching.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace netbetti {

std::optional<std::pair<double, double>> distancesOnLine(const PointList &a, const PointList &b)
{
    PointList finiteA, finiteB;
    std::vector<double> essentialA, essentialB;
    for (const auto &p : a)
        std::isinf(p.second) ? essentialA.push_back(p.first) : finiteA.push_back(p);
    for (const auto &p : b)
        std::isinf(p.second) ? essentialB.push_back(p.first) : finiteB.push_back(p);
    if (!onOneLine(finiteA, finiteB))
        return std::nullopt;
    const double infinity = std::numeric_limits<double>::infinity();
    if (essentialA.size() != essentialB.size())
        return std::make_pair(infinity, infinity);
    // Essential bars are matched among themselves by birth.
    std::sort(essentialA.begin(), essentialA.end());
    std::sort(essentialB.begin(), essentialB.end());
    const LineMatching line = matchOnLine(finiteA, finiteB, false);
    double bottleneck = line.bottleneck, wasserstein = line.wasserstein;
    for (size_t k = 0; k < essentialA.size(); ++k) {
        bottleneck = std::max(bottleneck, std::abs(essentialA[k] - essentialB[k]));
        wasserstein += std::abs(essentialA[k] - essentialB[k]);
    }
    return std::make_pair(bottleneck, wasserstein);
}

PointList offDiagonalPoints(const PersistenceDiagram &diagram, int dim)
{
    PointList points;
    for (const PersistenceBar &bar : diagram.bars) {
        const double death = bar.isInfinite() && diagram.threshold ? *diagram.threshold : bar.death;
        if (bar.dim == dim && death > bar.birth)
            points.emplace_back(bar.birth, death);
    }
    return points;
}

double bottleneckDistance(const PersistenceDiagram &a, const PersistenceDiagram &b, int dim)
{
    const PointList pa = offDiagonalPoints(a, dim), pb = offDiagonalPoints(b, dim);
    if (const auto line = distancesOnLine(pa, pb))
        return line->first;
    return bottleneckDistanceOfPoints(pa, pb);
}

double bottleneckDistanceOfPoints(PointList a, PointList b)
{
    if (a.empty() && b.empty())
        return 0.0;
    return hera::bottleneckDistExact(a, b);
}

DiagramDistances diagramDistances(const PersistenceDiagram &a, const PersistenceDiagram &b, int maxDim)
{
    DiagramDistances out;
    for (int dim = 0; dim <= maxDim; ++dim) {
        // The points once, and the line checked once: off it, hera directly.
        const PointList pa = offDiagonalPoints(a, dim), pb = offDiagonalPoints(b, dim);
        if (const auto line = distancesOnLine(pa, pb)) {
            out.bottleneck.push_back(line->first);
            out.wasserstein.push_back(line->second);
        } else {
            out.bottleneck.push_back(bottleneckDistanceOfPoints(pa, pb));
            out.wasserstein.push_back(wasserstein1OfPoints(pa, pb));
        }
    }
    return out;
}

} // namespace netbetti
