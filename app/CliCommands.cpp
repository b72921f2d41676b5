#include "CliCommands.h"

#include "Error.h"
#include "storage/NpyFile.h"
#include "topology/CycleFile.h"
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
    parser.addOption({QStringLiteral("cycles"),
                      QStringLiteral("Also write representative cycles of the most persistent classes (JSON)."),
                      QStringLiteral("C.json")});
    parser.addOption({QStringLiteral("cycles-count"),
                      QStringLiteral("Classes per dimension given a cycle (default 10)."), QStringLiteral("N"),
                      QStringLiteral("10")});
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
    const int cyclesCount = intOption(parser, QStringLiteral("cycles-count"), 0, 1'000'000);
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
    if (parser.isSet(QStringLiteral("cycles"))) {
        CycleSettings cycles;
        cycles.perDimension = cyclesCount;
        cycles.coefficients = settings.coefficients;
        const CycleSet set = representativeCycles(distances, diagram, cycles);
        writeCyclesJson(parser.value(QStringLiteral("cycles")), set);
        for (const SkippedClass &s : set.skipped)
            std::fprintf(stderr, "cycles: H%d [%g, %g) skipped: %s\n", s.dim, s.birth, s.death, qPrintable(s.reason));
    }
    QString summary = QStringLiteral("%1 points").arg(diagram.pointCount);
    for (int dim = 0; dim <= diagram.maxDim; ++dim)
        summary += QStringLiteral(", H%1: %2 bars").arg(dim).arg(diagram.count(dim));
    std::fprintf(stderr, "%s\n", qPrintable(summary));
    return 0;
}

} // namespace netbetti::cli
