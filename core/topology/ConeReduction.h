#pragma once
// An exact shortcut for neuron spaces: a constant neuron (a dead ReLU) is at
// the same distance a (= 1) from every other neuron. Such a point is alone
// until scale a, and from a on it is joined to everything, so the Rips
// complex is a cone and has no homology. Hence
//   PH(X) = PH(X without those points) cut at a, each class alive at a dying
//           there (one H0 class excepted), plus one H0 bar [0, a) per point.
// On trained nets a third of the neurons can be constant, and ripser's time
// grows much faster than linearly in n: removing them is a large saving.
// Duplicate points (distance 0, equal rows) are merged the same way.

#include "PersistenceEngine.h"

#include <memory>

namespace netbetti {

/// Points whose distances to all others are one and the same value, which
/// they also share with each other; empty when there are none (or only one
/// point). *apexScale receives that value.
std::vector<Eigen::Index> findConePoints(const FloatMatrix &distances, double *apexScale);

/// Points whose row equals an earlier point's row, at distance 0 from it
/// (duplicate neurons). Each is one point with its twin for Rips persistence
/// (it is dominated by the twin at every scale) and adds an H0 bar [0, 0).
std::vector<Eigen::Index> findDuplicatePoints(const FloatMatrix &distances);

/// The points that are neither cone points nor duplicates, in order: those
/// the inner engine of ConeReducingEngine sees.
std::vector<Eigen::Index> reducedPoints(const FloatMatrix &distances);
/// The rows and columns `points` of distances.
FloatMatrix submatrix(const FloatMatrix &distances, const std::vector<Eigen::Index> &points);

/// Wraps another engine, removing cone points and duplicates before it runs
/// and adding their bars back after. Results are identical to the inner engine's on
/// the whole matrix (tests compare the two).
class ConeReducingEngine : public PersistenceEngine
{
public:
    explicit ConeReducingEngine(std::shared_ptr<const PersistenceEngine> inner);
    QString name() const override;
    PersistenceDiagram compute(const FloatMatrix &distances, const PersistenceSettings &settings,
                               const std::atomic_bool *cancel = nullptr) const override;

private:
    std::shared_ptr<const PersistenceEngine> m_inner;
};

} // namespace netbetti
