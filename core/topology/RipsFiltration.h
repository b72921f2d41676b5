#pragma once
// The Vietoris–Rips filtration of a distance matrix as NetBettiEngine walks
// it: simplices named by the combinatorial number system, and the cofaces of
// a simplex generated lazily in filtration order.
//
// A simplex with vertices v_k > ... > v_0 is named by
//   index = C(v_k, k+1) + ... + C(v_1, 2) + C(v_0, 1),
// a bijection from the (k+1)-subsets of {0..n-1} onto 0..C(n, k+1)-1.
//
// The filtration order (the tie order NetBetti documents): simplices by
// diameter, and simplices of equal diameter by index, the larger index
// first; lower dimensions before higher ones at equal diameter. It is the
// order ripser uses, so that the pairs (not only the bars) are ripser's, and
// it depends on nothing but the matrix: not on threads, not on the run.

#include "storage/NpyFile.h"

#include <cstdint>
#include <vector>

namespace netbetti::rips {

using SimplexIndex = std::uint64_t;

/// Vertices of the largest simplex the engine touches: the cofaces of H3's
/// columns are 4-simplices.
constexpr int kMaxVertices = 5;

struct Simplex
{
    float diameter = 0.0f;
    SimplexIndex index = 0;
};

/// a before b in the filtration order.
inline bool comesBefore(const Simplex &a, const Simplex &b)
{
    return a.diameter < b.diameter || (a.diameter == b.diameter && a.index > b.index);
}

struct Neighbour
{
    float distance;
    int vertex;
};

class Filtration
{
public:
    /// Only simplices of diameter <= threshold belong to the filtration.
    Filtration(const FloatMatrix &distances, double threshold, int maxVertices);

    int points() const { return m_n; }
    float threshold() const { return m_threshold; }
    const float *row(int v) const { return m_distances.data() + size_t(v) * size_t(m_n); }
    float distance(int a, int b) const { return m_distances[size_t(a) * size_t(m_n) + size_t(b)]; }
    SimplexIndex binomial(int v, int k) const { return m_binomials[size_t(k) * size_t(m_n + 1) + size_t(v)]; }

    /// vertices in decreasing order.
    SimplexIndex indexOf(const int *vertices, int count) const;
    /// The inverse: the count vertices of index, in decreasing order.
    void verticesOf(SimplexIndex index, int count, int *vertices) const;
    float diameterOf(const int *vertices, int count) const;

    /// Each vertex's neighbours within the threshold, sorted by distance and,
    /// at equal distance, by vertex descending. Built once, before the
    /// streams below are used (they need it past the equal-diameter cofaces).
    void buildNeighbours(int threads);
    bool hasNeighbours() const { return !m_neighbourStart.empty(); }
    const Neighbour *neighboursBegin(int v) const { return m_neighbours.data() + m_neighbourStart[size_t(v)]; }
    const Neighbour *neighboursEnd(int v) const { return m_neighbours.data() + m_neighbourStart[size_t(v) + 1]; }

    /// The largest vertex w outside the simplex (vertices decreasing) such
    /// that adding w keeps the diameter: the first coface in filtration
    /// order when one of equal diameter exists; -1 when none does. Only
    /// vertices below `from` are looked at (-1: all).
    int firstEqualCoface(const int *vertices, int count, float diameter, int from = -1) const;

private:
    int m_n = 0;
    float m_threshold = 0.0f;
    std::vector<float> m_distances;          // row-major n x n
    std::vector<SimplexIndex> m_binomials;   // (maxVertices + 1) x (n + 1)
    std::vector<Neighbour> m_neighbours;
    std::vector<size_t> m_neighbourStart;
};

struct Coface
{
    Simplex simplex;
    int sign = 1; ///< +1 or -1: the coefficient of the coface in the coboundary
};

/// The cofaces of one simplex, in filtration order, one at a time: first
/// those of the simplex's own diameter (by a scan of the vertices from the
/// top, which gives them by index descending), then the others by merging the
/// simplex's vertices' sorted neighbour lists (a vertex w joins at the
/// largest of its distances to the vertices; it is emitted from the list
/// where that largest distance is reached). No coface is ever stored.
class CofaceStream
{
public:
    CofaceStream() = default;
    CofaceStream(const Filtration &filtration, const int *vertices, int count, float diameter);
    /// The next coface; false when there is none left within the threshold.
    bool next(const Filtration &filtration, Coface *coface);
    /// On a fresh stream: skips the cofaces of diameter below `after`'s at
    /// once (by binary search in the neighbour lists); those of its
    /// diameter are left to next().
    void skipBelow(const Filtration &filtration, const Simplex &after);

private:
    void startMerging(const Filtration &filtration, float from, bool inclusive);
    Coface make(const Filtration &filtration, int vertex, float diameter) const;
    bool nextMerged(const Filtration &filtration, Coface *coface);

    int m_vertices[kMaxVertices - 1] = {};
    int m_count = 0;
    float m_diameter = 0.0f;
    int m_cursor = -1;   // the equal-diameter scan's next vertex; -1: merging
    bool m_merging = false;
    const Neighbour *m_at[kMaxVertices - 1] = {};
    const Neighbour *m_end[kMaxVertices - 1] = {};
    // index of the coface with the new vertex after `position` of the
    // simplex's vertices: m_above[position] + C(w, count + 1 - position) + m_below[position]
    SimplexIndex m_above[kMaxVertices] = {};
    SimplexIndex m_below[kMaxVertices] = {};
};

} // namespace netbetti::rips
