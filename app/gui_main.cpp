// netbetti: the desktop application. Optional argument: a run folder to open,
// or a sweep folder.

#include "run/CompareWindow.h"
#include "window/AppIdentity.h"
#include "window/CompareActions.h"
#include "window/Appearance.h"
#include "editor/ExperimentPanel.h"
#include "experiment/SeedSet.h"
#include "window/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <cstdio>
#include <cstring>

namespace {

struct Options
{
    QCommandLineOption spec{QStringLiteral("spec"), QStringLiteral("Load this experiment spec."),
                            QStringLiteral("SPEC.json")};
    QCommandLineOption train{QStringLiteral("train"), QStringLiteral("Start training at once.")};
    QCommandLineOption compare{QStringLiteral("compare"),
                               QStringLiteral("Open the run folders given in the Compare window too (two or more "
                                              "runs side by side, and the matrix of their distances).")};
};

void describe(QCommandLineParser &parser, const Options &options)
{
    parser.setApplicationDescription(
        QStringLiteral("Persistent homology of the neuron metric space of neural networks."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(options.spec);
    parser.addOption(options.train);
    parser.addOption(options.compare);
    parser.addPositionalArgument(QStringLiteral("RUN"),
                                 QStringLiteral("A run folder to open (with --compare, several), or a sweep or seed "
                                                "set folder to open in the Sweep window."),
                                 QStringLiteral("[RUN...]"));
}

/// --help and --version must answer without a display, where QApplication
/// cannot start.
bool onlyAsksForHelpOrVersion(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i)
        for (const char *flag : {"--help", "-h", "--help-all", "--version", "-v"})
            if (std::strcmp(argv[i], flag) == 0)
                return true;
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    const Options options;
    if (onlyAsksForHelpOrVersion(argc, argv)) {
        QCoreApplication app(argc, argv);
        netbetti::setApplicationIdentity();
        QCommandLineParser parser;
        describe(parser, options);
        parser.process(app); // prints and exits
        return 0;
    }

    QApplication app(argc, argv);
    netbetti::setApplicationIdentity();
    QCommandLineParser parser;
    describe(parser, options);
    parser.process(app);

    const netbetti::Appearance appearance;
    netbetti::MainWindow window;
    window.show();
    const QStringList args = parser.positionalArguments();
    // A sweep (or seed set) folder opens its Sweep window; a run folder, the run.
    if (!args.isEmpty() && QFileInfo(args.first()).isDir()) {
        if (!parser.isSet(options.compare) && netbetti::SeedSet::isSweepFolder(args.first()))
            window.openSweep(args.first());
        else
            window.openRun(args.first());
    }
    if (parser.isSet(options.compare)) {
        QString error;
        if (!netbetti::openCompareWindow(&window, {})->addRuns(args, &error)) {
            std::fprintf(stderr, "netbetti: %s\n", qPrintable(error));
            return 2;
        }
    }
    if (parser.isSet(options.spec) && !window.loadSpec(parser.value(options.spec)))
        return 2;
    if (parser.isSet(options.train))
        window.startRun(window.experimentPanel()->spec());
    return app.exec();
}
