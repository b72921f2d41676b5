#include "RepresentativeCycles.h"

#include "CycleAlgebra.h"
#include "Error.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numeric>
#include <unordered_map>

namespace netbetti {

namespace {

using cycles::Echelon;
using cycles::Field;
using cycles::sameScale;
using SparseRow = cycles::SparseVector;

bool sameValue(double a, double b)
{
    return a == b || (std::isinf(a) && std::isinf(b));
}

/// Components of the graph of the edges shorter than scale.
std::vector<int> componentsBelow(const FloatMatrix& d, float scale)
{
    const int n = int(d.rows());
    std::vector<int> parent(static_cast<size_t>(n));
    std::iota(parent.begin(), parent.end(), 0);
    const auto root = [&](int v) {
        while (parent[size_t(v)] != v)
            v = parent[size_t(v)] = parent[size_t(parent[size_t(v)])];
        return v;
    };
    for (int i = 0; i < n; ++i) {
        const float* row = d.data() + size_t(i) * size_t(n);
        for (int j = i + 1; j < n; ++j)
            if (row[j] < scale) {
                const int a = root(i), b = root(j);
                if (a != b)
                    parent[size_t(std::max(a, b))] = std::min(a, b);
            }
    }
    for (int v = 0; v < n; ++v)
        parent[size_t(v)] = root(v);
    return parent;
}

/// A shortest path from `from` to `to` by length in the graph of the edges
/// shorter than scale (dense Dijkstra; at equal length the smaller vertex
/// first). The vertices from `from` to `to`; empty when there is none.
std::vector<int> shortestPathBelow(const FloatMatrix& d, float scale, int from, int to)
{
    const int n = int(d.rows());
    std::vector<double> length(size_t(n), std::numeric_limits<double>::infinity());
    std::vector<int> previous(size_t(n), -1);
    std::vector<char> done(size_t(n), 0);
    length[size_t(from)] = 0.0;
    for (;;) {
        int u = -1;
        for (int v = 0; v < n; ++v)
            if (!done[size_t(v)] && std::isfinite(length[size_t(v)])
                && (u < 0 || length[size_t(v)] < length[size_t(u)]))
                u = v;
        if (u < 0)
            return {};
        if (u == to)
            break;
        done[size_t(u)] = 1;
        const float* row = d.data() + size_t(u) * size_t(n);
        for (int v = 0; v < n; ++v)
            if (!done[size_t(v)] && v != u && row[v] < scale
                && length[size_t(u)] + row[v] < length[size_t(v)]) {
                length[size_t(v)] = length[size_t(u)] + row[v];
                previous[size_t(v)] = u;
            }
    }
    std::vector<int> path;
    for (int v = to; v >= 0; v = previous[size_t(v)])
        path.push_back(v);
    std::reverse(path.begin(), path.end());
    return path;
}

struct Edge
{
    int lo, hi;
};

/// The H1 construction of the header; the reason when the class is skipped.
std::optional<QString> cycleOfH1(const FloatMatrix& d, const PersistenceDiagram& diagram,
    const PersistenceBar& bar, const CycleSettings& settings, RepresentativeCycle* cycle)
{
    const int n = int(d.rows());
    float scale = 0.0f;
    std::vector<std::pair<int, int>> atScale;
    if (std::optional<QString> reason = cycles::classScale(d, diagram, bar, &scale, &atScale))
        return reason;
    if (qint64(atScale.size()) > settings.budget)
        return QStringLiteral("more than %1 edges have length %2 (the budget)")
            .arg(settings.budget)
            .arg(bar.birth);
    // Edges of length `scale`, in filtration order (index descending).
    std::vector<Edge> top;
    std::unordered_map<qint64, int> topIndex;
    for (const auto& [lo, hi] : atScale) {
        topIndex.emplace(qint64(lo) * n + hi, int(top.size()));
        top.push_back({ lo, hi });
    }

    // The parts of length `scale` of the boundaries of the triangles of
    // diameter `scale`: each contains one of those edges.
    const Field field(settings.coefficients);
    Echelon span(field, false);
    std::vector<std::array<int, 3>> triangles;
    for (const Edge& e : top)
        for (int m = 0; m < n; ++m)
            if (m != e.lo && m != e.hi && d(e.lo, m) <= scale && d(e.hi, m) <= scale) {
                std::array<int, 3> t { e.lo, e.hi, m };
                std::sort(t.begin(), t.end());
                triangles.push_back(t);
                if (qint64(triangles.size() + top.size()) > settings.budget)
                    return QStringLiteral("more than %1 edges and triangles have diameter %2 (the budget)")
                        .arg(settings.budget)
                        .arg(bar.birth);
            }
    std::sort(triangles.begin(), triangles.end());
    triangles.erase(std::unique(triangles.begin(), triangles.end()), triangles.end());
    for (const auto& t : triangles) {
        // boundary of [a, b, c] = [b, c] - [a, c] + [a, b]
        SparseRow row;
        const std::pair<Edge, int> faces[3]
            = { { { t[1], t[2] }, 1 }, { { t[0], t[2] }, field.minusOne() }, { { t[0], t[1] }, 1 } };
        for (const auto& [face, sign] : faces)
            if (const auto found = topIndex.find(qint64(face.lo) * n + face.hi); found != topIndex.end())
                row.emplace_back(found->second, sign);
        std::sort(row.begin(), row.end());
        span.add(row, 0);
    }

    // The cycles of K<=b up to those of K<b: the cycle space of the graph
    // whose nodes are the components of the edges shorter than b and whose
    // edges are those of length b. Its fundamental cycles (a spanning forest
    // grown in filtration order) span it; the first that the triangles leave
    // open is the class.
    // One edge of length b (the usual case): no components needed, the
    // shortest path below says whether its ends are joined.
    const std::vector<int> component
        = top.size() == 1 ? std::vector<int>(size_t(n), 0) : componentsBelow(d, scale);
    std::vector<int> forest(static_cast<size_t>(n));
    std::iota(forest.begin(), forest.end(), 0);
    const auto root = [&](int v) {
        while (forest[size_t(v)] != v)
            v = forest[size_t(v)] = forest[size_t(forest[size_t(v)])];
        return v;
    };
    std::unordered_map<int, std::vector<int>> treeEdges; // node -> top edges of the forest at it
    for (int k = 0; k < int(top.size()); ++k) {
        const Edge e = top[size_t(k)];
        const int a = component[size_t(e.lo)], b = component[size_t(e.hi)];
        if (root(a) != root(b)) {
            forest[size_t(root(a))] = root(b);
            treeEdges[a].push_back(k);
            treeEdges[b].push_back(k);
            continue;
        }
        // e from lo to hi, then back through the forest from hi's node to lo's.
        std::vector<std::pair<int, bool>> walk { { k, true } }; // (top edge, traversed lo -> hi)
        std::unordered_map<int, std::pair<int, int>> reachedBy { { b,
            { -1, -1 } } }; // node -> (edge, previous node)
        std::vector<int> queue { b };
        for (size_t q = 0; q < queue.size() && !reachedBy.count(a); ++q)
            for (int t : treeEdges[queue[q]]) {
                const int other = component[size_t(top[size_t(t)].lo)] == queue[q]
                    ? component[size_t(top[size_t(t)].hi)]
                    : component[size_t(top[size_t(t)].lo)];
                if (reachedBy.emplace(other, std::make_pair(t, queue[q])).second)
                    queue.push_back(other);
            }
        std::vector<std::pair<int, bool>> back;
        for (int node = a; node != b;) {
            const auto [t, previous] = reachedBy.at(node);
            back.emplace_back(t, component[size_t(top[size_t(t)].lo)] == previous);
            node = previous;
        }
        walk.insert(walk.end(), back.rbegin(), back.rend());
        if (qint64(walk.size() + top.size() + triangles.size()) > settings.budget)
            return QStringLiteral("its loop has more than %1 edges of length %2 (the budget)")
                .arg(settings.budget)
                .arg(bar.birth);
        SparseRow row;
        for (const auto& [t, forward] : walk)
            row.emplace_back(t, forward ? 1 : field.minusOne());
        std::sort(row.begin(), row.end());
        if (span.reduce(row).empty())
            continue;

        // The chain: each edge of length b, and a shortest path inside the
        // component between where one leaves it and the next enters.
        std::map<std::pair<int, int>, long long> chain;
        const auto traverse = [&](int u, int v) {
            chain[{ std::min(u, v), std::max(u, v) }] += u < v ? 1 : -1;
        };
        for (size_t w = 0; w < walk.size(); ++w) {
            const Edge& here = top[size_t(walk[w].first)];
            const Edge& next = top[size_t(walk[(w + 1) % walk.size()].first)];
            const int leave = walk[w].second ? here.hi : here.lo;
            const int enter = walk[(w + 1) % walk.size()].second ? next.lo : next.hi;
            traverse(walk[w].second ? here.lo : here.hi, leave);
            if (leave != enter) {
                const std::vector<int> path = shortestPathBelow(d, scale, leave, enter);
                if (path.empty())
                    return QStringLiteral("no edge of length %1 closes a loop of shorter edges")
                        .arg(bar.birth);
                for (size_t s = 0; s + 1 < path.size(); ++s)
                    traverse(path[s], path[s + 1]);
            }
        }
        cycles::setCycle(cycle, bar, chain, field,
                         [](const std::pair<int, int> &e) { return std::vector<int>{ e.first, e.second }; });
        return std::nullopt;
    }
    return QStringLiteral("no loop of edges of length %1 is left open by the triangles of that diameter")
        .arg(bar.birth);
}

} // namespace

bool RepresentativeCycle::operator==(const RepresentativeCycle& other) const
{
    return dim == other.dim && birth == other.birth && sameValue(death, other.death)
        && simplices == other.simplices && coefficients == other.coefficients;
}

std::vector<int> RepresentativeCycle::vertices() const
{
    std::vector<int> out;
    for (const auto& simplex : simplices)
        out.insert(out.end(), simplex.begin(), simplex.end());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

bool SkippedClass::operator==(const SkippedClass& other) const
{
    return dim == other.dim && birth == other.birth && sameValue(death, other.death)
        && reason == other.reason;
}

bool CycleSet::operator==(const CycleSet& other) const
{
    return coefficients == other.coefficients && classes == other.classes && skipped == other.skipped;
}

const RepresentativeCycle* CycleSet::find(int dim, double birth, double death) const
{
    for (const RepresentativeCycle& c : classes)
        if (c.dim == dim && sameScale(c.birth, birth)
            && (sameValue(c.death, death) || (!std::isinf(death) && sameScale(c.death, death))))
            return &c;
    return nullptr;
}

const SkippedClass* CycleSet::findSkipped(int dim, double birth, double death) const
{
    for (const SkippedClass& c : skipped)
        if (c.dim == dim && sameScale(c.birth, birth)
            && (sameValue(c.death, death) || (!std::isinf(death) && sameScale(c.death, death))))
            return &c;
    return nullptr;
}

std::vector<PersistenceBar> mostPersistent(const PersistenceDiagram& diagram, int dim, int count)
{
    std::vector<PersistenceBar> bars = diagram.inDimension(dim);
    std::stable_sort(bars.begin(), bars.end(), [](const PersistenceBar& a, const PersistenceBar& b) {
        const double pa = a.isInfinite() ? std::numeric_limits<double>::infinity() : a.persistence();
        const double pb = b.isInfinite() ? std::numeric_limits<double>::infinity() : b.persistence();
        if (pa != pb)
            return pa > pb;
        if (a.birth != b.birth)
            return a.birth < b.birth;
        return a.death < b.death;
    });
    if (int(bars.size()) > count)
        bars.resize(size_t(std::max(0, count)));
    return bars;
}

CycleSet representativeCycles(const FloatMatrix& distances, const PersistenceDiagram& diagram,
    const CycleSettings& settings, const std::atomic_bool* cancel)
{
    CycleSet out;
    out.coefficients = settings.coefficients;
    for (int dim = 1; dim <= diagram.maxDim; ++dim) {
        const int count = dim == 1 ? settings.perDimension : std::min(settings.perDimension, settings.perHigherDimension);
        for (const PersistenceBar& bar : mostPersistent(diagram, dim, count)) {
            if (cancel && cancel->load())
                throw Cancelled();
            if (dim >= 3) {
                out.skipped.push_back({ dim, bar.birth, bar.death,
                    QStringLiteral("representative cycles of H%1 are not constructed").arg(dim) });
                continue;
            }
            RepresentativeCycle cycle;
            std::optional<QString> reason = dim == 1
                ? cycleOfH1(distances, diagram, bar, settings, &cycle)
                : cycles::cycleOfH2(distances, diagram, bar, settings, &cycle, cancel);
            if (!reason)
                reason = cycleDefect(distances, cycle, settings.coefficients);
            if (reason)
                out.skipped.push_back({ dim, bar.birth, bar.death, *reason });
            else
                out.classes.push_back(std::move(cycle));
        }
    }
    return out;
}

std::optional<QString> cycleDefect(const FloatMatrix& distances, const RepresentativeCycle& cycle, int p)
{
    const int n = int(distances.rows());
    if (cycle.simplices.size() != cycle.coefficients.size())
        return QStringLiteral("%1 simplices but %2 coefficients")
            .arg(cycle.simplices.size())
            .arg(cycle.coefficients.size());
    if (cycle.simplices.empty())
        return QStringLiteral("the chain is empty");
    const Field field(p);
    // The boundary, face by face (a face is its sorted vertices).
    std::map<std::vector<int>, int> boundary;
    for (size_t s = 0; s < cycle.simplices.size(); ++s) {
        const std::vector<int>& simplex = cycle.simplices[s];
        if (int(simplex.size()) != cycle.dim + 1)
            return QStringLiteral("simplex %1 has %2 vertices, not %3")
                .arg(s)
                .arg(simplex.size())
                .arg(cycle.dim + 1);
        for (size_t a = 0; a < simplex.size(); ++a) {
            if (simplex[a] < 0 || simplex[a] >= n || (a > 0 && simplex[a] <= simplex[a - 1]))
                return QStringLiteral("simplex %1's vertices are not ascending indices below %2")
                    .arg(s)
                    .arg(n);
            for (size_t b = 0; b < a; ++b)
                if (!(double(distances(simplex[a], simplex[b])) <= cycle.birth
                        || sameScale(distances(simplex[a], simplex[b]), cycle.birth)))
                    return QStringLiteral("simplex %1 has an edge of length %2, longer than the birth %3")
                        .arg(s)
                        .arg(distances(simplex[a], simplex[b]))
                        .arg(cycle.birth);
        }
        const int c = cycle.coefficients[s];
        if (c <= 0 || c >= p)
            return QStringLiteral("coefficient %1 is %2, not in 1..%3").arg(s).arg(c).arg(p - 1);
        for (size_t drop = 0; drop < simplex.size(); ++drop) {
            std::vector<int> face;
            for (size_t a = 0; a < simplex.size(); ++a)
                if (a != drop)
                    face.push_back(simplex[a]);
            const long long sign = (drop % 2 == 0) ? 1 : -1;
            int& entry = boundary[face];
            entry = field.normal(entry + sign * c);
        }
    }
    for (const auto& [face, value] : boundary)
        if (value != 0)
            return QStringLiteral("the boundary is not zero (at vertex %1)")
                .arg(face.empty() ? -1 : face.front());
    return std::nullopt;
}

} // namespace netbetti
