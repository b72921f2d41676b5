// What each epoch's continuity measurement (distances to the previous
// diagram and matching.csv) costs: per dimension, hera's calls as they were
// made before against diagramContinuity(), best of a few repeats, on the
// consecutive epochs of a run folder. Prints milliseconds; not a test.
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
    // Before (until 2026-12-01) each epoch's continuity called hera for the
    // bottleneck, for the 1-Wasserstein distance, and for the bottleneck
    // again inside the matching, then ran Hopcroft-Karp (not counted here).
    // Now: diagramContinuity(), one pass, exact on a line for H0.
    std::printf("epoch  dim  bars(prev,cur)  hera bottleneck ms  hera W1 ms  before ms  now ms  ratio\n");
    double totalBefore = 0.0, totalNow = 0.0;
    for (const EpochRecord &e : record.epochs) {
        if (e.previousEpoch < 0)
            continue;
        const PersistenceDiagram a = folder.readDiagram(e.previousEpoch, record.threshold),
                                 b = folder.readDiagram(e.epoch, record.threshold);
        for (int dim = 0; dim <= maxDim; ++dim) {
            const double bottleneck = 1e3 * bestSeconds(repeats, [&] {
                bottleneckDistanceOfPoints(offDiagonalPoints(a, dim), offDiagonalPoints(b, dim));
            });
            const double w1 = 1e3 * bestSeconds(repeats, [&] {
                wasserstein1OfPoints(offDiagonalPoints(a, dim), offDiagonalPoints(b, dim));
            });
            const double before = 2 * bottleneck + w1;
            PersistenceDiagram one = a, other = b;
            one.bars.erase(std::remove_if(one.bars.begin(), one.bars.end(), [&](const PersistenceBar &x) { return x.dim != dim; }), one.bars.end());
            other.bars.erase(std::remove_if(other.bars.begin(), other.bars.end(), [&](const PersistenceBar &x) { return x.dim != dim; }), other.bars.end());
            const double now = 1e3 * bestSeconds(repeats, [&] { diagramContinuity(one, other, dim); });
            totalBefore += before;
            totalNow += now;
            std::printf("%5d  H%d   %5d,%5d     %18.2f  %10.2f  %9.2f  %6.2f  %5.1fx\n", e.epoch, dim,
                        a.count(dim), b.count(dim), bottleneck, w1, before, now,
                        before / std::max(now, 1e-9));
        }
    }
    std::printf("total: before %.1f ms, now %.1f ms (%.1fx less)\n", totalBefore, totalNow,
                totalBefore / std::max(totalNow, 1e-9));
    return 0;
}
