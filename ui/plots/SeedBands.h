#pragma once
// Seed sets on the Betti panel's curves: for each set and each dimension
// from 1 on, the median of β_dim(ε) over its finished seeds as a line, and a
// band between its quartiles or its extremes, in the set's colour. A
// difference between two experiments that their bands do not cover is more
// than seed noise.

#include "experiment/SeedSet.h"

#include <QColor>
#include <QString>
#include <functional>
#include <memory>
#include <vector>

class QCustomPlot;

namespace netbetti {

/// What the band of a seed set spans around its median.
enum class BandSpread { Quartiles, MinMax };

/// "quartiles", "min–max".
QString spreadWords(BandSpread spread);

/// A seed set shown on the Betti panel, as read from its folder.
struct SeedSetOverlay
{
    QString folder;
    std::shared_ptr<const SeedSet> set;
};

/// What drawSeedBands drew: the bands (per set, per dimension from 1), and
/// the extent of their values and epochs.
struct DrawnBands
{
    std::vector<std::vector<BettiBand>> bands;
    double highest = 0;
    int firstEpoch = 0, lastEpoch = 0;
    bool any = false;
};

/// Adds each set's bands and medians to plot's xAxis/yAxis, up to β_maxDim.
/// names[i] names set i in the legend (its median of β₁ stands for it);
/// colour(i) is its colour. Legend entries: one per set, and a key to what
/// lines and bands are.
DrawnBands drawSeedBands(QCustomPlot *plot, const std::vector<SeedSetOverlay> &sets, const QStringList &names,
                         BandSpread spread, double eps, int maxDim, const std::function<QColor(int)> &colour);

/// What the legend calls a set besides its name: "median of 5 seeds", and
/// the seeds left out ("seed 3 left out: failed").
QString seedSetCaption(const SeedSet &set);

} // namespace netbetti
