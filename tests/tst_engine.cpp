// NetBetti's own engine against the real ripser (Debian's `ripser` and
// `ripser-coeff`), bar for bar: a seeded differential fuzzer over generated
// matrices, the independent engine's fixtures, and neuron matrices of every
// reference example made by the real pipeline. Then what an engine owes its
// callers: results that do not depend on threads, progress, cancellation,
// clear refusals, and the fallback on ripser.

#include "TestSupport.h"
#include "Error.h"
#include "storage/NpyFile.h"
#include "topology/ConeReduction.h"
#include "topology/DiagramCsv.h"
#include "topology/NetBettiEngine.h"
#include "topology/RipserEngine.h"
#include "topology/ZeroDimensional.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>
#include <random>
#include <thread>

using namespace netbetti;
using namespace netbetti::test;

namespace {

/// The families of matrices the fuzzer draws from.
enum class Family { Cloud, RandomMetric, Ties, DuplicatesAndCones, NoisyCircle };

FloatMatrix symmetricFrom(int n, const std::function<float(int, int)> &entry)
{
    FloatMatrix d = FloatMatrix::Zero(n, n);
    for (int i = 0; i < n; ++i)
        for (int j = i + 1; j < n; ++j)
            d(i, j) = d(j, i) = entry(i, j);
    return d;
}

FloatMatrix cloud(std::mt19937 &rng, int n, int dim)
{
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<std::vector<double>> points(static_cast<size_t>(n), std::vector<double>(static_cast<size_t>(dim)));
    for (auto &p : points)
        for (double &x : p)
            x = u(rng);
    return euclideanDistances(points);
}

/// Adds copies of some points and cone points (at one distance from all).
FloatMatrix withDuplicatesAndCones(std::mt19937 &rng, const FloatMatrix &base, int copies, int cones)
{
    const int n = int(base.rows());
    const float apex = base.maxCoeff() * 1.25f + 0.01f;
    std::vector<int> source;
    for (int i = 0; i < n; ++i)
        source.push_back(i);
    for (int c = 0; c < copies; ++c)
        source.push_back(int(rng() % unsigned(n)));
    const int m = int(source.size()) + cones;
    FloatMatrix d = FloatMatrix::Zero(m, m);
    for (int i = 0; i < m; ++i)
        for (int j = 0; j < m; ++j) {
            if (i == j)
                continue;
            const bool cone = i >= int(source.size()) || j >= int(source.size());
            d(i, j) = cone ? apex : base(source[size_t(i)], source[size_t(j)]);
        }
    return d;
}

FloatMatrix generateExact(Family family, std::mt19937 &rng, int n);

/// Entries on a grid of 2^-12: ripser prints 6 significant digits, and its
/// values are read back as the nearest entry of the matrix (RipserEngine);
/// entries that far apart make that nearest entry the one ripser meant, so
/// that both engines can be compared within 1e-6.
FloatMatrix generate(Family family, std::mt19937 &rng, int n)
{
    FloatMatrix d = generateExact(family, rng, n);
    for (Eigen::Index i = 0; i < d.rows(); ++i)
        for (Eigen::Index j = 0; j < d.cols(); ++j)
            d(i, j) = std::round(d(i, j) * 4096.0f) / 4096.0f;
    return d;
}

FloatMatrix generateExact(Family family, std::mt19937 &rng, int n)
{
    std::uniform_real_distribution<double> u(0.0, 1.0);
    switch (family) {
    case Family::Cloud:
        return cloud(rng, n, 2 + int(rng() % 3));
    case Family::RandomMetric:
        // Entries in [1, 2] always satisfy the triangle inequality.
        return symmetricFrom(n, [&](int, int) { return float(1.0 + u(rng)); });
    case Family::Ties:
        // Few distinct values: most simplices tie, the tie order decides.
        return symmetricFrom(n, [&](int, int) { return float(1 + rng() % 4) * 0.25f; });
    case Family::DuplicatesAndCones:
        return withDuplicatesAndCones(rng, cloud(rng, std::max(3, n - 6), 3), int(rng() % 4), int(rng() % 3));
    case Family::NoisyCircle: {
        std::normal_distribution<double> noise(0.0, 0.05);
        auto points = circle(n);
        for (auto &p : points)
            for (double &x : p)
                x += noise(rng);
        return euclideanDistances(points);
    }
    }
    return {};
}

/// A threshold halfway between two entries of the matrix, so that no
/// engine's rounding of it can decide which simplices enter.
std::optional<double> randomThreshold(std::mt19937 &rng, const FloatMatrix &d)
{
    if (rng() % 2 == 0)
        return std::nullopt;
    const std::vector<float> entries = distinctEntries(d);
    if (entries.size() < 3)
        return std::nullopt;
    const size_t i = 1 + rng() % (entries.size() - 2);
    return (double(entries[i]) + double(entries[i + 1])) / 2.0;
}

PersistenceDiagram ownEngine(const FloatMatrix &d, PersistenceSettings s, int threads)
{
    s.threads = threads;
    return NetBettiEngine().compute(d, s);
}

QString describe(const FloatMatrix &d)
{
    QString out;
    for (Eigen::Index i = 0; i < d.rows(); ++i) {
        for (Eigen::Index j = 0; j < d.cols(); ++j)
            out += QString::number(double(d(i, j)), 'g', 9) + QLatin1Char(' ');
        out += QLatin1Char('\n');
    }
    return out;
}

} // namespace

Q_DECLARE_METATYPE(Family)

class TestEngine : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    void expectSame(const FloatMatrix &d, const PersistenceSettings &s, const PersistenceDiagram &ours,
                    const PersistenceDiagram &reference, const QString &what)
    {
        QString why;
        if (!sameDiagram(ours, reference, 1e-6, &why) || ours.threshold != reference.threshold
            || ours.count(0) != int(d.rows())) {
            const QString file = m_dir.filePath(QStringLiteral("failing.npy"));
            writeNpy(file, d);
            QFAIL(qPrintable(QStringLiteral("%1 (H0..H%2, Z/%3, threshold %4): %5; matrix kept in %6:\n%7")
                                 .arg(what)
                                 .arg(s.maxDim)
                                 .arg(s.coefficients)
                                 .arg(s.threshold ? QString::number(*s.threshold, 'g', 17) : QStringLiteral("none"))
                                 .arg(why.isEmpty() ? QStringLiteral("threshold or H0 count differ") : why, file)
                                 .arg(d.rows() <= 12 ? describe(d) : QString())));
        }
    }

private Q_SLOTS:
    void fuzzAgainstRipser_data()
    {
        QTest::addColumn<Family>("family");
        QTest::addColumn<int>("coefficients");
        QTest::addColumn<int>("seed");
        const std::pair<const char *, Family> families[] = {
            {"cloud", Family::Cloud},
            {"random-metric", Family::RandomMetric},
            {"ties", Family::Ties},
            {"duplicates-cones", Family::DuplicatesAndCones},
            {"noisy-circle", Family::NoisyCircle}};
        int seed = 1;
        for (const auto &[name, family] : families)
            for (int p : {2, 3, 5})
                QTest::addRow("%s Z/%d", name, p) << family << p << seed++;
    }

    void fuzzAgainstRipser()
    {
        // Each row: 140 matrices, H1 or H2, with and without thresholds, the
        // engine alone on 1 to 3 threads and the default engine (cone points
        // and duplicates removed first), both against ripser alone.
        QFETCH(Family, family);
        QFETCH(int, coefficients);
        QFETCH(int, seed);
        std::mt19937 rng(unsigned(seed) * 7919u);
        const auto defaultEngine = makePersistenceEngine(QStringLiteral("netbetti"));
        for (int round = 0; round < 140; ++round) {
            PersistenceSettings s;
            s.coefficients = coefficients;
            s.maxDim = 1 + int(rng() % 2);
            const int n = s.maxDim == 2 ? 4 + int(rng() % 22) : 4 + int(rng() % 40);
            const FloatMatrix d = generate(family, rng, n);
            s.threshold = randomThreshold(rng, d);
            const PersistenceDiagram reference = RipserEngine().compute(d, s);
            expectSame(d, s, ownEngine(d, s, 1 + int(rng() % 3)), reference,
                       QStringLiteral("round %1, netbetti engine").arg(round));
            expectSame(d, s, defaultEngine->compute(d, s), reference,
                       QStringLiteral("round %1, default engine").arg(round));
        }
    }

    void zeroDimensionMatchesTheSpanningTree()
    {
        std::mt19937 rng(99);
        for (int round = 0; round < 200; ++round) {
            const FloatMatrix d = generate(round % 2 ? Family::Ties : Family::Cloud, rng, 3 + int(rng() % 40));
            PersistenceSettings s;
            s.maxDim = 0;
            s.threshold = randomThreshold(rng, d);
            const PersistenceDiagram ours = ownEngine(d, s, 2);
            const PersistenceDiagram tree = zeroDimensionalPersistence(d, s.threshold);
            QCOMPARE(ours.bars, tree.bars);
            QCOMPARE(ours.threshold, tree.threshold);
        }
    }

    void matchesIndependentEngine_data()
    {
        addFixtureRows();
    }

    void matchesIndependentEngine()
    {
        // Both ways in: the reduction on two threads, and the engine by name.
        checkAgainstFixture([](const FloatMatrix &d, const PersistenceSettings &s) { return ownEngine(d, s, 2); });
        checkAgainstFixture([](const FloatMatrix &d, const PersistenceSettings &s) {
            return makePersistenceEngine(QStringLiteral("netbetti"))->compute(d, s);
        });
    }

    void matchesRipserOnNeuronMatricesOfEveryExample()
    {
        // One epoch of each reference example through the real pipeline
        // (netbetti-cli run), then its neuron matrix through both engines.
        const QStringList examples =
            QDir(QStringLiteral(NETBETTI_SOURCE_DIR "/resources/examples")).entryList({QStringLiteral("*.json")});
        QVERIFY(examples.size() >= 4);
        for (const QString &example : examples) {
            const QString out = m_dir.filePath(example);
            const ProcessResult run = runCli({QStringLiteral("run"),
                                              QStringLiteral(NETBETTI_SOURCE_DIR "/resources/examples/") + example,
                                              QStringLiteral("--out"), out, QStringLiteral("--epochs"),
                                              QStringLiteral("1")});
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
            const FloatMatrix d = readNpy(out + QStringLiteral("/epochs/0001/distance.npy"));
            for (int p : {2, 3}) {
                PersistenceSettings s;
                s.coefficients = p;
                s.maxDim = d.rows() <= 200 ? 2 : 1;
                const PersistenceDiagram reference = ConeReducingEngine(std::make_shared<RipserEngine>()).compute(d, s);
                expectSame(d, s, ownEngine(d, s, 2), reference, example + QStringLiteral(", netbetti engine"));
                expectSame(d, s, makePersistenceEngine(QStringLiteral("netbetti"))->compute(d, s), reference,
                           example + QStringLiteral(", default engine"));
            }
        }
    }

    void resultDoesNotDependOnThreads()
    {
        std::mt19937 rng(5);
        const FloatMatrix d = generate(Family::Ties, rng, 60);
        const FloatMatrix neurons = readNpy(QStringLiteral(NETBETTI_FIXTURES "/neurons-134.npy"));
        for (const FloatMatrix *m : {&d, &neurons}) {
            PersistenceSettings s;
            s.maxDim = 2;
            s.coefficients = 3;
            const PersistenceDiagram one = ownEngine(*m, s, 1);
            QVERIFY(one.count(2) > 0);
            for (int threads : {2, 3, 8})
                QCOMPARE(ownEngine(*m, s, threads).bars, one.bars);
        }
    }

    void reportsProgressUpToTheTotal()
    {
        const FloatMatrix d = readNpy(QStringLiteral(NETBETTI_FIXTURES "/neurons-134.npy"));
        PersistenceSettings s;
        s.maxDim = 2;
        std::vector<std::pair<qint64, qint64>> reports;
        const std::thread::id caller = std::this_thread::get_id();
        bool otherThread = false;
        s.progress = [&](qint64 done, qint64 total) {
            reports.emplace_back(done, total);
            otherThread = otherThread || std::this_thread::get_id() != caller;
        };
        ownEngine(d, s, 2);
        QVERIFY(!reports.empty());
        QVERIFY(!otherThread);
        const qint64 n = d.rows(), total = n * (n - 1) / 2 + n * (n - 1) * (n - 2) / 6; // edges and triangles
        for (size_t i = 0; i < reports.size(); ++i) {
            QCOMPARE(reports[i].second, total);
            QVERIFY(reports[i].first <= total);
            QVERIFY(i == 0 || reports[i].first >= reports[i - 1].first);
        }
        QCOMPARE(reports.back().first, total);
    }

    void cancelStopsTheComputation()
    {
        // A computation of many seconds (H3 of 90 random points) stops soon
        // after the flag is set.
        std::mt19937 rng(3);
        const FloatMatrix d = generate(Family::RandomMetric, rng, 90);
        PersistenceSettings s;
        s.maxDim = 3;
        std::atomic_bool cancel{false};
        QElapsedTimer sinceCancel;
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            sinceCancel.start();
            cancel = true;
        });
        bool cancelled = false;
        try {
            NetBettiEngine().compute(d, s, &cancel);
        } catch (const Cancelled &) {
            cancelled = true;
        }
        canceller.join();
        QVERIFY(cancelled);
        qInfo("stopped %lld ms after the cancel", sinceCancel.elapsed());
        QVERIFY(sinceCancel.elapsed() < 1000); // generous for a shared machine; the target is 100 ms
    }

    void refusesWhatItCannotCompute_data()
    {
        QTest::addColumn<int>("coefficients");
        QTest::addColumn<int>("maxDim");
        QTest::addColumn<QString>("expected");
        QTest::newRow("Z/4") << 4 << 1 << QStringLiteral("not Z/4");
        QTest::newRow("Z/101") << 101 << 1 << QStringLiteral("not Z/101");
        QTest::newRow("H4") << 2 << 4 << QStringLiteral("not H4");
    }

    void refusesWhatItCannotCompute()
    {
        QFETCH(int, coefficients);
        QFETCH(int, maxDim);
        QFETCH(QString, expected);
        PersistenceSettings s;
        s.coefficients = coefficients;
        s.maxDim = maxDim;
        try {
            NetBettiEngine().compute(euclideanDistances(circle(10)), s);
            QFAIL("no error");
        } catch (const RunError &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
        }
    }

    void computesOverEveryPrimeUpTo97()
    {
        // The torsion fixture over Z/p for the primes up to 97: Z/2 differs
        // from all odd primes there (fixtures/README.md); ripser-coeff agrees.
        const FloatMatrix d = readNpy(QStringLiteral(NETBETTI_FIXTURES "/neurons-46-torsion.npy"));
        for (int p : {7, 11, 13, 31, 53, 89, 97}) {
            PersistenceSettings s;
            s.coefficients = p;
            s.maxDim = 2;
            expectSame(d, s, ownEngine(d, s, 2), RipserEngine().compute(d, s), QStringLiteral("Z/%1").arg(p));
        }
    }

    void fallsBackOnRipserWhenItFailsUnexpectedly()
    {
        struct Broken : PersistenceEngine
        {
            bool refuse = false;
            QString name() const override { return QStringLiteral("broken"); }
            PersistenceDiagram compute(const FloatMatrix &, const PersistenceSettings &,
                                       const std::atomic_bool *) const override
            {
                if (refuse)
                    throw RunError(QStringLiteral("refused: too large"));
                throw std::logic_error("a bug");
            }
        };
        const FloatMatrix d = euclideanDistances(circle(30));
        PersistenceSettings s;
        auto broken = std::make_shared<Broken>();
        const FallbackEngine engine(broken, std::make_shared<RipserEngine>());
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("broken engine failed \\(a bug\\)")));
        QString why;
        QVERIFY2(sameDiagram(engine.compute(d, s), RipserEngine().compute(d, s), 1e-6, &why), qPrintable(why));
        // A reason the engine gives is the result, not a cause to fall back.
        broken->refuse = true;
        QVERIFY_THROWS_EXCEPTION(RunError, engine.compute(d, s));
    }

    void engineNamesAreChecked()
    {
        QCOMPARE(makePersistenceEngine(QStringLiteral("netbetti"))->name(), QStringLiteral("netbetti"));
        QCOMPARE(makePersistenceEngine(QStringLiteral("ripser"))->name(), QStringLiteral("ripser"));
        QVERIFY_THROWS_EXCEPTION(InputError, makePersistenceEngine(QStringLiteral("gudhi")));
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
