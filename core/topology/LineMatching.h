#pragma once
// Diagrams on one line: when every finite bar of two diagrams has the same
// birth (H0 of a Rips filtration, where every class is born at 0), the
// bars are points (b, d_i) on a vertical line. Between two of them the
// L-infinity cost is |d_i - d_j|, and to the diagonal (d_i - b) / 2.
//
// On a line an optimal matching never crosses: two crossed pairs can be
// exchanged for the uncrossed ones without raising their larger cost or
// their sum (|.| is a Monge cost). So with both diagrams sorted by death,
// dynamic programming over prefixes finds, exactly and in O(n m) time:
//   - the bottleneck distance, as a min-max over prefix matchings;
//   - the 1-Wasserstein distance, as a min-sum;
//   - a bottleneck matching that, among all matchings within the bottleneck
//     distance, has the least total cost (the min-sum over pairs that cost
//     at most the bottleneck distance; uncrossing keeps both bounds).
// Costs are computed with the same expressions as the general matcher's, so
// the bottleneck value is one of the costs bit for bit, as hera's is.

#include <optional>
#include <utility>
#include <vector>

namespace netbetti {

struct LineMatching
{
    double bottleneck = 0.0;
    double wasserstein = 0.0;
    /// Indices into the two point lists given; -1 for the diagonal. Empty
    /// unless asked for.
    std::vector<std::pair<int, int>> pairs;
};

/// (birth, death) points, all finite.
using LinePoints = std::vector<std::pair<double, double>>;

/// True when every point of a and b has the same birth (vacuously for empty
/// lists) and the tables fit the memory allowed for them.
bool onOneLine(const LinePoints &a, const LinePoints &b);

/// The distances (and, with wantPairs, the matching) of two lists for which
/// onOneLine() holds.
LineMatching matchOnLine(const LinePoints &a, const LinePoints &b, bool wantPairs);

} // namespace netbetti
