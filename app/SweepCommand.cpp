#include "SweepCommand.h"

#include "CliCommands.h"
#include "TrainCommands.h"
#include "Error.h"
#include "experiment/SeedSet.h"
#include "experiment/SweepRunner.h"
#include "storage/AtomicFile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
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

/// The options of how a sweep's runs go, shared by sweep and seeds.
void addRunOptions(QCommandLineParser &parser)
{
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
}

SweepOptions runOptions(const QCommandLineParser &parser)
{
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
    return options;
}

/// Runs the sweep into dir, progress on stderr, and says how it ended.
int runAndReport(const Sweep &sweep, const QString &dir, const SweepOptions &options)
{
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

} // namespace

int sweepCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("SWEEP.json"),
                                 QStringLiteral("The sweep: {\"base\": SPEC, \"vary\": {\"dotted.path\": [values]}}."));
    addRunOptions(parser);
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
    const SweepOptions options = runOptions(parser);
    return runAndReport(Sweep::fromFile(parser.positionalArguments().first()), dir, options);
}

int seedsCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("SPEC.json"), QStringLiteral("The experiment."));
    parser.addOption({QStringLiteral("count"), QStringLiteral("How many seeds."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("first-seed"), QStringLiteral("The first seed (default: the spec's)."),
                      QStringLiteral("S")});
    addRunOptions(parser);
    if (!parse(parser, arguments,
               QStringLiteral("Train one experiment with N seeds (first, first + 1, ...): a sweep varying the "
                              "seed, into DIR/runs/NAME; started again, it resumes. `export DIR --figure betti` "
                              "draws the set's Betti numbers as a median with a band.")))
        return 0;
    if (parser.positionalArguments().size() != 1)
        throw InputError(QStringLiteral("seeds: expected one SPEC.json (see --help)"));
    if (!parser.isSet(QStringLiteral("count")))
        throw InputError(QStringLiteral("seeds: --count N is required"));
    if (!parser.isSet(QStringLiteral("out")))
        throw InputError(QStringLiteral("seeds: --out DIR is required"));
    bool ok = false;
    const int count = parser.value(QStringLiteral("count")).toInt(&ok);
    if (!ok)
        throw InputError({}, QStringLiteral("--count"), parser.value(QStringLiteral("count")),
                         QStringLiteral("expected a whole number of seeds"));
    const QString specFile = parser.positionalArguments().first();
    const ExperimentSpec spec = ExperimentSpec::fromFile(specFile); // names what is wrong in it
    const QJsonObject base = QJsonDocument::fromJson(readWholeFile(specFile, 16 << 20)).object();
    qint64 first = qint64(spec.seed);
    if (parser.isSet(QStringLiteral("first-seed"))) {
        first = parser.value(QStringLiteral("first-seed")).toLongLong(&ok);
        if (!ok)
            throw InputError({}, QStringLiteral("--first-seed"), parser.value(QStringLiteral("first-seed")),
                             QStringLiteral("expected a whole number"));
    }
    const QJsonObject definition = seedSweepDefinition(base, count, first);
    const SweepOptions options = runOptions(parser);
    return runAndReport(Sweep::fromJson(QJsonDocument(definition).toJson(), specFile),
                        parser.value(QStringLiteral("out")), options);
}

} // namespace netbetti::cli
