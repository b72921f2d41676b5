#include "DiagramMatching.h"

#include "DiagramDistance.h"
#include "Error.h"
#include "LineMatching.h"

#include <QList>
#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace netbetti {

namespace {

const double infinity = std::numeric_limits<double>::infinity();

/// A bar as the distance sees it: its death cut at the diagram's threshold.
struct Point
{
    int index = -1;
    double birth = 0.0, death = 0.0;
    double toDiagonal() const { return (death - birth) / 2.0; }
};

Point pointOf(const PersistenceDiagram &diagram, int index)
{
    const PersistenceBar &bar = diagram.bars[size_t(index)];
    const double death = bar.isInfinite() && diagram.threshold ? *diagram.threshold : bar.death;
    return {index, bar.birth, death};
}

/// A diagram's bars of one dimension, sorted into the three kinds the
/// matching treats apart.
struct Parts
{
    std::vector<Point> finite, essential, onDiagonal;
};

Parts partsOf(const PersistenceDiagram &diagram, int dim)
{
    Parts parts;
    for (int i = 0; i < int(diagram.bars.size()); ++i) {
        if (diagram.bars[size_t(i)].dim != dim)
            continue;
        const Point p = pointOf(diagram, i);
        if (std::isinf(p.death))
            parts.essential.push_back(p);
        else if (p.death > p.birth)
            parts.finite.push_back(p);
        else
            parts.onDiagonal.push_back(p);
    }
    return parts;
}

double linf(const Point &p, const Point &q)
{
    return std::max(std::abs(p.birth - q.birth), std::abs(p.death - q.death));
}

/// Hopcroft–Karp on a bipartite graph given by adjacency lists (left to
/// right), each list in the order the search should try it.
class BipartiteMatcher
{
public:
    BipartiteMatcher(const std::vector<std::vector<int>> &adjacency, int rightCount)
        : m_adjacency(adjacency), m_left(adjacency.size(), -1), m_right(size_t(rightCount), -1),
          m_layer(adjacency.size())
    {
    }

    /// Returns how many left vertices are matched; leftMatch() says to what.
    int run()
    {
        // A greedy start along each list's cheapest edge first.
        int matched = 0;
        for (int u = 0; u < int(m_adjacency.size()); ++u)
            for (int v : m_adjacency[size_t(u)])
                if (m_right[size_t(v)] < 0) {
                    m_left[size_t(u)] = v;
                    m_right[size_t(v)] = u;
                    ++matched;
                    break;
                }
        while (layer())
            for (int u = 0; u < int(m_adjacency.size()); ++u)
                if (m_left[size_t(u)] < 0 && augment(u))
                    ++matched;
        return matched;
    }
    const std::vector<int> &leftMatch() const { return m_left; }

private:
    // Breadth-first layers from the free left vertices; true when a free
    // right vertex is reachable.
    bool layer()
    {
        std::deque<int> queue;
        for (int u = 0; u < int(m_adjacency.size()); ++u) {
            m_layer[size_t(u)] = m_left[size_t(u)] < 0 ? 0 : -1;
            if (m_layer[size_t(u)] == 0)
                queue.push_back(u);
        }
        bool found = false;
        while (!queue.empty()) {
            const int u = queue.front();
            queue.pop_front();
            for (int v : m_adjacency[size_t(u)]) {
                const int w = m_right[size_t(v)];
                if (w < 0)
                    found = true;
                else if (m_layer[size_t(w)] < 0) {
                    m_layer[size_t(w)] = m_layer[size_t(u)] + 1;
                    queue.push_back(w);
                }
            }
        }
        return found;
    }

    // Depth-first along the layers, iteratively (a path can be as long as
    // the diagram).
    bool augment(int root)
    {
        struct Frame { int u; size_t next; };
        std::vector<Frame> stack{{root, 0}};
        std::vector<int> path; // right vertices taken, one per frame
        while (!stack.empty()) {
            Frame &f = stack.back();
            const auto &edges = m_adjacency[size_t(f.u)];
            if (f.next == edges.size()) {
                m_layer[size_t(f.u)] = -1; // a dead end for this phase
                stack.pop_back();
                if (!path.empty())
                    path.pop_back();
                continue;
            }
            const int v = edges[f.next++];
            const int w = m_right[size_t(v)];
            if (w < 0) {
                path.push_back(v);
                for (size_t k = 0; k < stack.size(); ++k) {
                    m_left[size_t(stack[k].u)] = path[k];
                    m_right[size_t(path[k])] = stack[k].u;
                }
                return true;
            }
            if (m_layer[size_t(w)] == m_layer[size_t(f.u)] + 1) {
                path.push_back(v);
                stack.push_back({w, 0});
            }
        }
        return false;
    }

    const std::vector<std::vector<int>> &m_adjacency;
    std::vector<int> m_left, m_right, m_layer;
};

/// A perfect matching of the finite bars (and diagonal copies) using edges
/// of cost at most bound, or false when there is none. Left: a's bars, then
/// a diagonal copy per bar of b; right: b's bars, then a copy per bar of a.
bool matchFinite(const std::vector<Point> &a, const std::vector<Point> &b, double bound, int dim,
                 std::vector<BarMatch> *out)
{
    const int na = int(a.size()), nb = int(b.size());
    std::vector<std::vector<int>> adjacency(size_t(na + nb));
    std::vector<std::pair<double, int>> edges;
    for (int i = 0; i < na; ++i) {
        edges.clear();
        for (int j = 0; j < nb; ++j)
            if (const double c = linf(a[size_t(i)], b[size_t(j)]); c <= bound)
                edges.emplace_back(c, j);
        if (a[size_t(i)].toDiagonal() <= bound)
            edges.emplace_back(a[size_t(i)].toDiagonal(), nb + i);
        std::stable_sort(edges.begin(), edges.end(),
                         [](const auto &x, const auto &y) { return x.first < y.first; });
        for (const auto &e : edges)
            adjacency[size_t(i)].push_back(e.second);
    }
    for (int j = 0; j < nb; ++j) {
        auto &list = adjacency[size_t(na + j)];
        if (b[size_t(j)].toDiagonal() <= bound)
            list.push_back(j);
        // Diagonal to diagonal costs nothing; it is tried after the real bar
        // so that the greedy start gives each bar of b its own diagonal copy
        // only when nothing better is free.
        for (int i = 0; i < na; ++i)
            list.push_back(nb + i);
    }
    BipartiteMatcher matcher(adjacency, na + nb);
    if (matcher.run() < na + nb)
        return false;
    const std::vector<int> &match = matcher.leftMatch();
    for (int i = 0; i < na; ++i) {
        const int v = match[size_t(i)];
        out->push_back({dim, a[size_t(i)].index, v < nb ? b[size_t(v)].index : -1});
    }
    for (int j = 0; j < nb; ++j)
        if (match[size_t(na + j)] == j)
            out->push_back({dim, -1, b[size_t(j)].index});
    return true;
}

PointList pointList(const std::vector<Point> &points)
{
    PointList out;
    out.reserve(points.size());
    for (const Point &p : points)
        out.emplace_back(p.birth, p.death);
    return out;
}

} // namespace

bool BarMatch::operator==(const BarMatch &other) const
{
    return dim == other.dim && previous == other.previous && current == other.current;
}

namespace {

/// One dimension's bottleneck matching, with its distance and, when asked
/// for, the 1-Wasserstein distance: hera is called at most once for each.
DimensionContinuity matchDimension(const PersistenceDiagram &a, const PersistenceDiagram &b, int dim,
                                   bool wantWasserstein)
{
    const Parts pa = partsOf(a, dim), pb = partsOf(b, dim);
    DimensionContinuity out;
    const PointList fa = pointList(pa.finite), fb = pointList(pb.finite);
    if (onOneLine(fa, fb)) {
        const LineMatching line = matchOnLine(fa, fb, true);
        out.bottleneck = line.bottleneck;
        out.wasserstein = line.wasserstein;
        for (const auto &[i, j] : line.pairs)
            out.matching.push_back({dim, i < 0 ? -1 : pa.finite[size_t(i)].index,
                                    j < 0 ? -1 : pb.finite[size_t(j)].index});
    } else if (!fa.empty() || !fb.empty()) {
        out.bottleneck = bottleneckDistanceOfPoints(fa, fb);
        // hera's value is one of the costs, computed the same way in doubles;
        // the tolerance only absorbs its last digits.
        double tolerance = 1e-12 * std::max(1.0, out.bottleneck);
        while (!matchFinite(pa.finite, pb.finite, out.bottleneck + tolerance, dim, &out.matching)) {
            if (tolerance > 1e-6 * std::max(1.0, out.bottleneck))
                throw std::runtime_error("no perfect matching within the bottleneck distance");
            tolerance *= 100.0;
        }
        if (wantWasserstein)
            out.wasserstein = wasserstein1OfPoints(fa, fb);
    }
    auto byBirth = [](std::vector<Point> points) {
        std::stable_sort(points.begin(), points.end(),
                         [](const Point &p, const Point &q) { return p.birth < q.birth; });
        return points;
    };
    const std::vector<Point> ea = byBirth(pa.essential), eb = byBirth(pb.essential);
    for (size_t k = 0; k < std::max(ea.size(), eb.size()); ++k) {
        out.matching.push_back({dim, k < ea.size() ? ea[k].index : -1, k < eb.size() ? eb[k].index : -1});
        const double cost = k < ea.size() && k < eb.size() ? std::abs(ea[k].birth - eb[k].birth) : infinity;
        out.bottleneck = std::max(out.bottleneck, cost);
        out.wasserstein += cost;
    }
    for (const Point &p : pa.onDiagonal)
        out.matching.push_back({dim, p.index, -1});
    for (const Point &p : pb.onDiagonal)
        out.matching.push_back({dim, -1, p.index});
    return out;
}

} // namespace

std::vector<BarMatch> bottleneckMatching(const PersistenceDiagram &a, const PersistenceDiagram &b, int dim)
{
    return matchDimension(a, b, dim, false).matching;
}

std::vector<DimensionContinuity> diagramContinuity(const PersistenceDiagram &a, const PersistenceDiagram &b,
                                                   int maxDim)
{
    std::vector<DimensionContinuity> out;
    for (int dim = 0; dim <= maxDim; ++dim)
        out.push_back(matchDimension(a, b, dim, true));
    return out;
}

std::vector<BarMatch> bottleneckMatchings(const PersistenceDiagram &a, const PersistenceDiagram &b, int maxDim)
{
    std::vector<BarMatch> out;
    for (int dim = 0; dim <= maxDim; ++dim) {
        std::vector<BarMatch> part = bottleneckMatching(a, b, dim);
        out.insert(out.end(), part.begin(), part.end());
    }
    return out;
}

double matchCost(const PersistenceDiagram &a, const PersistenceDiagram &b, const BarMatch &match)
{
    if (match.previous < 0 && match.current < 0)
        return 0.0;
    if (match.previous < 0 || match.current < 0) {
        const Point p = match.previous < 0 ? pointOf(b, match.current) : pointOf(a, match.previous);
        return std::isinf(p.death) ? infinity : std::max(0.0, p.toDiagonal());
    }
    const Point p = pointOf(a, match.previous), q = pointOf(b, match.current);
    if (std::isinf(p.death) != std::isinf(q.death))
        return infinity;
    if (std::isinf(p.death))
        return std::abs(p.birth - q.birth);
    return linf(p, q);
}

QByteArray matchingToCsv(const std::vector<BarMatch> &matching)
{
    QByteArray out = "dim,previous,current\n";
    for (const BarMatch &m : matching)
        out += QByteArray::number(m.dim) + ',' + QByteArray::number(m.previous) + ','
               + QByteArray::number(m.current) + '\n';
    return out;
}

std::vector<BarMatch> matchingFromCsv(const QByteArray &csv, const QString &fileName)
{
    std::vector<BarMatch> out;
    const QList<QByteArray> lines = csv.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (line.isEmpty() || (i == 0 && line == "dim,previous,current"))
            continue;
        const QString where = QStringLiteral("line %1").arg(i + 1);
        const QList<QByteArray> fields = line.split(',');
        if (fields.size() != 3)
            throw InputError(fileName, where, QString::fromUtf8(line.left(60)),
                             QStringLiteral("expected dim,previous,current"));
        int values[3] = {};
        const char *names[3] = {"dim", "previous", "current"};
        for (int k = 0; k < 3; ++k) {
            bool ok = false;
            values[k] = fields[k].trimmed().toInt(&ok);
            if (!ok || values[k] < (k == 0 ? 0 : -1))
                throw InputError(fileName, where + QStringLiteral(", ") + QLatin1String(names[k]),
                                 QString::fromUtf8(fields[k]),
                                 k == 0 ? QStringLiteral("not a dimension")
                                        : QStringLiteral("not a bar index (-1 for the diagonal)"));
        }
        if (values[1] < 0 && values[2] < 0)
            throw InputError(fileName, where, QString::fromUtf8(line),
                             QStringLiteral("a pair needs a bar on at least one side"));
        out.push_back({values[0], values[1], values[2]});
    }
    return out;
}

} // namespace netbetti
