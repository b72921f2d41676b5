#pragma once
// What a persistence computation will cost before it runs, so that a setting
// the machine cannot afford is refused with the estimate that decided it,
// never by running out of memory.
//
// Ripser's memory and time are governed by the simplices one dimension above
// the highest homology asked for: for H_k it reduces the coboundaries of the
// k-simplices into the (k+1)-simplices of diameter <= threshold. Measured on
// neuron spaces of 4-512-512-2 (Debian ripser 1.2.1, this project's VM):
// peak memory ~3.5 bytes per triangle for H1 and ~28 bytes per triangle for
// H2 (n = 200..666), time ~25 ns per triangle for H1 and ~12 ns per
// tetrahedron for H2. The constants below round these up.

#include "PersistenceEngine.h"

#include <QString>

namespace netbetti {

struct PersistenceCost
{
    int points = 0;
    double triangles = 0;   ///< 2-simplices of diameter <= threshold
    double tetrahedra = 0;  ///< 3-simplices of diameter <= threshold
    double bytes = 0;       ///< estimated peak memory of ripser
    double seconds = 0;     ///< estimated time on this class of machine

    /// e.g. "about 5.7 GB and 9 min (1026 points, 1.8e8 triangles)".
    QString describe() const;
};

/// Worst case for n points (every simplex under the threshold): what a spec
/// can be checked against before any matrix exists.
PersistenceCost worstCaseCost(int points, int maxDim);

/// For a given matrix, counting only the points that reach ripser (cone
/// points and duplicates are removed first): the fraction of triples and quadruples whose diameter
/// is <= threshold (none: the enclosing radius) is estimated from `samples`
/// random ones (seeded, so the same matrix gives the same estimate).
/// engine: "ripser" or "netbetti" (NetBettiEngine), whose memory differs.
PersistenceCost estimateCost(const FloatMatrix &distances, const PersistenceSettings &settings,
                             int samples = 100000, const QString &engine = QStringLiteral("ripser"));

/// The memory NetBetti allows one persistence computation: half the
/// physical memory, or $NETBETTI_MEMORY_BUDGET_MIB when set.
double persistenceMemoryBudget();

} // namespace netbetti
