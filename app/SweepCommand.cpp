#include "SweepCommand.h"

#include "CliCommands.h"
#include "TrainCommands.h"
#include "Error.h"
#include "experiment/SweepRunner.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <cstdio>

namespace netbetti::cli {

namespace {

/// One run of the sweep in dir: started, or resumed from the last epoch its
/// folder lists (a requeued Slurm task, a sweep started again). Its failure
/// is written to errors/NAME.txt for the sweep to report.
int sweepTask(const QString &dir, const QString &taskText)
{
    const SweepIndex index = SweepIndex::read(dir);
    bool ok = false;
    const int task = taskText.toInt(&ok);
    if (!ok || task < 0 || task >= int(index.runs.size()))
        throw InputError({}, QStringLiteral("--task"), taskText,
                         QStringLiteral("expected a run's index in %1, 0 to %2")
                             .arg(QDir(dir).filePath(QStringLiteral("sweep.json")))
                             .arg(index.runs.size() - 1));
    const SweepFolder folder(dir);
    const QString name = index.runs[size_t(task)].name;
    const QString runDir = folder.runDir(name);
    folder.clearError(name);
    const QString program = QCoreApplication::arguments().value(0);
    const bool started = QFileInfo::exists(runDir + QStringLiteral("/spec.json"));
    try {
        return runCommand(started ? QStringList{program, QStringLiteral("--resume"), runDir}
                                  : QStringList{program, folder.specPath(name), QStringLiteral("--out"), runDir});
    } catch (const std::exception &e) {
        folder.writeError(name, QString::fromUtf8(e.what()));
        throw;
    }
}

} // namespace

int sweepCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("SWEEP.json"),
                                 QStringLiteral("The sweep: {\"base\": SPEC, \"vary\": {\"dotted.path\": [values]}}."));
    parser.addOption({QStringLiteral("out"), QStringLiteral("The sweep folder (started again: resumes it)."),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("jobs"),
                      QStringLiteral("Runs at once on this machine (default: as the cores and the memory estimate "
                                     "allow)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("slurm"), QStringLiteral("Submit the runs as one Slurm job array.")});
    parser.addOption({QStringLiteral("sbatch"), QStringLiteral("Extra arguments for sbatch (with --slurm)."),
                      QStringLiteral("ARGS")});
    parser.addOption({QStringLiteral("detach"),
                      QStringLiteral("With --slurm: return once submitted; the same command again waits for the "
                                     "job and writes distances.csv.")});
    QCommandLineOption task(QStringLiteral("task"), QStringLiteral("Run the K-th run of the sweep in DIR."),
                            QStringLiteral("K"));
    task.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(task);
    if (!parse(parser, arguments,
               QStringLiteral("Run a grid of experiments, each into DIR/runs/NAME, then the distances between "
                              "every pair of runs into DIR/distances.csv.")))
        return 0;
    if (!parser.isSet(QStringLiteral("out")))
        throw InputError(QStringLiteral("sweep: --out DIR is required"));
    const QString dir = parser.value(QStringLiteral("out"));
    if (parser.isSet(task))
        return sweepTask(dir, parser.value(task));
    if (parser.positionalArguments().size() != 1)
        throw InputError(QStringLiteral("sweep: expected one SWEEP.json (see --help)"));
    const bool slurm = parser.isSet(QStringLiteral("slurm"));
    for (const QString &option : {QStringLiteral("sbatch"), QStringLiteral("detach")})
        if (parser.isSet(option) && !slurm)
            throw InputError({}, QStringLiteral("--") + option, {}, QStringLiteral("only with --slurm"));
    if (slurm && parser.isSet(QStringLiteral("jobs")))
        throw InputError({}, QStringLiteral("--jobs"), parser.value(QStringLiteral("jobs")),
                         QStringLiteral("not with --slurm: Slurm decides how many tasks run at once"));

    SweepOptions options;
    options.program = QCoreApplication::applicationFilePath();
    options.jobs = parser.isSet(QStringLiteral("jobs")) ? intOption(parser, QStringLiteral("jobs"), 1, 1024) : 0;
    options.slurm = slurm;
    options.sbatchArgs = parser.value(QStringLiteral("sbatch"));
    options.detach = parser.isSet(QStringLiteral("detach"));
    bool ok = false;
    const double poll = qEnvironmentVariable("NETBETTI_SLURM_POLL_SECONDS").toDouble(&ok);
    if (ok && poll > 0)
        options.pollSeconds = poll;

    const Sweep sweep = Sweep::fromFile(parser.positionalArguments().first());
    const SweepOutcome outcome = runSweep(sweep, dir, options, [](const QString &line) {
        std::fprintf(stderr, "%s\n", qPrintable(line));
        std::fflush(stderr);
    });
    const QString where = QDir(dir).absolutePath();
    if (outcome.pairs < 0) {
        std::fprintf(stderr,
                     "detached: Slurm job %s runs the sweep; the same command without --detach waits for it and "
                     "writes %s/distances.csv\n",
                     qPrintable(outcome.slurmJob), qPrintable(where));
        return 0;
    }
    std::fprintf(stderr, "sweep: %d of %zu runs finished, %d failed%s; %s/sweep.json, distances of %d pairs in "
                         "%s/distances.csv\n",
                 outcome.finished, outcome.index.runs.size(), outcome.failed,
                 outcome.other ? qPrintable(QStringLiteral(", %1 not finished").arg(outcome.other)) : "",
                 qPrintable(where), outcome.pairs, qPrintable(where));
    return outcome.failed || outcome.other ? 2 : 0;
}

} // namespace netbetti::cli
