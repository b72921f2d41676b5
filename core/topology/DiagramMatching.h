#pragma once
// Which bar of one diagram becomes which bar of the next: the optimal
// bottleneck matching, so that a class can be followed from epoch to epoch.
//
// hera (Debian's 1.0) gives the bottleneck distance but not the matching.
// Here the distance is hera's, and the matching is a perfect matching of the
// usual augmented bipartite graph (every bar of a and a diagonal copy of
// every bar of b on one side, the converse on the other) that uses only
// edges costing at most that distance, found by Hopcroft–Karp. Costs are
// those of the distance: L-infinity between two bars, half the persistence
// from a bar to the diagonal, with bars compared as offDiagonalPoints() cuts
// them. Each vertex tries its cheapest edges first, so a bar near an equal
// bar usually keeps it, but only the largest cost is guaranteed optimal.
//
// Where the finite bars of both diagrams share one birth (H0 of a Rips
// filtration) the matching is LineMatching's instead: exact, and of least
// total cost among the matchings within the bottleneck distance.
//
// Essential (infinite) bars are matched among themselves in order of birth
// (optimal for L-infinity on one coordinate); the surplus, when the numbers
// differ, goes to the diagonal. Bars of zero length are the diagonal's and
// match it at no cost.

#include "PersistenceDiagram.h"

#include <QByteArray>
#include <QString>
#include <vector>

namespace netbetti {

/// One pair of a matching: indices into the two diagrams' bars (the rows of
/// their diagram.csv), -1 for the diagonal.
struct BarMatch
{
    int dim = 0;
    int previous = -1;
    int current = -1;
    bool operator==(const BarMatch &other) const;
};

/// The bottleneck matching of the dimension-dim bars of a and b: every such
/// bar of either once, by index, ordered by dimension then as found.
std::vector<BarMatch> bottleneckMatching(const PersistenceDiagram &a, const PersistenceDiagram &b, int dim);
/// Dimensions 0..maxDim together.
std::vector<BarMatch> bottleneckMatchings(const PersistenceDiagram &a, const PersistenceDiagram &b, int maxDim);

/// One dimension of two diagrams compared: the bottleneck and 1-Wasserstein
/// distances (as diagramDistances() gives them) and a bottleneck matching.
struct DimensionContinuity
{
    double bottleneck = 0.0;
    double wasserstein = 0.0;
    std::vector<BarMatch> matching;
};

/// Everything a run records of one epoch against the previous, per
/// dimension 0..maxDim, at the cost of one hera call per distance (none for
/// dimensions whose bars lie on one line, see LineMatching.h).
std::vector<DimensionContinuity> diagramContinuity(const PersistenceDiagram &a, const PersistenceDiagram &b,
                                                   int maxDim);

/// The cost of one pair as the bottleneck distance counts it (+inf for an
/// essential bar against a finite one or the diagonal).
double matchCost(const PersistenceDiagram &a, const PersistenceDiagram &b, const BarMatch &match);

/// matching.csv of a run's epoch: "dim,previous,current", one pair a line.
QByteArray matchingToCsv(const std::vector<BarMatch> &matching);
/// Throws InputError naming the file, line and value on a malformed file.
std::vector<BarMatch> matchingFromCsv(const QByteArray &csv, const QString &fileName);

} // namespace netbetti
