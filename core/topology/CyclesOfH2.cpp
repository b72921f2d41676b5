// The H2 construction of RepresentativeCycles.h: at the class's scale b,
// combinations of the triangles of diameter b whose boundary has no edge of
// length b, taken up to the boundaries of the tetrahedra of diameter b, and
// closed by a 2-chain of triangles shorter than b found by a sparse solve in
// a growing neighbourhood.

#include "CycleAlgebra.h"

#include "Error.h"

#include <array>
#include <unordered_map>

namespace netbetti::cycles {

namespace {

using Triangle = std::array<int, 3>;

struct TriangleHash
{
    size_t operator()(const Triangle& t) const
    {
        return std::hash<long long>()((static_cast<long long>(t[0]) * 1000003 + t[1]) * 1000003 + t[2]);
    }
};

/// Ids of edges as they are met.
class EdgeIds
{
public:
    explicit EdgeIds(int n)
        : m_n(n)
    {
    }
    int of(int a, int b)
    {
        const long long key = static_cast<long long>(std::min(a, b)) * m_n + std::max(a, b);
        return m_ids.emplace(key, int(m_ids.size())).first->second;
    }

private:
    int m_n;
    std::unordered_map<long long, int> m_ids;
};

/// boundary of [a, b, c] = [b, c] - [a, c] + [a, b], over edge ids.
SparseVector boundaryOf(const Triangle& t, EdgeIds& edges, const Field& field)
{
    SparseVector v { { edges.of(t[1], t[2]), 1 }, { edges.of(t[0], t[2]), field.minusOne() },
        { edges.of(t[0], t[1]), 1 } };
    std::sort(v.begin(), v.end());
    return v;
}

} // namespace

std::optional<QString> cycleOfH2(const FloatMatrix& d, const PersistenceDiagram& diagram,
    const PersistenceBar& bar, const CycleSettings& settings, RepresentativeCycle* cycle,
    const std::atomic_bool* cancel)
{
    const int n = int(d.rows());
    float s = 0.0f;
    std::vector<std::pair<int, int>> atScale;
    if (std::optional<QString> reason = classScale(d, diagram, bar, &s, &atScale))
        return reason;
    const QString overBudget = QStringLiteral("its scale %1 has more simplices than the budget (%2)")
                                   .arg(bar.birth)
                                   .arg(settings.budget);
    const QString fillOverBudget = QStringLiteral("closing it takes a solve larger than the budget (%1 entries)")
                                       .arg(std::min(settings.budget, settings.fillBudget));
    const Field field(settings.coefficients);

    // The triangles of diameter s (each has an edge of length s) and the
    // tetrahedra of diameter s (each has such a triangle), in the order met.
    std::vector<Triangle> top;
    std::unordered_map<Triangle, int, TriangleHash> topId;
    std::vector<std::array<int, 4>> tetrahedra;
    qint64 looked = 0;
    for (const auto& [lo, hi] : atScale) {
        std::vector<int> third;
        for (int m = 0; m < n; ++m)
            if (m != lo && m != hi && d(lo, m) <= s && d(hi, m) <= s)
                third.push_back(m);
        for (size_t a = 0; a < third.size(); ++a) {
            Triangle t { lo, hi, third[a] };
            std::sort(t.begin(), t.end());
            if (topId.emplace(t, int(top.size())).second)
                top.push_back(t);
            for (size_t b = a + 1; b < third.size(); ++b)
                if (d(third[a], third[b]) <= s) {
                    std::array<int, 4> q { lo, hi, third[a], third[b] };
                    std::sort(q.begin(), q.end());
                    tetrahedra.push_back(q);
                }
            if (++looked + qint64(tetrahedra.size()) > settings.budget)
                return overBudget;
        }
    }
    std::sort(tetrahedra.begin(), tetrahedra.end());
    tetrahedra.erase(std::unique(tetrahedra.begin(), tetrahedra.end()), tetrahedra.end());
    if (cancel && cancel->load())
        throw Cancelled();

    // The tetrahedra's boundaries, on the triangles of diameter s.
    Echelon tetrahedral(field, false);
    for (const auto& q : tetrahedra) {
        SparseVector v;
        for (int drop = 0; drop < 4; ++drop) {
            Triangle face;
            for (int k = 0, m = 0; k < 4; ++k)
                if (k != drop)
                    face[size_t(m++)] = q[size_t(k)];
            if (const auto it = topId.find(face); it != topId.end())
                v.emplace_back(it->second, drop % 2 == 0 ? 1 : field.minusOne());
        }
        std::sort(v.begin(), v.end());
        tetrahedral.add(v, 0);
    }

    // Combinations of those triangles whose boundary has no edge of length
    // s (the dependencies of their parts of length s), independent modulo
    // the tetrahedra: the candidates.
    std::vector<SparseVector> candidates;
    {
        EdgeIds edges(n);
        Echelon lengthS(field, true);
        for (int id = 0; id < int(top.size()); ++id) {
            SparseVector v;
            const Triangle& t = top[size_t(id)];
            const std::pair<std::pair<int, int>, int> faces[3]
                = { { { t[1], t[2] }, 1 }, { { t[0], t[2] }, field.minusOne() }, { { t[0], t[1] }, 1 } };
            for (const auto& [face, sign] : faces)
                if (d(face.first, face.second) == s)
                    v.emplace_back(edges.of(face.first, face.second), sign);
            std::sort(v.begin(), v.end());
            if (std::optional<SparseVector> dependency = lengthS.add(v, id))
                if (!tetrahedral.reduce(*dependency).empty()) {
                    tetrahedral.add(*dependency, 0);
                    candidates.push_back(std::move(*dependency));
                }
            if (qint64(lengthS.size() + tetrahedral.size()) > settings.budget)
                return overBudget;
        }
    }
    if (candidates.empty())
        return QStringLiteral(
            "no closed combination of the triangles of diameter %1 is left open by the tetrahedra")
            .arg(bar.birth);

    // A combination of candidates that triangles shorter than s fill: the
    // candidates' boundaries as columns after those of the triangles of a
    // full subcomplex of K<s, grown from the candidates' vertices by the
    // edges shorter than s until one reduces to zero.
    std::vector<char> inside(size_t(n), 0);
    std::vector<int> vertices;
    for (const SparseVector& c : candidates)
        for (const auto& [id, coefficient] : c)
            for (int v : top[size_t(id)])
                if (!inside[size_t(v)]) {
                    inside[size_t(v)] = 1;
                    vertices.push_back(v);
                }
    for (;;) {
        if (cancel && cancel->load())
            throw Cancelled();
        std::sort(vertices.begin(), vertices.end());
        std::vector<Triangle> shorter;
        for (size_t a = 0; a < vertices.size(); ++a)
            for (size_t b = a + 1; b < vertices.size(); ++b) {
                if (!(d(vertices[a], vertices[b]) < s))
                    continue;
                for (size_t c = b + 1; c < vertices.size(); ++c)
                    if (d(vertices[a], vertices[c]) < s && d(vertices[b], vertices[c]) < s) {
                        shorter.push_back({ vertices[a], vertices[b], vertices[c] });
                        if (qint64(shorter.size()) > settings.budget)
                            return overBudget;
                    }
            }
        EdgeIds edges(n);
        Echelon fill(field, true);
        const int columns = int(shorter.size());
        for (int id = 0; id < columns; ++id) {
            fill.add(boundaryOf(shorter[size_t(id)], edges, field), id);
            if (qint64(fill.size()) > std::min(settings.budget, settings.fillBudget))
                return fillOverBudget;
        }
        for (size_t k = 0; k < candidates.size(); ++k) {
            SparseVector boundary;
            for (const auto& [id, c] : candidates[k])
                boundary = combine(field, boundary, boundaryOf(top[size_t(id)], edges, field), c);
            std::optional<SparseVector> dependency = fill.add(boundary, columns + int(k));
            if (qint64(fill.size()) > std::min(settings.budget, settings.fillBudget))
                return fillOverBudget;
            if (!dependency)
                continue;
            // The chain: the shorter triangles and the candidates, as combined.
            std::map<Triangle, long long> chain;
            for (const auto& [id, c] : *dependency) {
                if (id < columns) {
                    chain[shorter[size_t(id)]] += c;
                } else {
                    for (const auto& [t, tc] : candidates[size_t(id - columns)])
                        chain[top[size_t(t)]] += static_cast<long long>(c) * tc;
                }
            }
            setCycle(cycle, bar, chain, field, [](const Triangle &t) { return std::vector<int>{ t[0], t[1], t[2] }; });
            return std::nullopt;
        }
        // Grow by one step of the edges shorter than s.
        const size_t before = vertices.size();
        for (size_t k = 0; k < before; ++k)
            for (int w = 0; w < n; ++w)
                if (!inside[size_t(w)] && d(vertices[k], w) < s) {
                    inside[size_t(w)] = 1;
                    vertices.push_back(w);
                }
        if (vertices.size() == before)
            return QStringLiteral("no 2-chain of triangles shorter than %1 closes the class").arg(bar.birth);
    }
}

} // namespace netbetti::cycles
