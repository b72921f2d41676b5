#include "ConeReduction.h"

#include <cmath>

namespace netbetti {

std::vector<Eigen::Index> findConePoints(const FloatMatrix &d, double *apexScale)
{
    std::vector<Eigen::Index> points;
    const Eigen::Index n = d.rows();
    if (n < 3)
        return points;
    float apex = -1.0f;
    for (Eigen::Index i = 0; i < n; ++i) {
        const float first = d(i, i == 0 ? 1 : 0);
        bool constantRow = apex < 0.0f || first == apex;
        for (Eigen::Index j = 0; j < n && constantRow; ++j)
            constantRow = j == i || d(i, j) == first;
        if (constantRow) {
            apex = first;
            points.push_back(i);
        }
    }
    // Removing every point would leave nothing to compute on: keep one.
    if (Eigen::Index(points.size()) == n)
        points.pop_back();
    *apexScale = double(apex);
    return points;
}

std::vector<Eigen::Index> findDuplicatePoints(const FloatMatrix &d)
{
    std::vector<Eigen::Index> duplicates;
    const Eigen::Index n = d.rows();
    std::vector<char> taken(size_t(n), 0);
    for (Eigen::Index i = 0; i < n; ++i) {
        if (taken[size_t(i)])
            continue;
        for (Eigen::Index j = i + 1; j < n; ++j)
            if (!taken[size_t(j)] && d(i, j) == 0.0f && d.row(i) == d.row(j)) {
                taken[size_t(j)] = 1;
                duplicates.push_back(j);
            }
    }
    std::sort(duplicates.begin(), duplicates.end());
    return duplicates;
}

std::vector<Eigen::Index> reducedPoints(const FloatMatrix &d)
{
    double apex = 0.0;
    std::vector<Eigen::Index> removed = findConePoints(d, &apex);
    const std::vector<Eigen::Index> duplicates = findDuplicatePoints(d);
    removed.insert(removed.end(), duplicates.begin(), duplicates.end());
    std::sort(removed.begin(), removed.end());
    std::vector<Eigen::Index> keep;
    for (Eigen::Index i = 0; i < d.rows(); ++i)
        if (!std::binary_search(removed.begin(), removed.end(), i))
            keep.push_back(i);
    return keep;
}

FloatMatrix submatrix(const FloatMatrix &d, const std::vector<Eigen::Index> &points)
{
    const Eigen::Index m = Eigen::Index(points.size());
    FloatMatrix out(m, m);
    for (Eigen::Index i = 0; i < m; ++i)
        for (Eigen::Index j = 0; j < m; ++j)
            out(i, j) = d(points[size_t(i)], points[size_t(j)]);
    return out;
}

ConeReducingEngine::ConeReducingEngine(std::shared_ptr<const PersistenceEngine> inner)
    : m_inner(std::move(inner))
{
}

QString ConeReducingEngine::name() const
{
    return m_inner->name();
}

PersistenceDiagram ConeReducingEngine::compute(const FloatMatrix &distances, const PersistenceSettings &settings,
                                               const std::atomic_bool *cancel) const
{
    double apex = 0.0;
    std::vector<Eigen::Index> cone = findConePoints(distances, &apex);
    if (apex <= 0.0)
        cone.clear();
    const std::vector<Eigen::Index> duplicates = findDuplicatePoints(distances);
    if (cone.empty() && duplicates.empty())
        return m_inner->compute(distances, settings, cancel);

    const Eigen::Index n = distances.rows();
    std::vector<char> removed(size_t(n), 0);
    for (Eigen::Index i : cone)
        removed[size_t(i)] = 1;
    for (Eigen::Index i : duplicates)
        removed[size_t(i)] = 1;
    std::vector<Eigen::Index> keep;
    for (Eigen::Index i = 0; i < n; ++i)
        if (!removed[size_t(i)])
            keep.push_back(i);
    const FloatMatrix rest = submatrix(distances, keep);

    // With cone points the whole space's enclosing radius is the apex scale:
    // nothing happens beyond it. A user threshold below it cuts as usual.
    // (Duplicates change no enclosing radius: their rows are their twins'.)
    const bool userCut = !cone.empty() && settings.threshold && *settings.threshold < apex;
    PersistenceSettings inner = settings;
    if (!cone.empty())
        inner.threshold = userCut ? *settings.threshold : apex;
    PersistenceDiagram diagram = m_inner->compute(rest, inner, cancel);

    const double infinity = std::numeric_limits<double>::infinity();
    if (!cone.empty() && !userCut) {
        // Every class of the rest still alive at the apex dies there, when the
        // cone closes; the one class of H0 that never dies is kept.
        bool essentialKept = false;
        std::vector<PersistenceBar> bars;
        for (PersistenceBar bar : diagram.bars) {
            if (bar.death > apex) {
                if (bar.dim == 0 && !essentialKept) {
                    essentialKept = true;
                    bar.death = infinity;
                } else {
                    bar.death = apex;
                }
            }
            if (bar.dim == 0 || bar.death > bar.birth)
                bars.push_back(bar);
        }
        diagram.bars = std::move(bars);
        diagram.threshold.reset();
    }
    if (userCut)
        diagram.threshold = *settings.threshold; // the cone points are still apart there
    for (size_t i = 0; i < cone.size(); ++i)
        diagram.bars.push_back(PersistenceBar{0, 0.0, userCut ? infinity : apex});
    for (size_t i = 0; i < duplicates.size(); ++i)
        diagram.bars.push_back(PersistenceBar{0, 0.0, 0.0});
    diagram.pointCount = int(n);
    diagram.normalise();
    return diagram;
}

} // namespace netbetti
