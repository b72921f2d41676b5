#include "CliCommands.h"

#include "Error.h"
#include "experiment/RunPipeline.h"
#include "storage/NpyFile.h"
#include "topology/DiagramCsv.h"
#include "topology/NetBettiEngine.h"
#include "topology/PersistenceCost.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <cmath>
#include <cstdio>

namespace netbetti::cli {

bool parse(QCommandLineParser &parser, const QStringList &arguments, const QString &description)
{
    parser.setApplicationDescription(description);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(arguments))
        throw InputError(parser.errorText());
    if (parser.isSet(help)) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return false;
    }
    return true;
}

double numberOption(const QCommandLineParser &parser, const QString &name, double min, double max)
{
    bool ok = false;
    const QString text = parser.value(name);
    const double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v) || v < min || v > max)
        throw InputError({}, QStringLiteral("--") + name, text,
                         QStringLiteral("expected a number from %1 to %2").arg(min).arg(max));
    return v;
}

int intOption(const QCommandLineParser &parser, const QString &name, int min, int max)
{
    bool ok = false;
    const QString text = parser.value(name);
    const int v = text.toInt(&ok);
    if (!ok || v < min || v > max)
        throw InputError({}, QStringLiteral("--") + name, text,
                         QStringLiteral("expected a whole number from %1 to %2").arg(min).arg(max));
    return v;
}

namespace {

QString oneLineSummary(const EpochRecord &r, const PersistenceDiagram &diagram, int epochs, double scale)
{
    QString line = QStringLiteral("epoch %1/%2  loss %3  acc %4/%5")
                       .arg(r.epoch, 3)
                       .arg(epochs)
                       .arg(r.loss, 0, 'f', 4)
                       .arg(r.trainAccuracy, 0, 'f', 3)
                       .arg(r.testAccuracy, 0, 'f', 3);
    if (r.analysed && r.analysisError.isEmpty()) {
        line += QStringLiteral("  β@%1:").arg(scale);
        for (int dim = 0; dim <= diagram.maxDim; ++dim)
            line += QStringLiteral(" β%1 %2").arg(dim).arg(diagram.bettiAt(dim, scale));
        line += QStringLiteral("  |X| %1 (%2 constant)").arg(r.neurons).arg(r.constantNeurons);
    } else if (!r.analysisError.isEmpty()) {
        line += QStringLiteral("  analysis failed: ") + r.analysisError;
    }
    line += QStringLiteral("  s: train %1 probe %2 metric %3 persistence %4")
                .arg(r.seconds.train, 0, 'f', 3)
                .arg(r.seconds.probe, 0, 'f', 3)
                .arg(r.seconds.metric, 0, 'f', 3)
                .arg(r.seconds.persistence, 0, 'f', 3);
    return line;
}

} // namespace

int runCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("SPEC.json"), QStringLiteral("The experiment spec."));
    parser.addOption({QStringLiteral("out"), QStringLiteral("The run folder to write (must not hold a run)."),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("resume"),
                      QStringLiteral("Continue the run in DIR after the last epoch its run.json lists (no SPEC.json: "
                                     "the folder's spec is used)."),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("epochs"),
                      QStringLiteral("Train N epochs instead of the spec's (with --resume: up to epoch N)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("scale"),
                      QStringLiteral("The scale ε at which progress lines report Betti numbers "
                                     "(default: the spec's threshold, else 0.5)."),
                      QStringLiteral("EPS")});
    if (!parse(parser, arguments,
               QStringLiteral("Train an experiment and write the persistence of its neuron space, "
                              "epoch by epoch, into a run folder.")))
        return 0;
    const bool resuming = parser.isSet(QStringLiteral("resume"));
    if (resuming && (!parser.positionalArguments().isEmpty() || parser.isSet(QStringLiteral("out"))))
        throw InputError(QStringLiteral("run: --resume DIR takes neither a SPEC.json nor --out (see --help)"));
    if (!resuming && parser.positionalArguments().size() != 1)
        throw InputError(QStringLiteral("run: expected one SPEC.json (see --help)"));
    if (!resuming && !parser.isSet(QStringLiteral("out")))
        throw InputError(QStringLiteral("run: --out DIR is required"));

    const QString outDir = parser.value(resuming ? QStringLiteral("resume") : QStringLiteral("out"));
    ExperimentSpec spec = resuming ? RunFolder(outDir).readSpec()
                                   : ExperimentSpec::fromFile(parser.positionalArguments().first());
    if (parser.isSet(QStringLiteral("epochs")))
        spec.training.epochs = intOption(parser, QStringLiteral("epochs"), 0, 1'000'000);
    const double scale = parser.isSet(QStringLiteral("scale"))
                             ? numberOption(parser, QStringLiteral("scale"), 0.0, 1e9)
                             : spec.analysis.threshold.value_or(0.5);

    RunPipeline pipeline(spec, outDir);
    if (!resuming)
        pipeline.setSpecSource(parser.positionalArguments().first());
    QObject::connect(&pipeline, &RunPipeline::started, [resuming](const QString &dir, int neurons) {
        std::fprintf(stderr, "%s %s, %d neurons in the metric space\n",
                     resuming ? "resuming run folder" : "run folder", qPrintable(QDir(dir).absolutePath()), neurons);
    });
    QObject::connect(&pipeline, &RunPipeline::epochAnalysed,
                     [&spec, scale](const EpochRecord &r, const PersistenceDiagram &diagram) {
                         std::fprintf(stderr, "%s\n",
                                      qPrintable(oneLineSummary(r, diagram, spec.training.epochs, scale)));
                     });
    if (!resuming) {
        pipeline.run();
    } else {
        const int lastDone = pipeline.resume();
        if (lastDone == spec.training.epochs) {
            std::fprintf(stderr, "%s: complete, all %d epochs done\n", qPrintable(QDir(outDir).absolutePath()),
                         lastDone);
            return 0;
        }
    }
    std::fprintf(stderr, "done: %s\n", qPrintable(QDir(pipeline.outDir()).absolutePath()));
    return 0;
}

int homologyCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("MATRIX.npy"),
                                 QStringLiteral("A square distance matrix, float32 or float64."));
    parser.addOption({QStringLiteral("out"), QStringLiteral("The diagram CSV to write."),
                      QStringLiteral("DIAGRAM.csv")});
    parser.addOption({QStringLiteral("max-dim"), QStringLiteral("Highest homology dimension (default 1)."),
                      QStringLiteral("K"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("threshold"),
                      QStringLiteral("Stop the filtration at scale T (default: the whole filtration)."),
                      QStringLiteral("T")});
    parser.addOption({QStringLiteral("coefficients"),
                      QStringLiteral("Homology over Z/P, P prime (default 2)."), QStringLiteral("P"),
                      QStringLiteral("2")});
    parser.addOption({QStringLiteral("engine"),
                      QStringLiteral("netbetti (in-process, the default) or ripser (the reference program)."),
                      QStringLiteral("E"), QStringLiteral("netbetti")});
    parser.addOption({QStringLiteral("threads"),
                      QStringLiteral("Threads of the netbetti engine (default: one per core)."), QStringLiteral("T"),
                      QStringLiteral("0")});
    if (!parse(parser, arguments, QStringLiteral("Vietoris-Rips persistence of a distance matrix.")))
        return 0;
    if (parser.positionalArguments().size() != 1)
        throw InputError(QStringLiteral("homology: expected one MATRIX.npy (see --help)"));
    if (!parser.isSet(QStringLiteral("out")))
        throw InputError(QStringLiteral("homology: --out DIAGRAM.csv is required"));

    PersistenceSettings settings;
    settings.maxDim = intOption(parser, QStringLiteral("max-dim"), 0, 3);
    if (parser.isSet(QStringLiteral("threshold")))
        settings.threshold = numberOption(parser, QStringLiteral("threshold"), 1e-300, 1e300);
    settings.coefficients = intOption(parser, QStringLiteral("coefficients"), 2, 65521);
    for (int q = 2; q * q <= settings.coefficients; ++q)
        if (settings.coefficients % q == 0)
            throw InputError({}, QStringLiteral("--coefficients"), parser.value(QStringLiteral("coefficients")),
                             QStringLiteral("must be a prime"));

    settings.threads = intOption(parser, QStringLiteral("threads"), 0, 256);
    const QString engineName = parser.value(QStringLiteral("engine"));
    if (engineName != QLatin1String("netbetti") && engineName != QLatin1String("ripser"))
        throw InputError({}, QStringLiteral("--engine"), engineName, QStringLiteral("expected netbetti or ripser"));
    if (engineName == QLatin1String("netbetti") && settings.coefficients > NetBettiEngine::kMaxPrime)
        throw InputError({}, QStringLiteral("--coefficients"), parser.value(QStringLiteral("coefficients")),
                         QStringLiteral("the netbetti engine computes over Z/p for p <= %1; use --engine ripser")
                             .arg(NetBettiEngine::kMaxPrime));

    const QString matrixPath = parser.positionalArguments().first();
    const FloatMatrix distances = readNpy(matrixPath);
    validateDistanceMatrix(distances, matrixPath);
    const PersistenceCost cost = estimateCost(distances, settings, 100000, engineName);
    if (cost.bytes > persistenceMemoryBudget())
        throw RunError(QStringLiteral("homology: not run: it would need %1, more than the %2 GB allowed")
                           .arg(cost.describe())
                           .arg(persistenceMemoryBudget() / 1e9, 0, 'f', 1));
    // A long computation reports its progress, every tenth of its columns.
    QElapsedTimer clock;
    clock.start();
    int lastTenth = 0;
    settings.progress = [&](qint64 done, qint64 total) {
        const int tenth = int(10 * done / std::max<qint64>(total, 1));
        if (clock.elapsed() > 1000 && tenth > lastTenth) {
            lastTenth = tenth;
            std::fprintf(stderr, "persistence: %d%% of %lld columns\n", 10 * tenth, static_cast<long long>(total));
        }
    };
    const PersistenceDiagram diagram = makePersistenceEngine(engineName)->compute(distances, settings);
    writeDiagramCsv(parser.value(QStringLiteral("out")), diagram);
    QString summary = QStringLiteral("%1 points").arg(diagram.pointCount);
    for (int dim = 0; dim <= diagram.maxDim; ++dim)
        summary += QStringLiteral(", H%1: %2 bars").arg(dim).arg(diagram.count(dim));
    std::fprintf(stderr, "%s\n", qPrintable(summary));
    return 0;
}

} // namespace netbetti::cli
