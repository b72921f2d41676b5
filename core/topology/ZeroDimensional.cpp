#include "ZeroDimensional.h"

#include <algorithm>
#include <numeric>

namespace netbetti {

namespace {

struct DisjointSets
{
    std::vector<Eigen::Index> parent;
    explicit DisjointSets(Eigen::Index n) : parent(size_t(n))
    {
        std::iota(parent.begin(), parent.end(), Eigen::Index(0));
    }
    Eigen::Index find(Eigen::Index x)
    {
        while (parent[size_t(x)] != x)
            x = parent[size_t(x)] = parent[size_t(parent[size_t(x)])];
        return x;
    }
    bool unite(Eigen::Index a, Eigen::Index b)
    {
        a = find(a);
        b = find(b);
        if (a == b)
            return false;
        parent[size_t(std::max(a, b))] = std::min(a, b);
        return true;
    }
};

} // namespace

PersistenceDiagram zeroDimensionalPersistence(const FloatMatrix &distances, std::optional<double> threshold)
{
    const Eigen::Index n = distances.rows();
    PersistenceDiagram diagram;
    diagram.maxDim = 0;
    diagram.pointCount = int(n);

    struct Edge
    {
        float length;
        Eigen::Index i, j;
    };
    std::vector<Edge> edges;
    edges.reserve(size_t(n * (n - 1) / 2));
    for (Eigen::Index j = 1; j < n; ++j)
        for (Eigen::Index i = 0; i < j; ++i)
            if (!threshold || distances(i, j) <= *threshold)
                edges.push_back({distances(i, j), i, j});
    std::sort(edges.begin(), edges.end(), [](const Edge &a, const Edge &b) { return a.length < b.length; });

    DisjointSets sets(n);
    Eigen::Index merged = 0;
    for (const Edge &e : edges) {
        if (sets.unite(e.i, e.j)) {
            diagram.bars.push_back(PersistenceBar{0, 0.0, double(e.length)});
            if (++merged == n - 1)
                break;
        }
    }
    for (Eigen::Index k = merged; k < n; ++k)
        diagram.bars.push_back(PersistenceBar{0, 0.0, std::numeric_limits<double>::infinity()});
    if (threshold && merged < n - 1)
        diagram.threshold = *threshold;
    diagram.normalise();
    return diagram;
}

} // namespace netbetti
