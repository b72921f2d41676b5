#pragma once
// A seed set: one experiment trained with N seeds, so that a difference
// between two experiments can be told from seed noise. On disk it is a
// sweep folder (SweepFolder.h) whose only varied path is "seed"; the sweep
// machinery runs it (resume, lock, crash-proof folders), File › Open Sweep
// opens it, and this file reads it without the pipeline.
//
// Its Betti curves are summarised per epoch over the finished runs: the
// median, the quartiles and the extremes of β_dim(ε), quantiles by linear
// interpolation between order statistics (NumPy's default, "type 7").

#include "RunTables.h"
#include "SweepIndex.h"

#include <QJsonObject>
#include <memory>
#include <vector>

namespace netbetti {

/// The sweep definition of count seeds of spec from first on: {"base": spec,
/// "vary": {"seed": [first, ..., first + count − 1]}}. InputError naming
/// `countField` when count is not positive, or `firstField` when the seeds
/// would pass 2^53 (JSON's whole numbers).
QJsonObject seedSweepDefinition(const QJsonObject &spec, int count, qint64 first,
                                const QString &countField = QStringLiteral("--count"),
                                const QString &firstField = QStringLiteral("--first-seed"));

/// Throws InputError naming the first setting (a dotted spec path) in which
/// the runs are not one experiment: they may differ in their seed and name only.
/// `where[i]` names run i in the message.
void checkOneExperiment(const std::vector<ExperimentSpec> &specs, const QStringList &where);

struct SeedRun
{
    QString name;   ///< in the sweep: "2_seed=3"
    qint64 seed = 0;
    QString folder; ///< absolute
    /// finished, failed, unfinished, missing or damaged
    QString status;
    QString problem; ///< why it is left out of the band, empty when finished
    std::shared_ptr<const RunData> run; ///< finished runs only
};

struct SeedSet
{
    QString folder;      ///< the sweep folder, absolute
    ExperimentSpec spec; ///< the experiment, as its first seed's run has it
    std::vector<SeedRun> runs; ///< every seed, in the sweep's order

    /// Reads a seed-set folder. InputError naming the folder or sweep.json
    /// when it is no sweep, varies anything but the seed (naming the path),
    /// has no finished run, or holds runs of different experiments (naming
    /// the run and the setting). Runs that failed, are missing, damaged or
    /// unfinished are kept in `runs` with their problem, and left out of the band.
    static SeedSet read(const QString &dir);
    /// Whether dir is a sweep folder (holds sweep.json): a seed set or another grid.
    static bool isSweepFolder(const QString &dir);
    /// Throws the InputError read() throws when the sweep (in folder) varies
    /// anything but the seed, or not the seed: then it is a grid, not a set.
    static void checkVariesSeedOnly(const SweepIndex &index, const QString &folder);

    /// The finished runs, which the band summarises.
    std::vector<const RunData *> finished() const;
    /// The folder of the first finished seed's run: what a window shows for the set.
    QString firstFinished() const;
    /// One line per run left out: "seed 3 (runs/2_seed=3): failed: why".
    QStringList problems() const;
    int maxDim() const;
};

/// The band of one dimension at one ε: at each epoch that any of the runs
/// analysed, the order statistics of β_dim(ε) over the runs that analysed it.
struct BettiBand
{
    int dim = 0;
    std::vector<int> epochs;
    std::vector<int> runs; ///< how many runs each epoch's values come from
    std::vector<double> min, lowerQuartile, median, upperQuartile, max;
};

BettiBand bettiBand(const std::vector<const RunData *> &runs, int dim, double eps);

/// The q-quantile (0 ≤ q ≤ 1) of values, sorted ascending, by linear
/// interpolation: at position (n − 1)·q. NaN when values is empty.
double quantileOfSorted(const std::vector<double> &values, double q);

} // namespace netbetti
