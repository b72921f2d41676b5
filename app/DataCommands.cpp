#include "DataCommands.h"

#include "CliCommands.h"
#include "Error.h"
#include "experiment/RunComparison.h"
#include "experiment/RunTables.h"
#include "storage/AtomicFile.h"
#include "topology/DiagramDistance.h"

#include <QCommandLineParser>
#include <QDir>
#include <algorithm>
#include <cstdio>

namespace netbetti::cli {

namespace {

QString requiredRun(const QCommandLineParser &parser, int index, const QString &what)
{
    const QString dir = parser.positionalArguments().value(index);
    if (dir.isEmpty())
        throw InputError({}, what, QString(), QStringLiteral("missing: give a run folder"));
    return dir;
}

int writeMatrix(const std::vector<NamedRun> &runs, const QCommandLineParser &parser)
{
    std::optional<int> epoch;
    if (parser.isSet(QStringLiteral("epoch")))
        epoch = intOption(parser, QStringLiteral("epoch"), 0, 1'000'000);
    const RunDistanceMatrix m = runDistanceMatrix(runs, epoch);
    // Columns as wide as the longest name: names are what tells runs apart.
    int width = 12;
    for (const QString &name : m.names)
        width = std::max(width, int(name.size()));
    for (int dim = 0; dim <= m.maxDim; ++dim) {
        std::printf("H%d bottleneck%s\n%-*s", dim, epoch ? qPrintable(QStringLiteral(" at epoch %1").arg(*epoch)) : "",
                    width, "");
        for (const QString &name : m.names)
            std::printf(" %*s", width, qPrintable(name));
        std::printf("\n");
        for (size_t i = 0; i < m.names.size(); ++i) {
            std::printf("%-*s", width, qPrintable(m.names[i]));
            for (size_t j = 0; j < m.names.size(); ++j)
                std::printf(" %*.6g", width, m.bottleneck[size_t(dim)](Eigen::Index(i), Eigen::Index(j)));
            std::printf("\n");
        }
    }
    if (parser.isSet(QStringLiteral("out")))
        writeFileAtomically(parser.value(QStringLiteral("out")), m.toCsv());
    return 0;
}

} // namespace

int summaryCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("RUN"), QStringLiteral("A run folder."));
    parser.addOption({QStringLiteral("out"), QStringLiteral("Folder for the tables (default: RUN/tables)."),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("scale"), QStringLiteral("The scale ε of betti.csv (default 0.5)."),
                      QStringLiteral("EPS"), QStringLiteral("0.5")});
    parser.addOption({QStringLiteral("scale-steps"),
                      QStringLiteral("Columns of the betti-by-scale tables, minus one (default 100)."),
                      QStringLiteral("N"), QStringLiteral("100")});
    if (!parse(parser, arguments,
               QStringLiteral("Betti tables and a per-epoch summary of a run, for NumPy and pandas.")))
        return 0;
    const QString dir = requiredRun(parser, 0, QStringLiteral("RUN"));
    const double scale = numberOption(parser, QStringLiteral("scale"), 0.0, 1e9);
    const int steps = intOption(parser, QStringLiteral("scale-steps"), 1, 100000);
    const QString out = parser.isSet(QStringLiteral("out")) ? parser.value(QStringLiteral("out"))
                                                            : QDir(dir).filePath(QStringLiteral("tables"));
    const RunData run = RunData::read(RunFolder(dir));
    for (const QString &path : writeRunTables(run, out, scale, steps))
        std::printf("%s\n", qPrintable(path));
    return 0;
}

int compareCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("RUN"), QStringLiteral("Two or more run folders."),
                                 QStringLiteral("RUN RUN [RUN...]"));
    parser.addOption({QStringLiteral("out"), QStringLiteral("Also write the table as CSV to FILE."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("epoch"),
                      QStringLiteral("The matrix at epoch K (default: each pair at its last epoch in common)."),
                      QStringLiteral("K")});
    parser.addOption({QStringLiteral("matrix"),
                      QStringLiteral("Two runs as a matrix too (three or more always are).")});
    if (!parse(parser, arguments,
               QStringLiteral("Distances between runs' diagrams: for two runs at each epoch both analysed, for "
                              "more a matrix of every pair at one epoch. Is homology continuous across "
                              "architectures?")))
        return 0;
    const QStringList dirs = parser.positionalArguments();
    if (dirs.size() < 2)
        throw InputError({}, QStringLiteral("RUN"), dirs.value(0),
                         QStringLiteral("compare needs two or more run folders"));
    std::vector<NamedRun> runs;
    for (const QString &dir : dirs)
        runs.push_back({QDir::cleanPath(dir).section(QLatin1Char('/'), -1), RunData::read(RunFolder(dir))});
    if (runs.size() > 2 || parser.isSet(QStringLiteral("matrix")) || parser.isSet(QStringLiteral("epoch")))
        return writeMatrix(runs, parser);

    const RunData &a = runs[0].data, &b = runs[1].data;
    const int maxDim = std::min(a.maxDim(), b.maxDim());
    QByteArray csv = "epoch,dim,bottleneck,wasserstein\n";
    std::printf("%s vs %s\n%6s %4s %12s %14s\n", qPrintable(architectureName(a.spec.model.layers)),
                qPrintable(architectureName(b.spec.model.layers)), "epoch", "dim", "bottleneck", "1-Wasserstein");
    const std::vector<EpochDistances> matched = distancesByEpoch(a, b, maxDim);
    for (const EpochDistances &e : matched)
        for (int dim = 0; dim <= maxDim; ++dim) {
            const double bn = e.distances.bottleneck[size_t(dim)], ws = e.distances.wasserstein[size_t(dim)];
            std::printf("%6d %4d %12.6g %14.6g\n", e.epoch, dim, bn, ws);
            csv += QStringLiteral("%1,%2,%3,%4\n").arg(e.epoch).arg(dim).arg(bn, 0, 'g', 10).arg(ws, 0, 'g', 10).toUtf8();
        }
    if (matched.empty())
        throw InputError(a.spec.name, QStringLiteral("epochs"), QString(),
                         QStringLiteral("the two runs have no analysed epoch in common"));
    if (parser.isSet(QStringLiteral("out")))
        writeFileAtomically(parser.value(QStringLiteral("out")), csv);
    return 0;
}

} // namespace netbetti::cli
