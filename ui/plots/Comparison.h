#pragma once
// What the Compare window and its figures are drawn from: two or more runs
// side by side (another architecture, metric or field on the same data), or
// two epochs of one run, with the epoch shown, the dimension and the
// distance chosen. A value: a fresh view given the same state draws the
// same, and the CLI's export builds its figures from one.

#include "experiment/RunComparison.h"

#include <QStringList>
#include <memory>
#include <vector>

namespace netbetti {

/// A run as read from its folder, shared by the views that show it.
struct ComparedRun
{
    QString folder;
    std::shared_ptr<const RunData> data;
};

/// Reads a run folder; InputError naming the file at fault.
ComparedRun readComparedRun(const QString &folder);

struct ComparisonState
{
    std::vector<ComparedRun> runs;
    /// >= 0: two epochs of runs[0], this one against the shown one (the
    /// other runs, if any, are left out).
    int referenceEpoch = -1;
    /// The epoch shown; -1: the last the runs have in common (the matrix:
    /// each pair at its last in common, as `netbetti-cli compare` does).
    int epoch = -1;
    int dim = 1;              ///< the dimension of the distance plot and the matrix
    bool wasserstein = false; ///< 1-Wasserstein instead of bottleneck
    double scale = 0.5;       ///< ε of the Betti numbers and the barcodes' ε line

    bool comparesEpochs() const { return referenceEpoch >= 0; }
};

/// The runs as a legend names them, by what differs between them
/// ("4-128×2-2", "4-128×2-2, Z/3"); for two epochs, the run's name.
QStringList comparedNames(const ComparisonState &state);
/// The runs compared, named (the reference epoch's run once).
std::vector<NamedRun> namedRuns(const ComparisonState &state);
/// The highest dimension every run computed.
int comparedMaxDim(const ComparisonState &state);
/// The epochs one can scrub to: those every run analysed (for two epochs,
/// the run's analysed epochs).
std::vector<int> scrubbedEpochs(const ComparisonState &state);
/// state.epoch when it is one of scrubbedEpochs(), else the last of them; -1 for none.
int shownEpoch(const ComparisonState &state);
/// Why nothing can be drawn (fewer than two runs, different datasets, no
/// analysed epoch in common, an epoch not analysed), naming the runs; empty
/// when the runs can be compared.
QString comparisonProblem(const ComparisonState &state);
/// The largest ε any diagram of any run reaches: the axes they share.
double sharedScaleRange(const ComparisonState &state);

/// "bottleneck" or "1-Wasserstein".
QString distanceName(bool wasserstein);

} // namespace netbetti
