// netbetti-cli: the headless face of NetBetti (DESIGN.md, "CLI").
// Exit codes: 0 success, 2 bad input or a failed stage, with one line on
// stderr naming the file, field and value at fault.
//
// Built twice. netbetti-cli links no LibTorch, whose 300 MB of symbols take
// half a second to load: homology, summary, compare and export start at
// once. Commands that train it hands over, by exec (same pid, arguments and
// standard streams, so a caller that waits for or kills it sees no
// difference), to netbetti-train, this file built with NETBETTI_CLI_TRAINS.

#include "CliCommands.h"
#include "DataCommands.h"
#include "Error.h"

#include <QCoreApplication>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>
#include <unistd.h>

#ifdef NETBETTI_CLI_TRAINS
#include "SweepCommand.h"
#include "TrainCommands.h"
#endif

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
    "  reanalyse RUN --out DIR [--metric M] [--coefficients P] [--max-dim K]\n"
    "            [--threshold T] [--neurons N] [--output softmax|logits]\n"
    "            [--probe test|train|all] [--every K]\n"
    "        analyse a run again with other settings, from its saved networks\n"
    "  homology MATRIX.npy --out DIAGRAM.csv [--max-dim K] [--threshold T]\n"
    "           [--coefficients P] [--cycles C.json] [--cycles-count N]\n"
    "        Vietoris-Rips persistence of a square distance matrix (.npy)\n"
    "  summary RUN [--out DIR] [--scale EPS] [--scale-steps N]\n"
    "        Betti tables (CSV) and a per-epoch summary (JSON) of a run folder\n"
    "  compare RUN RUN [RUN...] [--out FILE.csv] [--epoch K] [--matrix]\n"
    "        bottleneck and 1-Wasserstein distances between two runs' diagrams\n"
    "        at every epoch both analysed; for more runs, the matrix of every pair\n"
    "  sweep SWEEP.json --out DIR [--jobs N] [--slurm [--sbatch \"ARGS\"] [--detach]]\n"
    "        a grid of runs (every combination of the values a sweep file lists),\n"
    "        on this machine or as a Slurm job array; started again, it resumes\n"
    "  seeds SPEC.json --count N [--first-seed S] --out DIR [--jobs N]\n"
    "        one experiment trained with N seeds: a sweep varying the seed, whose\n"
    "        Betti numbers `export DIR --figure betti` draws as a median and a band\n"
    "  export RUN --figure barcode|diagram|betti|surface|heatmap|loss|continuity\n"
    "         --out FILE [--epoch K | --all-epochs] [--format pdf|svg|png]\n"
    "         [--preset slide-16x9|slide-4x3|column|two-column] [--dpi N]\n"
    "         [--overlay DIR]... [--band quartiles|min-max]\n"
    "        a figure of a run (or of a seed set, as bands) for a talk or a paper,\n"
    "        drawn as the GUI draws it\n"
    "  export RUN RUN [RUN...] --figure run-matrix|run-distances --out FILE\n"
    "         [--epoch K] [--dim K] [--distance bottleneck|wasserstein]\n"
    "  export RUN --figure run-distances --reference-epoch K --out FILE\n"
    "        a figure of the Compare window: runs (or two epochs) compared\n"
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

bool trains(const char *command)
{
    return std::strcmp(command, "run") == 0 || std::strcmp(command, "reanalyse") == 0 ||
           std::strcmp(command, "sweep") == 0 || // its tasks are runs
           std::strcmp(command, "seeds") == 0;
}

#ifndef NETBETTI_CLI_TRAINS
/// Replaces this process by netbetti-train with the same arguments: beside
/// this program in the build tree, NETBETTI_TRAIN_FROM_BIN from it when
/// installed, or $NETBETTI_TRAIN. Returns only if none can be started.
int execTrainer(char **argv)
{
    std::string self(PATH_MAX, '\0');
    const ssize_t length = readlink("/proc/self/exe", self.data(), self.size() - 1);
    self.resize(length > 0 ? std::size_t(length) : 0);
    const std::string dir = self.substr(0, self.rfind('/') + 1);
    const char *chosen = std::getenv("NETBETTI_TRAIN");
    const std::vector<std::string> candidates =
        chosen && *chosen ? std::vector<std::string>{chosen}
                          : std::vector<std::string>{dir + "netbetti-train", dir + NETBETTI_TRAIN_FROM_BIN};
    std::string tried;
    for (const std::string &program : candidates) {
        if (access(program.c_str(), X_OK) != 0)
            continue;
        execv(program.c_str(), argv);
        tried = program + ": " + std::strerror(errno);
    }
    if (tried.empty())
        tried = candidates.back() + ": not found (is NetBetti installed completely?)";
    std::fprintf(stderr, "netbetti-cli %s: cannot start the trainer %s\n", argv[1], tried.c_str());
    return 2;
}
#endif

} // namespace

int main(int argc, char **argv)
{
#ifndef NETBETTI_CLI_TRAINS
    if (argc > 1 && trains(argv[1]))
        return execTrainer(argv);
#endif
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
#ifdef NETBETTI_CLI_TRAINS
        if (command == QLatin1String("run"))
            return netbetti::cli::runCommand(args);
        if (command == QLatin1String("reanalyse"))
            return netbetti::cli::reanalyseCommand(args);
        if (command == QLatin1String("sweep"))
            return netbetti::cli::sweepCommand(args);
        if (command == QLatin1String("seeds"))
            return netbetti::cli::seedsCommand(args);
#else
        (void)trains;
#endif
        if (command == QLatin1String("homology"))
            return netbetti::cli::homologyCommand(args);
        if (command == QLatin1String("summary"))
            return netbetti::cli::summaryCommand(args);
        if (command == QLatin1String("compare"))
            return netbetti::cli::compareCommand(args);
#ifdef NETBETTI_CLI_EXPORT
        if (command == QLatin1String("export"))
            return netbetti::cli::exportCommand(args);
#endif
        std::fprintf(stderr, "netbetti-cli: unknown command '%s' (run, reanalyse, homology, summary, compare, sweep, seeds, export; see --help)\n",
                     qPrintable(command));
        return 2;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "netbetti-cli %s: %s\n", qPrintable(command), e.what());
        return 2;
    }
}
