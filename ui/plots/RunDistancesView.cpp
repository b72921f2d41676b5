#include "plots/RunDistancesView.h"

#include "plots/PlotStyle.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>
#include <limits>
#include <qcustomplot.h>

namespace netbetti {

namespace {

QString formatDistance(double value)
{
    return std::isinf(value) ? QStringLiteral("∞") : QString::number(value, 'g', 4);
}

} // namespace

RunDistancesView::RunDistancesView(QWidget *parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)), m_table(new QTableWidget(this)), m_heading(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_heading);
    layout->addWidget(m_table);
    m_heading->setTextFormat(Qt::PlainText);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    // Rows of one fixed height: a table refilled for another epoch is the
    // table a fresh view fills (sized to contents, rows kept the heights of
    // what they held before).
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setMaximumHeight(120);

    style::setUpPlot(m_plot);
    m_plot->setMinimumHeight(160);
    m_plot->xAxis->setLabel(tr("epoch"));
    style::useEpochTicks(m_plot->xAxis);
    style::addTitle(m_plot, tr("Distances between the diagrams"));
    style::addLegendRow(m_plot, 1);
    m_marker = style::addEpochMarker(m_plot);
    redraw();
}

QSize RunDistancesView::minimumSizeHint() const
{
    return {300, 260};
}

void RunDistancesView::setState(const ComparisonState &state)
{
    m_state = state;
    m_names = comparedNames(state);
    m_series.clear();
    m_maxDim = comparedMaxDim(state);
    if (comparisonProblem(state).isEmpty()) {
        const RunData &first = *state.runs.front().data;
        if (state.comparesEpochs()) {
            // The reference epoch against every epoch of the run.
            std::vector<EpochDistances> series;
            const PersistenceDiagram &reference = first.diagrams.at(state.referenceEpoch);
            for (const auto &[epoch, diagram] : first.diagrams)
                series.push_back({epoch, diagramDistances(reference, diagram, m_maxDim)});
            m_series.push_back(std::move(series));
        } else {
            for (size_t k = 1; k < state.runs.size(); ++k)
                m_series.push_back(distancesByEpoch(first, *state.runs[k].data, m_maxDim));
        }
    }
    redraw();
}

QString RunDistancesView::pairName(int pair) const
{
    if (pair < 0 || pair >= pairCount())
        return {};
    if (m_state.comparesEpochs())
        return tr("against epoch %1").arg(m_state.referenceEpoch);
    return tr("%1 against %2").arg(m_names.value(pair + 1), m_names.value(0));
}

double RunDistancesView::value(int pair, int epoch, int dim, bool wasserstein) const
{
    if (pair >= 0 && pair < pairCount() && dim >= 0 && dim <= m_maxDim)
        for (const EpochDistances &e : m_series[size_t(pair)])
            if (e.epoch == epoch)
                return (wasserstein ? e.distances.wasserstein : e.distances.bottleneck)[size_t(dim)];
    return std::numeric_limits<double>::quiet_NaN();
}

std::vector<int> RunDistancesView::epochs(int pair) const
{
    std::vector<int> out;
    if (pair >= 0 && pair < pairCount())
        for (const EpochDistances &e : m_series[size_t(pair)])
            out.push_back(e.epoch);
    return out;
}

void RunDistancesView::redraw()
{
    m_plot->clearGraphs();
    const QString problem = comparisonProblem(m_state);
    const int dim = std::clamp(m_state.dim, 0, m_maxDim);
    const QString distance = distanceName(m_state.wasserstein);
    m_plot->yAxis->setLabel(tr("%1 distance, %2").arg(distance, style::homologyName(dim)));
    // The axis says which distance and dimension; the title what is compared.
    style::setTitle(m_plot, m_state.comparesEpochs() && problem.isEmpty()
                                ? tr("Distance to epoch %1 — %2").arg(m_state.referenceEpoch).arg(m_names.value(0))
                                : tr("Distances between the runs' diagrams"));
    double top = 0.0, first = 0.0, last = 1.0;
    bool infinite = false;
    for (int pair = 0; pair < pairCount(); ++pair) {
        QCPGraph *graph = m_plot->addGraph();
        graph->setName(pairName(pair));
        const QColor colour = pairCount() == 1 ? style::dimensionColor(dim) : style::categoryColor(pair);
        graph->setPen(QPen(colour, 2));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colour, Qt::white, 6));
        for (const EpochDistances &e : m_series[size_t(pair)]) {
            first = std::min(first, double(e.epoch));
            last = std::max(last, double(e.epoch));
            const double v = value(pair, e.epoch, dim, m_state.wasserstein);
            // Infinite (different numbers of classes that never die): a gap.
            if (std::isfinite(v)) {
                graph->addData(e.epoch, v);
                top = std::max(top, v);
            } else {
                graph->addData(e.epoch, std::numeric_limits<double>::quiet_NaN());
                infinite = true;
            }
        }
    }
    m_plot->legend->setVisible(pairCount() > 0);
    m_plot->xAxis->setRange(first - 0.2, last + 0.2);
    m_plot->yAxis->setRange(0.0, top > 0.0 ? top * 1.1 : 1.0);
    style::showEmptyNote(m_plot, !problem.isEmpty() ? problem
                                 : infinite         ? tr("gaps: infinite distance (unlike numbers of classes that never die)")
                                                    : QString());
    style::moveEpochMarker(m_marker, problem.isEmpty() ? shownEpoch(m_state) : -1);
    fillTable();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void RunDistancesView::fillTable()
{
    const int epoch = shownEpoch(m_state);
    QStringList headers;
    for (int d = 0; d <= m_maxDim; ++d)
        headers << tr("%1 bottleneck").arg(style::homologyName(d)) << tr("%1 1-Wasserstein").arg(style::homologyName(d));
    m_table->clear();
    m_table->setRowCount(0);
    m_table->setColumnCount(int(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setRowCount(pairCount());
    // Rows named by the run measured; the heading says against what.
    QStringList rows;
    for (int pair = 0; pair < pairCount(); ++pair) {
        rows << (m_state.comparesEpochs() ? tr("epoch %1").arg(epoch) : m_names.value(pair + 1));
        for (int d = 0; d <= m_maxDim; ++d)
            for (int w = 0; w < 2; ++w)
                m_table->setItem(pair, 2 * d + w, new QTableWidgetItem(formatDistance(value(pair, epoch, d, w == 1))));
    }
    m_heading->setText(pairCount() == 0 ? QString()
                       : m_state.comparesEpochs()
                           ? tr("Distances at epoch %1 to epoch %2:").arg(epoch).arg(m_state.referenceEpoch)
                           : tr("Distances at epoch %1 to %2:").arg(epoch).arg(m_names.value(0)));
    m_heading->setVisible(pairCount() > 0);
    m_table->setVerticalHeaderLabels(rows);
    m_table->setVisible(pairCount() > 0);
}

} // namespace netbetti
