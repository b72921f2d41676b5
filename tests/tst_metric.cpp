// The neuron metric against independent reasoning: a naive double-precision
// Pearson loop, the metric axioms, and the special cases of DESIGN.md.

#include "TestSupport.h"
#include "metric/NeuronMetric.h"

#include <QtTest>
#include <random>

using namespace netbetti;

namespace {

ActivationMatrix randomActivations(int samples, int neurons, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> g;
    ActivationMatrix a(samples, neurons);
    for (int j = 0; j < neurons; ++j)
        for (int i = 0; i < samples; ++i)
            a(i, j) = g(rng);
    // Mix columns so that some pairs are strongly (anti-)correlated, like the
    // neurons of a trained layer, not only near-independent.
    for (int j = 1; j < neurons; j += 3)
        a.col(j) = 0.9f * a.col(j - 1) + 0.1f * a.col(j);
    for (int j = 2; j < neurons; j += 5)
        a.col(j) = -2.0f * a.col(j - 2) + 0.01f * a.col(j);
    // ReLU on a third of them, as after a hidden layer.
    for (int j = 0; j < neurons; j += 3)
        a.col(j) = a.col(j).cwiseMax(0.0f);
    return a;
}

double naiveCorrelation(const ActivationMatrix &a, int p, int q)
{
    const int n = int(a.rows());
    double ma = 0, mb = 0;
    for (int i = 0; i < n; ++i) {
        ma += a(i, p);
        mb += a(i, q);
    }
    ma /= n;
    mb /= n;
    double sab = 0, saa = 0, sbb = 0;
    for (int i = 0; i < n; ++i) {
        const double x = a(i, p) - ma, y = a(i, q) - mb;
        sab += x * y;
        saa += x * x;
        sbb += y * y;
    }
    if (saa == 0 || sbb == 0)
        return 0.0;
    return sab / std::sqrt(saa * sbb);
}

double naiveDistance(MetricKind kind, double c)
{
    switch (kind) {
    case MetricKind::SqrtOneMinusAbsCorrelation: return std::sqrt(std::max(0.0, 1 - std::abs(c)));
    case MetricKind::SqrtOneMinusCorrelation: return std::sqrt(std::max(0.0, 1 - c));
    case MetricKind::OneMinusAbsCorrelation: return 1 - std::abs(c);
    }
    return -1;
}

} // namespace

class TestMetric : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesNaiveDoubleLoop_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("samples");
        QTest::addColumn<int>("neurons");
        for (int k = 0; k < 3; ++k) {
            const QByteArray name = metricName(MetricKind(k)).toLatin1();
            QTest::newRow((name + " 2000x60").constData()) << k << 2000 << 60;
            QTest::newRow((name + " 50x30").constData()) << k << 50 << 30;
        }
    }

    void matchesNaiveDoubleLoop()
    {
        QFETCH(int, kind);
        QFETCH(int, samples);
        QFETCH(int, neurons);
        const ActivationMatrix a = randomActivations(samples, neurons, 7);
        const NeuronDistances d = neuronDistances(a, MetricKind(kind));
        double worst = 0;
        for (int p = 0; p < neurons; ++p)
            for (int q = 0; q < neurons; ++q) {
                const double expected = p == q ? 0.0 : naiveDistance(MetricKind(kind), naiveCorrelation(a, p, q));
                worst = std::max(worst, std::abs(double(d.distance(p, q)) - expected));
            }
        QVERIFY2(worst <= 1e-5, qPrintable(QStringLiteral("max error %1").arg(worst)));
    }

    void axioms_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("bound");
        QTest::newRow("sqrt-one-minus-abs") << int(MetricKind::SqrtOneMinusAbsCorrelation) << 1.0;
        QTest::newRow("sqrt-one-minus-signed") << int(MetricKind::SqrtOneMinusCorrelation) << std::sqrt(2.0);
    }

    void axioms()
    {
        QFETCH(int, kind);
        QFETCH(double, bound);
        const ActivationMatrix a = randomActivations(500, 40, 11);
        const DistanceMatrix d = neuronDistances(a, MetricKind(kind)).distance;
        for (int i = 0; i < 40; ++i) {
            QCOMPARE(d(i, i), 0.0f);
            for (int j = 0; j < 40; ++j) {
                QCOMPARE(d(i, j), d(j, i)); // exact symmetry
                QVERIFY(d(i, j) >= 0.0f);
                QVERIFY(d(i, j) <= bound + 1e-6);
            }
        }
        const TriangleReport report = checkTriangleInequality(d, 1e-6);
        QCOMPARE(report.checked, qint64(3) * 40 * 39 * 38 / 6);
        QVERIFY2(report.violated == 0,
                 qPrintable(QStringLiteral("%1 violations, worst %2").arg(report.violated).arg(report.worstExcess)));
    }

    void oneMinusAbsIsNotAMetric()
    {
        // Three neurons: b halfway between a and c (c(a,b) = c(b,c) = 1/sqrt2,
        // c(a,c) = 0): 1 - |c| gives 0.29 + 0.29 < 1, which breaks the triangle.
        ActivationMatrix a(4, 3);
        a << 1, 1, 0,  //
            -1, -1, 0, //
            0, 1, 1,   //
            0, -1, -1;
        const DistanceMatrix d = neuronDistances(a, MetricKind::OneMinusAbsCorrelation).distance;
        QVERIFY(checkTriangleInequality(d).violated > 0);
        const DistanceMatrix s = neuronDistances(a, MetricKind::SqrtOneMinusAbsCorrelation).distance;
        QCOMPARE(checkTriangleInequality(s).violated, qint64(0));
    }

    void constantNeuronIsAtDistanceOne()
    {
        ActivationMatrix a = randomActivations(300, 10, 3);
        a.col(4).setConstant(0.0f);  // a dead ReLU
        a.col(7).setConstant(2.5f);  // constant but not zero
        for (int k = 0; k < 3; ++k) {
            const NeuronDistances d = neuronDistances(a, MetricKind(k));
            QCOMPARE(d.constantCount(), 2);
            QVERIFY(d.constant[4] && d.constant[7]);
            for (int j = 0; j < 10; ++j) {
                QCOMPARE(d.distance(4, j), j == 4 ? 0.0f : 1.0f);
                QCOMPARE(d.distance(7, j), j == 7 ? 0.0f : 1.0f);
            }
        }
    }

    void perfectlyCorrelatedNeuronsCoincide()
    {
        // The two softmax outputs of a 2-class net: p and 1 - p, c = -1.
        ActivationMatrix a = randomActivations(1000, 5, 5);
        a.col(1) = 1.0f - a.col(0).array();
        a.col(2) = 3.0f * a.col(0).array() + 7.0f; // c = +1
        const DistanceMatrix d = neuronDistances(a, MetricKind::SqrtOneMinusAbsCorrelation).distance;
        QVERIFY2(d(0, 1) <= 1e-5f, qPrintable(QString::number(d(0, 1))));
        QVERIFY2(d(0, 2) <= 1e-5f, qPrintable(QString::number(d(0, 2))));
        QVERIFY2(d(1, 2) <= 1e-5f, qPrintable(QString::number(d(1, 2))));
        // Signed: anti-correlated neurons are as far apart as can be.
        const DistanceMatrix s = neuronDistances(a, MetricKind::SqrtOneMinusCorrelation).distance;
        QVERIFY(std::abs(s(0, 1) - std::sqrt(2.0f)) <= 1e-5f);
        QVERIFY(s(0, 2) <= 1e-5f);
    }

    void namesRoundTrip()
    {
        for (const QString &name : metricNames()) {
            MetricKind kind;
            QVERIFY(metricFromName(name, &kind));
            QCOMPARE(metricName(kind), name);
        }
        MetricKind kind;
        QVERIFY(!metricFromName(QStringLiteral("euclidean"), &kind));
    }
};

QTEST_GUILESS_MAIN(TestMetric)
#include "tst_metric.moc"
