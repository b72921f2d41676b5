#pragma once
// Persistence diagrams of a Vietoris–Rips filtration, and what is read off
// them: Betti numbers at a scale, persistence summaries.

#include <QString>
#include <QMetaType>
#include <limits>
#include <optional>
#include <vector>

namespace netbetti {

struct PersistenceBar
{
    int dim = 0;
    double birth = 0.0;
    /// +inf for a class that never dies, and for one still alive at the
    /// diagram's threshold (then it is alive at the threshold, not forever).
    double death = std::numeric_limits<double>::infinity();

    bool isInfinite() const;
    double persistence() const;
    bool operator==(const PersistenceBar &other) const;
    /// Born at or before scale and not yet dead at it: [birth, death).
    bool isAliveAt(double scale) const;
};

struct PersistenceDiagram
{
    std::vector<PersistenceBar> bars; ///< grouped by dimension, then by birth
    int maxDim = 1;
    /// The scale the filtration stopped at when the user set one below the
    /// enclosing radius; infinite bars are then "alive at threshold".
    std::optional<double> threshold;
    int pointCount = 0;

    std::vector<PersistenceBar> inDimension(int dim) const;
    int count(int dim) const;
    /// β_dim of the Rips complex at scale eps.
    int bettiAt(int dim, double eps) const;
    double totalPersistence(int dim) const;  ///< over finite bars
    double maxPersistence(int dim) const;    ///< over finite bars
    /// Largest finite death or birth: the right end of a plot's axis.
    double largestFiniteValue() const;
    /// Sorts bars by dimension, birth, then death; the order files are written in.
    void normalise();
    bool operator==(const PersistenceDiagram &other) const;
};

} // namespace netbetti

Q_DECLARE_METATYPE(netbetti::PersistenceDiagram)
