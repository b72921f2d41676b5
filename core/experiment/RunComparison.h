#pragma once
// Distances between the diagrams of several runs: does homology converge as
// the width grows, which metric variants matter, Z/2 against Z/3? For each
// pair of runs, the bottleneck and 1-Wasserstein distance per dimension at
// one epoch both analysed (a chosen one, or their last in common).

#include "RunTables.h"

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
