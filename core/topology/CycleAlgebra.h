#pragma once
// Internal to RepresentativeCycles: sparse linear algebra over Z/p and the
// scale of a class (the matrix's value at its birth).

#include "RepresentativeCycles.h"
#include "storage/NpyFile.h"

#include <atomic>
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace netbetti::cycles {

/// ripser prints six significant digits: a diagram's birth is the matrix's
/// value to that precision.
constexpr double kScaleTolerance = 1e-5;

inline bool sameScale(double a, double b)
{
    return std::abs(a - b) <= kScaleTolerance * std::max(1.0, std::abs(b));
}

/// The matrix entry nearest to value (off the diagonal); none when no entry
/// is the same scale. *edges: the (lo, hi) pairs at it, in filtration order.
std::optional<float> scaleOf(const FloatMatrix &d, double value, std::vector<std::pair<int, int>> *edges);

/// The scale of `bar` (its birth as the matrix has it) into *scale and its
/// edges into *edges; the reason to skip it when there is none, or when
/// other classes of its dimension are born there and one of them dies
/// before it (any cycle born there lives until the first of those deaths;
/// which one lives longer the scale alone does not tell).
std::optional<QString> classScale(const FloatMatrix &d, const PersistenceDiagram &diagram, const PersistenceBar &bar,
                                  float *scale, std::vector<std::pair<int, int>> *edges);

class Field
{
public:
    explicit Field(int p) : m_p(p) {}
    int normal(long long v) const { return int(((v % m_p) + m_p) % m_p); }
    int minusOne() const { return m_p - 1; }
    int inverse(int a) const;

private:
    int m_p;
};

using SparseVector = std::vector<std::pair<int, int>>; // (index, coefficient), indices ascending

/// a + factor * b over the field.
SparseVector combine(const Field &field, const SparseVector &a, const SparseVector &b, int factor);

/// Vectors in row echelon form, added one at a time (pivot: the smallest
/// index). With tracking, each remembers which added vectors it combines,
/// so that a vector that reduces to zero yields the dependency.
class Echelon
{
public:
    Echelon(const Field &field, bool track) : m_field(field), m_track(track) {}

    /// What is left of v after removing its part in the span.
    SparseVector reduce(SparseVector v) const { return reduce(std::move(v), nullptr); }
    /// Adds v, known to callers as `id`. When it reduces to zero: the
    /// combination of added ids (id's coefficient 1) that is zero (tracking
    /// on), else an empty vector.
    std::optional<SparseVector> add(SparseVector v, int id);
    size_t rank() const { return m_pivots.size(); }
    /// Entries stored: what the budget counts.
    size_t size() const { return m_entries; }

private:
    SparseVector reduce(SparseVector v, SparseVector *combination) const;

    struct Row
    {
        SparseVector vector, combination;
    };
    const Field &m_field;
    bool m_track;
    std::map<int, Row> m_pivots;
    size_t m_entries = 0;
};

/// *cycle := the chain (simplex -> coefficient, any integers) reduced over
/// the field, zeros left out, as the class of bar; vertices(simplex) lists a
/// key's vertices ascending.
template<typename Chain, typename Vertices>
void setCycle(RepresentativeCycle *cycle, const PersistenceBar &bar, const Chain &chain, const Field &field,
              Vertices vertices)
{
    cycle->dim = bar.dim;
    cycle->birth = bar.birth;
    cycle->death = bar.death;
    cycle->simplices.clear();
    cycle->coefficients.clear();
    for (const auto &[simplex, c] : chain)
        if (const int value = field.normal(c); value != 0) {
            cycle->simplices.push_back(vertices(simplex));
            cycle->coefficients.push_back(value);
        }
}

/// The H2 construction of RepresentativeCycles.h; the reason when the
/// class is skipped.
std::optional<QString> cycleOfH2(const FloatMatrix &d, const PersistenceDiagram &diagram, const PersistenceBar &bar,
                                 const CycleSettings &settings, RepresentativeCycle *cycle, const std::atomic_bool *cancel);

} // namespace netbetti::cycles
