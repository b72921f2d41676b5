#include "PersistenceDiagram.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace netbetti {

bool PersistenceBar::isInfinite() const
{
    return std::isinf(death);
}

double PersistenceBar::persistence() const
{
    return death - birth;
}

bool PersistenceBar::operator==(const PersistenceBar &other) const
{
    return dim == other.dim && birth == other.birth && death == other.death;
}

bool PersistenceBar::isAliveAt(double scale) const
{
    return birth <= scale && scale < death;
}

std::vector<PersistenceBar> PersistenceDiagram::inDimension(int dim) const
{
    std::vector<PersistenceBar> out;
    std::copy_if(bars.begin(), bars.end(), std::back_inserter(out),
                 [dim](const PersistenceBar &b) { return b.dim == dim; });
    return out;
}

int PersistenceDiagram::count(int dim) const
{
    return int(std::count_if(bars.begin(), bars.end(),
                             [dim](const PersistenceBar &b) { return b.dim == dim; }));
}

int PersistenceDiagram::bettiAt(int dim, double eps) const
{
    return int(std::count_if(bars.begin(), bars.end(), [dim, eps](const PersistenceBar &b) {
        return b.dim == dim && b.isAliveAt(eps);
    }));
}

double PersistenceDiagram::totalPersistence(int dim) const
{
    double total = 0.0;
    for (const auto &b : bars)
        if (b.dim == dim && !b.isInfinite())
            total += b.persistence();
    return total;
}

double PersistenceDiagram::maxPersistence(int dim) const
{
    double best = 0.0;
    for (const auto &b : bars)
        if (b.dim == dim && !b.isInfinite())
            best = std::max(best, b.persistence());
    return best;
}

double PersistenceDiagram::largestFiniteValue() const
{
    double best = 0.0;
    for (const auto &b : bars)
        best = std::max(best, b.isInfinite() ? b.birth : b.death);
    return best;
}

void PersistenceDiagram::normalise()
{
    std::sort(bars.begin(), bars.end(), [](const PersistenceBar &a, const PersistenceBar &b) {
        return std::tie(a.dim, a.birth, a.death) < std::tie(b.dim, b.birth, b.death);
    });
}

bool PersistenceDiagram::operator==(const PersistenceDiagram &other) const
{
    return bars == other.bars && maxDim == other.maxDim && threshold == other.threshold
           && pointCount == other.pointCount;
}

} // namespace netbetti
