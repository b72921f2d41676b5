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
    const std::vector<Eigen::Index> cone = findConePoints(distances, &apex);
    if (cone.empty() || apex <= 0.0)
        return m_inner->compute(distances, settings, cancel);

    const Eigen::Index n = distances.rows();
    std::vector<Eigen::Index> keep;
    for (Eigen::Index i = 0, c = 0; i < n; ++i) {
        if (c < Eigen::Index(cone.size()) && cone[size_t(c)] == i)
            ++c;
        else
            keep.push_back(i);
    }
    FloatMatrix rest(Eigen::Index(keep.size()), Eigen::Index(keep.size()));
    for (size_t i = 0; i < keep.size(); ++i)
        for (size_t j = 0; j < keep.size(); ++j)
            rest(Eigen::Index(i), Eigen::Index(j)) = distances(keep[i], keep[j]);

    // The whole space's enclosing radius is the apex scale: nothing happens
    // beyond it. A user threshold below it cuts as usual.
    const bool userCut = settings.threshold && *settings.threshold < apex;
    PersistenceSettings inner = settings;
    inner.threshold = userCut ? *settings.threshold : apex;
    PersistenceDiagram diagram = m_inner->compute(rest, inner, cancel);

    const double infinity = std::numeric_limits<double>::infinity();
    if (!userCut) {
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
    diagram.pointCount = int(n);
    diagram.normalise();
    return diagram;
}

} // namespace netbetti
