#pragma once
// H0 of a Vietoris–Rips filtration without ripser: every point is born at 0
// and components merge along the edges of a minimum spanning tree (Kruskal),
// so the deaths are its edge lengths. Exact, and needs no child process.
// Used when only H0 is asked for (Debian's ripser 1.2.1 aborts on --dim 0).

#include "PersistenceDiagram.h"
#include "storage/NpyFile.h"

#include <optional>

namespace netbetti {

/// One bar [0, d) per point: n - 1 finite bars (lengths of the spanning
/// tree's edges, zero for duplicate points) and one infinite, or more
/// infinite when a threshold leaves the space disconnected (then the
/// diagram's threshold is set and they are alive at it).
PersistenceDiagram zeroDimensionalPersistence(const FloatMatrix &distances, std::optional<double> threshold = {});

} // namespace netbetti
