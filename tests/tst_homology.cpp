// Persistence through the code path of `netbetti-cli homology` (npy file ->
// validation -> ripser child process -> diagram) on spaces whose homology
// is known, and against the independent engine's diagrams in fixtures/.

#include "TestSupport.h"
#include "Error.h"
#include "storage/NpyFile.h"
#include "topology/ConeReduction.h"
#include "topology/DiagramCsv.h"
#include "topology/RipserEngine.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>
#include <thread>

using namespace netbetti;
using namespace netbetti::test;

class TestHomology : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    /// As the CLI does it: through a .npy file on disk.
    PersistenceDiagram homologyOf(const FloatMatrix &d, PersistenceSettings settings = {})
    {
        const QString path = m_dir.filePath(QStringLiteral("m.npy"));
        writeNpy(path, d);
        const FloatMatrix back = readNpy(path);
        validateDistanceMatrix(back, path);
        return RipserEngine().compute(back, settings);
    }

    QString script(const QString &name, const QByteArray &body)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write("#!/bin/sh\n" + body + "\n");
        f.close();
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        return path;
    }

    static FloatMatrix square()
    {
        return euclideanDistances({{0, 0}, {1, 0}, {1, 1}, {0, 1}});
    }

private Q_SLOTS:
    void circleHasOneLongH1Bar()
    {
        const PersistenceDiagram d = homologyOf(euclideanDistances(circle(100)));
        const auto h1 = persistences(d, 1);
        QVERIFY(!h1.empty());
        QVERIFY2(h1[0] > 1.0, qPrintable(QString::number(h1[0]))); // born ~0.063, dies ~sqrt 3
        QVERIFY(h1.size() == 1 || h1[1] < 0.1 * h1[0]);
        QCOMPARE(d.count(0), 100);
        QCOMPARE(d.bettiAt(1, 1.0), 1);
        QCOMPARE(d.bettiAt(0, 1.0), 1);
    }

    void twoCirclesHaveTwo()
    {
        auto points = circle(60, 1.0, 0, 0);
        const auto second = circle(60, 1.0, 5, 0);
        points.insert(points.end(), second.begin(), second.end());
        const PersistenceDiagram d = homologyOf(euclideanDistances(points));
        const auto h1 = persistences(d, 1);
        QVERIFY(h1.size() >= 2);
        QVERIFY(h1[1] > 1.0);
        QVERIFY(h1.size() == 2 || h1[2] < 0.1 * h1[1]);
        QCOMPARE(d.bettiAt(0, 1.0), 2); // two components until the gap of 3 closes
        QCOMPARE(d.bettiAt(1, 1.0), 2);
    }

    void sphereHasOneLongH2Bar()
    {
        PersistenceSettings s;
        s.maxDim = 2;
        const PersistenceDiagram d = homologyOf(euclideanDistances(sphere(100)), s);
        const auto h2 = persistences(d, 2);
        QVERIFY(!h2.empty());
        QVERIFY2(h2[0] > 0.5, qPrintable(QString::number(h2[0])));
        QVERIFY(h2.size() == 1 || h2[1] < 0.25 * h2[0]);
        const auto h1 = persistences(d, 1);
        QVERIFY2(h1.empty() || h1[0] < 0.25 * h2[0], // a sphere has no H1
                 qPrintable(QStringLiteral("H1 %1, H2 %2").arg(h1[0]).arg(h2[0])));
    }

    void farApartPointsAreNBars()
    {
        const int n = 7;
        FloatMatrix d(n, n);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                d(i, j) = i == j ? 0.0f : 10.0f + float(i + j);
        const PersistenceDiagram diagram = homologyOf(d);
        QCOMPARE(diagram.count(0), n);
        const auto h0 = diagram.inDimension(0);
        QCOMPARE(std::count_if(h0.begin(), h0.end(), [](const PersistenceBar &b) { return b.isInfinite(); }), 1);
        for (const auto &b : h0)
            QVERIFY(b.isInfinite() || b.death >= 10.0f);
    }

    void zeroLengthBarsAreCounted()
    {
        // Three copies of each corner of a square: 12 points, 8 bars [0,0).
        std::vector<std::vector<double>> points;
        for (auto p : std::vector<std::vector<double>>{{0, 0}, {1, 0}, {1, 1}, {0, 1}})
            for (int k = 0; k < 3; ++k)
                points.push_back(p);
        const PersistenceDiagram d = homologyOf(euclideanDistances(points));
        QCOMPARE(d.count(0), 12);
        const auto h0 = d.inDimension(0);
        QCOMPARE(std::count_if(h0.begin(), h0.end(), [](const PersistenceBar &b) { return b.death == 0.0; }), 8);
        QCOMPARE(d.count(1), 1);
    }

    void thresholdIsRespected()
    {
        const PersistenceDiagram full = homologyOf(euclideanDistances(circle(100)));
        const auto h1 = full.inDimension(1);
        const auto longest = *std::max_element(h1.begin(), h1.end(), [](auto &a, auto &b) {
            return a.persistence() < b.persistence();
        });
        PersistenceSettings s;
        s.threshold = (longest.birth + longest.death) / 2;
        const PersistenceDiagram cut = homologyOf(euclideanDistances(circle(100)), s);
        QVERIFY(cut.threshold.has_value());
        QCOMPARE(*cut.threshold, *s.threshold);
        for (const auto &b : cut.bars)
            QVERIFY(b.isInfinite() || b.death <= *s.threshold);
        // The circle's class is alive at the threshold, born where it was.
        const auto cutH1 = cut.inDimension(1);
        QVERIFY(std::any_of(cutH1.begin(), cutH1.end(), [&](const PersistenceBar &b) {
            return b.isInfinite() && b.birth == longest.birth;
        }));
        // Below the threshold nothing changes: β agrees at every scale under it.
        for (double eps = 0.0; eps < *s.threshold; eps += 0.01)
            for (int dim = 0; dim <= 1; ++dim)
                QCOMPARE(cut.bettiAt(dim, eps), full.bettiAt(dim, eps));
        // A threshold above the enclosing radius cuts nothing.
        s.threshold = 100.0;
        const PersistenceDiagram uncut = homologyOf(euclideanDistances(circle(100)), s);
        QVERIFY(!uncut.threshold.has_value());
        QVERIFY(uncut == full);
    }

    void matchesIndependentEngine_data()
    {
        addFixtureRows();
    }

    void matchesIndependentEngine()
    {
        checkAgainstFixture([](const FloatMatrix &d, const PersistenceSettings &s) { return RipserEngine().compute(d, s); });
    }

    void zeroDimensionalAloneMatchesTheOracle_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<double>("threshold"); // 0: none
        for (const char *name : {"neurons-46-torsion", "neurons-134"})
            for (double t : {0.0, 0.3, 0.6})
                QTest::addRow("%s t=%g", name, t) << QString::fromLatin1(name) << t;
    }

    void zeroDimensionalAloneMatchesTheOracle()
    {
        // H0 alone (a spanning tree, no ripser) against the independent
        // engine's H0, and against ripser's H0 from an H1 run at a threshold.
        QFETCH(QString, name);
        QFETCH(double, threshold);
        const QString base = QStringLiteral(NETBETTI_FIXTURES "/") + name;
        const FloatMatrix d = readNpy(base + QStringLiteral(".npy"));
        PersistenceSettings h0, h1;
        h0.maxDim = 0;
        h1.maxDim = 1;
        if (threshold > 0)
            h0.threshold = h1.threshold = threshold;
        const PersistenceDiagram alone = RipserEngine().compute(d, h0);
        QCOMPARE(alone.maxDim, 0);
        QCOMPARE(alone.count(0), int(d.rows()));
        QCOMPARE(alone.count(1), 0);
        PersistenceDiagram fromRipser = RipserEngine().compute(d, h1);
        QCOMPARE(alone.threshold, fromRipser.threshold);
        fromRipser.bars = fromRipser.inDimension(0);
        QCOMPARE(alone.bars, fromRipser.bars);
        if (threshold == 0) {
            PersistenceDiagram oracle = readDiagramCsv(base + QStringLiteral(".z2.csv"));
            oracle.bars = oracle.inDimension(0);
            oracle.maxDim = 0;
            QString why;
            QVERIFY2(sameDiagram(alone, oracle, 1e-6, &why), qPrintable(why));
        }
    }

    void coneReductionIsExact_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("coefficients");
        QTest::addColumn<int>("maxDim");
        QTest::addColumn<double>("threshold"); // 0: none
        QTest::addColumn<int>("duplicates");   // neurons copied (one of them dead)
        for (const char *name : {"neurons-46-torsion", "neurons-134"})
            for (int p : {2, 3})
                for (double t : {0.0, 0.6, 0.95, 1.5})
                    for (int copies : {0, 5}) {
                        const int maxDim = QByteArray(name).contains("46") ? 2 : 1;
                        QTest::addRow("%s Z/%d t=%g dup=%d", name, p, t, copies)
                            << QString::fromLatin1(name) << p << maxDim << t << copies;
                    }
    }

    /// d with `copies` neurons repeated: a copy's row is its source's, at 0.
    static FloatMatrix withDuplicates(const FloatMatrix &d, const std::vector<Eigen::Index> &sources)
    {
        const Eigen::Index n = d.rows(), m = n + Eigen::Index(sources.size());
        FloatMatrix out(m, m);
        std::vector<Eigen::Index> origin(static_cast<size_t>(m));
        for (Eigen::Index i = 0; i < m; ++i)
            origin[size_t(i)] = i < n ? i : sources[size_t(i - n)];
        for (Eigen::Index i = 0; i < m; ++i)
            for (Eigen::Index j = 0; j < m; ++j)
                out(i, j) = i == j ? 0.0f : d(origin[size_t(i)], origin[size_t(j)]);
        return out;
    }

    void coneReductionIsExact()
    {
        // Dead neurons are cone points: removing them and adding their bars
        // back gives ripser's own diagram on the whole matrix.
        QFETCH(QString, name);
        QFETCH(int, coefficients);
        QFETCH(int, maxDim);
        QFETCH(double, threshold);
        QFETCH(int, duplicates);
        const FloatMatrix original = readNpy(QStringLiteral(NETBETTI_FIXTURES "/") + name + QStringLiteral(".npy"));
        double apex = 0;
        const auto deadBefore = findConePoints(original, &apex);
        std::vector<Eigen::Index> sources;
        for (Eigen::Index i = 0; i < original.rows() && int(sources.size()) < duplicates - 1; i += 3)
            if (std::find(deadBefore.begin(), deadBefore.end(), i) == deadBefore.end())
                sources.push_back(i);
        if (duplicates > 0)
            sources.push_back(deadBefore.front()); // a dead neuron's twin: neither is a cone point now
        const FloatMatrix d = withDuplicates(original, sources);
        QCOMPARE(int(findDuplicatePoints(d).size()), duplicates);
        const auto cone = findConePoints(d, &apex);
        QCOMPARE(apex, 1.0);
        QCOMPARE(int(cone.size()), (name.contains(QStringLiteral("46")) ? 7 : 31) - (duplicates > 0 ? 1 : 0));
        PersistenceSettings s;
        s.maxDim = maxDim;
        s.coefficients = coefficients;
        if (threshold > 0)
            s.threshold = threshold;
        auto ripser = std::make_shared<RipserEngine>();
        const PersistenceDiagram whole = ripser->compute(d, s);
        const PersistenceDiagram reduced = ConeReducingEngine(ripser).compute(d, s);
        QCOMPARE(reduced.pointCount, whole.pointCount);
        QCOMPARE(reduced.threshold, whole.threshold);
        QCOMPARE(reduced.bars.size(), whole.bars.size());
        for (size_t i = 0; i < whole.bars.size(); ++i)
            QVERIFY2(reduced.bars[i] == whole.bars[i],
                     qPrintable(QStringLiteral("bar %1: H%2 [%3, %4) vs [%5, %6)")
                                    .arg(i)
                                    .arg(whole.bars[i].dim)
                                    .arg(reduced.bars[i].birth)
                                    .arg(reduced.bars[i].death)
                                    .arg(whole.bars[i].birth)
                                    .arg(whole.bars[i].death)));
    }

    void coefficientsMatter()
    {
        // The torsion fixture: an H1 bar born at 0.556825399 dies at
        // 0.762659729 over Z/2 and at 0.755951703 over Z/3.
        const FloatMatrix d = readNpy(QStringLiteral(NETBETTI_FIXTURES "/neurons-46-torsion.npy"));
        auto deathOf = [&](int p) {
            PersistenceSettings s;
            s.coefficients = p;
            for (const auto &b : RipserEngine().compute(d, s).inDimension(1))
                if (std::abs(b.birth - 0.556825399) < 1e-6)
                    return b.death;
            return -1.0;
        };
        QVERIFY(std::abs(deathOf(2) - 0.762659729) < 1e-6);
        QVERIFY(std::abs(deathOf(3) - 0.755951703) < 1e-6);
    }

    void missingRipserIsAClearError()
    {
        try {
            RipserEngine(QStringLiteral("/nonexistent/ripser")).compute(square(), {});
            QFAIL("no error");
        } catch (const RunError &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("/nonexistent/ripser")), e.what());
        }
        qputenv("PATH", "/nonexistent");
        try {
            RipserEngine().compute(square(), {});
            QFAIL("no error");
        } catch (const RunError &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("not found")), e.what());
        }
        qputenv("PATH", "/usr/local/bin:/usr/bin:/bin");
    }

    void failingRipserIsAClearError_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("crash") << QByteArray("cat >/dev/null; kill -SEGV $$") << QStringLiteral("crashed");
        QTest::newRow("exit code") << QByteArray("cat >/dev/null; echo 'out of luck' >&2; exit 3")
                                   << QStringLiteral("code 3: out of luck");
        QTest::newRow("garbage") << QByteArray("cat >/dev/null; echo hello") << QStringLiteral("hello");
    }

    void failingRipserIsAClearError()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const QString fake = script(QStringLiteral("fake-ripser"), body);
        try {
            RipserEngine(fake).compute(square(), {});
            QFAIL("no error");
        } catch (const RunError &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
        }
    }

    void cancelKillsRipser()
    {
        const QString slow = script(QStringLiteral("slow-ripser"), "exec sleep 60");
        std::atomic_bool cancel{false};
        std::thread canceller([&cancel] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            cancel = true;
        });
        QElapsedTimer timer;
        timer.start();
        QVERIFY_THROWS_EXCEPTION(Cancelled, RipserEngine(slow).compute(square(), {}, &cancel));
        canceller.join();
        // A generous bound: what matters is that it did not wait for sleep 60.
        QVERIFY2(timer.elapsed() < 30000, qPrintable(QString::number(timer.elapsed())));
    }

    void invalidMatricesAreRefused_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not square") << 0 << QStringLiteral("square");
        QTest::newRow("negative") << 1 << QStringLiteral("entry (0, 1) = -1");
        QTest::newRow("nan") << 2 << QStringLiteral("finite");
        QTest::newRow("asymmetric") << 3 << QStringLiteral("symmetric");
        QTest::newRow("diagonal") << 4 << QStringLiteral("diagonal");
    }

    void invalidMatricesAreRefused()
    {
        QFETCH(int, kind);
        QFETCH(QString, expected);
        FloatMatrix d = square();
        switch (kind) {
        case 0: d = FloatMatrix::Zero(2, 3); break;
        case 1: d(0, 1) = d(1, 0) = -1; break;
        case 2: d(2, 3) = d(3, 2) = std::nanf(""); break;
        case 3: d(0, 1) = 3; break;
        case 4: d(2, 2) = 0.5f; break;
        }
        try {
            validateDistanceMatrix(d, QStringLiteral("m.npy"));
            QFAIL("no error");
        } catch (const InputError &e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.startsWith(QStringLiteral("m.npy: ")) && message.contains(expected), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestHomology)
#include "tst_homology.moc"
