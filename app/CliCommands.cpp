#include "CliCommands.h"

#include "Error.h"
#include "storage/NpyFile.h"
#include "topology/DiagramCsv.h"
#include "topology/ConeReduction.h"
#include "topology/RipserEngine.h"

#include <QCommandLineParser>
#include <QDir>
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
    if (!parse(parser, arguments,
               QStringLiteral("Vietoris-Rips persistence of a distance matrix, by ripser.")))
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

    const QString matrixPath = parser.positionalArguments().first();
    const FloatMatrix distances = readNpy(matrixPath);
    validateDistanceMatrix(distances, matrixPath);
    const PersistenceDiagram diagram =
        ConeReducingEngine(std::make_shared<RipserEngine>()).compute(distances, settings);
    writeDiagramCsv(parser.value(QStringLiteral("out")), diagram);
    QString summary = QStringLiteral("%1 points").arg(diagram.pointCount);
    for (int dim = 0; dim <= diagram.maxDim; ++dim)
        summary += QStringLiteral(", H%1: %2 bars").arg(dim).arg(diagram.count(dim));
    std::fprintf(stderr, "%s\n", qPrintable(summary));
    return 0;
}

} // namespace netbetti::cli
