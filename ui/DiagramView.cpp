#include "DiagramView.h"

#include "PlotStyle.h"
#include "RunModel.h"

#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace netbetti {

DiagramView::DiagramView(RunModel *model, QWidget *parent) : QWidget(parent), m_model(model), m_plot(new QCustomPlot(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    style::setUpPlot(m_plot);
    style::addTitle(m_plot, tr("Persistence diagram"));
    m_plot->xAxis->setLabel(tr("birth"));
    m_plot->yAxis->setLabel(tr("death"));
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignRight | Qt::AlignBottom);
    m_plot->setMouseTracking(true);
    connect(m_plot, &QCustomPlot::mouseMove, this, &DiagramView::showTooltip);
    connect(model, &RunModel::runReset, this, &DiagramView::redraw);
    connect(model, &RunModel::currentEpochChanged, this, &DiagramView::redraw);
    setMinimumSize(300, 260);
    redraw();
}

QCustomPlot *DiagramView::plot() const
{
    return m_plot;
}

int DiagramView::shownEpoch() const
{
    return m_epoch;
}

int DiagramView::shownPointCount(int dim) const
{
    return dim >= 0 && dim < int(m_counts.size()) ? m_counts[size_t(dim)] : 0;
}

void DiagramView::redraw()
{
    m_plot->clearItems();
    m_plot->clearGraphs();
    m_counts.clear();
    const PersistenceDiagram *diagram = m_model->diagram(m_model->currentEpoch());
    m_epoch = diagram ? m_model->currentEpoch() : -1;
    style::setTitle(m_plot, diagram ? tr("Persistence diagram — epoch %1").arg(m_epoch) : tr("Persistence diagram — no epoch yet"));
    const double range = m_model->scaleRange() * 1.05;
    const double top = range * 1.08; // the row of classes that do not die
    m_plot->xAxis->setRange(0.0, range);
    m_plot->yAxis->setRange(0.0, top * 1.04);

    auto *diagonal = new QCPItemStraightLine(m_plot);
    diagonal->setPen(QPen(Qt::gray, 1));
    diagonal->point1->setCoords(0, 0);
    diagonal->point2->setCoords(1, 1);
    auto *infinity = new QCPItemStraightLine(m_plot);
    infinity->setPen(QPen(Qt::gray, 1, Qt::DashLine));
    infinity->point1->setCoords(0, top);
    infinity->point2->setCoords(1, top);
    auto *label = new QCPItemText(m_plot);
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    label->position->setCoords(range * 0.01, top);
    label->setText(diagram && diagram->threshold ? tr("alive at threshold") : tr("∞"));
    label->setColor(Qt::darkGray);

    if (diagram) {
        for (int dim = 0; dim <= diagram->maxDim; ++dim) {
            QVector<double> births, deaths;
            for (const auto &b : diagram->bars)
                if (b.dim == dim && b.death > b.birth) {
                    births << b.birth;
                    deaths << (b.isInfinite() ? top : b.death);
                }
            auto *graph = m_plot->addGraph();
            graph->setName(style::homologyName(dim));
            graph->setLineStyle(QCPGraph::lsNone);
            graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, style::dimensionColor(dim), 6));
            graph->setData(births, deaths);
            m_counts.push_back(int(births.size()));
        }
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void DiagramView::showTooltip(QMouseEvent *event)
{
    const PersistenceDiagram *diagram = m_model->diagram(m_epoch);
    if (!diagram)
        return;
    const double top = m_model->scaleRange() * 1.05 * 1.08;
    const PersistenceBar *best = nullptr;
    double bestDistance = 8.0; // pixels
    for (const auto &b : diagram->bars) {
        if (b.death <= b.birth)
            continue;
        const double px = m_plot->xAxis->coordToPixel(b.birth), py = m_plot->yAxis->coordToPixel(b.isInfinite() ? top : b.death);
        const double distance = std::hypot(px - event->pos().x(), py - event->pos().y());
        if (distance < bestDistance) {
            bestDistance = distance;
            best = &b;
        }
    }
    if (!best) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(event->globalPosition().toPoint(),
                       best->isInfinite()
                           ? tr("%1: birth %2, does not die").arg(style::homologyName(best->dim)).arg(best->birth, 0, 'f', 4)
                           : tr("%1: birth %2, death %3, persistence %4")
                                 .arg(style::homologyName(best->dim))
                                 .arg(best->birth, 0, 'f', 4)
                                 .arg(best->death, 0, 'f', 4)
                                 .arg(best->persistence(), 0, 'f', 4),
                       m_plot);
}

} // namespace netbetti
