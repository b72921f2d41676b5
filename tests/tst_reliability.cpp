// Kills, crashes and full disks, end to end through the real netbetti-cli:
// a run killed at any moment leaves a folder that opens and resumes to the
// very files an uninterrupted run writes; a failing ripser marks its epoch
// and the run goes on; a write that fails names the file and loses nothing
// written before it.

#include "TestSupport.h"
#include "Error.h"
#include "storage/AtomicFile.h"
#include "storage/FolderLock.h"
#include "experiment/RunFolder.h"
#include "experiment/RunPipeline.h"
#include "storage/NpyFile.h"
#include "topology/DiagramCsv.h"
#include "topology/RipserEngine.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <csignal>
#include <sys/resource.h>

using namespace netbetti;
using namespace netbetti::test;

namespace {

struct CliResult : ProcessResult
{
    /// stderr lines that are neither progress nor the run folder's name.
    QStringList messages() const
    {
        QStringList out;
        for (const QString &line : err.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            if (!line.startsWith(QLatin1String("epoch ")) && !line.startsWith(QLatin1String("run folder "))
                && !line.startsWith(QLatin1String("resuming run folder ")))
                out << line;
        return out;
    }
};

CliResult cli(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
              qint64 fileSizeLimit = 0)
{
    std::function<void()> fullDisk;
    if (fileSizeLimit > 0)
        fullDisk = [fileSizeLimit] {
            // A full disk, as the program sees it: write() fails with EFBIG
            // (SIGXFSZ ignored, as it would otherwise kill the process).
            const rlimit limit{rlim_t(fileSizeLimit), rlim_t(fileSizeLimit)};
            setrlimit(RLIMIT_FSIZE, &limit);
            std::signal(SIGXFSZ, SIG_IGN);
        };
    return {runCli(args, env, 120000, fullDisk)};
}

/// The files a complete run folder holds, and nothing else.
QStringList expectedFiles(int epochs)
{
    // Every epoch's network (for reanalyse), the last epoch's optimizer.
    QStringList out{QStringLiteral("neurons.csv"), QStringLiteral("run.json"), QStringLiteral("spec.json"),
                    QStringLiteral("state/optimizer-%1.pt").arg(epochs, 4, 10, QLatin1Char('0'))};
    for (int e = 0; e <= epochs; ++e) {
        out << QStringLiteral("state/model-%1.pt").arg(e, 4, 10, QLatin1Char('0'));
        out << QStringLiteral("epochs/%1/cycles.json").arg(e, 4, 10, QLatin1Char('0'));
        out << QStringLiteral("epochs/%1/diagram.csv").arg(e, 4, 10, QLatin1Char('0'));
        out << QStringLiteral("epochs/%1/distance.npy").arg(e, 4, 10, QLatin1Char('0'));
        if (e > 0) // the bottleneck matching with the epoch before
            out << QStringLiteral("epochs/%1/matching.csv").arg(e, 4, 10, QLatin1Char('0'));
    }
    out.sort();
    return out;
}

QString executableScript(const QString &path, const QByteArray &body)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write("#!/bin/sh\n" + body + "\n") < 0)
        qFatal("cannot write %s", qPrintable(path));
    f.close();
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

constexpr int kEpochs = 24;
constexpr int kNeurons = 34;

} // namespace

class TestReliability : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_spec, m_reference;
    qint64 m_startupMs = 0; // the reference run's time until its folder exists
    qint64 m_killedPid = 0; // the last process runAndKill killed

    /// The pid a run folder's lock file names, 0 for none.
    static qint64 lockPid(const QString &dir)
    {
        return contents(FolderLock::lockPath(dir)).split('\n').value(0).toLongLong();
    }

    /// Same epochs, same files, same numbers as the reference run: a resumed
    /// run is bit-identical to an uninterrupted one (timings aside).
    void compareWithReference(const QString &dir, const QString &reference, int epochs)
    {
        QCOMPARE(filesUnder(dir), expectedFiles(epochs));
        QVERIFY2(QDir(dir).entryList({QStringLiteral("staging-*")}, QDir::AllEntries | QDir::Hidden).isEmpty(),
                 "staged epochs left after the run");
        // Not the optimizer's state: LibTorch keys it by the tensors' addresses,
        // which differ from one process to the next.
        for (const QString &file : filesUnder(reference))
            if (file.startsWith(QLatin1String("epochs/")) || file.startsWith(QLatin1String("state/model"))
                || file == QLatin1String("neurons.csv"))
                QVERIFY2(contents(dir + QLatin1Char('/') + file) == contents(reference + QLatin1Char('/') + file),
                         qPrintable(file));
        const RunRecord ours = RunFolder(dir).readRecord(), theirs = RunFolder(reference).readRecord();
        QVERIFY(ours.finished);
        QCOMPARE(ours.epochs.size(), theirs.epochs.size());
        for (size_t i = 0; i < ours.epochs.size(); ++i) {
            const EpochRecord &a = ours.epochs[i], &b = theirs.epochs[i];
            QCOMPARE(a.epoch, b.epoch);
            QCOMPARE(a.loss, b.loss);
            QCOMPARE(a.trainAccuracy, b.trainAccuracy);
            QCOMPARE(a.testAccuracy, b.testAccuracy);
            QCOMPARE(a.analysisError, b.analysisError);
            QCOMPARE(a.previousEpoch, b.previousEpoch);
            QCOMPARE(a.bottleneckToPrevious, b.bottleneckToPrevious);
            QCOMPARE(a.wassersteinToPrevious, b.wassersteinToPrevious);
        }
    }

    /// What a killed run must leave: a folder that opens, every epoch run.json
    /// lists complete, the state to resume from, and in epochs/ nothing but
    /// complete epochs (listed or not: the kill may come between an epoch's
    /// rename into place and run.json). Sets *listed to the epochs listed
    /// (-1: killed before the folder was a run) and counts the files that are
    /// not data (temporaries, staged or unlisted epochs, the dead writer's lock).
    void checkKilledFolder(const QString &dir, int *listed, int *strays, int *temporaries)
    {
        *listed = -1;
        *strays = *temporaries = 0;
        const RunFolder folder(dir);
        checkEpochFoldersComplete(dir);
        if (!QFileInfo::exists(dir + QStringLiteral("/spec.json")))
            return;
        folder.readSpec(); // throws, failing the test, if the folder does not open
        const RunRecord record = folder.readRecord();
        QCOMPARE(int(folder.readNeurons().size()), kNeurons);
        QStringList data{QStringLiteral("neurons.csv"), QStringLiteral("run.json"), QStringLiteral("spec.json")};
        for (const EpochRecord &e : record.epochs) {
            const FloatMatrix d = folder.readDistance(e.epoch);
            validateDistanceMatrix(d, folder.distancePath(e.epoch));
            QCOMPARE(d.rows(), Eigen::Index(kNeurons));
            QVERIFY2(e.analysisError.isEmpty(), qPrintable(e.analysisError));
            QCOMPARE(folder.readDiagram(e.epoch).count(0), kNeurons);
            data << QDir(dir).relativeFilePath(folder.distancePath(e.epoch))
                 << QDir(dir).relativeFilePath(folder.diagramPath(e.epoch));
        }
        if (!record.epochs.empty()) {
            const int last = record.epochs.back().epoch;
            folder.readState(last); // resumable: throws if the state is missing
            data << QDir(dir).relativeFilePath(folder.modelStatePath(last))
                 << QDir(dir).relativeFilePath(folder.optimizerStatePath(last));
        }
        static const QRegularExpression temporary(QStringLiteral("\\.(npy|csv|json|pt)\\..+$"));
        for (const QString &file : filesUnder(dir)) {
            *strays += !data.contains(file);
            *temporaries += temporary.match(file).hasMatch();
        }
        *listed = int(record.epochs.size());
    }

    /// The contract of epochs/ (DESIGN.md): whatever the moment of a kill,
    /// every entry is an epoch folder NNNN holding exactly a valid
    /// distance.npy and diagram.csv (and, past the first, perhaps its
    /// matching.csv), which readers walking epochs/* (NumPy users first) can
    /// load.
    void checkEpochFoldersComplete(const QString &dir)
    {
        const QDir epochs(dir + QStringLiteral("/epochs"));
        static const QRegularExpression epochName(QStringLiteral("^\\d{4}$"));
        for (const QFileInfo &entry : epochs.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)) {
            QVERIFY2(entry.isDir() && epochName.match(entry.fileName()).hasMatch(),
                     qPrintable(QStringLiteral("not an epoch folder: ") + entry.filePath()));
            const QStringList files = QDir(entry.filePath()).entryList(QDir::AllEntries | QDir::Hidden
                                                                      | QDir::NoDotAndDotDot, QDir::Name);
            // matching.csv follows the publication (with the continuity
            // distances): a kill may come before it.
            // cycles.json is staged with the diagram: it is there too.
            QStringList complete{QStringLiteral("cycles.json"), QStringLiteral("diagram.csv"), QStringLiteral("distance.npy")};
            if (files.contains(QStringLiteral("matching.csv")) && entry.fileName() != QLatin1String("0000")) {
                complete << QStringLiteral("matching.csv");
                const auto matching = RunFolder(dir).readMatching(entry.fileName().toInt());
                QVERIFY(matching && !matching->empty());
            }
            QVERIFY2(files == complete,
                     qPrintable(QStringLiteral("partial epoch %1: %2")
                                    .arg(entry.filePath(), files.join(QStringLiteral(", ")))));
            const FloatMatrix d = readNpy(entry.filePath() + QStringLiteral("/distance.npy"));
            QCOMPARE(d.rows(), Eigen::Index(kNeurons));
            QCOMPARE(readDiagramCsv(entry.filePath() + QStringLiteral("/diagram.csv")).count(0), kNeurons);
        }
    }

    /// Starts a run (or a resume) and SIGKILLs it once it has printed
    /// `progressLines` epoch lines (each comes after that epoch's run.json
    /// is written), delayMs later: in the middle of the next epochs' writes.
    /// Returns false if it ended by itself first.
    bool runAndKill(const QStringList &args, int progressLines, int delayMs)
    {
        QProcess p;
        p.setReadChannel(QProcess::StandardError);
        p.start(QStringLiteral(NETBETTI_CLI), args);
        if (!p.waitForStarted(30000))
            return false;
        QByteArray err;
        auto printed = [&err] {
            return int(err.count("\nepoch ")) + (err.startsWith("epoch ") ? 1 : 0);
        };
        while (printed() < progressLines) {
            if (!p.waitForReadyRead(60000))
                return false; // ended
            err += p.readAllStandardError();
        }
        // The delay is what is under test, not a wait for a condition.
        if (p.waitForFinished(delayMs))
            return false;
        m_killedPid = p.processId();
        ::kill(pid_t(p.processId()), SIGKILL);
        p.waitForFinished(30000);
        return p.exitStatus() == QProcess::CrashExit;
    }

    /// The reference run's spec with the ripser engine (a child process,
    /// which a test can slow down, fail or take away).
    QString ripserSpec()
    {
        return writeTestFile(m_dir, QStringLiteral("ripser-spec.json"),
                             R"({"name": "kill", "seed": 5,
                                 "dataset": {"kind": "ball-in-cube", "dim": 4, "samples": 400},
                                 "model": {"layers": [4, 16, 16, 2]}, "training": {"epochs": 24},
                                 "analysis": {"engine": "ripser"}})");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_spec = writeTestFile(m_dir, QStringLiteral("spec.json"),
                               R"({"name": "kill", "seed": 5,
                                   "dataset": {"kind": "ball-in-cube", "dim": 4, "samples": 400},
                                   "model": {"layers": [4, 16, 16, 2]}, "training": {"epochs": 24}})");
        // The reference: an uninterrupted run, timed so that kills can come
        // during start-up too.
        m_reference = m_dir.filePath(QStringLiteral("reference"));
        QProcess p;
        QElapsedTimer clock;
        clock.start();
        p.start(QStringLiteral(NETBETTI_CLI), {QStringLiteral("run"), m_spec, QStringLiteral("--out"), m_reference});
        QByteArray err;
        while (p.state() != QProcess::NotRunning) {
            p.waitForReadyRead(20);
            err += p.readAllStandardError();
            if (m_startupMs == 0 && err.contains("run folder"))
                m_startupMs = clock.elapsed();
        }
        QCOMPARE(p.exitCode(), 0);
        QVERIFY2(m_startupMs > 0, err.constData());
        QCOMPARE(filesUnder(m_reference), expectedFiles(kEpochs));
        qInfo("reference run: folder after %lld ms, done after %lld ms", m_startupMs, clock.elapsed());
    }

    void killedAtAnyMomentThenResumed()
    {
        // Three kills during start-up, the rest spread over the epochs, a
        // few milliseconds after one of them is committed: amid the staging,
        // renaming and listing of the next ones.
        constexpr int kKills = 24;
        QMap<int, int> outcomes; // epochs listed at the kill -> how often
        int killed = 0, strayTotal = 0, temporaryTotal = 0, locksLeft = 0;
        for (int k = 0; k < kKills; ++k) {
            const int lines = k < 3 ? 0 : 1 + (k - 3) * kEpochs / (kKills - 3);
            const int delay = k < 3 ? int(m_startupMs * (k + 1) / 4) : (k % 6) * 3 / 2;
            const QString moment = QStringLiteral("%1 ms after %2 epochs").arg(delay).arg(lines);
            const QString dir = m_dir.filePath(QStringLiteral("kill-%1").arg(k));
            killed += runAndKill({QStringLiteral("run"), m_spec, QStringLiteral("--out"), dir}, lines, delay);
            int listed = 0, strays = 0, temporaries = 0;
            checkKilledFolder(dir, &listed, &strays, &temporaries);
            if (QTest::currentTestFailed())
                QFAIL(qPrintable(QStringLiteral("after the kill ") + moment));
            ++outcomes[listed];
            // The killed writer's lock stays behind, naming it; the resume
            // below takes it over.
            if (QFileInfo::exists(FolderLock::lockPath(dir))) {
                ++locksLeft;
                QCOMPARE(lockPid(dir), m_killedPid);
            }
            strayTotal += strays;
            temporaryTotal += temporaries;
            const CliResult r = listed < 0 ? cli({QStringLiteral("run"), m_spec, QStringLiteral("--out"), dir})
                                           : cli({QStringLiteral("run"), QStringLiteral("--resume"), dir});
            QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("killed %1: %2").arg(moment, r.err)));
            compareWithReference(dir, m_reference, kEpochs);
            if (QTest::currentTestFailed())
                QFAIL(qPrintable(QStringLiteral("resumed after the kill ") + moment));
        }
        QString summary;
        for (auto it = outcomes.begin(); it != outcomes.end(); ++it)
            summary += QStringLiteral(" %1 epochs listed: %2×;").arg(it.key()).arg(it.value());
        qInfo("%d of %d runs killed (the others had ended);%s %d files not listed as data (%d of them temporaries, "
              "%d dead writers' locks), all removed on resume",
              killed, kKills, qPrintable(summary), strayTotal, temporaryTotal, locksLeft);
        // Timing varies with the machine's load; what matters is that the
        // kills met the run in several different states.
        QVERIFY2(outcomes.size() >= 3, "kills should land at different moments of the run");
    }

    void resumeKilledAgainAndAgain()
    {
        // One folder, killed, resumed and killed again, until a resume ends:
        // each gets four epochs further.
        const QString dir = m_dir.filePath(QStringLiteral("chain"));
        bool done = !runAndKill({QStringLiteral("run"), m_spec, QStringLiteral("--out"), dir}, 4, 3);
        int resumes = 0;
        for (; !done && resumes < 30; ++resumes) {
            int listed = 0, strays = 0, temporaries = 0;
            checkKilledFolder(dir, &listed, &strays, &temporaries);
            QVERIFY(!QTest::currentTestFailed() && listed >= 0);
            done = !runAndKill({QStringLiteral("run"), QStringLiteral("--resume"), dir}, 4, 3);
        }
        QVERIFY2(done, "a resume should finish the run eventually");
        qInfo("finished after %d killed resumes", resumes);
        compareWithReference(dir, m_reference, kEpochs);
        // Resuming a complete run changes nothing.
        const CliResult r = cli({QStringLiteral("run"), QStringLiteral("--resume"), dir});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("complete")), qPrintable(r.err));
        compareWithReference(dir, m_reference, kEpochs);
    }

    void aSecondWriterIsRefusedNamingTheFirst()
    {
        // A run slowed down by its ripser, so that it is still writing while
        // others try to write the same folder.
        const QString slow = executableScript(m_dir.filePath(QStringLiteral("lock-ripser.sh")),
                                              "sleep 0.4\nexec ripser \"$@\"");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NETBETTI_RIPSER"), slow);
        const QString dir = m_dir.filePath(QStringLiteral("locked"));
        // The in-process engine cannot be slowed: this run uses ripser's, and
        // a straight run of the same spec is what it must end equal to.
        const QString spec = ripserSpec();
        const QString reference = m_dir.filePath(QStringLiteral("locked-reference"));
        QCOMPARE(cli({QStringLiteral("run"), spec, QStringLiteral("--out"), reference}).exitCode, 0);
        QProcess first;
        first.setProcessEnvironment(env);
        first.setReadChannel(QProcess::StandardError);
        first.start(QStringLiteral(NETBETTI_CLI), {QStringLiteral("run"), spec, QStringLiteral("--out"), dir});
        QByteArray err;
        while (!err.contains("\nepoch ") && !err.startsWith("epoch ") && first.waitForReadyRead(60000))
            err += first.readAllStandardError();
        QVERIFY2(first.state() == QProcess::Running, err.constData());
        const QString holder = QStringLiteral("locked by process %1 on host %2")
                                   .arg(first.processId())
                                   .arg(QSysInfo::machineHostName());
        const CliResult resume = cli({QStringLiteral("run"), QStringLiteral("--resume"), dir}, env);
        QCOMPARE(resume.exitCode, 2);
        QVERIFY2(resume.messages().size() == 1 && resume.err.contains(dir + QStringLiteral(": ") + holder),
                 qPrintable(resume.err));
        const CliResult again = cli({QStringLiteral("run"), spec, QStringLiteral("--out"), dir}, env);
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.err.contains(holder), qPrintable(again.err));
        // In this process too (a GUI opening the folder to train it).
        try {
            RunFolder(dir).lock();
            QFAIL("a second lock should be refused");
        } catch (const InputError &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(holder), e.what());
        }
        QVERIFY(first.state() == QProcess::Running); // refusing others did not disturb it

        // Killed, its lock names a dead process: the next writer takes it
        // over and ends the run as if nothing had happened.
        const qint64 firstPid = first.processId();
        ::kill(pid_t(firstPid), SIGKILL);
        QVERIFY(first.waitForFinished(30000));
        QCOMPARE(lockPid(dir), firstPid);
        const CliResult taken = cli({QStringLiteral("run"), QStringLiteral("--resume"), dir});
        QVERIFY2(taken.exitCode == 0, qPrintable(taken.err));
        compareWithReference(dir, reference, kEpochs);
        // Two locks in one process exclude each other; the lock file goes
        // with the last holder.
        {
            const FolderLock held = RunFolder(dir).lock();
            QCOMPARE(lockPid(dir), QCoreApplication::applicationPid());
            QVERIFY_THROWS_EXCEPTION(InputError, RunFolder(dir).lock());
        }
        QVERIFY(!QFileInfo::exists(FolderLock::lockPath(dir)));
    }

    void resumeRestoresTheContinuityAKillCutShort()
    {
        // Killed after run.json listed the last epoch, before its distances
        // to the previous one were added.
        const QString dir = m_dir.filePath(QStringLiteral("no-continuity"));
        QVERIFY(QDir().mkpath(dir));
        for (const QString &file : filesUnder(m_reference)) {
            QVERIFY(QDir().mkpath(QFileInfo(dir + QLatin1Char('/') + file).absolutePath()));
            QVERIFY(QFile::copy(m_reference + QLatin1Char('/') + file, dir + QLatin1Char('/') + file));
        }
        RunRecord cut = RunFolder(dir).readRecord();
        cut.epochs.back().previousEpoch = -1;
        cut.epochs.back().bottleneckToPrevious.clear();
        cut.epochs.back().wassersteinToPrevious.clear();
        RunFolder(dir).writeRecord(cut);
        const CliResult r = cli({QStringLiteral("run"), QStringLiteral("--resume"), dir});
        QVERIFY2(r.exitCode == 0 && r.err.contains(QStringLiteral("complete")), qPrintable(r.err));
        compareWithReference(dir, m_reference, kEpochs);
    }

    void resumeWithAThresholdMeasuresContinuityAsAStraightRun()
    {
        // Classes alive at the threshold end there on both sides of the
        // comparison that straddles the resumption, as in a straight run.
        const QString spec = writeTestFile(m_dir, QStringLiteral("threshold.json"),
                                           R"({"name": "threshold", "seed": 5,
                                               "dataset": {"kind": "ball-in-cube", "dim": 4, "samples": 400},
                                               "model": {"layers": [4, 16, 16, 2]}, "training": {"epochs": 6},
                                               "analysis": {"threshold": 0.6}})");
        const QString straight = m_dir.filePath(QStringLiteral("threshold-straight"));
        const QString resumed = m_dir.filePath(QStringLiteral("threshold-resumed"));
        QCOMPARE(cli({QStringLiteral("run"), spec, QStringLiteral("--out"), straight}).exitCode, 0);
        QCOMPARE(cli({QStringLiteral("run"), spec, QStringLiteral("--out"), resumed, QStringLiteral("--epochs"),
                      QStringLiteral("3")})
                     .exitCode,
                 0);
        const CliResult r = cli({QStringLiteral("run"), QStringLiteral("--resume"), resumed, QStringLiteral("--epochs"),
                                 QStringLiteral("6")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const RunRecord a = RunFolder(resumed).readRecord(), b = RunFolder(straight).readRecord();
        QCOMPARE(a.epochs.size(), size_t(7));
        QCOMPARE(a.epochs.size(), b.epochs.size());
        for (size_t i = 1; i < a.epochs.size(); ++i) {
            QCOMPARE(a.epochs[i].bottleneckToPrevious, b.epochs[i].bottleneckToPrevious);
            QCOMPARE(a.epochs[i].wassersteinToPrevious, b.epochs[i].wassersteinToPrevious);
            for (double v : a.epochs[i].bottleneckToPrevious)
                QVERIFY2(std::isfinite(v), qPrintable(QStringLiteral("epoch %1").arg(i)));
        }
    }

    void slowAnalysisHoldsTrainingBackInsteadOfFillingMemory()
    {
        // A ripser that takes 0.3 s an epoch, against training that takes
        // milliseconds: the epochs that wait (each holding its model and
        // optimizer state) stay bounded, and every epoch is still recorded.
        const QString slow = writeTestFile(m_dir, QStringLiteral("slow-ripser.sh"),
                                           "#!/bin/sh\nsleep 0.3\nexec ripser \"$@\"\n");
        QVERIFY(QFile::setPermissions(slow, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        ExperimentSpec spec = ExperimentSpec::fromFile(m_spec);
        spec.training.epochs = 30;
        RunPipeline pipeline(spec, m_dir.filePath(QStringLiteral("slow")), std::make_shared<RipserEngine>(slow));
        int mostWaiting = 0;
        QObject::connect(&pipeline, &RunPipeline::epochTrained, [&](const EpochRecord &, int backlog) {
            mostWaiting = std::max(mostWaiting, backlog);
        });
        pipeline.run();
        QCOMPARE(RunFolder(m_dir.filePath(QStringLiteral("slow"))).readRecord().epochs.size(), size_t(31));
        // Eight queued, two being analysed, one just trained.
        QVERIFY2(mostWaiting <= 11, qPrintable(QStringLiteral("%1 epochs waited").arg(mostWaiting)));
        QVERIFY2(mostWaiting >= 8, qPrintable(QStringLiteral("%1 epochs waited: analysis was not slow").arg(mostWaiting)));
    }

    void resumeExtendsARunAndRefusesWhatItCannotContinue()
    {
        const QString dir = m_dir.filePath(QStringLiteral("extend"));
        QCOMPARE(cli({QStringLiteral("run"), m_spec, QStringLiteral("--out"), dir, QStringLiteral("--epochs"),
                      QStringLiteral("3")})
                     .exitCode,
                 0);
        const CliResult r = cli({QStringLiteral("run"), QStringLiteral("--resume"), dir, QStringLiteral("--epochs"),
                                 QString::number(kEpochs)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        compareWithReference(dir, m_reference, kEpochs);
        QCOMPARE(RunFolder(dir).readSpec().training.epochs, kEpochs);

        // Fewer epochs than done, no state to continue from, not a run folder.
        CliResult bad = cli({QStringLiteral("run"), QStringLiteral("--resume"), dir, QStringLiteral("--epochs"),
                             QStringLiteral("2")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.messages().size() == 1 && bad.err.contains(QStringLiteral("training.epochs = 2")),
                 qPrintable(bad.err));
        const QString optimizer = RunFolder(dir).optimizerStatePath(kEpochs);
        QVERIFY(QFile::remove(optimizer));
        bad = cli({QStringLiteral("run"), QStringLiteral("--resume"), dir, QStringLiteral("--epochs"),
                   QString::number(kEpochs + 1)});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.messages().size() == 1 && bad.err.contains(optimizer + QStringLiteral(": no such file")),
                 qPrintable(bad.err));
        QCOMPARE(RunFolder(dir).readRecord().epochs.size(), size_t(kEpochs + 1)); // untouched
        const QTemporaryDir empty;
        bad = cli({QStringLiteral("run"), QStringLiteral("--resume"), empty.path()});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("not a run folder")), qPrintable(bad.err));
    }

    void fullDiskNamesTheFileAndKeepsEarlierEpochs_data()
    {
        QTest::addColumn<QString>("failing");  // the file whose write hits the limit
        QTest::addColumn<QString>("sameSize"); // a file of the reference run as large
        QTest::addColumn<QString>("fits");     // the largest one written before it
        QTest::newRow("distance matrix") << QStringLiteral("staging-0004/distance.npy")
                                         << QStringLiteral("epochs/0004/distance.npy") << QStringLiteral("spec.json");
        QTest::newRow("model state") << QStringLiteral("state/model-0004.pt") << QStringLiteral("state/model-0024.pt")
                                     << QStringLiteral("epochs/0004/distance.npy");
        QTest::newRow("optimizer state") << QStringLiteral("state/optimizer-0004.pt")
                                         << QStringLiteral("state/optimizer-0024.pt")
                                         << QStringLiteral("state/model-0024.pt");
    }

    void fullDiskNamesTheFileAndKeepsEarlierEpochs()
    {
        // Epochs 0-3 written, then resumed under a file-size limit between the
        // size of the file that should fail and those written before it (the
        // optimizer's state varies by some bytes from one process to another).
        QFETCH(QString, failing);
        QFETCH(QString, sameSize);
        QFETCH(QString, fits);
        const QString dir = m_dir.filePath(QStringLiteral("full-%1").arg(QTest::currentDataTag()).replace(' ', '-'));
        QCOMPARE(cli({QStringLiteral("run"), m_spec, QStringLiteral("--out"), dir, QStringLiteral("--epochs"),
                      QStringLiteral("3")})
                     .exitCode,
                 0);
        QMap<QString, QByteArray> before;
        for (const QString &file : filesUnder(dir))
            before.insert(file, contents(dir + QLatin1Char('/') + file));
        const qint64 larger = QFileInfo(m_reference + QLatin1Char('/') + sameSize).size();
        const qint64 smaller = QFileInfo(m_reference + QLatin1Char('/') + fits).size();
        QVERIFY(smaller + 200 < larger);
        const qint64 limit = (smaller + larger) / 2;
        for (const QString &other : {QStringLiteral("spec.json"), QStringLiteral("epochs/0004/diagram.csv")})
            QVERIFY(QFileInfo(m_reference + QLatin1Char('/') + other).size() < limit);

        // One analysis worker: epoch 4's files are the first to be written.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NETBETTI_ANALYSIS_THREADS"), QStringLiteral("1"));
        CliResult r = cli({QStringLiteral("run"), QStringLiteral("--resume"), dir, QStringLiteral("--epochs"),
                           QString::number(kEpochs)},
                          env, limit);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.messages().size() == 1, qPrintable(r.err));
        QVERIFY2(r.messages().first().contains(dir + QLatin1Char('/') + failing)
                     && r.messages().first().contains(QStringLiteral("File too large")),
                 qPrintable(r.err));
        // Nothing written before is lost: run.json still lists epochs 0-3,
        // byte for byte (spec.json now asks for kEpochs).
        QCOMPARE(int(RunFolder(dir).readRecord().epochs.size()), 4);
        for (auto it = before.begin(); it != before.end(); ++it)
            if (it.key() != QLatin1String("spec.json"))
                QVERIFY2(contents(dir + QLatin1Char('/') + it.key()) == it.value(), qPrintable(it.key()));

        // With room again, the run resumes to the reference's files.
        r = cli({QStringLiteral("run"), QStringLiteral("--resume"), dir});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        compareWithReference(dir, m_reference, kEpochs);
    }

    void aFailedWriteKeepsTheOldFile()
    {
        // In this process: a file-size limit below the new content's size.
        const QString path = m_dir.filePath(QStringLiteral("atomic/file.bin"));
        writeFileAtomically(path, QByteArray(100, 'a'));
        rlimit saved{};
        QVERIFY(getrlimit(RLIMIT_FSIZE, &saved) == 0);
        const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limited = saved;
        limited.rlim_cur = 4096;
        QVERIFY(setrlimit(RLIMIT_FSIZE, &limited) == 0);
        QString message;
        try {
            writeFileAtomically(path, QByteArray(20000, 'b'));
        } catch (const RunError &e) {
            message = QString::fromUtf8(e.what());
        }
        setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, previousHandler);
        QVERIFY2(message.contains(path) && message.contains(QStringLiteral("File too large")), qPrintable(message));
        QCOMPARE(contents(path), QByteArray(100, 'a'));
        QCOMPARE(filesUnder(QFileInfo(path).absolutePath()), QStringList{QStringLiteral("file.bin")});
    }

    void ripserFailureMarksItsEpochAndTheRunGoesOn_data()
    {
        QTest::addColumn<QByteArray>("failure"); // what the fake ripser does on its second call (epoch 1)
        QTest::addColumn<QString>("reason");
        QTest::newRow("non-zero exit") << QByteArray("echo 'ripser: cannot go on' >&2; exit 3")
                                       << QStringLiteral("exited with code 3: ripser: cannot go on");
        QTest::newRow("killed by a signal") << QByteArray("kill -KILL $$") << QStringLiteral("crashed or was killed");
        QTest::newRow("garbage output") << QByteArray("echo 'this is not ripser'; exit 0")
                                        << QStringLiteral("unexpected line \"this is not ripser\"");
        // H2 of ~150 neurons needs more than 16 MB of address space.
        QTest::newRow("out of memory") << QByteArray("ulimit -v 16000; exec ripser \"$@\"")
                                       << QStringLiteral("std::bad_alloc");
    }

    void ripserFailureMarksItsEpochAndTheRunGoesOn()
    {
        QFETCH(QByteArray, failure);
        QFETCH(QString, reason);
        const QString spec = writeTestFile(m_dir, QStringLiteral("h2.json"),
                                           R"({"name": "h2", "seed": 5,
                                               "dataset": {"kind": "ball-in-cube", "dim": 4, "samples": 400},
                                               "model": {"layers": [4, 96, 96, 2]}, "training": {"epochs": 3},
                                               "analysis": {"max_dim": 2, "engine": "ripser"}})");
        const QString reference = m_dir.filePath(QStringLiteral("h2-reference"));
        if (!QFileInfo::exists(reference))
            QCOMPARE(cli({QStringLiteral("run"), spec, QStringLiteral("--out"), reference}).exitCode, 0);

        const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'));
        const QString calls = m_dir.filePath(tag + QStringLiteral(".calls"));
        const QString fake = executableScript(m_dir.filePath(tag + QStringLiteral(".sh")),
                                              "calls=$(cat '" + calls.toUtf8() + "' 2>/dev/null || echo 0)\n"
                                              "calls=$((calls + 1)); echo $calls > '" + calls.toUtf8() + "'\n"
                                              "if [ $calls -eq 2 ]; then " + failure + "; fi\n"
                                              "exec ripser \"$@\"");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NETBETTI_RIPSER"), fake);
        env.insert(QStringLiteral("NETBETTI_ANALYSIS_THREADS"), QStringLiteral("1")); // epoch k is call k+1
        const QString dir = m_dir.filePath(tag);
        const CliResult r = cli({QStringLiteral("run"), spec, QStringLiteral("--out"), dir}, env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("analysis failed")), qPrintable(r.err));

        const RunFolder folder(dir), expected(reference);
        const RunRecord record = folder.readRecord(), theirs = expected.readRecord();
        QVERIFY(record.finished);
        QCOMPARE(int(record.epochs.size()), 4);
        for (const EpochRecord &e : record.epochs) {
            // Training is untouched, and so is every file of the other epochs.
            QCOMPARE(e.loss, theirs.find(e.epoch)->loss);
            QVERIFY(e.analysed);
            QCOMPARE(contents(folder.distancePath(e.epoch)), contents(expected.distancePath(e.epoch)));
            if (e.epoch == 1) {
                QVERIFY2(e.analysisError.contains(reason), qPrintable(e.analysisError));
                QVERIFY(!QFileInfo::exists(folder.diagramPath(1)));
            } else {
                QVERIFY2(e.analysisError.isEmpty(), qPrintable(e.analysisError));
                QCOMPARE(contents(folder.diagramPath(e.epoch)), contents(expected.diagramPath(e.epoch)));
            }
        }
        // Continuity steps over the failed epoch.
        QCOMPARE(record.find(2)->previousEpoch, 0);
        QCOMPARE(record.find(3)->previousEpoch, 2);
        QCOMPARE(record.find(3)->bottleneckToPrevious, theirs.find(3)->bottleneckToPrevious);
    }

    void missingRipserFailsEveryEpochButTheRunEnds()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NETBETTI_RIPSER"), QStringLiteral("/nonexistent/ripser"));
        const QString dir = m_dir.filePath(QStringLiteral("no-ripser"));
        const QString spec = ripserSpec();
        const CliResult r = cli({QStringLiteral("run"), spec, QStringLiteral("--out"), dir, QStringLiteral("--epochs"),
                                 QStringLiteral("2")},
                                env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const RunFolder folder(dir);
        const RunRecord record = folder.readRecord(), theirs = RunFolder(m_reference).readRecord();
        QVERIFY(record.finished);
        QCOMPARE(int(record.epochs.size()), 3);
        for (const EpochRecord &e : record.epochs) {
            QVERIFY2(e.analysisError.contains(QStringLiteral("/nonexistent/ripser")), qPrintable(e.analysisError));
            QCOMPARE(e.loss, theirs.find(e.epoch)->loss);
            QCOMPARE(contents(folder.distancePath(e.epoch)), contents(RunFolder(m_reference).distancePath(e.epoch)));
            QVERIFY(!QFileInfo::exists(folder.diagramPath(e.epoch)));
        }
    }
};

QTEST_GUILESS_MAIN(TestReliability)
#include "tst_reliability.moc"
