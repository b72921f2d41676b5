#include "SweepRunner.h"

#include "Error.h"
#include "RunPipeline.h"
#include "storage/AtomicFile.h"
#include "storage/FolderLock.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QThread>
#include <QTimer>
#include <cmath>
#include <deque>
#include <memory>
#include <thread>

namespace netbetti {

namespace {

QString lastLine(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    if (f.size() > 4096)
        f.seek(f.size() - 4096);
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return lines.isEmpty() ? QString() : lines.last().trimmed();
}

/// "finished 20 epochs, test accuracy 0.934" or "failed: why".
QString describeEntry(const SweepEntry &e)
{
    if (e.status == QLatin1String("finished"))
        return QStringLiteral("finished %1 epochs, test accuracy %2").arg(e.epochs).arg(e.testAccuracy, 0, 'f', 3);
    if (e.status == QLatin1String("failed"))
        return QStringLiteral("failed: ") + e.error;
    return e.status + (e.epochsDone >= 0 ? QStringLiteral(" after epoch %1").arg(e.epochsDone) : QString());
}

struct Tally
{
    int done = 0, failed = 0, total = 0;
    QString line(const SweepEntry &e, double seconds) const
    {
        return QStringLiteral("[%1/%2%3] %4: %5%6")
            .arg(done)
            .arg(total)
            .arg(failed ? QStringLiteral(", %1 failed").arg(failed) : QString())
            .arg(e.name, describeEntry(e))
            .arg(seconds >= 0 ? QStringLiteral(" (%1 s)").arg(seconds, 0, 'f', 1) : QString());
    }
};

int runIndex(const Sweep &sweep, const SweepRun *run)
{
    return int(run - sweep.runs.data());
}

QStringList taskArguments(int index, const QString &dir)
{
    return {QStringLiteral("sweep"), QStringLiteral("--task"), QString::number(index), QStringLiteral("--out"),
            QFileInfo(dir).absoluteFilePath()};
}

// ---- local worker processes ------------------------------------------------

void runLocally(const Sweep &sweep, const SweepFolder &folder, const std::vector<const SweepRun *> &todo, int jobs,
                const SweepOptions &options, const SweepLog &log, Tally &tally)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // The cores are shared among the runs: each run's analysis workers
    // (ripser processes) get their share, unless the user chose.
    if (!env.contains(QStringLiteral("NETBETTI_ANALYSIS_THREADS")))
        env.insert(QStringLiteral("NETBETTI_ANALYSIS_THREADS"),
                   QString::number(std::max(1, int(std::thread::hardware_concurrency()) / jobs)));
    std::deque<const SweepRun *> queue(todo.begin(), todo.end());
    std::map<QString, QString> running;
    QEventLoop loop;
    std::function<void()> startNext;
    bool cancelled = false;

    auto finish = [&](const SweepRun *run, QProcess *process, const QElapsedTimer &clock) {
        const QString logFile = folder.logDir() + QLatin1Char('/') + run->name + QStringLiteral(".log");
        const bool ok = process->exitStatus() == QProcess::NormalExit && process->exitCode() == 0;
        // A run stopped by a cancel did not fail: it is left unfinished.
        if (!ok && !cancelled && !QFileInfo::exists(folder.errorPath(run->name))) {
            // The task could not say why itself (it crashed, was killed, or
            // never started): say what is known.
            const QString how = process->error() == QProcess::FailedToStart
                                    ? QStringLiteral("could not start %1: %2").arg(options.program, process->errorString())
                                : process->exitStatus() == QProcess::CrashExit
                                    ? QStringLiteral("the worker process was killed or crashed")
                                    : QStringLiteral("the worker process exited with code %1").arg(process->exitCode());
            const QString last = lastLine(logFile);
            folder.writeError(run->name, last.isEmpty() ? how : how + QStringLiteral(" (its last words: ") + last
                                                                    + QLatin1Char(')'));
        }
        running.erase(run->name);
        const SweepEntry e = folder.entry(*run);
        ++tally.done;
        tally.failed += e.status == QLatin1String("failed");
        folder.writeIndex(sweep, running);
        log(tally.line(e, double(clock.elapsed()) / 1000.0));
        process->deleteLater();
        startNext();
    };

    startNext = [&]() {
        while (int(running.size()) < jobs && !queue.empty()) {
            const SweepRun *run = queue.front();
            queue.pop_front();
            auto *process = new QProcess(&loop);
            const QString logFile = folder.logDir() + QLatin1Char('/') + run->name + QStringLiteral(".log");
            process->setStandardOutputFile(logFile, QIODevice::Append);
            process->setStandardErrorFile(logFile, QIODevice::Append);
            process->setProcessEnvironment(env);
            auto clock = std::make_shared<QElapsedTimer>();
            clock->start();
            QObject::connect(process, &QProcess::finished, &loop,
                             [=, &finish] { finish(run, process, *clock); });
            QObject::connect(process, &QProcess::errorOccurred, &loop, [=, &finish](QProcess::ProcessError error) {
                if (error == QProcess::FailedToStart)
                    finish(run, process, *clock);
            });
            running[run->name] = QStringLiteral("running");
            folder.clearError(run->name);
            process->start(options.program, taskArguments(runIndex(sweep, run), folder.path()));
        }
        folder.writeIndex(sweep, running);
        if (running.empty())
            loop.quit();
    };
    QTimer poll;
    if (options.keepGoing) {
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (cancelled || options.keepGoing())
                return;
            cancelled = true;
            queue.clear();
            for (QProcess *process : loop.findChildren<QProcess *>())
                if (process->state() != QProcess::NotRunning)
                    process->kill(); // finish() follows for each, and quits the loop after the last
            log(QStringLiteral("cancelled: %1 runs stopped, their folders kept to resume").arg(running.size()));
        });
        poll.start(250);
    }
    QMetaObject::invokeMethod(&loop, startNext, Qt::QueuedConnection);
    loop.exec();
}

// ---- Slurm -----------------------------------------------------------------

struct ToolResult
{
    bool started = false;
    int exitCode = -1;
    QString out, err, startError;
    QString output() const { return (err.trimmed() + QLatin1Char(' ') + out.trimmed()).trimmed(); }
};

ToolResult runTool(const QString &program, const QStringList &args, int timeoutMs = 120000)
{
    QProcess p;
    p.start(program, args);
    ToolResult r;
    r.started = p.waitForStarted(30000);
    if (!r.started) {
        r.startError = p.errorString();
        return r;
    }
    if (!p.waitForFinished(timeoutMs))
        p.kill(), p.waitForFinished();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString shellQuoted(const QString &text)
{
    return QLatin1Char('\'') + QString(text).replace(QLatin1Char('\''), QStringLiteral("'\\''")) + QLatin1Char('\'');
}

/// The job array's script: one task per run, each running or resuming its
/// run folder, so that a requeued task goes on from the last saved epoch.
QString writeArrayScript(const Sweep &sweep, const SweepFolder &folder, const std::vector<const SweepRun *> &todo,
                         const SweepOptions &options)
{
    QStringList indices;
    for (const SweepRun *run : todo)
        indices << QString::number(runIndex(sweep, run));
    const int analysisWorkers = 2;
    const SweepEstimate estimate = estimateSweep(todo, analysisWorkers);
    const qint64 megabytes = qint64(std::ceil(estimate.runMemoryBytes / (1024.0 * 1024.0)));
    const QString dir = QFileInfo(folder.path()).absoluteFilePath();
    QString script = QStringLiteral("#!/bin/sh\n"
                                    "# Written by netbetti-cli sweep --slurm: one task per run of %1.\n"
                                    "#SBATCH --job-name=netbetti-sweep\n"
                                    "#SBATCH --array=%2\n"
                                    "#SBATCH --cpus-per-task=%3\n"
                                    "#SBATCH --mem=%4M\n"
                                    "#SBATCH --requeue\n"
                                    "#SBATCH --open-mode=append\n"
                                    "#SBATCH --output=%5/slurm-%A_%a.log\n"
                                    "exec %6 sweep --task \"$SLURM_ARRAY_TASK_ID\" --out %7\n")
                         .arg(QFileInfo(sweep.file).fileName(), indices.join(QLatin1Char(',')))
                         .arg(analysisWorkers)
                         .arg(megabytes)
                         .arg(folder.logDir(), shellQuoted(QFileInfo(options.program).absoluteFilePath()),
                              shellQuoted(dir));
    const QString path = dir + QStringLiteral("/slurm/array.sh");
    writeFileAtomically(path, script.toUtf8());
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
                                    | QFile::ExeGroup);
    return path;
}

QString submit(const QString &script, const SweepOptions &options)
{
    QStringList args{QStringLiteral("--parsable")};
    args << QProcess::splitCommand(options.sbatchArgs) << script;
    const ToolResult r = runTool(QStringLiteral("sbatch"), args);
    if (!r.started)
        throw RunError(QStringLiteral("sbatch %1: cannot run it (%2); --slurm needs Slurm's commands (Debian: "
                                      "slurm-client) on PATH")
                           .arg(args.join(QLatin1Char(' ')), r.startError));
    const QString id = r.out.trimmed().section(QLatin1Char(';'), 0, 0);
    bool numeric = false;
    id.toLongLong(&numeric);
    if (r.exitCode != 0 || !numeric)
        throw RunError(QStringLiteral("sbatch %1 refused the job array (exit code %2): %3")
                           .arg(args.join(QLatin1Char(' ')))
                           .arg(r.exitCode)
                           .arg(r.output().isEmpty() ? QStringLiteral("no output") : r.output()));
    return id;
}

/// Task index -> state, as squeue lists the job array's tasks; empty once
/// Slurm has forgotten the job (it keeps ended jobs a few minutes).
std::map<int, QString> taskStates(const QString &job)
{
    const ToolResult r = runTool(QStringLiteral("squeue"), {QStringLiteral("-h"), QStringLiteral("-r"),
                                                            QStringLiteral("-j"), job, QStringLiteral("-o"),
                                                            QStringLiteral("%i %T")});
    if (!r.started)
        throw RunError(QStringLiteral("squeue: cannot run it (%1)").arg(r.startError));
    std::map<int, QString> states;
    if (r.exitCode != 0) {
        if (r.output().contains(QStringLiteral("Invalid job id")))
            return states;
        throw RunError(QStringLiteral("squeue -j %1 failed (exit code %2): %3").arg(job).arg(r.exitCode).arg(r.output()));
    }
    for (const QString &line : r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QString id = line.section(QLatin1Char(' '), 0, 0);
        bool ok = false;
        const int task = id.section(QLatin1Char('_'), 1, 1).toInt(&ok);
        if (ok)
            states[task] = line.section(QLatin1Char(' '), 1, 1);
    }
    return states;
}

bool isActive(const QString &state)
{
    static const QStringList ended{QStringLiteral("COMPLETED"), QStringLiteral("FAILED"),
                                   QStringLiteral("CANCELLED"), QStringLiteral("TIMEOUT"),
                                   QStringLiteral("OUT_OF_MEMORY"), QStringLiteral("NODE_FAIL"),
                                   QStringLiteral("BOOT_FAIL"), QStringLiteral("DEADLINE"),
                                   QStringLiteral("SPECIAL_EXIT"), QStringLiteral("REVOKED")};
    return !ended.contains(state);
}

bool anyActive(const std::map<int, QString> &states)
{
    for (const auto &[task, state] : states)
        if (isActive(state))
            return true;
    return false;
}

void waitForJob(const Sweep &sweep, const SweepFolder &folder, const QString &job, const SweepOptions &options,
                const SweepLog &log, Tally &tally)
{
    std::map<QString, bool> reported; // runs whose end was reported
    std::map<int, QString> lastState;
    for (;;) {
        const std::map<int, QString> states = taskStates(job);
        for (const auto &[task, state] : states)
            lastState[task] = state;
        std::map<QString, QString> statuses;
        for (const auto &[task, state] : lastState) {
            if (task < 0 || task >= int(sweep.runs.size()))
                continue;
            const SweepRun &run = sweep.runs[size_t(task)];
            if (isActive(state)) {
                statuses[run.name] = state == QLatin1String("RUNNING") ? QStringLiteral("running")
                                                                       : QStringLiteral("submitted");
                continue;
            }
            if (reported[run.name])
                continue;
            SweepEntry e = folder.entry(run);
            if (e.status != QLatin1String("finished") && e.status != QLatin1String("failed")) {
                // Ended without a word (killed for its memory or time, its node lost).
                folder.writeError(run.name, QStringLiteral("the Slurm task %1_%2 ended %3 before the run finished "
                                                           "(see %4/slurm-%1_%2.log)")
                                                .arg(job)
                                                .arg(task)
                                                .arg(state, folder.logDir()));
                e = folder.entry(run);
            }
            reported[run.name] = true;
            ++tally.done;
            tally.failed += e.status == QLatin1String("failed");
            log(tally.line(e, -1));
        }
        folder.writeIndex(sweep, statuses, job);
        if (!anyActive(states))
            return;
        QThread::msleep((unsigned long)(options.pollSeconds * 1000));
    }
}

} // namespace

Sweep sweepOfFolder(const QString &dir)
{
    const SweepIndex index = SweepIndex::read(dir);
    return Sweep::fromJson(QJsonDocument(index.definition).toJson(), index.sweepFile);
}

SweepOutcome runSweep(const Sweep &sweep, const QString &dir, const SweepOptions &options, const SweepLog &log)
{
    const SweepFolder folder(dir);
    folder.checkHolds(sweep);
    const QString previousJob = QFileInfo::exists(folder.indexPath()) ? SweepIndex::read(dir).slurmJob : QString();

    std::vector<const SweepRun *> todo;
    Tally tally;
    tally.total = int(sweep.runs.size());
    for (const SweepRun &run : sweep.runs) {
        const SweepEntry e = folder.entry(run);
        if (e.status == QLatin1String("finished")) {
            ++tally.done;
            log(tally.line(e, -1) + QStringLiteral(", kept"));
        } else {
            todo.push_back(&run);
        }
    }
    const int analysisWorkers = options.slurm ? 2 : 1;
    const SweepEstimate estimate = estimateSweep(todo, analysisWorkers);
    const int jobs = options.slurm ? 1 : options.jobs > 0 ? options.jobs : estimate.defaultJobs(int(todo.size()));
    checkSweepFits(sweep, todo, dir, jobs, analysisWorkers);
    // Nothing is written before the checks: a grid refused leaves no trace.
    const FolderLock lock = FolderLock::acquire(dir);
    folder.prepare(sweep);

    QString job;
    if (options.slurm && !todo.empty()) {
        // A job array still queued or running from before: wait for it
        // rather than submit its runs twice.
        if (!previousJob.isEmpty() && anyActive(taskStates(previousJob))) {
            job = previousJob;
            log(QStringLiteral("waiting for Slurm job %1, submitted before").arg(job));
        } else {
            for (const SweepRun *run : todo)
                folder.clearError(run->name);
            job = submit(writeArrayScript(sweep, folder, todo, options), options);
            std::map<QString, QString> submitted;
            for (const SweepRun *run : todo)
                submitted[run->name] = QStringLiteral("submitted");
            folder.writeIndex(sweep, submitted, job);
            log(QStringLiteral("submitted Slurm job array %1: %2 tasks").arg(job).arg(todo.size()));
        }
        if (options.detach) {
            SweepOutcome outcome;
            outcome.index = SweepIndex::read(dir);
            outcome.slurmJob = job;
            return outcome;
        }
        waitForJob(sweep, folder, job, options, log, tally);
    } else if (!todo.empty()) {
        log(QStringLiteral("%1 runs to do, %2 at a time").arg(todo.size()).arg(jobs));
        runLocally(sweep, folder, todo, jobs, options, log, tally);
    }

    SweepOutcome outcome;
    outcome.slurmJob = job.isEmpty() ? previousJob : job;
    outcome.index = folder.writeIndex(sweep, {}, outcome.slurmJob);
    outcome.pairs = folder.writeDistances(sweep);
    for (const SweepEntry &e : outcome.index.runs) {
        if (e.status == QLatin1String("finished"))
            ++outcome.finished;
        else if (e.status == QLatin1String("failed"))
            ++outcome.failed;
        else
            ++outcome.other;
    }
    return outcome;
}

} // namespace netbetti
