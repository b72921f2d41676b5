#include "plots/DiagramView.h"

#include "plots/PlotStyle.h"
#include "plots/RunNames.h"
#include "run/CycleSelection.h"
#include "run/RunModel.h"

#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace netbetti {

namespace {

constexpr double kPickRadius = 8.0; // pixels

QString number(double value)
{
    return QString::number(value, 'f', 4);
}

/// A scatter whose points may stick out of the axis rect by their radius:
/// points at birth 0 sit on the left edge and the ∞ row on the top edge,
/// and should show whole, not halved.
class UnclippedScatter : public QCPGraph
{
public:
    using QCPGraph::QCPGraph;

protected:
    QRect clipRect() const override { return QCPGraph::clipRect().adjusted(-6, -6, 6, 6); }
};

} // namespace

DiagramView::DiagramView(RunModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_plot(new QCustomPlot(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    style::setUpPlot(m_plot);
    style::addTitle(m_plot, tr("Persistence diagram"));
    m_plot->xAxis->setLabel(tr("birth"));
    m_plot->yAxis->setLabel(tr("death"));

    // The legend goes where no point can be: below the diagonal.
    QFont small = m_plot->font();
    small.setPointSizeF(8.0);
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(small);
    m_plot->legend->setIconSize(10, 10);
    m_plot->legend->setRowSpacing(0);
    m_plot->legend->setBorderPen(QPen(QColor(0xbb, 0xbb, 0xbb)));
    m_plot->legend->setBrush(QColor(255, 255, 255, 220));
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignRight | Qt::AlignBottom);

    m_diagonal = new QCPItemStraightLine(m_plot);
    m_diagonal->setLayer(QStringLiteral("grid")); // under the points
    m_diagonal->setPen(QPen(QColor(0x99, 0x99, 0x99), 1.0));
    m_diagonal->point1->setCoords(0.0, 0.0);
    m_diagonal->point2->setCoords(1.0, 1.0);
    m_infinityLine = new QCPItemStraightLine(m_plot);
    m_infinityLine->setLayer(QStringLiteral("grid"));
    m_infinityLine->setPen(QPen(QColor(0x77, 0x77, 0x77), 1.0, Qt::DashLine));
    m_infinityLabel = new QCPItemText(m_plot);
    m_infinityLabel->setLayer(QStringLiteral("grid"));
    m_infinityLabel->setColor(QColor(0x33, 0x33, 0x33));
    m_infinityLabel->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_infinityLabel->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    m_infinityLabel->setPadding(QMargins(2, 4, 2, 0));

    m_plot->setMouseTracking(true);
    connect(m_plot, &QCustomPlot::mouseMove, this,
            [this](QMouseEvent *event) { style::showTooltip(m_plot, event, describeAt(event->position())); });
    connect(m_plot, &QCustomPlot::mousePress, this,
            [this](QMouseEvent *event) { m_model->setSelectedClass(barAt(event->position())); });
    connect(model, &RunModel::selectionChanged, this, &DiagramView::redraw);
    connect(model, &RunModel::runReset, this, &DiagramView::redraw);
    connect(model, &RunModel::currentEpochChanged, this, &DiagramView::redraw);
    connect(model, &RunModel::selectedTrackChanged, this, &DiagramView::redraw);
    // A new epoch can widen the common axes while an older one is shown.
    connect(model, &RunModel::epochAdded, this, [this] {
        if (m_epoch >= 0 && m_model->scaleRange() * 1.05 != m_top)
            redraw();
    });
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

QSize DiagramView::minimumSizeHint() const
{
    return QSize(300, 200);
}

QPointF DiagramView::position(const PersistenceBar &bar) const
{
    return QPointF(bar.birth, bar.isInfinite() ? m_top : bar.death);
}

void DiagramView::redraw()
{
    m_plot->clearGraphs();
    m_shown.clear();
    m_counts.clear();
    const int current = m_model->currentEpoch();
    const PersistenceDiagram *diagram = m_model->diagram(current);
    m_epoch = diagram ? current : -1;
    style::setTitle(m_plot, diagram ? tr("Persistence diagram — %1, epoch %2").arg(runTitle(m_model->spec())).arg(m_epoch)
                                    : tr("Persistence diagram"));
    style::showEmptyNote(m_plot, diagram ? QString() : tr("no epoch yet"));
    // One fixed square of axes for every epoch: scrubbing does not jump.
    // Finite values reach at most scaleRange, so the top edge (5 % above
    // it) is free for the row of classes that do not die.
    m_top = m_model->scaleRange() * 1.05;
    m_plot->xAxis->setRange(0.0, m_top);
    m_plot->yAxis->setRange(0.0, m_top);
    m_atThreshold = diagram && diagram->threshold;
    m_infinityLine->point1->setCoords(0.0, m_top);
    m_infinityLine->point2->setCoords(1.0, m_top);
    m_infinityLabel->position->setCoords(0.015, m_top);
    m_infinityLabel->setText(m_atThreshold ? tr("alive at threshold") : QStringLiteral("∞"));
    QFont labelFont = m_plot->font();
    labelFont.setPointSizeF(m_atThreshold ? 8.5 : 12.0); // a lone ∞ needs to be larger to read
    m_infinityLabel->setFont(labelFont);

    int topDim = diagram ? diagram->maxDim : m_model->maxDim();
    if (diagram)
        for (const auto &b : diagram->bars)
            topDim = std::max(topDim, b.dim);
    for (int dim = 0; dim <= topDim; ++dim) {
        QVector<double> births, deaths;
        if (diagram)
            for (const auto &b : diagram->bars)
                if (b.dim == dim && b.death > b.birth) {
                    const QPointF p = position(b);
                    births << p.x();
                    deaths << p.y();
                    m_shown.push_back(b);
                }
        auto *graph = new UnclippedScatter(m_plot->xAxis, m_plot->yAxis);
        graph->setName(style::homologyName(dim));
        graph->setLineStyle(QCPGraph::lsNone);
        QColor fill = style::dimensionColor(dim);
        fill.setAlpha(170); // piles of points (H0 at birth 0) show as darker
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, style::dimensionColor(dim), fill, 7.0));
        graph->setData(births, deaths); // the graph sorts by birth itself
        // Adaptive sampling would thin the column of H0 points at birth 0
        // and drop the point on the top edge; a few thousand points draw fast.
        graph->setAdaptiveSampling(false);
        graph->setSelectable(QCP::stNone);
        m_counts.push_back(int(births.size()));
    }
    // A dark ring around a selected point: the selected track's bar in
    // this epoch, and the selected class.
    auto ringAround = [&](const PersistenceBar &bar, const QPen &pen, double size, const QString &name) {
        const QPointF p = position(bar);
        auto *ring = new UnclippedScatter(m_plot->xAxis, m_plot->yAxis);
        ring->setObjectName(name);
        ring->setLineStyle(QCPGraph::lsNone);
        ring->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, pen, Qt::NoBrush, size));
        ring->setData({p.x()}, {p.y()});
        ring->removeFromLegend();
        ring->setSelectable(QCP::stNone);
    };
    m_selected.reset();
    const int selected = diagram ? m_model->selectedBar(m_epoch) : -1;
    if (selected >= 0 && selected < int(diagram->bars.size()) && diagram->bars[size_t(selected)].death >
                                                                     diagram->bars[size_t(selected)].birth) {
        m_selected = diagram->bars[size_t(selected)];
        ringAround(*m_selected, QPen(Qt::black, 2.0), 14.0, QString());
    }
    if (const auto &selectedClass = m_model->selectedClass();
        selectedClass && std::find(m_shown.begin(), m_shown.end(), *selectedClass) != m_shown.end())
        ringAround(*selectedClass, QPen(QColor(0x10, 0x10, 0x10), 2.5), 15.0, QStringLiteral("selectedPoint"));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

std::optional<PersistenceBar> DiagramView::barAt(const QPointF &pixel) const
{
    QPointF at;
    const PersistenceBar *bar = nearest(pixel, &at);
    return bar ? std::optional<PersistenceBar>(*bar) : std::nullopt;
}

const PersistenceBar *DiagramView::nearest(const QPointF &pixel, QPointF *bestPixel) const
{
    const PersistenceBar *best = nullptr;
    double bestDistance = kPickRadius;
    for (const auto &b : m_shown) {
        const QPointF p = position(b);
        const QPointF px(m_plot->xAxis->coordToPixel(p.x()), m_plot->yAxis->coordToPixel(p.y()));
        const double distance = std::hypot(px.x() - pixel.x(), px.y() - pixel.y());
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = &b;
            *bestPixel = px;
        }
    }
    return best;
}

QString DiagramView::describeAt(const QPointF &pixel) const
{
    QPointF bestPixel;
    const PersistenceBar *best = nearest(pixel, &bestPixel);
    if (!best)
        return QString();
    // Points drawn on top of one another (H0 classes born at 0 that die
    // together) are one dot: say how many it stands for.
    int same = 0;
    for (const auto &b : m_shown) {
        const QPointF p = position(b);
        same += b.dim == best->dim && std::abs(m_plot->xAxis->coordToPixel(p.x()) - bestPixel.x()) < 1.0 &&
                std::abs(m_plot->yAxis->coordToPixel(p.y()) - bestPixel.y()) < 1.0;
    }
    const QString name = style::homologyName(best->dim);
    QString text = best->isInfinite()
                       ? tr("%1: birth %2, %3").arg(name, number(best->birth), m_atThreshold ? tr("alive at threshold") : tr("never dies"))
                       : tr("%1: birth %2, death %3, persistence %4")
                             .arg(name, number(best->birth), number(best->death), number(best->persistence()));
    if (same > 1)
        text += tr(" (%1 points here)").arg(same);
    if (const QString cycle = cycleTooltip(*m_model, m_epoch, *best); !cycle.isEmpty())
        text += QLatin1Char('\n') + cycle;
    return text;
}


} // namespace netbetti
