#pragma once
// The neuron metric space of DESIGN.md: for neurons n1, n2 with activations
// a, b over the probe set, c = Pearson(a, b) (0 for a constant neuron) and
// d = sqrt(1 - |c|), or one of the variants the talk asks about.

#include "storage/NpyFile.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace netbetti {

/// Probe samples as rows, neurons as columns.
using ActivationMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;
/// Symmetric n×n, exact zeros on the diagonal.
using DistanceMatrix = FloatMatrix;

enum class MetricKind {
    SqrtOneMinusAbsCorrelation, ///< sqrt(1 - |c|), in [0, 1]: the default
    SqrtOneMinusCorrelation,    ///< sqrt(1 - c), in [0, sqrt 2]: signed
    OneMinusAbsCorrelation,     ///< 1 - |c|, dnn-topology's weight; not a metric
};

QString metricName(MetricKind kind);
/// The spec's names; returns false for an unknown name.
bool metricFromName(const QString &name, MetricKind *kind);
QStringList metricNames();
/// The largest distance the variant can give (1 or sqrt 2).
double metricDiameterBound(MetricKind kind);

struct NeuronDistances
{
    DistanceMatrix distance;
    /// Neurons whose activations are all equal over the probe set (dead ReLUs):
    /// at distance 1 from every other neuron.
    std::vector<bool> constant;
    int constantCount() const;
};

/// Correlations by one float32 GEMM on centred, unit-norm columns. Pairs whose
/// 1 - |c| is small, where float rounding would dominate d after the square
/// root, are recomputed in double from the same columns, so that d agrees with
/// a double-precision evaluation to about 1e-6 everywhere.
NeuronDistances neuronDistances(const ActivationMatrix &activations, MetricKind kind);

/// max |a(i,j) - b(i,j)| over all pairs: the sup-distance of two metrics on
/// the same points, which bounds the bottleneck distance of their Rips
/// diagrams (stability). Throws std::invalid_argument for different sizes.
double supDistance(const DistanceMatrix &a, const DistanceMatrix &b);

/// Triples (i < j < k, each of the three inequalities counted) where
/// d(i,k) > d(i,j) + d(j,k) + tolerance; for reporting how far a variant is
/// from a metric. O(n^3): meant for reports, not for every epoch of big nets.
struct TriangleReport
{
    qint64 checked = 0;
    qint64 violated = 0;
    double worstExcess = 0.0;
};
TriangleReport checkTriangleInequality(const DistanceMatrix &d, double tolerance = 1e-6);

} // namespace netbetti
