#include "DiagramDistance.h"

#include "Error.h"

#include <hera/wasserstein/wasserstein.h>

#include <algorithm>

namespace netbetti {

namespace {

// Removes the points the two multisets share. Exact for q = 1: by duality
// (Figalli–Gigli 2010; Divol–Lacombe 2021, Prop. 3.2) the 1-Wasserstein
// distance between diagrams is sup of the integral of f against a - b over
// 1-Lipschitz f vanishing on the diagonal, which sees only a - b. Nearly all
// of H0 is shared between consecutive epochs (the dead neurons' [0, 1) bars),
// so this halves the auction's work there.
void removeCommonPoints(PointList &a, PointList &b)
{
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    PointList onlyA, onlyB;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(onlyA));
    std::set_difference(b.begin(), b.end(), a.begin(), a.end(), std::back_inserter(onlyB));
    a.swap(onlyA);
    b.swap(onlyB);
}

} // namespace

double wassersteinDistanceOfPoints(const PointList &a, const PointList &b, double q, double relativeError)
{
    if (!(q >= 1.0))
        throw InputError(QString(), QStringLiteral("wasserstein power"), QString::number(q),
                         QStringLiteral("must be at least 1"));
    if (a.empty() && b.empty())
        return 0.0;
    hera::AuctionParams<double> params;
    params.wasserstein_power = q;
    params.delta = relativeError;
    return hera::wasserstein_dist(a, b, params);
}

double wasserstein1OfPoints(PointList a, PointList b, double relativeError)
{
    removeCommonPoints(a, b);
    return wassersteinDistanceOfPoints(a, b, 1.0, relativeError);
}

double wassersteinDistance(const PersistenceDiagram &a, const PersistenceDiagram &b, int dim, double q,
                           double relativeError)
{
    PointList pa = offDiagonalPoints(a, dim), pb = offDiagonalPoints(b, dim);
    if (q != 1.0)
        return wassersteinDistanceOfPoints(pa, pb, q, relativeError);
    if (const auto line = distancesOnLine(pa, pb))
        return line->second;
    return wasserstein1OfPoints(std::move(pa), std::move(pb), relativeError);
}

} // namespace netbetti
