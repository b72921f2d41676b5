#include "DiagramDistance.h"

// hera's bottleneck and Wasserstein headers cannot share a translation unit
// (each defines hera::get_infinity): Wasserstein is in DiagramWasserstein.cpp.
#include <hera/bottleneck/bottleneck.h>

namespace netbetti {

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
    return bottleneckDistanceOfPoints(offDiagonalPoints(a, dim), offDiagonalPoints(b, dim));
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
        out.bottleneck.push_back(bottleneckDistance(a, b, dim));
        out.wasserstein.push_back(wassersteinDistance(a, b, dim));
    }
    return out;
}

} // namespace netbetti
