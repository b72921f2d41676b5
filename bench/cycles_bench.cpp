// What representative cycles (cycles.json) add to each analysed epoch: per
// epoch of a run folder, the persistence of the epoch's matrix (the
// netbetti engine, as the run computed it) against the cycles of its
// diagram, best of a few repeats. Prints milliseconds and the ratio; not a
// test.
//   netbetti-bench-cycles RUN [repeats] [cycles per dimension]

#include "experiment/RunFolder.h"
#include "topology/NetBettiEngine.h"
#include "topology/RepresentativeCycles.h"

#include "BestTime.h"

#include <algorithm>
#include <cstdio>

using namespace netbetti;

using bench::bestSeconds;

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: netbetti-bench-cycles RUN [repeats] [cycles per dimension]\n");
        return 2;
    }
    const RunFolder folder(QString::fromLocal8Bit(argv[1]));
    const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    const int perDimension = argc > 3 ? std::max(1, std::atoi(argv[3])) : 10;
    const ExperimentSpec spec = folder.readSpec();
    PersistenceSettings settings = spec.persistenceSettings();
    const auto engine = makePersistenceEngine(spec.analysis.engine);
    std::printf(
        "epoch  neurons  H%d bars  persistence ms  cycles ms  ratio  cycles/skipped\n", spec.analysis.maxDim);
    for (const EpochRecord& e : folder.readRecord().epochs) {
        if (!e.analysed || !e.analysisError.isEmpty())
            continue;
        const FloatMatrix d = folder.readDistance(e.epoch);
        PersistenceDiagram diagram;
        const double persistence = bestSeconds(repeats, [&] { diagram = engine->compute(d, settings); });
        CycleSet cycles;
        const double cycleTime = bestSeconds(repeats, [&] {
            cycles = representativeCycles(
                d, diagram, { perDimension, settings.coefficients, CycleSettings {}.budget });
        });
        std::printf("%5d  %7d  %7d  %14.1f  %9.1f  %5.3f  %zu/%zu\n", e.epoch, int(d.rows()),
            diagram.count(spec.analysis.maxDim), persistence * 1e3, cycleTime * 1e3, cycleTime / persistence,
            cycles.classes.size(), cycles.skipped.size());
    }
    return 0;
}
