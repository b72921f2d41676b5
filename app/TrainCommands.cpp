#include "TrainCommands.h"

#include "CliCommands.h"
#include "Error.h"
#include "experiment/RunPipeline.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <cstdio>

namespace netbetti::cli {

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

namespace {

/// The options given as fields of the spec's "analysis", read as a spec
/// file would be: a bad value is refused naming the field and the value.
QJsonObject analysisOptions(const QCommandLineParser &parser)
{
    QJsonObject analysis;
    const struct
    {
        const char *option, *field;
        bool number;
    } fields[] = {{"metric", "metric", false},       {"coefficients", "coefficients", true},
                  {"max-dim", "max_dim", true},      {"threshold", "threshold", true},
                  {"output", "output", false},       {"probe", "probe", false},
                  {"every", "every", true},          {"neurons", "neurons", false}};
    for (const auto &f : fields) {
        const QString option = QString::fromLatin1(f.option);
        if (!parser.isSet(option))
            continue;
        const QString text = parser.value(option);
        QJsonValue value = text;
        if (f.number) {
            bool ok = false;
            const double v = text.toDouble(&ok);
            if (!ok)
                throw InputError({}, QStringLiteral("--") + option, text, QStringLiteral("expected a number"));
            value = v;
        } else if (option == QLatin1String("neurons") && !text.isEmpty() && text.front().isDigit()) {
            // A list of layer indices: "1,2".
            QJsonArray layers;
            for (const QString &part : text.split(QLatin1Char(','))) {
                bool ok = false;
                layers.append(part.trimmed().toInt(&ok));
                if (!ok)
                    throw InputError({}, QStringLiteral("--neurons"), text,
                                     QStringLiteral("expected hidden+output, hidden, all, or layer indices as 1,2"));
            }
            value = layers;
        }
        analysis.insert(QString::fromLatin1(f.field), value);
    }
    return analysis;
}

} // namespace

int reanalyseCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("RUN"), QStringLiteral("The run folder to analyse again."));
    parser.addOption({QStringLiteral("out"), QStringLiteral("The new run folder (must not hold a run)."),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("metric"), QStringLiteral("analysis.metric: ") + metricNames().join(u", "),
                      QStringLiteral("M")});
    parser.addOption({QStringLiteral("coefficients"), QStringLiteral("analysis.coefficients: homology over Z/P."),
                      QStringLiteral("P")});
    parser.addOption({QStringLiteral("max-dim"), QStringLiteral("analysis.max_dim: 0 to 3."), QStringLiteral("K")});
    parser.addOption({QStringLiteral("threshold"), QStringLiteral("analysis.threshold: stop the filtration at T."),
                      QStringLiteral("T")});
    parser.addOption({QStringLiteral("neurons"),
                      QStringLiteral("analysis.neurons: hidden+output, hidden, all, or layer indices (1,2)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("output"), QStringLiteral("analysis.output: softmax or logits."),
                      QStringLiteral("softmax|logits")});
    parser.addOption({QStringLiteral("probe"), QStringLiteral("analysis.probe: test, train or all."),
                      QStringLiteral("test|train|all")});
    parser.addOption({QStringLiteral("every"), QStringLiteral("analysis.every: every K-th epoch (and the last)."),
                      QStringLiteral("K")});
    if (!parse(parser, arguments,
               QStringLiteral("Analyse a run again with other analysis settings, from the networks its folder "
                              "saved with every epoch: no training. The new run folder equals one trained "
                              "from scratch with those settings.")))
        return 0;
    if (parser.positionalArguments().size() != 1)
        throw InputError(QStringLiteral("reanalyse: expected one RUN folder (see --help)"));
    if (!parser.isSet(QStringLiteral("out")))
        throw InputError(QStringLiteral("reanalyse: --out DIR is required"));
    const QString source = parser.positionalArguments().first();
    const ExperimentSpec original = RunFolder(source).readSpec();
    ExperimentSpec spec = original.withAnalysis(analysisOptions(parser), QStringLiteral("the options"));
    spec.name = analysedAgainName(original, spec);
    RunPipeline pipeline(spec, parser.value(QStringLiteral("out")));
    pipeline.setSpecSource(source + QStringLiteral("/spec.json"));
    const double scale = spec.analysis.threshold.value_or(0.5);
    QObject::connect(&pipeline, &RunPipeline::started, [&source](const QString &dir, int neurons) {
        std::fprintf(stderr, "analysing %s again into %s, %d neurons in the metric space\n",
                     qPrintable(QDir(source).absolutePath()), qPrintable(QDir(dir).absolutePath()), neurons);
    });
    QObject::connect(&pipeline, &RunPipeline::epochAnalysed,
                     [&pipeline, scale](const EpochRecord &r, const PersistenceDiagram &diagram) {
                         std::fprintf(stderr, "%s\n",
                                      qPrintable(oneLineSummary(r, diagram, pipeline.spec().training.epochs, scale)));
                     });
    pipeline.reanalyse(source);
    std::fprintf(stderr, "done: %s\n", qPrintable(QDir(pipeline.outDir()).absolutePath()));
    return 0;
}

} // namespace netbetti::cli
