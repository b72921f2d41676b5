#pragma once
// A sweep (DESIGN.md, "A sweep folder"): a base spec and, for any spec
// fields named by their dotted paths, lists of values; the grid is every
// combination of them, one ordinary run each.
//
//   {"base": SPEC or "spec.json" (relative to the sweep file),
//    "vary": {"model.layers": [[4,64,64,2], [4,128,128,2]], "seed": [1, 2, 3]}}
//
// Every run of the grid is parsed and checked like a spec before anything
// runs; an unknown path or a bad value names the sweep file, the path and
// the value.

#include "ExperimentSpec.h"

#include <QJsonArray>
#include <QJsonObject>
#include <vector>

namespace netbetti {

struct SweepAxis
{
    QString path;      ///< dotted spec path, e.g. "model.layers"
    QJsonArray values; ///< at least one
};

struct SweepRun
{
    QString name;        ///< unique, a folder name: "3_layers=4-128-128-2_seed=1"
    QJsonObject varied;  ///< path -> value, the grid point
    ExperimentSpec spec; ///< the base with the grid point's values set
};

struct Sweep
{
    QString file;           ///< where it was read from, named in messages
    QJsonObject definition; ///< {"base": the spec object, "vary": ...}, the base inlined
    std::vector<SweepAxis> axes;
    std::vector<SweepRun> runs; ///< the grid: axes in the order of their paths, the last varying fastest

    /// Throws InputError naming file, the field and the value.
    static Sweep fromJson(const QByteArray &json, const QString &file);
    static Sweep fromFile(const QString &path);
};

/// What the runs of a sweep will need, from the same estimates a single run
/// is checked against (PersistenceCost), before any of them starts.
struct SweepEstimate
{
    double diskBytes = 0;        ///< all runs' folders, complete
    double runMemoryBytes = 0;   ///< the most one run may need at once
    QString largestRun;          ///< the run that needs runMemoryBytes
    double availableMemory = 0;  ///< physical memory, or $NETBETTI_SWEEP_MEMORY_MIB
    int cores = 1;
    /// Runs that can go at once: cores and memory allow, at least 1.
    int defaultJobs(int runs) const;
};

/// One run's folder and peak memory (its process, the matrices, ripser's
/// worst case within the budget a run allows it).
double runDiskBytes(const ExperimentSpec &spec);
double runMemoryBytes(const ExperimentSpec &spec, int analysisWorkers);

SweepEstimate estimateSweep(const std::vector<const SweepRun *> &runs, int analysisWorkers);

/// Refuses (InputError naming the sweep file or the folder and the figures)
/// a grid whose runs would not fit on the disk under outDir, or jobs runs at
/// once that would not fit in memory.
void checkSweepFits(const Sweep &sweep, const std::vector<const SweepRun *> &todo, const QString &outDir, int jobs,
                    int analysisWorkers);

/// "1.2 GB", "340 MB": for messages.
QString describeBytes(double bytes);

} // namespace netbetti
