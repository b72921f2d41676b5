#pragma once
// Data out of a run, for NumPy and pandas without conversion (DESIGN.md, "A
// run folder"): Betti numbers per epoch at one scale, Betti numbers per epoch
// and scale for each dimension, and a per-epoch summary in JSON. Written
// beside the run's own files, atomically.
//
//   betti.csv              epoch,beta0,beta1,...           at the chosen ε
//   betti-by-scale-H<k>.csv epoch,<ε0>,<ε1>,...             β_k over a grid
//   summary.json           {"scale": ε, "epochs": [{"epoch": .., "loss": ..,
//                           "dimensions": [{"dim", "bars", "total_persistence",
//                           "max_persistence", "betti", "bottleneck_to_previous",
//                           "wasserstein_to_previous"}]}]}
//   pandas: pd.read_csv("betti.csv", index_col="epoch");
//           pd.json_normalize(json.load(f)["epochs"], "dimensions", ["epoch", "loss"])

#include "RunFolder.h"

#include <QByteArray>
#include <QJsonObject>
#include <map>

namespace netbetti {

/// What the tables are made of: the run's record and its diagrams.
struct RunData
{
    ExperimentSpec spec;
    RunRecord record;
    std::map<int, PersistenceDiagram> diagrams; ///< analysed epochs only

    /// Reads a run folder; InputError naming the file when damaged.
    static RunData read(const RunFolder &folder);
    int maxDim() const;
};

QByteArray bettiAtScaleCsv(const RunData &run, double scale);
/// scales: the grid of ε (columns), e.g. evenly spaced from 0 to the largest value.
QByteArray bettiByScaleCsv(const RunData &run, int dim, const std::vector<double> &scales);
QJsonObject runSummary(const RunData &run, double scale);
/// steps + 1 values from 0 to the largest finite value of any diagram.
std::vector<double> scaleGrid(const RunData &run, int steps);

/// Writes the three kinds of files into dir (made if missing); returns their
/// paths. RunError naming the file when one cannot be written.
QStringList writeRunTables(const RunData &run, const QString &dir, double scale, int scaleSteps);

} // namespace netbetti
