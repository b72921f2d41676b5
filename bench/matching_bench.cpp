// What the bottleneck matching (matching.csv) adds to each epoch's continuity
// measurement: per dimension, hera's distance alone against the whole
// matching (hera's distance, then Hopcroft–Karp), best of a few repeats, on
// the consecutive epochs of a run folder. Prints milliseconds; not a test.
//   netbetti-bench-matching RUN [repeats]

#include "experiment/RunFolder.h"
#include "topology/DiagramDistance.h"
#include "topology/DiagramMatching.h"

#include "BestTime.h"

#include <algorithm>
#include <cstdio>

using namespace netbetti;

using bench::bestSeconds;

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: netbetti-bench-matching RUN [repeats]\n");
        return 2;
    }
    const RunFolder folder(QString::fromLocal8Bit(argv[1]));
    const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    const RunRecord record = folder.readRecord();
    const int maxDim = folder.readSpec().analysis.maxDim;
    std::printf("epoch  dim  bars(prev,cur)  hera ms  matching ms  ratio\n");
    double totalHera = 0.0, totalMatching = 0.0;
    for (const EpochRecord &e : record.epochs) {
        if (e.previousEpoch < 0)
            continue;
        const PersistenceDiagram a = folder.readDiagram(e.previousEpoch, record.threshold),
                                 b = folder.readDiagram(e.epoch, record.threshold);
        for (int dim = 0; dim <= maxDim; ++dim) {
            const double hera = 1e3 * bestSeconds(repeats, [&] { bottleneckDistance(a, b, dim); });
            const double matching = 1e3 * bestSeconds(repeats, [&] { bottleneckMatching(a, b, dim); });
            totalHera += hera;
            totalMatching += matching;
            std::printf("%5d  H%d   %5d,%5d     %8.2f  %10.2f  %5.2f\n", e.epoch, dim, a.count(dim), b.count(dim),
                        hera, matching, matching / std::max(hera, 1e-9));
        }
    }
    std::printf("total: hera %.1f ms, matching %.1f ms (ratio %.2f)\n", totalHera, totalMatching,
                totalMatching / std::max(totalHera, 1e-9));
    return 0;
}
