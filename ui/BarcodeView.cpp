#include "BarcodeView.h"

#include "PlotStyle.h"
#include "RunModel.h"

#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace netbetti {

namespace {
constexpr double kGroupGap = 3.0; // empty rows between dimensions
}

BarcodeView::BarcodeView(RunModel *model, QWidget *parent) : QWidget(parent), m_model(model), m_plot(new QCustomPlot(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    style::setUpPlot(m_plot);
    style::addTitle(m_plot, tr("Barcode"));
    m_plot->xAxis->setLabel(tr("ε"));
    m_plot->yAxis->setTicks(true);
    m_plot->yAxis->grid()->setVisible(false);
    m_plot->setMouseTracking(true);
    connect(m_plot, &QCustomPlot::mouseMove, this, &BarcodeView::showTooltip);
    connect(model, &RunModel::runReset, this, &BarcodeView::redraw);
    connect(model, &RunModel::currentEpochChanged, this, &BarcodeView::redraw);
    connect(model, &RunModel::scaleChanged, this, &BarcodeView::redraw);
    setMinimumSize(360, 260);
    redraw();
}

QCustomPlot *BarcodeView::plot() const
{
    return m_plot;
}

int BarcodeView::shownEpoch() const
{
    return m_epoch;
}

int BarcodeView::shownBarCount(int dim) const
{
    return dim >= 0 && dim < int(m_rows.size()) ? int(m_rows[size_t(dim)].size()) : 0;
}

void BarcodeView::redraw()
{
    m_plot->clearItems();
    m_plot->clearPlottables();
    m_rows.clear();
    m_rowOffset.clear();
    const PersistenceDiagram *diagram = m_model->diagram(m_model->currentEpoch());
    m_epoch = diagram ? m_model->currentEpoch() : -1;
    style::setTitle(m_plot, diagram ? tr("Barcode — epoch %1").arg(m_epoch) : tr("Barcode — no epoch yet"));
    if (!diagram) {
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }

    const double right = m_model->scaleRange() * 1.05;
    const double edge = diagram->threshold ? *diagram->threshold : right;
    m_plot->xAxis->setRange(0.0, right);
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    double y = 0.0;
    int zeroLength = 0;
    // H0 at the top: y grows downwards through the groups.
    for (int dim = 0; dim <= diagram->maxDim; ++dim) {
        std::vector<PersistenceBar> bars;
        for (const auto &b : diagram->bars)
            if (b.dim == dim) {
                if (b.death > b.birth)
                    bars.push_back(b);
                else
                    ++zeroLength;
            }
        std::sort(bars.begin(), bars.end(), [](const PersistenceBar &a, const PersistenceBar &b) {
            return a.birth != b.birth ? a.birth < b.birth : a.death > b.death;
        });
        m_rowOffset.push_back(y);
        const QColor color = style::dimensionColor(dim);
        // One curve of disconnected segments (NaN breaks the line) per
        // dimension: one plottable, fast even for a thousand bars.
        QVector<double> xs, ys;
        const double nan = std::numeric_limits<double>::quiet_NaN();
        for (size_t i = 0; i < bars.size(); ++i) {
            const double row = y + double(i);
            const double end = bars[i].isInfinite() ? edge : bars[i].death;
            xs << bars[i].birth << end << end;
            ys << row << row << nan;
            if (bars[i].isInfinite()) {
                auto *arrow = new QCPItemLine(m_plot);
                arrow->setPen(QPen(color, 1.5));
                arrow->setHead(QCPLineEnding::esSpikeArrow);
                arrow->start->setCoords(end - right * 0.03, row);
                arrow->end->setCoords(end, row);
            }
        }
        auto *curve = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
        curve->setPen(QPen(color, bars.size() > 150 ? 1.0 : 2.5));
        curve->setData(xs, ys);
        const double centre = y + std::max(0.0, double(bars.size()) - 1.0) / 2.0;
        ticker->addTick(centre, QStringLiteral("%1\n%2 bars").arg(style::homologyName(dim)).arg(bars.size()));
        y += double(bars.size()) + kGroupGap;
        m_rows.push_back(std::move(bars));
    }
    m_plot->yAxis->setTicker(ticker);
    m_plot->yAxis->setRange(-1.0, std::max(1.0, y - kGroupGap + 0.5));
    m_plot->yAxis->setRangeReversed(true); // H0 on top

    auto verticalLine = [this](double x, const QPen &pen, const QString &label) {
        auto *line = new QCPItemStraightLine(m_plot);
        line->setPen(pen);
        line->point1->setCoords(x, 0);
        line->point2->setCoords(x, 1);
        if (!label.isEmpty()) {
            auto *text = new QCPItemText(m_plot);
            text->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
            text->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
            text->position->setCoords(x, 0.0);
            text->setText(label);
            text->setColor(pen.color());
            text->setPadding(QMargins(3, 2, 3, 2));
        }
    };
    if (diagram->threshold)
        verticalLine(*diagram->threshold, QPen(Qt::black, 1, Qt::DashLine), tr("threshold"));
    verticalLine(m_model->scale(), QPen(QColor(0x77, 0x77, 0x77), 1, Qt::DotLine), tr("ε = %1").arg(m_model->scale(), 0, 'g', 3));
    if (zeroLength > 0) {
        auto *note = new QCPItemText(m_plot);
        note->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
        note->position->setType(QCPItemPosition::ptAxisRectRatio);
        note->position->setCoords(0.99, 0.99);
        note->setText(tr("%1 bars of length zero not drawn").arg(zeroLength));
        note->setColor(Qt::darkGray);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void BarcodeView::showTooltip(QMouseEvent *event)
{
    const double y = m_plot->yAxis->pixelToCoord(event->pos().y());
    for (size_t dim = 0; dim < m_rows.size(); ++dim) {
        const long index = std::lround(y - m_rowOffset[dim]);
        if (index < 0 || index >= long(m_rows[dim].size()))
            continue;
        const PersistenceBar &b = m_rows[dim][size_t(index)];
        const QString death = b.isInfinite() ? (m_model->diagram(m_epoch) && m_model->diagram(m_epoch)->threshold
                                                    ? tr("alive at the threshold")
                                                    : tr("never dies"))
                                             : tr("death %1, persistence %2").arg(b.death, 0, 'f', 4).arg(b.persistence(), 0, 'f', 4);
        QToolTip::showText(event->globalPosition().toPoint(),
                           tr("%1 bar: birth %2, %3").arg(style::homologyName(int(dim))).arg(b.birth, 0, 'f', 4).arg(death), m_plot);
        return;
    }
    QToolTip::hideText();
}

} // namespace netbetti
