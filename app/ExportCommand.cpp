#include "ExportCommand.h"

#include "CliCommands.h"
#include "Error.h"
#include "figures/FigureWriter.h"
#include "figures/RunFigures.h"
#include "experiment/SeedSet.h"
#include "run/RunModel.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <algorithm>
#include <cstdio>

namespace netbetti::cli {

namespace {

QString presetList()
{
    QStringList ids;
    for (const FigurePreset &p : figurePresets())
        ids << p.id;
    return ids.join(QStringLiteral(", "));
}

/// Shows an analysed epoch; an InputError naming the epoch (and the ones
/// there are) otherwise.
void showEpoch(RunModel &model, int epoch)
{
    const std::vector<int> analysed = model.analysedEpochs();
    if (std::find(analysed.begin(), analysed.end(), epoch) == analysed.end()) {
        QStringList there;
        for (int e : analysed)
            there << QString::number(e);
        throw InputError(model.folder(), QStringLiteral("--epoch"), QString::number(epoch),
                         there.isEmpty() ? QStringLiteral("the run has no analysed epoch")
                                         : QStringLiteral("not an analysed epoch of this run (%1)")
                                               .arg(there.join(QStringLiteral(", "))));
    }
    model.setCurrentEpoch(epoch);
}

/// The file's format: --format, else the suffix of --out, else PDF.
FigureFormat outputFormat(const QCommandLineParser &parser, bool folder)
{
    const QString suffix = QFileInfo(parser.value(QStringLiteral("out"))).suffix();
    return parser.isSet(QStringLiteral("format"))
               ? figureFormat(parser.value(QStringLiteral("format")))
               : (!folder && !suffix.isEmpty() ? figureFormat(suffix, QStringLiteral("--out")) : FigureFormat::Pdf);
}

/// run-distances and run-matrix: the runs as the Compare window holds
/// them, drawn by the same figure panels.
int exportComparison(const QCommandLineParser &parser, const QString &figure)
{
    if (parser.isSet(QStringLiteral("all-epochs")))
        throw InputError({}, QStringLiteral("--all-epochs"), figure, QStringLiteral("not for a comparison figure"));
    const QStringList dirs = parser.positionalArguments();
    ComparisonState state;
    for (const QString &dir : dirs)
        state.runs.push_back(readComparedRun(dir));
    if (parser.isSet(QStringLiteral("reference-epoch"))) {
        if (dirs.size() != 1 || figure != QLatin1String("run-distances"))
            throw InputError({}, QStringLiteral("--reference-epoch"), parser.value(QStringLiteral("reference-epoch")),
                             QStringLiteral("compares two epochs of one RUN, in the run-distances figure"));
        state.referenceEpoch = intOption(parser, QStringLiteral("reference-epoch"), 0, 1'000'000'000);
    } else if (dirs.size() < 2) {
        throw InputError({}, QStringLiteral("RUN"), dirs.value(0),
                         QStringLiteral("%1 compares two or more run folders").arg(figure));
    }
    if (parser.isSet(QStringLiteral("epoch")))
        state.epoch = intOption(parser, QStringLiteral("epoch"), 0, 1'000'000'000);
    state.dim = parser.isSet(QStringLiteral("dim")) ? intOption(parser, QStringLiteral("dim"), 0, comparedMaxDim(state))
                                                    : std::min(1, comparedMaxDim(state));
    const QString distance = parser.value(QStringLiteral("distance"));
    if (distance != QLatin1String("bottleneck") && distance != QLatin1String("wasserstein"))
        throw InputError({}, QStringLiteral("--distance"), distance, QStringLiteral("expected bottleneck or wasserstein"));
    state.wasserstein = distance == QLatin1String("wasserstein");
    state.scale = numberOption(parser, QStringLiteral("scale"), 0.0, 1e9);
    // What cannot be compared is refused, not drawn as a meaningless picture.
    QString problem = comparisonProblem(state);
    if (problem.isEmpty() && state.epoch >= 0) {
        const std::vector<int> epochs = scrubbedEpochs(state);
        if (std::find(epochs.begin(), epochs.end(), state.epoch) == epochs.end())
            problem = QStringLiteral("not an epoch every run analysed");
    }
    if (!problem.isEmpty())
        throw InputError(QFileInfo(dirs.first()).absoluteFilePath(),
                         state.epoch >= 0 ? QStringLiteral("--epoch") : QStringLiteral("RUN"),
                         state.epoch >= 0 ? QString::number(state.epoch) : dirs.join(QLatin1Char(' ')), problem);
    FigureState figureState;
    figureState.comparison = state;
    const QString out = parser.value(QStringLiteral("out"));
    writeFigure(figureState, figure, out, outputFormat(parser, false),
                figurePreset(parser.value(QStringLiteral("preset"))), intOption(parser, QStringLiteral("dpi"), 36, 2400));
    std::printf("%s\n", qPrintable(out));
    return 0;
}

} // namespace

int exportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("RUN"),
                                 QStringLiteral("A run folder, or a seed set's folder (netbetti-cli seeds): its "
                                                "first finished seed is the run shown, the set a band on betti; for "
                                                "run-distances and run-matrix, two or more runs (or one with "
                                                "--reference-epoch)."),
                                 QStringLiteral("RUN [RUN...]"));
    parser.addOption({QStringLiteral("figure"),
                      QStringLiteral("The figure: %1.")
                          .arg((figureNames() + comparisonFigureNames()).join(QStringLiteral(", "))),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("out"),
                      QStringLiteral("The file to write; with --all-epochs, the folder for the frames."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("epoch"),
                      QStringLiteral("The epoch shown (default: the last analysed one)."), QStringLiteral("K")});
    parser.addOption({QStringLiteral("all-epochs"),
                      QStringLiteral("One numbered file per analysed epoch into the folder --out "
                                     "(frames for an animation of training).")});
    parser.addOption({QStringLiteral("format"),
                      QStringLiteral("pdf, svg or png (default: the suffix of --out, else pdf)."),
                      QStringLiteral("F")});
    parser.addOption({QStringLiteral("preset"), QStringLiteral("The size: %1 (default slide-16x9).").arg(presetList()),
                      QStringLiteral("P"), QStringLiteral("slide-16x9")});
    parser.addOption({QStringLiteral("dpi"), QStringLiteral("Resolution of a PNG (default 300)."),
                      QStringLiteral("N"), QStringLiteral("300")});
    parser.addOption({QStringLiteral("dim"),
                      QStringLiteral("The Betti number the surface figure shows, the dimension the tracks "
                                     "figure draws and the one run-distances and run-matrix compare (default 1, "
                                     "or 0 when the run computes H0 only)."),
                      QStringLiteral("K")});
    parser.addOption({QStringLiteral("distance"),
                      QStringLiteral("run-distances, run-matrix: bottleneck (the default) or wasserstein."),
                      QStringLiteral("D"), QStringLiteral("bottleneck")});
    parser.addOption({QStringLiteral("reference-epoch"),
                      QStringLiteral("run-distances of one run: its epoch K against every epoch (and against "
                                     "--epoch in the table)."),
                      QStringLiteral("K")});
    parser.addOption({QStringLiteral("scale"),
                      QStringLiteral("The scale ε of the Betti numbers and the barcode's ε line (default 0.5)."),
                      QStringLiteral("EPS"), QStringLiteral("0.5")});
    parser.addOption({QStringLiteral("overlay"),
                      QStringLiteral("A run, or a seed set, drawn beside the shown run on the betti figure "
                                     "(repeatable)."),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("band"),
                      QStringLiteral("What a seed set's band spans: quartiles (default) or min-max."),
                      QStringLiteral("B"), QStringLiteral("quartiles")});
    if (!parse(parser, arguments,
               QStringLiteral("Write a run's figure as PDF, SVG or PNG, drawn as the GUI draws it.")))
        return 0;
    if (!parser.isSet(QStringLiteral("figure")))
        throw InputError(QStringLiteral("export: --figure NAME is required (%1)")
                             .arg(figureNames().join(QStringLiteral(", "))));
    if (!parser.isSet(QStringLiteral("out")))
        throw InputError(QStringLiteral("export: --out FILE is required"));
    const bool allEpochs = parser.isSet(QStringLiteral("all-epochs"));
    if (allEpochs && parser.isSet(QStringLiteral("epoch")))
        throw InputError(QStringLiteral("export: --epoch and --all-epochs exclude each other"));

    const QString figure = parser.value(QStringLiteral("figure"));
    if (!figureNames().contains(figure) && !comparisonFigureNames().contains(figure))
        throw InputError({}, QStringLiteral("--figure"), figure,
                         QStringLiteral("expected one of %1")
                             .arg((figureNames() + comparisonFigureNames()).join(QStringLiteral(", "))));
    if (comparisonFigureNames().contains(figure))
        return exportComparison(parser, figure);
    if (parser.positionalArguments().size() != 1)
        throw InputError(QStringLiteral("export: expected one RUN folder (see --help)"));
    const QString out = parser.value(QStringLiteral("out"));
    const FigureFormat format = outputFormat(parser, allEpochs);
    const FigurePreset preset = figurePreset(parser.value(QStringLiteral("preset")));
    const int dpi = intOption(parser, QStringLiteral("dpi"), 36, 2400);
    const double scale = numberOption(parser, QStringLiteral("scale"), 0.0, 1e9);

    // The run as the window would show it on opening the folder, with the
    // options given; each file is drawn by a fresh figure panel from it.
    RunModel model;
    QString runDir = parser.positionalArguments().first();
    // A seed set: its first finished seed is shown, the set is a band.
    std::vector<SeedSetOverlay> seedSets;
    std::vector<BettiView::OverlayRun> overlays;
    auto addFolder = [&](const QString &dir) {
        if (SeedSet::isSweepFolder(dir)) {
            auto set = std::make_shared<const SeedSet>(SeedSet::read(dir));
            for (const QString &line : set->problems())
                std::fprintf(stderr, "netbetti-cli export: %s: left out of the band: %s\n", qPrintable(dir),
                             qPrintable(line));
            seedSets.push_back({dir, std::move(set)});
        } else {
            overlays.push_back({dir, std::make_shared<const RunData>(RunData::read(RunFolder(dir)))});
        }
    };
    addFolder(runDir);
    const bool shownIsSet = !seedSets.empty();
    if (shownIsSet)
        runDir = seedSets.front().set->firstFinished();
    overlays.clear();
    for (const QString &dir : parser.values(QStringLiteral("overlay")))
        addFolder(dir);
    const QString band = parser.value(QStringLiteral("band"));
    if (band != QLatin1String("quartiles") && band != QLatin1String("min-max"))
        throw InputError({}, QStringLiteral("--band"), band, QStringLiteral("expected quartiles or min-max"));
    model.loadFolder(runDir);
    if (model.epochs().empty())
        throw InputError(QFileInfo(runDir).absoluteFilePath(), QStringLiteral("run.json"), QString(),
                         QStringLiteral("the run has no epochs yet"));
    model.setScale(scale);
    FigureState options = FigureState::of(model);
    options.betti.overlays = overlays;
    options.betti.seedSets = seedSets;
    options.betti.showRun = !shownIsSet;
    options.betti.spread = band == QLatin1String("min-max") ? BandSpread::MinMax : BandSpread::Quartiles;
    if (parser.isSet(QStringLiteral("dim"))) {
        options.betti.surfaceDim = intOption(parser, QStringLiteral("dim"), 0, std::clamp(model.maxDim(), 0, 3));
        options.tracks.dimension = intOption(parser, QStringLiteral("dim"), 0, model.maxDim());
    }
    auto stateAt = [&](int epoch) {
        showEpoch(model, epoch);
        FigureState state = options;
        state.run = model.state();
        return state;
    };

    if (!allEpochs) {
        FigureState state = options;
        if (parser.isSet(QStringLiteral("epoch")))
            state = stateAt(intOption(parser, QStringLiteral("epoch"), 0, 1'000'000'000));
        writeFigure(state, figure, out, format, preset, dpi);
        std::printf("%s\n", qPrintable(out));
        return 0;
    }
    const std::vector<int> epochs = model.analysedEpochs();
    if (epochs.empty())
        throw InputError(model.folder(), QStringLiteral("run.json"), QString(),
                         QStringLiteral("the run has no analysed epoch"));
    if (!QDir().mkpath(out))
        throw RunError(QStringLiteral("%1: cannot create the folder").arg(out));
    for (int epoch : epochs) {
        const QString path = QDir(out).filePath(QStringLiteral("%1-epoch-%2.%3")
                                                    .arg(figure)
                                                    .arg(epoch, 4, 10, QLatin1Char('0'))
                                                    .arg(formatSuffix(format)));
        writeFigure(stateAt(epoch), figure, path, format, preset, dpi);
        std::printf("%s\n", qPrintable(path));
    }
    return 0;
}

} // namespace netbetti::cli
