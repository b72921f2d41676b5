#include "DiagramDistance.h"

#include "Error.h"

#include <hera/wasserstein/wasserstein.h>

namespace netbetti {

double wassersteinDistance(const PersistenceDiagram &a, const PersistenceDiagram &b, int dim, double q,
                           double relativeError)
{
    if (q < 1.0)
        throw InputError(QString(), QStringLiteral("wasserstein power"), QString::number(q),
                         QStringLiteral("must be at least 1"));
    const auto pa = offDiagonalPoints(a, dim), pb = offDiagonalPoints(b, dim);
    if (pa.empty() && pb.empty())
        return 0.0;
    hera::AuctionParams<double> params;
    params.wasserstein_power = q;
    params.delta = relativeError;
    return hera::wasserstein_dist(pa, pb, params);
}

} // namespace netbetti
