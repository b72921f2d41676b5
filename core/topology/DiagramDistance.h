#pragma once
// Distances between persistence diagrams, to measure whether homology changes
// continuously between epochs and between architectures. The matching is
// hera's (Kerber, Morozov, Nigmetov), the reference implementation: exact
// bottleneck, and the auction algorithm for Wasserstein with a stated
// relative error. Ground metric L-infinity, as in the stability theorems.
//
// Bars of length zero lie on the diagonal and cost nothing; infinite bars
// are matched among themselves by birth (different numbers of them: the
// distance is infinite). In a diagram cut at a threshold, a class alive at
// the threshold is compared as the bar [birth, threshold): the diagrams of a
// thresholded run are compared on what was computed.
//
// Where every finite bar of both diagrams has the same birth (H0 of a Rips
// filtration), the distances are computed exactly on that line
// (LineMatching.h), in O(n m) and without hera: the bottleneck distance is
// then the same cost hera finds, and the 1-Wasserstein distance has no
// relative error at all.

#include "PersistenceDiagram.h"

#include <optional>
#include <utility>
#include <vector>

namespace netbetti {

using PointList = std::vector<std::pair<double, double>>;

/// (birth, death) of the bars of dimension dim off the diagonal, cut at the
/// diagram's threshold if it has one.
PointList offDiagonalPoints(const PersistenceDiagram &diagram, int dim);

/// Exact bottleneck distance between the dimension-dim parts of a and b.
double bottleneckDistance(const PersistenceDiagram &a, const PersistenceDiagram &b, int dim);
/// The same on (birth, death) points as given.
double bottleneckDistanceOfPoints(PointList a, PointList b);

/// (bottleneck, 1-Wasserstein) of two point lists whose finite points lie on
/// one line (essential points matched by birth), exactly; none when they do
/// not lie on one line.
std::optional<std::pair<double, double>> distancesOnLine(const PointList &a, const PointList &b);

/// q-Wasserstein distance (q >= 1) with relative error at most relativeError.
double wassersteinDistance(const PersistenceDiagram &a, const PersistenceDiagram &b, int dim,
                           double q = 1.0, double relativeError = 1e-3);
/// The same on (birth, death) points as given, with no reduction.
double wassersteinDistanceOfPoints(const PointList &a, const PointList &b, double q = 1.0,
                                   double relativeError = 1e-3);

/// 1-Wasserstein distance of points as given, the points the two share
/// left out first (exact for q = 1).
double wasserstein1OfPoints(PointList a, PointList b, double relativeError = 1e-3);

/// Per dimension 0..maxDim: index = dimension.
struct DiagramDistances
{
    std::vector<double> bottleneck;
    std::vector<double> wasserstein; ///< q = 1
};

DiagramDistances diagramDistances(const PersistenceDiagram &a, const PersistenceDiagram &b, int maxDim);

} // namespace netbetti
