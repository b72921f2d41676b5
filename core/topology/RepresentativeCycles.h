#pragma once
// Representative cycles of the most persistent classes of a diagram, with
// coefficients in Z/p: a chain of simplices of diameter <= the class's birth,
// boundary zero, and not a boundary before the class's death.
//
// Why the construction is sound (H1). Let K<b and K<=b be the Rips complexes
// of the simplices of diameter < b and <= b. The classes born at scale b that
// live past it are the cokernel of H1(K<b) -> H1(K<=b); the diagram (which
// leaves out bars of length zero) lists one bar per dimension of it. When
// exactly one H1 bar is born at b, any cycle z of K<=b that is nonzero in
// that cokernel represents it: at every scale s before the death, the image
// of H1(K<=b) is the image of H1(K<b) plus the span of [z], one dimension
// larger, so [z] is not zero there. Such a z: contract each component of
// the graph of the edges shorter than b to a node; the edges of length b
// are then the edges of a graph G whose cycle space is the cycles of K<=b up
// to those of K<b. A cycle of G, with shortest paths (by length, in edges
// shorter than b) joining its edges inside each component, is a cycle z of
// K<=b; z is zero in the cokernel exactly when z is a boundary of triangles
// of diameter <= b plus a cycle of K<b, and only the triangles of diameter
// exactly b reach its edges of length b: so z is nonzero in the cokernel iff
// its part of length b is not in the span of the parts of length b of those
// triangles' boundaries (a small linear algebra over Z/p). The fundamental
// cycles of a spanning forest of G grown in filtration order (RipsFiltration.h)
// span G's cycle space, so one of them passes; the first one that does is
// the class's cycle. Usually G's cycle is one edge e = (i, j) of length b,
// and z is e plus a shortest path from j back to i. This works at a scale,
// not at a simplex: it needs neither the engine's pairing nor a tie rule
// between simplices of equal diameter (a regular polygon's loop is all of
// its equal edges). Every cycle is checked (boundary zero over Z/p,
// diameters <= birth) before it is returned.
//
// H2 is the same one dimension up (CyclesOfH2.cpp): combinations of the
// triangles of diameter b whose boundaries have no edge of length b, taken
// independent modulo the parts of diameter b of the tetrahedra's
// boundaries, and closed by a 2-chain of triangles shorter than b, found by
// a sparse solve over Z/p in the full subcomplex of a neighbourhood of their
// vertices grown by the edges shorter than b (any filling found there is
// one in K<b).
//
// Ties: when k > 1 classes of a dimension are born at the same scale, every
// cycle nonzero in the cokernel lives at least until the first of their
// deaths, so that class gets the cycle; the others are skipped (which cycle
// lives longer the scale does not tell). The first class's cycle may then
// outlive its death (it can be another of the tied classes plus it).
//
// What is skipped, with the reason: those tied classes, a class whose scale
// has more simplices than the budget allows (edges, triangles, tetrahedra
// and the solve's entries), and classes of H3.
//
// Which classes: the `perDimension` most persistent of each dimension >= 1,
// by persistence descending (infinite first), then birth ascending, then
// death ascending.

#include "PersistenceDiagram.h"
#include "storage/NpyFile.h"

#include <QString>
#include <atomic>
#include <optional>
#include <vector>

namespace netbetti {

struct RepresentativeCycle
{
    int dim = 1;
    double birth = 0.0;
    double death = std::numeric_limits<double>::infinity(); ///< inf: alive
    /// Each simplex's dim + 1 vertices, ascending: indices into the matrix.
    std::vector<std::vector<int>> simplices;
    /// In 1..p-1, of the simplex oriented by its ascending vertices.
    std::vector<int> coefficients;

    bool operator==(const RepresentativeCycle &other) const;
    /// The distinct vertices, ascending.
    std::vector<int> vertices() const;
};

struct SkippedClass
{
    int dim = 1;
    double birth = 0.0;
    double death = std::numeric_limits<double>::infinity();
    QString reason;
    bool operator==(const SkippedClass &other) const;
};

struct CycleSet
{
    int coefficients = 2;
    std::vector<RepresentativeCycle> classes;
    std::vector<SkippedClass> skipped;
    bool operator==(const CycleSet &other) const;
    /// The cycle of the class (dim, birth, death); null when it has none.
    const RepresentativeCycle *find(int dim, double birth, double death) const;
    const SkippedClass *findSkipped(int dim, double birth, double death) const;
};

struct CycleSettings
{
    int perDimension = 10;
    int coefficients = 2;
    /// Simplices one class may look at (edges and triangles at its scale);
    /// past it the class is skipped.
    qint64 budget = 2'000'000;
    /// Entries of an H2 class's filling solve (reduced boundaries and the
    /// combinations they track); past it the class is skipped. It bounds
    /// the time too: the solve is what H2 cycles spend it on.
    qint64 fillBudget = 100'000;
    /// At most this many classes of H2 and up (their filling solves cost
    /// 0.1-0.5 s a class, where an H1 cycle costs milliseconds).
    int perHigherDimension = 10;
};

/// The classes of `diagram` (computed from `distances`) ordered as above.
std::vector<PersistenceBar> mostPersistent(const PersistenceDiagram &diagram, int dim, int count);

/// Throws Cancelled when *cancel becomes true.
CycleSet representativeCycles(const FloatMatrix &distances, const PersistenceDiagram &diagram,
                              const CycleSettings &settings, const std::atomic_bool *cancel = nullptr);

/// Why `cycle` is not a cycle of the Rips complex at its birth over Z/p
/// (a simplex out of range or longer than the birth, a coefficient out of
/// 1..p-1, a nonzero boundary); none when it is one.
std::optional<QString> cycleDefect(const FloatMatrix &distances, const RepresentativeCycle &cycle, int p);

} // namespace netbetti
