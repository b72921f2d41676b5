#include "plots/ContinuityView.h"

#include "plots/PlotStyle.h"
#include "plots/RunNames.h"
#include "run/RunModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <cmath>
#include <qcustomplot.h>

namespace netbetti {

ContinuityView::ContinuityView(RunModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_distance(new QComboBox(this)), m_plot(new QCustomPlot(this))
{
    m_distance->addItem(tr("Bottleneck"));
    m_distance->addItem(tr("1-Wasserstein"));
    m_distance->setToolTip(tr("Distance between the diagrams of consecutive analysed epochs (hera; "
                              "L∞ ground metric, Wasserstein to 0.1% relative error)"));
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 0);
    bar->addWidget(new QLabel(tr("Distance to the previous epoch:"), this));
    bar->addWidget(m_distance);
    bar->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_plot, 1);

    style::setUpPlot(m_plot);
    m_plot->xAxis->setLabel(tr("epoch"));
    style::useEpochTicks(m_plot->xAxis);
    style::addTitle(m_plot, tr("Continuity"));
    style::addLegendRow(m_plot, 1);
    m_current = style::addEpochMarker(m_plot);

    connect(m_distance, &QComboBox::currentIndexChanged, this, &ContinuityView::rebuild);
    connect(model, &RunModel::runReset, this, &ContinuityView::rebuild);
    connect(model, &RunModel::epochAdded, this, &ContinuityView::rebuild);
    connect(model, &RunModel::recordUpdated, this, &ContinuityView::rebuild);
    connect(model, &RunModel::currentEpochChanged, this, &ContinuityView::markCurrentEpoch);
    rebuild();
}

ContinuityView::Options ContinuityView::options() const
{
    return {distance()};
}

void ContinuityView::setOptions(const Options &options)
{
    const QSignalBlocker blocker(m_distance);
    m_distance->setCurrentIndex(options.distance == Distance::Bottleneck ? 0 : 1);
    rebuild();
}

QCustomPlot *ContinuityView::plot() const
{
    return m_plot;
}

QComboBox *ContinuityView::distanceBox() const
{
    return m_distance;
}

ContinuityView::Distance ContinuityView::distance() const
{
    return m_distance->currentIndex() == 0 ? Distance::Bottleneck : Distance::Wasserstein;
}

int ContinuityView::pointCount(int dim) const
{
    return dim < m_plot->graphCount() ? m_plot->graph(dim)->dataCount() : 0;
}

void ContinuityView::rebuild()
{
    const int maxDim = m_model->hasRun() ? m_model->maxDim() : 1;
    const bool bottleneck = distance() == Distance::Bottleneck;
    m_plot->clearGraphs();
    double top = 0.0, lastEpoch = 1.0;
    for (int dim = 0; dim <= maxDim; ++dim) {
        QCPGraph *graph = m_plot->addGraph();
        graph->setName(style::homologyName(dim));
        graph->setPen(QPen(style::dimensionColor(dim), 2));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
        for (const EpochRecord &e : m_model->epochs()) {
            lastEpoch = std::max(lastEpoch, double(e.epoch));
            const auto &values = bottleneck ? e.bottleneckToPrevious : e.wassersteinToPrevious;
            // Infinite (different numbers of essential classes) is left out.
            if (size_t(dim) < values.size() && std::isfinite(values[size_t(dim)])) {
                graph->addData(e.epoch, values[size_t(dim)]);
                top = std::max(top, values[size_t(dim)]);
            }
        }
    }
    if (bottleneck) {
        // Stability: no bottleneck distance above may exceed the sup-distance
        // of the two epochs' metrics. Homology that moved less than the bound
        // moved less than the metric allows.
        QCPGraph *bound = m_plot->addGraph();
        bound->setName(tr("bound: max |Δd|"));
        bound->setPen(QPen(QColor(90, 90, 90), 1.5, Qt::DashLine));
        bound->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssPlus, 5));
        for (const EpochRecord &e : m_model->epochs())
            if (e.linfToPrevious) {
                bound->addData(e.epoch, *e.linfToPrevious);
                top = std::max(top, *e.linfToPrevious);
            }
    }
    m_plot->yAxis->setLabel(bottleneck ? tr("bottleneck distance") : tr("1-Wasserstein distance"));
    m_plot->xAxis->setRange(-0.2, lastEpoch + 0.2);
    m_plot->yAxis->setRange(0.0, top > 0.0 ? top * 1.1 : 1.0);
    style::setTitle(m_plot, m_model->hasRun() ? tr("Continuity — %1").arg(runTitle(m_model->spec())) : tr("Continuity"));
    style::showEmptyNote(m_plot, m_model->epochs().size() < 2 ? tr("no two epochs yet") : QString());
    markCurrentEpoch();
}

void ContinuityView::markCurrentEpoch()
{
    style::moveEpochMarker(m_current, m_model->currentEpoch());
}

} // namespace netbetti
