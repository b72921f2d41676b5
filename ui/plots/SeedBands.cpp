#include "plots/SeedBands.h"

#include "plots/PlotStyle.h"

#include <QCoreApplication>
#include <algorithm>
#include <qcustomplot.h>

namespace netbetti {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("SeedBands", text);
}

/// β₁'s median solid, β₂'s dashed, β₃'s dash-dotted: the set's colour says
/// the set, the style the dimension.
QPen medianPen(const QColor &colour, int dim)
{
    QPen pen(colour, 2.2);
    if (dim == 2)
        pen.setDashPattern({5, 3});
    else if (dim >= 3)
        pen.setDashPattern({5, 3, 1, 3});
    return pen;
}

QVector<double> toVector(const std::vector<double> &values)
{
    return QVector<double>(values.begin(), values.end());
}

} // namespace

QString spreadWords(BandSpread spread)
{
    return spread == BandSpread::MinMax ? tr("min–max") : tr("quartiles");
}

QString seedSetCaption(const SeedSet &set)
{
    const int finished = int(set.finished().size());
    QString caption = tr("median of %1 seeds").arg(finished);
    QStringList left;
    for (const SeedRun &r : set.runs)
        if (!r.run)
            left << tr("seed %1 %2").arg(r.seed).arg(r.status);
    if (left.size() > 3)
        caption += tr("; %1 of %2 seeds left out").arg(left.size()).arg(set.runs.size());
    else if (!left.isEmpty())
        caption += tr("; %1 left out").arg(left.join(QStringLiteral(", ")));
    return caption;
}

DrawnBands drawSeedBands(QCustomPlot *plot, const std::vector<SeedSetOverlay> &sets, const QStringList &names,
                         BandSpread spread, double eps, int maxDim, const std::function<QColor(int)> &colour)
{
    DrawnBands drawn;
    drawn.firstEpoch = std::numeric_limits<int>::max();
    drawn.lastEpoch = std::numeric_limits<int>::min();
    int highestDim = 0;
    for (size_t k = 0; k < sets.size(); ++k) {
        const SeedSet &set = *sets[k].set;
        const std::vector<const RunData *> runs = set.finished();
        const QColor c = colour(int(k));
        drawn.bands.emplace_back();
        for (int dim = 1; dim <= std::min(set.maxDim(), maxDim); ++dim) {
            BettiBand band = bettiBand(runs, dim, eps);
            const QVector<double> xs(band.epochs.begin(), band.epochs.end());
            const std::vector<double> &low = spread == BandSpread::MinMax ? band.min : band.lowerQuartile;
            const std::vector<double> &high = spread == BandSpread::MinMax ? band.max : band.upperQuartile;
            // The band: the area between two graphs without lines.
            QCPGraph *lower = plot->addGraph(plot->xAxis, plot->yAxis);
            QCPGraph *upper = plot->addGraph(plot->xAxis, plot->yAxis);
            for (QCPGraph *edge : {lower, upper}) {
                edge->setPen(Qt::NoPen);
                edge->removeFromLegend();
                edge->setSelectable(QCP::stNone);
            }
            QColor fill = c;
            fill.setAlpha(dim == 1 ? 70 : 40);
            upper->setBrush(fill);
            upper->setChannelFillGraph(lower);
            lower->setData(xs, toVector(low), true);
            upper->setData(xs, toVector(high), true);

            QCPGraph *median = plot->addGraph(plot->xAxis, plot->yAxis);
            median->setPen(medianPen(c, dim));
            median->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, c, c, 6));
            median->setData(xs, toVector(band.median), true);
            median->setName(names.value(qsizetype(k)) + QStringLiteral(": ") + seedSetCaption(set));
            if (dim > 1)
                median->removeFromLegend();
            highestDim = std::max(highestDim, dim);
            for (size_t i = 0; i < band.epochs.size(); ++i) {
                drawn.highest = std::max(drawn.highest, band.max[i]);
                drawn.firstEpoch = std::min(drawn.firstEpoch, band.epochs[i]);
                drawn.lastEpoch = std::max(drawn.lastEpoch, band.epochs[i]);
                drawn.any = true;
            }
            drawn.bands.back().push_back(std::move(band));
        }
    }
    if (!sets.empty()) {
        // A graph without data whose legend entry says what lines and bands are.
        QCPGraph *key = plot->addGraph(plot->xAxis, plot->yAxis);
        key->setPen(QPen(QColor(0x70, 0x70, 0x70), 2));
        QColor fill(0x70, 0x70, 0x70, 70);
        key->setBrush(fill);
        const QString dims = highestDim >= 3 ? tr(" (β₁ solid, β₂ dashed, β₃ dash-dot)")
                             : highestDim == 2 ? tr(" (β₁ solid, β₂ dashed)")
                                               : QString();
        key->setName(tr("seed sets: median line, %1 band%2").arg(spreadWords(spread), dims));
    }
    return drawn;
}

} // namespace netbetti
