#include "LineMatching.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>

namespace netbetti {

namespace {

const double infinity = std::numeric_limits<double>::infinity();

/// The tables of the matching's backtrack, one byte a cell, stay below this.
constexpr double maxTableBytes = 64.0 * 1024 * 1024;

/// Indices of the points in order of death.
std::vector<int> byDeath(const LinePoints &points)
{
    std::vector<int> order(points.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int i, int j) { return points[size_t(i)].second < points[size_t(j)].second; });
    return order;
}

/// One list in order of death, with each point's cost to the diagonal.
struct Sorted
{
    std::vector<int> index;
    std::vector<double> death, toDiagonal;

    explicit Sorted(const LinePoints &points) : index(byDeath(points))
    {
        for (int i : index) {
            death.push_back(points[size_t(i)].second);
            toDiagonal.push_back((points[size_t(i)].second - points[size_t(i)].first) / 2.0);
        }
    }
    int size() const { return int(index.size()); }
};

enum Step : std::uint8_t { Pair, DiagonalA, DiagonalB };

/// Min over prefix matchings of combine(cost so far, cost of the last step),
/// rolling one row: combine = max gives the bottleneck, + gives W1. Steps
/// that cost more than bound are not taken.
template<typename Combine>
double prefixDP(const Sorted &a, const Sorted &b, Combine combine, double bound = infinity,
                std::vector<std::uint8_t> *steps = nullptr)
{
    const int n = a.size(), m = b.size();
    auto allowed = [&](double c) { return c <= bound ? c : infinity; };
    std::vector<double> previous(size_t(m) + 1), current(size_t(m) + 1);
    auto record = [&](int i, int j, Step s) {
        if (steps)
            (*steps)[size_t(i) * size_t(m + 1) + size_t(j)] = s;
    };
    previous[0] = 0.0;
    for (int j = 1; j <= m; ++j) {
        previous[size_t(j)] = combine(previous[size_t(j - 1)], allowed(b.toDiagonal[size_t(j - 1)]));
        record(0, j, DiagonalB);
    }
    for (int i = 1; i <= n; ++i) {
        const double ai = a.death[size_t(i - 1)], aDiagonal = allowed(a.toDiagonal[size_t(i - 1)]);
        current[0] = combine(previous[0], aDiagonal);
        record(i, 0, DiagonalA);
        for (int j = 1; j <= m; ++j) {
            // A pair first: on a tie the classes stay matched to each other.
            double best = combine(previous[size_t(j - 1)], allowed(std::abs(ai - b.death[size_t(j - 1)])));
            Step step = Pair;
            if (const double c = combine(previous[size_t(j)], aDiagonal); c < best) {
                best = c;
                step = DiagonalA;
            }
            if (const double c = combine(current[size_t(j - 1)], allowed(b.toDiagonal[size_t(j - 1)])); c < best) {
                best = c;
                step = DiagonalB;
            }
            current[size_t(j)] = best;
            record(i, j, step);
        }
        previous.swap(current);
    }
    return previous[size_t(m)];
}

// Function objects rather than functions, so that prefixDP's inner loop
// inlines them (through a function pointer it made a call per cell).
constexpr auto maxOf = [](double x, double y) { return std::max(x, y); };
constexpr auto sumOf = [](double x, double y) { return x + y; };

} // namespace

bool onOneLine(const LinePoints &a, const LinePoints &b)
{
    if ((double(a.size()) + 1) * (double(b.size()) + 1) > maxTableBytes)
        return false;
    const LinePoints &first = a.empty() ? b : a;
    if (first.empty())
        return true;
    const double birth = first.front().first;
    auto sameBirth = [birth](const std::pair<double, double> &p) { return p.first == birth; };
    return std::all_of(a.begin(), a.end(), sameBirth) && std::all_of(b.begin(), b.end(), sameBirth);
}

LineMatching matchOnLine(const LinePoints &a, const LinePoints &b, bool wantPairs)
{
    const Sorted sa(a), sb(b);
    LineMatching out;
    out.bottleneck = prefixDP(sa, sb, maxOf);
    out.wasserstein = prefixDP(sa, sb, sumOf);
    if (!wantPairs)
        return out;
    const int n = sa.size(), m = sb.size();
    std::vector<std::uint8_t> steps(size_t(n + 1) * size_t(m + 1));
    prefixDP(sa, sb, sumOf, out.bottleneck, &steps);
    for (int i = n, j = m; i > 0 || j > 0;) {
        switch (steps[size_t(i) * size_t(m + 1) + size_t(j)]) {
        case Pair:
            out.pairs.emplace_back(sa.index[size_t(--i)], sb.index[size_t(--j)]);
            break;
        case DiagonalA:
            out.pairs.emplace_back(sa.index[size_t(--i)], -1);
            break;
        default:
            out.pairs.emplace_back(-1, sb.index[size_t(--j)]);
            break;
        }
    }
    return out; // from the longest bars down
}

} // namespace netbetti
