// End to end through the real netbetti-cli executable: run folders on disk,
// the homology command, exit codes and messages.

#include "TestSupport.h"
#include "experiment/RunFolder.h"
#include "storage/NpyFile.h"
#include "topology/CycleFile.h"
#include "topology/DiagramCsv.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace netbetti;
using namespace netbetti::test;

namespace {

using CliResult = ProcessResult;

CliResult cli(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    return runCli(args, env);
}

QMap<QString, QByteArray> hashesOfEpochFiles(const QString &dir)
{
    QMap<QString, QByteArray> out;
    QDirIterator it(dir + QStringLiteral("/epochs"), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        f.open(QIODevice::ReadOnly);
        out.insert(QDir(dir).relativeFilePath(path), QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256));
    }
    return out;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    QString writeSpec(const QString &name, const QByteArray &json)
    {
        return writeTestFile(m_dir, name, json);
    }

    QString smallSpec(const QByteArray &neurons = "\"hidden+output\"")
    {
        return writeSpec(QStringLiteral("small-%1.json").arg(QString::fromLatin1(neurons.toHex())),
                         R"({"name": "small", "seed": 3,
                             "dataset": {"kind": "ball-in-cube", "dim": 4, "samples": 400},
                             "model": {"layers": [4, 16, 16, 2]},
                             "training": {"epochs": 3},
                             "analysis": {"neurons": )" + neurons + "}}");
    }

    void checkRunFolder(const QString &dir, int neurons, int epochs)
    {
        const RunFolder folder(dir);
        const RunRecord record = folder.readRecord();
        QCOMPARE(int(record.epochs.size()), epochs + 1); // epoch 0 is the initialised net
        QVERIFY(record.finished);
        QCOMPARE(int(folder.readNeurons().size()), neurons);
        QCOMPARE(folder.readSpec().training.epochs, epochs);
        for (const EpochRecord &e : record.epochs) {
            QVERIFY(e.analysed);
            QVERIFY2(e.analysisError.isEmpty(), qPrintable(e.analysisError));
            QCOMPARE(e.neurons, neurons);
            const FloatMatrix d = folder.readDistance(e.epoch);
            QCOMPARE(d.rows(), Eigen::Index(neurons));
            QCOMPARE(d.cols(), Eigen::Index(neurons));
            const PersistenceDiagram diagram = folder.readDiagram(e.epoch);
            QCOMPARE(diagram.count(0), neurons);
            const auto h0 = diagram.inDimension(0);
            QCOMPARE(std::count_if(h0.begin(), h0.end(), [](const PersistenceBar &b) { return b.isInfinite(); }), 1);
            // A constant neuron is an H0 bar [0, 1).
            const auto ones = std::count_if(h0.begin(), h0.end(), [](const PersistenceBar &b) { return b.death == 1.0; });
            QVERIFY(ones >= e.constantNeurons - 1);
            checkContinuity(folder, e, d, diagram.maxDim);
        }
    }

    // Distances to the previous epoch are in run.json, and obey the stability
    // theorem: d_B(Dgm D, Dgm D') <= max |D - D'| for matrices on the same neurons.
    void checkContinuity(const RunFolder &folder, const EpochRecord &e, const FloatMatrix &d, int maxDim)
    {
        if (e.epoch == 0) {
            QCOMPARE(e.previousEpoch, -1);
            QVERIFY(e.bottleneckToPrevious.empty());
            QVERIFY(!e.linfToPrevious);
            return;
        }
        QCOMPARE(e.previousEpoch, e.epoch - 1);
        QCOMPARE(int(e.bottleneckToPrevious.size()), maxDim + 1);
        QCOMPARE(int(e.wassersteinToPrevious.size()), maxDim + 1);
        const double sup = double((d - folder.readDistance(e.previousEpoch)).cwiseAbs().maxCoeff());
        // run.json records the bound itself, for the Continuity view.
        QVERIFY2(e.linfToPrevious, qPrintable(QStringLiteral("epoch %1 has no linf_to_previous").arg(e.epoch)));
        QVERIFY2(std::abs(*e.linfToPrevious - sup) <= 1e-6,
                 qPrintable(QStringLiteral("epoch %1: linf_to_previous %2, the matrices differ by %3")
                                .arg(e.epoch).arg(*e.linfToPrevious).arg(sup)));
        for (int dim = 0; dim <= maxDim; ++dim) {
            const double bottleneck = e.bottleneckToPrevious[size_t(dim)];
            QVERIFY2(bottleneck >= 0.0 && bottleneck <= sup + 1e-6,
                     qPrintable(QStringLiteral("epoch %1 H%2: %3 vs sup %4").arg(e.epoch).arg(dim).arg(bottleneck).arg(sup)));
            QVERIFY(bottleneck <= e.wassersteinToPrevious[size_t(dim)] + 1e-9);
        }
    }

private Q_SLOTS:
    void runWritesTheRunFolder()
    {
        const QString out = m_dir.filePath(QStringLiteral("run1"));
        const CliResult r = cli({QStringLiteral("run"), smallSpec(), QStringLiteral("--out"), out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("epoch   3/3")), qPrintable(r.err));
        checkRunFolder(out, 34, 3);

        // The same spec and seed give identical files.
        const QString again = m_dir.filePath(QStringLiteral("run2"));
        QCOMPARE(cli({QStringLiteral("run"), smallSpec(), QStringLiteral("--out"), again}).exitCode, 0);
        const auto first = hashesOfEpochFiles(out), second = hashesOfEpochFiles(again);
        QCOMPARE(first.size(), 15); // epochs 0..3, three files each, and matchings of 1..3
        QCOMPARE(first, second);
        // Every analysed epoch has its cycles, and they are cycles of its matrix.
        const RunFolder folder(out);
        for (const EpochRecord &e : folder.readRecord().epochs) {
            const std::optional<CycleSet> cycles = folder.readCycles(e.epoch, e.neurons);
            QVERIFY2(cycles, qPrintable(folder.cyclesPath(e.epoch)));
            QCOMPARE(int(cycles->classes.size() + cycles->skipped.size()),
                     std::min(10, folder.readDiagram(e.epoch).count(1)));
            for (const RepresentativeCycle &c : cycles->classes)
                QVERIFY(!cycleDefect(folder.readDistance(e.epoch), c, 2));
        }
    }

    // Analysing a run again from its saved networks equals training from
    // scratch with the new analysis settings: the same matrices and diagrams,
    // file for file, and the same losses.
    void reanalyseEqualsRetraining()
    {
        const QString source = m_dir.filePath(QStringLiteral("reanalyse-source"));
        QCOMPARE(cli({QStringLiteral("run"), smallSpec(), QStringLiteral("--out"), source}).exitCode, 0);
        const QString again = m_dir.filePath(QStringLiteral("reanalysed"));
        const CliResult r = cli({QStringLiteral("reanalyse"), source, QStringLiteral("--out"), again,
                                 QStringLiteral("--metric"), QStringLiteral("sqrt-one-minus-correlation"),
                                 QStringLiteral("--coefficients"), QStringLiteral("3"), QStringLiteral("--every"),
                                 QStringLiteral("2"), QStringLiteral("--neurons"), QStringLiteral("all")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));

        QFile small(smallSpec());
        QVERIFY(small.open(QIODevice::ReadOnly));
        QJsonObject spec = QJsonDocument::fromJson(small.readAll()).object();
        spec.insert(QStringLiteral("analysis"),
                    QJsonObject{{QStringLiteral("metric"), QStringLiteral("sqrt-one-minus-correlation")},
                                {QStringLiteral("coefficients"), 3},
                                {QStringLiteral("every"), 2},
                                {QStringLiteral("neurons"), QStringLiteral("all")}});
        const QString scratch = m_dir.filePath(QStringLiteral("retrained"));
        QCOMPARE(cli({QStringLiteral("run"), writeSpec(QStringLiteral("retrain.json"), QJsonDocument(spec).toJson()),
                      QStringLiteral("--out"), scratch})
                     .exitCode,
                 0);
        const auto reanalysed = hashesOfEpochFiles(again), retrained = hashesOfEpochFiles(scratch);
        QCOMPARE(reanalysed.size(), 11); // epochs 0, 2 and 3 (the last), three files each (cycles.json too), two matchings
        QCOMPARE(reanalysed, retrained);
        QVERIFY(reanalysed != hashesOfEpochFiles(source)); // another metric: other matrices
        const RunRecord a = RunFolder(again).readRecord(), b = RunFolder(scratch).readRecord();
        QCOMPARE(a.epochs.size(), b.epochs.size());
        for (size_t k = 0; k < a.epochs.size(); ++k) {
            QCOMPARE(a.epochs[k].loss, b.epochs[k].loss);
            QCOMPARE(a.epochs[k].testAccuracy, b.epochs[k].testAccuracy);
            QCOMPARE(a.epochs[k].analysed, b.epochs[k].analysed);
            QCOMPARE(a.epochs[k].bottleneckToPrevious, b.epochs[k].bottleneckToPrevious);
        }
        QCOMPARE(RunFolder(again).readSpec().analysis.coefficients, 3);
        // Its name says what changed, so that titles and legends tell the runs apart.
        const QString name = RunFolder(again).readSpec().name;
        QCOMPARE(name, RunFolder(source).readSpec().name
                           + QStringLiteral(" (analysed again: sqrt-one-minus-correlation, Z/3, all neurons, every 2 epochs)"));
        // Analysed again, it can be analysed again: it keeps the networks too.
        QCOMPARE(cli({QStringLiteral("reanalyse"), again, QStringLiteral("--out"),
                      m_dir.filePath(QStringLiteral("reanalysed-twice"))})
                     .exitCode,
                 0);
    }

    void reanalyseRefusesWhatItCannotDo()
    {
        const QString source = m_dir.filePath(QStringLiteral("reanalyse-damaged"));
        QCOMPARE(cli({QStringLiteral("run"), smallSpec(), QStringLiteral("--out"), source}).exitCode, 0);
        const QString out = m_dir.filePath(QStringLiteral("reanalyse-refused"));
        CliResult r = cli({QStringLiteral("reanalyse"), source, QStringLiteral("--out"), out,
                           QStringLiteral("--metric"), QStringLiteral("cosine")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("analysis.metric")) && r.err.contains(QStringLiteral("cosine")),
                 qPrintable(r.err));
        // An older run (or a damaged one) without an epoch's network: named, nothing written.
        const QString model = RunFolder(source).modelStatePath(1);
        QVERIFY(QFile::remove(model));
        r = cli({QStringLiteral("reanalyse"), source, QStringLiteral("--out"), out});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(model) && r.err.contains(QStringLiteral("epoch 1")), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(out));
    }

    void inputNeuronsJoinWithAll()
    {
        const QString out = m_dir.filePath(QStringLiteral("run-all"));
        const CliResult r = cli({QStringLiteral("run"), smallSpec("\"all\""), QStringLiteral("--out"), out,
                                 QStringLiteral("--epochs"), QStringLiteral("1")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        checkRunFolder(out, 38, 1);
    }

    void summaryTablesLoadInNumpyAndPandas()
    {
        // run1 and run-all exist from the tests above (run in order).
        const QString run = m_dir.filePath(QStringLiteral("run1")), tables = m_dir.filePath(QStringLiteral("tables"));
        const CliResult r = cli({QStringLiteral("summary"), run, QStringLiteral("--out"), tables,
                                 QStringLiteral("--scale"), QStringLiteral("0.4"), QStringLiteral("--scale-steps"),
                                 QStringLiteral("20")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 4);

        // Each Betti number against the diagram read back independently.
        const RunFolder folder(run);
        QFile csv(QDir(tables).filePath(QStringLiteral("betti.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readLine().trimmed(), QByteArray("epoch,beta0,beta1"));
        for (int epoch = 0; epoch <= 3; ++epoch) {
            const PersistenceDiagram d = folder.readDiagram(epoch);
            const QByteArray expected = QStringLiteral("%1,%2,%3").arg(epoch).arg(d.bettiAt(0, 0.4)).arg(d.bettiAt(1, 0.4)).toUtf8();
            QCOMPARE(csv.readLine().trimmed(), expected);
        }
        QVERIFY(csv.atEnd());

        // The promise is "loads in NumPy and pandas without conversion".
        const QString script = QStringLiteral(R"(
import json, sys, numpy as np, pandas as pd
d = sys.argv[1]
b = pd.read_csv(d + "/betti.csv", index_col="epoch")
assert list(b.columns) == ["beta0", "beta1"] and len(b) == 4, b
g = pd.read_csv(d + "/betti-by-scale-H0.csv", index_col="epoch")
assert g.shape == (4, 21), g.shape
assert (g.iloc[:, 0] == 34).all()            # at scale 0 every neuron is its own component
assert (np.diff(g.to_numpy(), axis=1) <= 0).all()  # beta0 never grows with scale
s = json.load(open(d + "/summary.json"))
t = pd.json_normalize(s["epochs"], "dimensions", ["epoch", "loss"])
assert len(t) == 8 and t["bars"].dtype.kind == "i", t
assert t[t.epoch > 0]["bottleneck_to_previous"].notna().all()
m = np.load(sys.argv[2])
assert m.shape == (34, 34) and m.dtype == np.float32
print("ok")
)");
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"),
                     {QStringLiteral("-c"), script, tables, folder.distancePath(3)});
        QVERIFY(python.waitForFinished(60000));
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        QCOMPARE(python.readAllStandardOutput().trimmed(), QByteArray("ok"));
    }

    void compareRunsAtMatchedEpochs()
    {
        const QString a = m_dir.filePath(QStringLiteral("run1")), b = m_dir.filePath(QStringLiteral("run2"));
        const QString csvPath = m_dir.filePath(QStringLiteral("compare.csv"));
        // Two runs of the same spec and seed: identical diagrams, distance 0.
        CliResult r = cli({QStringLiteral("compare"), a, b, QStringLiteral("--out"), csvPath});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + 4 * 2);
        for (const QByteArray &line : lines.mid(1))
            QVERIFY2(line.endsWith(",0,0"), line.constData());

        // Another architecture (all neurons): epochs 0 and 1 in common, and not the same homology.
        r = cli({QStringLiteral("compare"), a, m_dir.filePath(QStringLiteral("run-all"))});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 2 + 2 * 2);

        // Runs stopped at a threshold: classes alive there end there on both
        // sides, so two nets whose β at the threshold differ are still at a
        // finite distance.
        QStringList thresholded;
        for (const QByteArray &seed : {QByteArray("3"), QByteArray("4")}) {
            const QString spec = writeSpec(QStringLiteral("threshold-%1.json").arg(QString::fromLatin1(seed)),
                                           R"({"seed": )" + seed + R"(,
                                               "dataset": {"kind": "ball-in-cube", "dim": 4, "samples": 400},
                                               "model": {"layers": [4, 16, 16, 2]}, "training": {"epochs": 2},
                                               "analysis": {"threshold": 0.6}})");
            thresholded << m_dir.filePath(QStringLiteral("threshold-run-%1").arg(QString::fromLatin1(seed)));
            QCOMPARE(cli({QStringLiteral("run"), spec, QStringLiteral("--out"), thresholded.last()}).exitCode, 0);
        }
        const QString thresholdCsv = m_dir.filePath(QStringLiteral("compare-threshold.csv"));
        r = cli({QStringLiteral("compare"), thresholded[0], thresholded[1], QStringLiteral("--out"), thresholdCsv});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile thresholdFile(thresholdCsv);
        QVERIFY(thresholdFile.open(QIODevice::ReadOnly));
        const QByteArray distances = thresholdFile.readAll();
        QCOMPARE(distances.trimmed().split('\n').size(), 1 + 3 * 2);
        QVERIFY2(!distances.contains("inf") && !distances.contains("nan"), distances.constData());

        r = cli({QStringLiteral("compare"), a, m_dir.path()});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(m_dir.path()) && r.err.count(QLatin1Char('\n')) == 1, qPrintable(r.err));

        // Several runs: the matrix of every pair at its last epoch in common
        // is symmetric, zero on the diagonal, and each entry is what the
        // comparison of that pair alone gives at that epoch.
        const QStringList runs{a, m_dir.filePath(QStringLiteral("run-all")), thresholded[0], thresholded[1]};
        const QString matrixCsv = m_dir.filePath(QStringLiteral("compare-matrix.csv"));
        r = cli(QStringList{QStringLiteral("compare")} + runs + QStringList{QStringLiteral("--out"), matrixCsv});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QMap<QString, QList<QByteArray>> cells; // "a|b|dim" -> epoch, bottleneck, wasserstein
        QFile matrixFile(matrixCsv);
        QVERIFY(matrixFile.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = matrixFile.readAll().trimmed().split('\n');
        QCOMPARE(rows.first(), QByteArray("run_a,run_b,epoch,dim,bottleneck,wasserstein"));
        QCOMPARE(rows.size(), 1 + 4 * 4 * 2);
        for (const QByteArray &row : rows.mid(1)) {
            const QList<QByteArray> f = row.split(',');
            cells.insert(QString::fromUtf8(f[0] + '|' + f[1] + '|' + f[3]), {f[2], f[4], f[5]});
        }
        const auto nameOf = [](const QString &dir) { return QFileInfo(dir).fileName(); };
        for (const QString &x : runs)
            for (const QString &y : runs)
                for (int dim = 0; dim <= 1; ++dim) {
                    const auto key = [&](const QString &p, const QString &q) {
                        return nameOf(p) + QLatin1Char('|') + nameOf(q) + QLatin1Char('|') + QString::number(dim);
                    };
                    QVERIFY2(cells.contains(key(x, y)), qPrintable(key(x, y)));
                    QCOMPARE(cells[key(x, y)], cells[key(y, x)]);
                    if (x == y)
                        QCOMPARE(cells[key(x, y)].mid(1), (QList<QByteArray>{"0", "0"}));
                }
        const QString pairCsv = m_dir.filePath(QStringLiteral("compare-pair.csv"));
        QCOMPARE(cli({QStringLiteral("compare"), a, runs[1], QStringLiteral("--out"), pairCsv}).exitCode, 0);
        QFile pairFile(pairCsv);
        QVERIFY(pairFile.open(QIODevice::ReadOnly));
        for (const QByteArray &row : pairFile.readAll().trimmed().split('\n').mid(1)) {
            const QList<QByteArray> f = row.split(','); // epoch,dim,bottleneck,wasserstein
            const QList<QByteArray> cell =
                cells[nameOf(a) + QLatin1Char('|') + nameOf(runs[1]) + QLatin1Char('|') + QString::fromUtf8(f[1])];
            if (f[0] == cell[0])
                QCOMPARE((QList<QByteArray>{f[2], f[3]}), cell.mid(1));
        }
        QCOMPARE(cells[nameOf(a) + QStringLiteral("|run-all|1")][0], QByteArray("1")); // the last in common
        // An epoch a run did not analyse is named.
        r = cli(QStringList{QStringLiteral("compare")} + runs + QStringList{QStringLiteral("--epoch"), QStringLiteral("3")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("run-all")) && r.err.contains(QStringLiteral("epoch")), qPrintable(r.err));
    }

    void unaffordablePersistenceIsRefusedWithTheEstimate()
    {
        // H2 on 4,098 neurons without a threshold: refused before training.
        const QString big = writeSpec(QStringLiteral("h2-big.json"),
                                      R"({"dataset": {"kind": "ball-in-cube", "dim": 4, "samples": 200},
                                          "model": {"layers": [4, 2048, 2048, 2]}, "training": {"epochs": 1},
                                          "analysis": {"max_dim": 2}})");
        const QString out = m_dir.filePath(QStringLiteral("h2-big"));
        CliResult r = cli({QStringLiteral("run"), big, QStringLiteral("--out"), out});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("analysis.max_dim")) && r.err.contains(QStringLiteral("GB")) &&
                     r.err.contains(QStringLiteral("4098 points")) && r.err.count(QLatin1Char('\n')) == 1,
                 qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(out));

        // With a threshold each epoch is estimated from its matrix; over a tiny
        // budget the epoch is marked, the run goes on and ends.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NETBETTI_MEMORY_BUDGET_MIB"), QStringLiteral("1"));
        const QString small = writeSpec(QStringLiteral("h2-small.json"),
                                        R"({"dataset": {"kind": "ball-in-cube", "dim": 4, "samples": 200},
                                            "model": {"layers": [4, 16, 16, 2]}, "training": {"epochs": 1},
                                            "analysis": {"max_dim": 2, "threshold": 0.9}})");
        const QString out2 = m_dir.filePath(QStringLiteral("h2-small"));
        r = cli({QStringLiteral("run"), small, QStringLiteral("--out"), out2}, env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const RunRecord record = RunFolder(out2).readRecord();
        QVERIFY(record.finished);
        QCOMPARE(int(record.epochs.size()), 2);
        for (const EpochRecord &e : record.epochs)
            QVERIFY2(e.analysisError.contains(QStringLiteral("persistence not run")) &&
                         e.analysisError.contains(QStringLiteral("MB")),
                     qPrintable(e.analysisError));
    }

    void refusesToOverwriteARun()
    {
        const QString out = m_dir.filePath(QStringLiteral("run-twice"));
        QCOMPARE(cli({QStringLiteral("run"), smallSpec(), QStringLiteral("--out"), out, QStringLiteral("--epochs"),
                      QStringLiteral("0")})
                     .exitCode,
                 0);
        const QByteArray before = hashesOfEpochFiles(out).value(QStringLiteral("epochs/0000/distance.npy"));
        const CliResult r = cli({QStringLiteral("run"), smallSpec(), QStringLiteral("--out"), out});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("already holds a run")), qPrintable(r.err));
        QCOMPARE(hashesOfEpochFiles(out).value(QStringLiteral("epochs/0000/distance.npy")), before);
    }

    void homologyOfACircle()
    {
        const QString matrix = m_dir.filePath(QStringLiteral("circle.npy"));
        writeNpy(matrix, euclideanDistances(circle(100)));
        const QString csv = m_dir.filePath(QStringLiteral("circle.csv"));
        const CliResult r = cli({QStringLiteral("homology"), matrix, QStringLiteral("--out"), csv});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const PersistenceDiagram d = readDiagramCsv(csv);
        const auto h1 = persistences(d, 1);
        QVERIFY(!h1.empty() && h1[0] > 1.0);
        QVERIFY(h1.size() == 1 || h1[1] < 0.1 * h1[0]);
        QCOMPARE(d.count(0), 100);
    }

    void homologyWritesTheCoresCycles()
    {
        const QString matrix = QStringLiteral(NETBETTI_FIXTURES "/neurons-46-torsion.npy");
        const QString csv = m_dir.filePath(QStringLiteral("torsion.csv")), json = m_dir.filePath(QStringLiteral("torsion.json"));
        const CliResult r = cli({QStringLiteral("homology"), matrix, QStringLiteral("--out"), csv, QStringLiteral("--coefficients"),
                                 QStringLiteral("3"), QStringLiteral("--cycles"), json, QStringLiteral("--cycles-count"),
                                 QStringLiteral("4")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const CycleSet written = readCyclesJson(json, 46);
        QCOMPARE(int(written.classes.size()), 4);
        QCOMPARE(written, representativeCycles(readNpy(matrix), readDiagramCsv(csv), {4, 3, CycleSettings{}.budget}));
        QCOMPARE(cli({QStringLiteral("homology"), matrix, QStringLiteral("--out"), csv, QStringLiteral("--cycles"), json,
                      QStringLiteral("--cycles-count"), QStringLiteral("-1")})
                     .exitCode,
                 2);
    }

    void homologyHonoursItsOptions()
    {
        const QString matrix = QStringLiteral(NETBETTI_FIXTURES "/neurons-46-torsion.npy");
        for (const int p : {2, 3})
            for (const char *engine : {"netbetti", "ripser"}) {
            const QString csv = m_dir.filePath(QStringLiteral("torsion-%1-%2.csv").arg(p).arg(QLatin1String(engine)));
            const CliResult r = cli({QStringLiteral("homology"), matrix, QStringLiteral("--out"), csv,
                                     QStringLiteral("--max-dim"), QStringLiteral("2"),
                                     QStringLiteral("--coefficients"), QString::number(p),
                                     QStringLiteral("--engine"), QString::fromLatin1(engine)});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QString why;
            QVERIFY2(sameDiagram(readDiagramCsv(csv),
                                 readDiagramCsv(QStringLiteral(NETBETTI_FIXTURES "/neurons-46-torsion.z%1.csv").arg(p)),
                                 1e-6, &why),
                     qPrintable(why));
        }
        const QString csv = m_dir.filePath(QStringLiteral("cut.csv"));
        QCOMPARE(cli({QStringLiteral("homology"), matrix, QStringLiteral("--out"), csv, QStringLiteral("--threshold"),
                      QStringLiteral("0.6")})
                     .exitCode,
                 0);
        for (const auto &b : readDiagramCsv(csv).bars)
            QVERIFY(b.isInfinite() || b.death <= 0.6);
    }

    void badInputExitsTwoWithOneLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        const QString fixture = QStringLiteral(NETBETTI_FIXTURES "/neurons-134.npy");
        QTest::newRow("no command") << QStringList{} << QStringLiteral("Usage");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("train")} << QStringLiteral("unknown command 'train'");
        QTest::newRow("missing spec") << QStringList{QStringLiteral("run"), QStringLiteral("/nonexistent.json"), QStringLiteral("--out"), QStringLiteral("/tmp/x")}
                                      << QStringLiteral("/nonexistent.json: no such file");
        QTest::newRow("no out") << QStringList{QStringLiteral("homology"), fixture} << QStringLiteral("--out");
        QTest::newRow("bad max-dim") << QStringList{QStringLiteral("homology"), fixture, QStringLiteral("--out"), QStringLiteral("/tmp/x.csv"), QStringLiteral("--max-dim"), QStringLiteral("x")}
                                     << QStringLiteral("--max-dim = x");
        QTest::newRow("not prime") << QStringList{QStringLiteral("homology"), fixture, QStringLiteral("--out"), QStringLiteral("/tmp/x.csv"), QStringLiteral("--coefficients"), QStringLiteral("6")}
                                   << QStringLiteral("--coefficients = 6");
        QTest::newRow("bad engine") << QStringList{QStringLiteral("homology"), fixture, QStringLiteral("--out"), QStringLiteral("/tmp/x.csv"), QStringLiteral("--engine"), QStringLiteral("gudhi")}
                                    << QStringLiteral("--engine = gudhi");
        QTest::newRow("prime above netbetti's") << QStringList{QStringLiteral("homology"), fixture, QStringLiteral("--out"), QStringLiteral("/tmp/x.csv"), QStringLiteral("--coefficients"), QStringLiteral("101")}
                                                << QStringLiteral("--coefficients = 101");
        QTest::newRow("missing matrix") << QStringList{QStringLiteral("homology"), QStringLiteral("/nonexistent.npy"), QStringLiteral("--out"), QStringLiteral("/tmp/x.csv")}
                                        << QStringLiteral("/nonexistent.npy");
        QTest::newRow("spec not json") << QStringList{QStringLiteral("run"), fixture, QStringLiteral("--out"), QStringLiteral("/tmp/x"), QStringLiteral("--epochs"), QStringLiteral("-1")}
                                    << QStringLiteral("invalid JSON");
    }

    void badInputExitsTwoWithOneLine()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const CliResult r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        if (!args.isEmpty())
            QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
    }

    void badSpecNamesTheField()
    {
        const QString spec = writeSpec(QStringLiteral("width0.json"), R"({"model": {"layers": [4, 0, 2]}})");
        const QString out = m_dir.filePath(QStringLiteral("never"));
        const CliResult r = cli({QStringLiteral("run"), spec, QStringLiteral("--out"), out});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(spec + QStringLiteral(": model.layers[1] = 0")), qPrintable(r.err));
        QVERIFY(!QDir(out).exists());
    }

    void badCyclesSettingNamesTheField()
    {
        const QString spec = writeSpec(QStringLiteral("cycles.json"), R"({"analysis": {"cycles": -1}})");
        const CliResult r = cli({QStringLiteral("run"), spec, QStringLiteral("--out"), m_dir.filePath(QStringLiteral("never2"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(spec + QStringLiteral(": analysis.cycles = -1")), qPrintable(r.err));
    }

    void helpAndVersion()
    {
        QCOMPARE(cli({QStringLiteral("--help")}).exitCode, 0);
        const CliResult v = cli({QStringLiteral("--version")});
        QCOMPARE(v.exitCode, 0);
        QVERIFY(v.out.startsWith(QStringLiteral("netbetti-cli ")));
        const CliResult h = cli({QStringLiteral("homology"), QStringLiteral("--help")});
        QCOMPARE(h.exitCode, 0);
        QVERIFY(h.out.contains(QStringLiteral("--coefficients")));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
