// Sweeps end to end: the grid of a sweep file, checked like a spec; the real
// netbetti-cli running it with worker processes into run folders equal to
// standalone runs; distances.csv against `compare`; a sweep started again
// after a kill; a failed run marked and the rest going on; grids too large
// refused before anything is written.

#include "TestSupport.h"
#include "Error.h"
#include "experiment/RunFolder.h"
#include "experiment/Sweep.h"
#include "experiment/SweepFolder.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <unistd.h>

using namespace netbetti;
using namespace netbetti::test;

namespace {

const QByteArray kBase = R"({"name": "sweep", "seed": 1,
    "dataset": {"kind": "ball-in-cube", "dim": 4, "samples": 200},
    "model": {"layers": [4, 8, 2]}, "training": {"epochs": 3}})";

/// A 2x2 grid: two architectures, two seeds.
QByteArray gridSweep()
{
    return "{\"base\": " + kBase + R"(, "vary": {"model.layers": [[4, 8, 2], [4, 12, 2]], "seed": [1, 2]}})";
}

QString errorOf(const QByteArray &json, const QString &file = QStringLiteral("grid.json"))
{
    try {
        Sweep::fromJson(json, file);
    } catch (const InputError &e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

/// The base with the values set by the test's own hand: what a user would
/// write to run one grid point alone.
QByteArray specOf(const QJsonArray &layers, int seed, const QString &engine = {})
{
    QJsonObject spec = QJsonDocument::fromJson(kBase).object();
    if (!engine.isEmpty())
        spec.insert(QStringLiteral("analysis"), QJsonObject{{QStringLiteral("engine"), engine}});
    QJsonObject model = spec.value(QStringLiteral("model")).toObject();
    model.insert(QStringLiteral("layers"), layers);
    spec.insert(QStringLiteral("model"), model);
    spec.insert(QStringLiteral("seed"), seed);
    return QJsonDocument(spec).toJson();
}

QJsonObject readJson(const QString &path)
{
    return QJsonDocument::fromJson(contents(path)).object();
}

} // namespace

class TestSweep : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_sweepFile;
    QMap<QString, QString> m_standalone; // "layers/seed" -> a standalone run of that point

    QString standalone(const QJsonArray &layers, int seed, const QString &engine)
    {
        const QString key = QString::fromUtf8(QJsonDocument(layers).toJson(QJsonDocument::Compact))
                            + QLatin1Char('/') + QString::number(seed) + QLatin1Char('/') + engine;
        if (!m_standalone.contains(key)) {
            const QString tag = QStringLiteral("standalone-%1").arg(m_standalone.size());
            const QString spec = writeTestFile(m_dir, tag + QStringLiteral(".json"), specOf(layers, seed, engine));
            const ProcessResult r = runCli({QStringLiteral("run"), spec, QStringLiteral("--out"), m_dir.filePath(tag)});
            if (r.exitCode != 0)
                qFatal("standalone run failed: %s", qPrintable(r.err));
            m_standalone.insert(key, m_dir.filePath(tag));
        }
        return m_standalone.value(key);
    }

    /// Every run of the sweep in dir finished, and byte for byte the run
    /// folder a standalone `netbetti-cli run` of its grid point writes.
    void checkRunsAreStandaloneRuns(const QString &dir, const QString &engine = {})
    {
        const SweepIndex index = SweepIndex::read(dir);
        QCOMPARE(int(index.runs.size()), 4);
        QSet<QString> points;
        for (const SweepEntry &e : index.runs) {
            QCOMPARE(e.status, QStringLiteral("finished"));
            QCOMPARE(e.folder, QStringLiteral("runs/") + e.name);
            const QJsonArray layers = e.values.value(QStringLiteral("model.layers")).toArray();
            const int seed = e.values.value(QStringLiteral("seed")).toInt();
            points.insert(e.name);
            const QString ours = dir + QLatin1Char('/') + e.folder, theirs = standalone(layers, seed, engine);
            QCOMPARE(filesUnder(ours), filesUnder(theirs));
            for (const QString &file : filesUnder(theirs))
                if (file != QLatin1String("run.json") && !file.startsWith(QLatin1String("state/optimizer")))
                    QVERIFY2(contents(ours + QLatin1Char('/') + file) == contents(theirs + QLatin1Char('/') + file),
                             qPrintable(e.name + QLatin1Char('/') + file));
            const RunRecord a = RunFolder(ours).readRecord(), b = RunFolder(theirs).readRecord();
            QCOMPARE(a.epochs.size(), b.epochs.size());
            for (size_t i = 0; i < a.epochs.size(); ++i) {
                QCOMPARE(a.epochs[i].loss, b.epochs[i].loss);
                QCOMPARE(a.epochs[i].bottleneckToPrevious, b.epochs[i].bottleneckToPrevious);
            }
            QCOMPARE(e.testAccuracy, b.epochs.back().testAccuracy);
        }
        QCOMPARE(points.size(), 4);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_sweepFile = writeTestFile(m_dir, QStringLiteral("grid.json"), gridSweep());
    }

    void theGridIsEveryCombinationOfTheValues()
    {
        const Sweep sweep = Sweep::fromJson(
            "{\"base\": " + kBase
                + R"(, "vary": {"model.layers": [[4, 8, 2], [4, 12, 2]], "seed": [1, 2, 3],
                                "analysis.metric": ["sqrt-one-minus-abs-correlation", "sqrt-one-minus-correlation"]}})",
            QStringLiteral("grid.json"));
        QCOMPARE(int(sweep.runs.size()), 12);
        QSet<QString> names, points;
        for (const SweepRun &run : sweep.runs) {
            names.insert(run.name);
            // The spec is the base with exactly the run's values.
            QJsonArray layers;
            for (int w : run.spec.model.layers)
                layers.append(w);
            QCOMPARE(QJsonValue(layers), run.varied.value(QStringLiteral("model.layers")));
            QCOMPARE(double(run.spec.seed), run.varied.value(QStringLiteral("seed")).toDouble());
            QCOMPARE(run.spec.analysis.metric, run.varied.value(QStringLiteral("analysis.metric")).toString());
            QCOMPARE(run.spec.training.epochs, 3);
            QCOMPARE(run.spec.dataset.samples, 200);
            points.insert(QString::fromUtf8(QJsonDocument(run.varied).toJson(QJsonDocument::Compact)));
            QVERIFY2(QRegularExpression(QStringLiteral("^[A-Za-z0-9._=+-]+$")).match(run.name).hasMatch(),
                     qPrintable(run.name));
        }
        QCOMPARE(names.size(), 12);
        QCOMPARE(points.size(), 12);
        // Axes in the order of their paths, the last varying fastest; names
        // say the values.
        QCOMPARE(sweep.runs[0].name, QStringLiteral("00_metric=sqrt-one-minus-abs-correlation_layers=4-8-2_seed=1"));
        QCOMPARE(sweep.runs[1].spec.seed, std::uint64_t(2));
        QCOMPARE(sweep.runs[6].spec.analysis.metric, QStringLiteral("sqrt-one-minus-correlation"));

        // The base may be a spec file beside the sweep file.
        const QString base = writeTestFile(m_dir, QStringLiteral("base.json"), kBase);
        const Sweep fromFile = Sweep::fromJson(R"({"base": "base.json", "vary": {"seed": [4, 5]}})",
                                               m_dir.filePath(QStringLiteral("by-path.json")));
        QCOMPARE(int(fromFile.runs.size()), 2);
        QCOMPARE(fromFile.runs[1].spec.seed, std::uint64_t(5));
        QCOMPARE(fromFile.runs[1].spec.model.layers, (std::vector<int>{4, 8, 2}));
        QVERIFY(QFile::exists(base));
    }

    void badSweepsNameTheFileThePathAndTheValue_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QStringList>("expected");
        const QByteArray base = "{\"base\": " + kBase + ", \"vary\": ";
        QTest::newRow("unknown path") << base + R"({"model.layerz": [[4, 8, 2]]}})"
                                      << QStringList{"grid.json: vary.model.layerz = [4,8,2]", "not a spec path",
                                                     "unknown key"};
        QTest::newRow("path through a value") << base + R"({"seed.x": [1]}})"
                                              << QStringList{"grid.json: vary.seed.x = 1", "not a spec path"};
        QTest::newRow("bad value") << base + R"({"seed": [1, -3]}})"
                                   << QStringList{"grid.json: vary.seed = -3", "seed = -3"};
        QTest::newRow("bad width") << base + R"({"model.layers": [[4, 8, 2], [4, 0, 2]]}})"
                                   << QStringList{"grid.json: vary.model.layers = [4,0,2]", "model.layers[1] = 0"};
        QTest::newRow("bad choice") << base + R"({"analysis.metric": ["euclidean"]}})"
                                    << QStringList{"grid.json: vary.analysis.metric = \"euclidean\"", "expected one of"};
        QTest::newRow("not a list") << base + R"({"seed": 3}})" << QStringList{"grid.json: vary.seed = 3",
                                                                                 "expected a list of values"};
        QTest::newRow("empty list") << base + R"({"seed": []}})" << QStringList{"grid.json: vary.seed = []"};
        QTest::newRow("nothing varies") << base + "{}}" << QStringList{"grid.json: vary = {}"};
        QTest::newRow("values that clash") << base + R"({"dataset.dim": [4, 3]}})"
                                           << QStringList{"grid.json: run 1_dim=3", "model.layers[0] = 4"};
        QTest::newRow("bad base") << QByteArray(R"({"base": {"seed": "x"}, "vary": {"seed": [1]}})")
                                  << QStringList{"grid.json: base", "seed = \"x\""};
        QTest::newRow("unknown key") << QByteArray(R"({"base": {}, "vary": {"seed": [1]}, "runs": 3})")
                                     << QStringList{"grid.json: runs = 3", "unknown key"};
        QTest::newRow("memory") << base + R"({"analysis.max_dim": [1, 3], "model.layers": [[4, 2000, 2]]}})"
                                << QStringList{"grid.json: run 1_max_dim=3_layers=4-2000-2", "analysis.max_dim = 3"};
        QTest::newRow("invalid JSON") << QByteArray("{\"base\": {},\n \"vary\": }") << QStringList{"grid.json: line 2"};
    }

    void badSweepsNameTheFileThePathAndTheValue()
    {
        QFETCH(QByteArray, json);
        QFETCH(QStringList, expected);
        const QString message = errorOf(json);
        for (const QString &part : expected)
            QVERIFY2(message.contains(part), qPrintable(message));
    }

    void aSweepRunsTheGridIntoStandaloneRunFolders()
    {
        const QString dir = m_dir.filePath(QStringLiteral("sweep"));
        const ProcessResult r = runCli({QStringLiteral("sweep"), m_sweepFile, QStringLiteral("--out"), dir});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // By default as many at once as the cores allow (memory is plenty here).
        const int cores = std::min(4, std::max(1, QThread::idealThreadCount()));
        QVERIFY2(r.err.contains(QStringLiteral("4 runs to do, %1 at a time").arg(cores)), qPrintable(r.err));
        // A line per finished run, then the count.
        for (int k = 1; k <= 4; ++k)
            QVERIFY2(r.err.contains(QStringLiteral("[%1/4] ").arg(k)), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("sweep: 4 of 4 runs finished, 0 failed")), qPrintable(r.err));
        checkRunsAreStandaloneRuns(dir);

        // distances.csv: every pair, at the last common epoch (3), per
        // dimension, as `compare` measures the same two runs.
        const QList<QByteArray> lines = contents(dir + QStringLiteral("/distances.csv")).trimmed().split('\n');
        QCOMPARE(lines.first(), QByteArray("run_a,run_b,epoch,dim,bottleneck,wasserstein"));
        QCOMPARE(lines.size(), 1 + 6 * 2);
        const SweepIndex index = SweepIndex::read(dir);
        QSet<QByteArray> pairs;
        for (int i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> f = lines[i].split(',');
            QCOMPARE(f.size(), 6);
            QCOMPARE(f[2], QByteArray("3"));
            pairs.insert(f[0] + ' ' + f[1]);
        }
        QCOMPARE(pairs.size(), 6);
        const QString a = dir + QStringLiteral("/runs/") + index.runs[0].name;
        const QString b = dir + QStringLiteral("/runs/") + index.runs[3].name;
        const QString compared = m_dir.filePath(QStringLiteral("compare.csv"));
        QCOMPARE(runCli({QStringLiteral("compare"), a, b, QStringLiteral("--out"), compared}).exitCode, 0);
        int matched = 0;
        for (const QByteArray &row : contents(compared).split('\n'))
            if (row.startsWith("3,")) {
                const QByteArray ours = (index.runs[0].name + QLatin1Char(',') + index.runs[3].name).toUtf8() + ','
                                        + row;
                QVERIFY2(lines.contains(ours), ours.constData());
                ++matched;
            }
        QCOMPARE(matched, 2);

        // Started again: everything is kept, nothing rewritten.
        QMap<QString, QByteArray> before;
        for (const QString &file : filesUnder(dir + QStringLiteral("/runs")))
            before.insert(file, contents(dir + QStringLiteral("/runs/") + file));
        const ProcessResult again = runCli({QStringLiteral("sweep"), m_sweepFile, QStringLiteral("--out"), dir});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QCOMPARE(again.err.count(QStringLiteral(", kept")), 4);
        QCOMPARE(filesUnder(dir + QStringLiteral("/runs")), QStringList(before.keys()));
        for (auto it = before.begin(); it != before.end(); ++it)
            QVERIFY2(contents(dir + QStringLiteral("/runs/") + it.key()) == it.value(), qPrintable(it.key()));

        // Another grid in the same folder would mix with these runs.
        const QString other = writeTestFile(m_dir, QStringLiteral("other.json"),
                                            "{\"base\": " + kBase + R"(, "vary": {"seed": [7]}})");
        const ProcessResult refused = runCli({QStringLiteral("sweep"), other, QStringLiteral("--out"), dir});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(dir + QStringLiteral(": this folder holds another sweep")), qPrintable(refused.err));
    }

    void aKilledSweepStartedAgainKeepsResumesAndStarts()
    {
        // One run at a time, each epoch slowed by its ripser: killed (the
        // sweep and its worker together, as a power cut would) while the
        // second run is under way.
        const QString slow = writeTestFile(m_dir, QStringLiteral("slow-ripser.sh"),
                                           "#!/bin/sh\nsleep 0.25\nexec ripser \"$@\"\n");
        QVERIFY(QFile::setPermissions(slow, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        // The grid on the ripser engine: the in-process one cannot be slowed.
        QJsonObject grid = QJsonDocument::fromJson(gridSweep()).object();
        QJsonObject base = grid.value(QStringLiteral("base")).toObject();
        base.insert(QStringLiteral("analysis"), QJsonObject{{QStringLiteral("engine"), QStringLiteral("ripser")}});
        grid.insert(QStringLiteral("base"), base);
        const QString sweepFile =
            writeTestFile(m_dir, QStringLiteral("grid-ripser.json"), QJsonDocument(grid).toJson());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NETBETTI_RIPSER"), slow);
        const QString dir = m_dir.filePath(QStringLiteral("killed"));
        QProcess sweep;
        sweep.setProcessEnvironment(env);
        sweep.setReadChannel(QProcess::StandardError);
        sweep.setChildProcessModifier([] { setpgid(0, 0); });
        sweep.start(QStringLiteral(NETBETTI_CLI),
                    {QStringLiteral("sweep"), sweepFile, QStringLiteral("--out"), dir, QStringLiteral("--jobs"),
                     QStringLiteral("1")});
        QVERIFY(sweep.waitForStarted());
        QByteArray err;
        while (!err.contains("[1/4]") && sweep.waitForReadyRead(60000))
            err += sweep.readAllStandardError();
        QVERIFY2(err.contains("[1/4]"), err.constData());
        const SweepIndex during = SweepIndex::read(dir);
        const QString second = dir + QStringLiteral("/runs/") + during.runs[1].name;
        // Until the second run has listed an epoch.
        for (int i = 0; i < 600 && RunFolder(second).readRecord().epochs.empty(); ++i)
            QThread::msleep(20);
        QVERIFY(!RunFolder(second).readRecord().epochs.empty());
        ::kill(-pid_t(sweep.processId()), SIGKILL);
        QVERIFY(sweep.waitForFinished());
        QVERIFY(!RunFolder(second).readRecord().finished);
        const QString first = dir + QStringLiteral("/runs/") + during.runs[0].name;
        QMap<QString, QByteArray> kept;
        for (const QString &file : filesUnder(first))
            kept.insert(file, contents(first + QLatin1Char('/') + file));

        const ProcessResult r = runCli({QStringLiteral("sweep"), sweepFile, QStringLiteral("--out"), dir});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.err.count(QStringLiteral(", kept")), 1);
        QVERIFY2(r.err.contains(QStringLiteral("3 runs to do")), qPrintable(r.err));
        for (auto it = kept.begin(); it != kept.end(); ++it)
            QVERIFY2(contents(first + QLatin1Char('/') + it.key()) == it.value(), qPrintable(it.key()));
        const QString log = QString::fromUtf8(contents(dir + QStringLiteral("/logs/") + during.runs[1].name
                                                       + QStringLiteral(".log")));
        QVERIFY2(log.contains(QStringLiteral("resuming run folder")), qPrintable(log));
        checkRunsAreStandaloneRuns(dir, QStringLiteral("ripser"));
    }

    void aFailedRunIsMarkedAndTheSweepGoesOn()
    {
        // A file where run 1's folder should go: that run cannot be written.
        const QString dir = m_dir.filePath(QStringLiteral("failing"));
        const Sweep sweep = Sweep::fromFile(m_sweepFile);
        QVERIFY(QDir().mkpath(dir + QStringLiteral("/runs")));
        const QString blocker = dir + QStringLiteral("/runs/") + sweep.runs[1].name;
        QVERIFY(QFile(blocker).open(QIODevice::WriteOnly));
        const ProcessResult r = runCli({QStringLiteral("sweep"), m_sweepFile, QStringLiteral("--out"), dir,
                                        QStringLiteral("--jobs"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("sweep: 3 of 4 runs finished, 1 failed")), qPrintable(r.err));
        const SweepIndex index = SweepIndex::read(dir);
        QCOMPARE(index.runs[1].status, QStringLiteral("failed"));
        QVERIFY2(index.runs[1].error.contains(blocker), qPrintable(index.runs[1].error));
        QVERIFY2(r.err.contains(sweep.runs[1].name + QStringLiteral(": failed: ") + index.runs[1].error),
                 qPrintable(r.err));
        for (int i : {0, 2, 3})
            QCOMPARE(index.runs[size_t(i)].status, QStringLiteral("finished"));
        const QJsonObject json = readJson(dir + QStringLiteral("/sweep.json"));
        QCOMPARE(json.value(QStringLiteral("runs")).toArray()[1].toObject().value(QStringLiteral("error")).toString(),
                 index.runs[1].error);
        QCOMPARE(json.value(QStringLiteral("counts")).toObject().value(QStringLiteral("finished")).toInt(), 3);
        // The three that ran are compared.
        QCOMPARE(contents(dir + QStringLiteral("/distances.csv")).trimmed().split('\n').size(), 1 + 3 * 2);

        // Once the cause is gone, the failed run is tried again.
        QVERIFY(QFile::remove(blocker));
        const ProcessResult again = runCli({QStringLiteral("sweep"), m_sweepFile, QStringLiteral("--out"), dir});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QCOMPARE(again.err.count(QStringLiteral(", kept")), 3);
        QVERIFY(!QFileInfo::exists(SweepFolder(dir).errorPath(sweep.runs[1].name)));
        checkRunsAreStandaloneRuns(dir);
    }

    void gridsTooLargeAreRefusedBeforeStarting()
    {
        // 30 wide runs of 100,000 epochs: petabytes of distance matrices.
        const QString disk = writeTestFile(
            m_dir, QStringLiteral("huge.json"),
            R"({"base": {"model": {"layers": [4, 16384, 16384, 2]}, "training": {"epochs": 100000},
                         "analysis": {"threshold": 0.05}},
                "vary": {"seed": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
                                  24, 25, 26, 27, 28, 29, 30]}})");
        const QString dir = m_dir.filePath(QStringLiteral("huge"));
        ProcessResult r = runCli({QStringLiteral("sweep"), disk, QStringLiteral("--out"), dir});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(dir + QStringLiteral(": the 30 runs of ") + disk + QStringLiteral(" still to do would "
                                                                                                 "write about")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral(" PB")) || r.err.contains(QStringLiteral(" TB")), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(dir));

        // Memory: with 300 MiB, one run fits, four at once do not.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NETBETTI_SWEEP_MEMORY_MIB"), QStringLiteral("300"));
        r = runCli({QStringLiteral("sweep"), m_sweepFile, QStringLiteral("--out"), dir, QStringLiteral("--jobs"),
                    QStringLiteral("4")},
                   env);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--jobs = 4: 4 runs at once could need about"))
                     && r.err.contains(QStringLiteral("use --jobs 1 or fewer")),
                 qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(dir));
        env.insert(QStringLiteral("NETBETTI_SWEEP_MEMORY_MIB"), QStringLiteral("50"));
        r = runCli({QStringLiteral("sweep"), m_sweepFile, QStringLiteral("--out"), dir}, env);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(m_sweepFile + QStringLiteral(": run ")) && r.err.contains(QStringLiteral("more than the 52 MB")),
                 qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(dir));
    }

    void slurmWithoutSbatchNamesTheCommand()
    {
        // No Slurm on PATH: a clear error, nothing submitted.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PATH"), m_dir.filePath(QStringLiteral("empty-path")));
        const QString dir = m_dir.filePath(QStringLiteral("no-slurm"));
        ProcessResult r = runCli({QStringLiteral("sweep"), m_sweepFile, QStringLiteral("--out"), dir,
                                  QStringLiteral("--slurm")},
                                 env);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("sbatch --parsable ")) && r.err.contains(QStringLiteral("cannot run it")),
                 qPrintable(r.err));

        // An sbatch that refuses the job: its own words in the message.
        const QString bin = m_dir.filePath(QStringLiteral("refusing-slurm"));
        QVERIFY(QDir().mkpath(bin));
        const QString sbatch = writeTestFile(m_dir, QStringLiteral("refusing-slurm/sbatch"),
                                             "#!/bin/sh\necho 'sbatch: error: Batch job submission failed: Invalid "
                                             "account or account/partition combination specified' >&2\nexit 1\n");
        QVERIFY(QFile::setPermissions(sbatch, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        env.insert(QStringLiteral("PATH"), bin + QStringLiteral(":/usr/bin:/bin"));
        r = runCli({QStringLiteral("sweep"), m_sweepFile, QStringLiteral("--out"), dir, QStringLiteral("--slurm"),
                    QStringLiteral("--sbatch"), QStringLiteral("--account=nobody --partition=none")},
                   env);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--account=nobody --partition=none"))
                     && r.err.contains(QStringLiteral("refused the job array (exit code 1): sbatch: error: Batch job "
                                                      "submission failed: Invalid account")),
                 qPrintable(r.err));
        const QString script = QString::fromUtf8(contents(dir + QStringLiteral("/slurm/array.sh")));
        QVERIFY2(script.contains(QStringLiteral("#SBATCH --array=0,1,2,3")), qPrintable(script));
        QVERIFY2(QRegularExpression(QStringLiteral("#SBATCH --mem=\\d+M")).match(script).hasMatch(), qPrintable(script));
    }
};

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
