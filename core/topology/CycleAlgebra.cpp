#include "CycleAlgebra.h"

#include <limits>

namespace netbetti::cycles {

std::optional<float> scaleOf(const FloatMatrix& d, double value, std::vector<std::pair<int, int>>* edges)
{
    // One pass in filtration order (index descending: the larger vertex
    // first, then the larger other one), keeping the entries nearest so far.
    const int n = int(d.rows());
    float scale = 0.0f;
    double nearest = std::numeric_limits<double>::infinity();
    edges->clear();
    for (int hi = n - 1; hi >= 0; --hi) {
        const float* row = d.data() + size_t(hi) * size_t(n);
        for (int lo = hi - 1; lo >= 0; --lo) {
            const double gap = std::abs(double(row[lo]) - value);
            if (gap > nearest)
                continue;
            if (gap < nearest) {
                nearest = gap;
                scale = row[lo];
                edges->clear();
            }
            edges->emplace_back(lo, hi);
        }
    }
    if (!std::isfinite(nearest) || !sameScale(scale, value)) {
        edges->clear();
        return std::nullopt;
    }
    return scale;
}

std::optional<QString> classScale(const FloatMatrix& d, const PersistenceDiagram& diagram,
    const PersistenceBar& bar, float* scale, std::vector<std::pair<int, int>>* edges)
{
    const std::optional<float> found = scaleOf(d, bar.birth, edges);
    if (!found)
        return QStringLiteral("no edge of the matrix has length %1").arg(bar.birth);
    *scale = *found;
    int bornHere = 0;
    double firstDeath = std::numeric_limits<double>::infinity();
    for (const PersistenceBar& other : diagram.bars)
        if (other.dim == bar.dim && sameScale(other.birth, *found)) {
            ++bornHere;
            firstDeath = std::min(firstDeath, other.death);
        }
    if (bornHere > 1 && bar.death > firstDeath)
        return QStringLiteral(
            "%1 classes of H%2 are born at %3 and this one is not the first to die: which cycle "
            "lives as long as it is not determined by the scale")
            .arg(bornHere)
            .arg(bar.dim)
            .arg(bar.birth);
    return std::nullopt;
}

int Field::inverse(int a) const
{
    long long result = 1, base = a, e = m_p - 2;
    while (e > 0) {
        if (e & 1)
            result = result * base % m_p;
        base = base * base % m_p;
        e >>= 1;
    }
    return int(result);
}

SparseVector combine(const Field& field, const SparseVector& a, const SparseVector& b, int factor)
{
    SparseVector out;
    out.reserve(a.size() + b.size());
    size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (j == b.size() || (i < a.size() && a[i].first < b[j].first)) {
            out.push_back(a[i++]);
        } else if (i == a.size() || b[j].first < a[i].first) {
            out.emplace_back(b[j].first, field.normal(static_cast<long long>(b[j].second) * factor));
            ++j;
        } else {
            const int v = field.normal(a[i].second + static_cast<long long>(b[j].second) * factor);
            if (v != 0)
                out.emplace_back(a[i].first, v);
            ++i;
            ++j;
        }
    }
    return out;
}

SparseVector Echelon::reduce(SparseVector v, SparseVector* combination) const
{
    while (!v.empty()) {
        const auto found = m_pivots.find(v.front().first);
        if (found == m_pivots.end())
            break;
        const int factor = m_field.normal(-v.front().second);
        v = combine(m_field, v, found->second.vector, factor);
        if (combination)
            *combination = combine(m_field, *combination, found->second.combination, factor);
    }
    return v;
}

std::optional<SparseVector> Echelon::add(SparseVector v, int id)
{
    SparseVector combination;
    if (m_track)
        combination.emplace_back(id, 1);
    v = reduce(std::move(v), m_track ? &combination : nullptr);
    if (v.empty())
        return combination;
    // Scaled so that the pivot is 1 (the combination with it).
    const int scale = m_field.inverse(v.front().second);
    for (auto& entry : v)
        entry.second = m_field.normal(static_cast<long long>(entry.second) * scale);
    for (auto& entry : combination)
        entry.second = m_field.normal(static_cast<long long>(entry.second) * scale);
    m_entries += v.size() + combination.size();
    const int pivot = v.front().first;
    m_pivots.emplace(pivot, Row { std::move(v), std::move(combination) });
    return std::nullopt;
}

} // namespace netbetti::cycles
