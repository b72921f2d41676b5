// netbetti: the desktop application. Optional argument: a run folder to open.

#include "ExperimentPanel.h"
#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("NetBetti"));
    QApplication::setOrganizationDomain(QStringLiteral("netbetti.org"));
    QApplication::setApplicationName(QStringLiteral("NetBetti"));
    QApplication::setApplicationVersion(QStringLiteral(NETBETTI_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.netbetti.NetBetti"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Persistent homology of the neuron metric space of neural networks."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption specOption(QStringLiteral("spec"), QStringLiteral("Load this experiment spec."),
                                        QStringLiteral("SPEC.json"));
    const QCommandLineOption trainOption(QStringLiteral("train"), QStringLiteral("Start training at once."));
    parser.addOption(specOption);
    parser.addOption(trainOption);
    parser.addPositionalArgument(QStringLiteral("RUN"), QStringLiteral("A run folder to open."), QStringLiteral("[RUN]"));
    parser.process(app);

    netbetti::MainWindow window;
    window.show();
    const QStringList args = parser.positionalArguments();
    if (!args.isEmpty() && QFileInfo(args.first()).isDir())
        window.openRun(args.first());
    if (parser.isSet(specOption) && !window.loadSpec(parser.value(specOption)))
        return 2;
    if (parser.isSet(trainOption))
        window.startRun(window.experimentPanel()->spec());
    return app.exec();
}
