// netbetti-cli: the headless face of NetBetti (DESIGN.md, "CLI").
// Exit codes: 0 success, 2 bad input or a failed stage, with one line on
// stderr naming the file, field and value at fault.

#include "CliCommands.h"
#include "DataCommands.h"
#include "SweepCommand.h"
#include "Error.h"

#include <QCoreApplication>
#include <cstdio>
#include <cstring>
#include <memory>

#ifdef NETBETTI_CLI_EXPORT
#include "ExportCommand.h"
#include <QApplication>
#include <QDir>
#include <unistd.h>
#endif

namespace {

const char *kUsage =
    "Usage: netbetti-cli COMMAND ...\n"
    "\n"
    "Persistent homology of the neuron metric space of neural networks.\n"
    "\n"
    "Commands:\n"
    "  run SPEC.json --out DIR [--epochs N] [--scale EPS]\n"
    "        train the experiment of SPEC.json, writing every epoch's distance\n"
    "        matrix and persistence diagram into the run folder DIR\n"
    "  run --resume DIR [--epochs N]\n"
    "        continue a stopped or killed run after its last finished epoch\n"
    "  homology MATRIX.npy --out DIAGRAM.csv [--max-dim K] [--threshold T]\n"
    "           [--coefficients P]\n"
    "        Vietoris-Rips persistence of a square distance matrix (.npy)\n"
    "  summary RUN [--out DIR] [--scale EPS] [--scale-steps N]\n"
    "        Betti tables (CSV) and a per-epoch summary (JSON) of a run folder\n"
    "  compare RUN_A RUN_B [--out FILE.csv]\n"
    "        bottleneck and 1-Wasserstein distances between two runs' diagrams\n"
    "        at every epoch both analysed\n"
    "  sweep SWEEP.json --out DIR [--jobs N] [--slurm [--sbatch \"ARGS\"] [--detach]]\n"
    "        a grid of runs (every combination of the values a sweep file lists),\n"
    "        on this machine or as a Slurm job array; started again, it resumes\n"
    "  export RUN --figure barcode|diagram|betti|surface|heatmap|loss|continuity\n"
    "         --out FILE [--epoch K | --all-epochs] [--format pdf|svg|png]\n"
    "         [--preset slide-16x9|slide-4x3|column|two-column] [--dpi N]\n"
    "        a figure of a run for a talk or a paper, drawn as the GUI draws it\n"
    "\n"
    "  netbetti-cli COMMAND --help   the options of a command\n"
    "  netbetti-cli --version        the version\n";

/// Figures are drawn by widgets, which need a QApplication; offscreen, so
/// that `export` runs without a display. Every other command stays
/// QtCore-only.
std::unique_ptr<QCoreApplication> makeApplication(int &argc, char **argv)
{
#ifdef NETBETTI_CLI_EXPORT
    if (argc > 1 && std::strcmp(argv[1], "export") == 0) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        // Without a session (ssh, CI) Qt warns on every start that this is
        // unset; the CLI's stderr is for what the user must act on.
        if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
            const QByteArray dir = QDir::tempPath().toLocal8Bit() + "/netbetti-runtime-" + QByteArray::number(getuid());
            if (QDir().mkpath(QString::fromLocal8Bit(dir)) &&
                QFile::setPermissions(QString::fromLocal8Bit(dir), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                                       QFileDevice::ExeOwner))
                qputenv("XDG_RUNTIME_DIR", dir);
        }
        return std::make_unique<QApplication>(argc, argv);
    }
#endif
    return std::make_unique<QCoreApplication>(argc, argv);
}

} // namespace

int main(int argc, char **argv)
{
    const std::unique_ptr<QCoreApplication> app = makeApplication(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("netbetti-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NETBETTI_VERSION));
    QStringList args = QCoreApplication::arguments();
    const QString command = args.value(1);
    if (command.isEmpty() || command == QLatin1String("--help") || command == QLatin1String("-h")) {
        std::fputs(kUsage, command.isEmpty() ? stderr : stdout);
        return command.isEmpty() ? 2 : 0;
    }
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        std::printf("netbetti-cli %s\n", NETBETTI_VERSION);
        return 0;
    }
    args.removeAt(1); // what remains is "program [command options]"
    try {
        if (command == QLatin1String("run"))
            return netbetti::cli::runCommand(args);
        if (command == QLatin1String("homology"))
            return netbetti::cli::homologyCommand(args);
        if (command == QLatin1String("summary"))
            return netbetti::cli::summaryCommand(args);
        if (command == QLatin1String("compare"))
            return netbetti::cli::compareCommand(args);
        if (command == QLatin1String("sweep"))
            return netbetti::cli::sweepCommand(args);
#ifdef NETBETTI_CLI_EXPORT
        if (command == QLatin1String("export"))
            return netbetti::cli::exportCommand(args);
#endif
        std::fprintf(stderr, "netbetti-cli: unknown command '%s' (run, homology, summary, compare, sweep, export; see --help)\n",
                     qPrintable(command));
        return 2;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "netbetti-cli %s: %s\n", qPrintable(command), e.what());
        return 2;
    }
}
