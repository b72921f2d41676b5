// One persistence computation as a whole process, for bench/engine.sh:
//   netbetti-bench-engine MATRIX.npy [--engine netbetti|ripser] [--max-dim K]
//       [--threads T] [--coefficients P] [--threshold T] [--points N] [--print]
// --points N keeps the first N points that are not cone points or
// duplicates (the live neurons); --save BASE writes that matrix as
// BASE.npy and BASE.dipha (for ripser) instead of computing; --estimate
// prints PersistenceCost's memory estimate (MiB) instead. Prints one line: engine, points, seconds
// (of the computation, the process's own start-up excluded), bars per
// dimension; --print adds the bars as "dim birth death" lines, for diffs.

#include "Error.h"
#include "storage/NpyFile.h"
#include "topology/ConeReduction.h"
#include "topology/NetBettiEngine.h"
#include "topology/PersistenceCost.h"
#include "topology/RipserEngine.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QStringList>
#include <cstdio>

using namespace netbetti;

namespace {

FloatMatrix livePoints(const FloatMatrix &d, int wanted)
{
    std::vector<Eigen::Index> keep = reducedPoints(d);
    keep.resize(std::min(keep.size(), size_t(std::max(wanted, 0))));
    return submatrix(d, keep);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    auto value = [&](const char *name, const QString &fallback) {
        const int i = int(args.indexOf(QLatin1String(name)));
        return i >= 0 && i + 1 < args.size() ? args[i + 1] : fallback;
    };
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: netbetti-bench-engine MATRIX.npy [--engine E] [--max-dim K] [--threads T] "
                             "[--coefficients P] [--threshold T] [--points N] [--print]\n");
        return 2;
    }
    try {
        FloatMatrix d = readNpy(args[1]);
        validateDistanceMatrix(d, args[1]);
        if (args.contains(QStringLiteral("--points")))
            d = livePoints(d, value("--points", QString()).toInt());
        if (args.contains(QStringLiteral("--save"))) {
            // The matrix as both engines will read it: .npy and ripser's DIPHA.
            const QString base = value("--save", QString());
            writeNpy(base + QStringLiteral(".npy"), d);
            QFile dipha(base + QStringLiteral(".dipha"));
            if (!dipha.open(QIODevice::WriteOnly) || dipha.write(toDipha(d)) < 0)
                throw RunError(QStringLiteral("cannot write %1").arg(dipha.fileName()));
            std::printf("saved %s.npy and .dipha: %d points\n", qPrintable(base), int(d.rows()));
            return 0;
        }
        PersistenceSettings settings;
        settings.maxDim = value("--max-dim", QStringLiteral("1")).toInt();
        settings.threads = value("--threads", QStringLiteral("0")).toInt();
        settings.coefficients = value("--coefficients", QStringLiteral("2")).toInt();
        if (args.contains(QStringLiteral("--threshold")))
            settings.threshold = value("--threshold", QString()).toDouble();
        const QString engineName = value("--engine", QStringLiteral("netbetti"));
        if (args.contains(QStringLiteral("--estimate"))) {
            std::printf("%.0f\n", estimateCost(d, settings, 100000, engineName).bytes / 1048576.0);
            return 0;
        }
        const auto engine = makePersistenceEngine(engineName);
        QElapsedTimer timer;
        timer.start();
        const PersistenceDiagram diagram = engine->compute(d, settings);
        const double seconds = double(timer.nsecsElapsed()) * 1e-9;
        const PersistenceCost cost = estimateCost(d, settings, 100000, engineName);
        std::printf("engine %s points %d seconds %.4f estimate_mb %.0f estimate_s %.2f", qPrintable(engineName),
                    int(d.rows()), seconds, cost.bytes / 1048576.0, cost.seconds);
        for (int k = 0; k <= settings.maxDim; ++k)
            std::printf(" H%d %d", k, diagram.count(k));
        std::printf("\n");
        if (args.contains(QStringLiteral("--print")))
            for (const PersistenceBar &b : diagram.bars)
                if (b.death > b.birth)
                    std::printf("%d %.9g %.9g\n", b.dim, b.birth, b.death);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    return 0;
}
