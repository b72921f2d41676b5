#pragma once
// Distances between the diagrams of several runs: does homology converge as
// the width grows, which metric variants matter, Z/2 against Z/3? For each
// pair of runs, the bottleneck and 1-Wasserstein distance per dimension at
// one epoch both analysed (a chosen one, or their last in common).

#include "RunTables.h"
#include "topology/DiagramDistance.h"

#include <Eigen/Core>
#include <optional>

namespace netbetti {

struct NamedRun
{
    QString name;
    RunData data;
};

/// The last epoch both runs analysed; -1 for none.
int lastCommonEpoch(const RunData &a, const RunData &b);

/// The epochs every run analysed, in order (empty for none in common).
std::vector<int> commonEpochs(const std::vector<const RunData *> &runs);

/// Why the runs' diagrams cannot be compared, naming the two runs and the
/// setting that differs ("b: dataset.kind is circles, a's moons"); empty
/// when they can. Different datasets make a distance between diagrams say
/// nothing about the networks: comparisons ask about one dataset.
QString whyNotComparable(const std::vector<NamedRun> &runs);

/// The distances between two runs' diagrams at one epoch both analysed.
struct EpochDistances
{
    int epoch = 0;
    DiagramDistances distances; ///< per dimension 0..maxDim
};

/// At every epoch both runs analysed, in order, dimensions 0..maxDim
/// (what `netbetti-cli compare A B` prints).
std::vector<EpochDistances> distancesByEpoch(const RunData &a, const RunData &b, int maxDim);

struct RunDistanceMatrix
{
    std::vector<QString> names;
    int maxDim = 0;                         ///< the lowest of the runs' max_dim
    Eigen::MatrixXi epochs;                 ///< the epoch each pair is compared at
    std::vector<Eigen::MatrixXd> bottleneck; ///< per dimension; symmetric, zero diagonal
    std::vector<Eigen::MatrixXd> wasserstein;

    /// run_a,run_b,epoch,dim,bottleneck,wasserstein for every ordered pair,
    /// the diagonal included: pandas' pivot gives the square matrix back.
    QByteArray toCsv() const;
};

/// Every pair at `epoch`, or at its last common epoch when none is given.
/// InputError naming the run when it did not analyse the epoch asked for, or
/// a pair that has no analysed epoch in common.
RunDistanceMatrix runDistanceMatrix(const std::vector<NamedRun> &runs, std::optional<int> epoch = std::nullopt);

} // namespace netbetti
