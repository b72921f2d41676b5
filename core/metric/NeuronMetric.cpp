#include "NeuronMetric.h"

#include "BlasKernels.h"

#include <Eigen/Dense>
#include <cblas.h>
#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace netbetti {

namespace {

struct MetricName
{
    MetricKind kind;
    const char *name;
};

constexpr MetricName kMetricNames[] = {
    {MetricKind::SqrtOneMinusAbsCorrelation, "sqrt-one-minus-abs-correlation"},
    {MetricKind::SqrtOneMinusCorrelation, "sqrt-one-minus-correlation"},
    {MetricKind::OneMinusAbsCorrelation, "one-minus-abs-correlation"},
};

// Below this value of 1 - |c| the float GEMM's rounding (about 1e-6 on a few
// thousand samples) would be amplified by the square root: recompute in double.
constexpr double kRefineBelow = 0.02;

bool isConstant(const ActivationMatrix &a, Eigen::Index column)
{
    const auto col = a.col(column);
    return col.size() == 0 || col.minCoeff() == col.maxCoeff();
}

// The distance from the "gap" g = 1 - c (signed) or 1 - |c|, per variant.
double distanceFromGap(MetricKind kind, double gap)
{
    gap = std::max(gap, 0.0);
    return kind == MetricKind::OneMinusAbsCorrelation ? gap : std::sqrt(gap);
}

bool usesAbsolute(MetricKind kind)
{
    return kind != MetricKind::SqrtOneMinusCorrelation;
}

/// The upper triangle of UᵀU for unit columns U: every pair's correlation.
/// OpenBLAS's ssyrk, with the kernels of this core (BlasKernels.h), runs
/// about 12 times faster here than Eigen's own product, which a Debian build
/// compiles for plain SSE2 (0.016 s against 0.20 s for 2,000 × 1,026 on one
/// core of this project's machines). Debian's serial OpenBLAS takes its
/// allocation lock on every call, so the analysis workers and the training
/// thread may call it at once.
Eigen::MatrixXf correlations(const Eigen::MatrixXf &unit)
{
    (void)blasKernels(); // chosen before the first product
    const Eigen::Index n = unit.cols(), samples = unit.rows();
    Eigen::MatrixXf corr = Eigen::MatrixXf::Zero(n, n);
    if (n == 0 || samples == 0)
        return corr;
    cblas_ssyrk(CblasColMajor, CblasUpper, CblasTrans, int(n), int(samples), 1.0f, unit.data(), int(samples),
                0.0f, corr.data(), int(n));
    return corr;
}

} // namespace

QString metricName(MetricKind kind)
{
    for (const auto &m : kMetricNames)
        if (m.kind == kind)
            return QString::fromLatin1(m.name);
    return {};
}

bool metricFromName(const QString &name, MetricKind *kind)
{
    for (const auto &m : kMetricNames)
        if (name == QLatin1String(m.name)) {
            *kind = m.kind;
            return true;
        }
    return false;
}

QStringList metricNames()
{
    QStringList names;
    for (const auto &m : kMetricNames)
        names << QString::fromLatin1(m.name);
    return names;
}

double metricDiameterBound(MetricKind kind)
{
    return kind == MetricKind::SqrtOneMinusCorrelation ? std::sqrt(2.0) : 1.0;
}

int NeuronDistances::constantCount() const
{
    return int(std::count(constant.begin(), constant.end(), true));
}

NeuronDistances neuronDistances(const ActivationMatrix &activations, MetricKind kind)
{
    const Eigen::Index samples = activations.rows();
    const Eigen::Index n = activations.cols();
    NeuronDistances result;
    result.constant.resize(size_t(n));

    // Centre and normalise each column in double, so that the refinement below
    // starts from exact-as-possible unit vectors; the GEMM gets a float copy.
    Eigen::MatrixXd unit(samples, n);
    for (Eigen::Index j = 0; j < n; ++j) {
        result.constant[size_t(j)] = isConstant(activations, j);
        if (result.constant[size_t(j)]) {
            unit.col(j).setZero();
            continue;
        }
        auto col = unit.col(j);
        col = activations.col(j).cast<double>();
        col.array() -= col.mean();
        const double norm = col.norm();
        if (norm > 0.0)
            col /= norm;
        else
            result.constant[size_t(j)] = true;
    }
    const Eigen::MatrixXf unitF = unit.cast<float>();
    const Eigen::MatrixXf corr = correlations(unitF);

    const bool absolute = usesAbsolute(kind);
    result.distance.resize(n, n);
    for (Eigen::Index i = 0; i < n; ++i) {
        result.distance(i, i) = 0.0f;
        for (Eigen::Index j = i + 1; j < n; ++j) {
            double d;
            if (result.constant[size_t(i)] || result.constant[size_t(j)]) {
                d = distanceFromGap(kind, 1.0); // c = 0 by definition
            } else {
                const double c = std::clamp(double(corr(i, j)), -1.0, 1.0);
                double gap = 1.0 - (absolute ? std::abs(c) : c);
                if (gap < kRefineBelow) {
                    // For unit vectors, 1 - c = |u - v|^2 / 2 and 1 + c = |u + v|^2 / 2:
                    // sums of squares, with no cancellation.
                    const double minus = (unit.col(i) - unit.col(j)).squaredNorm() / 2.0;
                    const double plus = (unit.col(i) + unit.col(j)).squaredNorm() / 2.0;
                    gap = absolute ? std::min(minus, plus) : minus;
                }
                d = distanceFromGap(kind, gap);
            }
            result.distance(i, j) = result.distance(j, i) = float(d);
        }
    }
    return result;
}

TriangleReport checkTriangleInequality(const DistanceMatrix &d, double tolerance)
{
    TriangleReport report;
    const Eigen::Index n = d.rows();
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = i + 1; j < n; ++j)
            for (Eigen::Index k = j + 1; k < n; ++k) {
                const double a = d(i, j), b = d(j, k), c = d(i, k);
                for (const double excess : {c - a - b, a - b - c, b - a - c}) {
                    ++report.checked;
                    if (excess > tolerance) {
                        ++report.violated;
                        report.worstExcess = std::max(report.worstExcess, excess);
                    }
                }
            }
    return report;
}

double supDistance(const DistanceMatrix &a, const DistanceMatrix &b)
{
    if (a.rows() != b.rows() || a.cols() != b.cols())
        throw std::invalid_argument("supDistance: matrices of different sizes");
    // In double, entry by entry: the difference of two floats is exact there,
    // and no temporary matrix is made.
    double sup = 0.0;
    for (Eigen::Index k = 0; k < a.size(); ++k)
        sup = std::max(sup, std::abs(double(a.data()[k]) - double(b.data()[k])));
    return sup;
}

} // namespace netbetti
