#include "plots/RunMatrixView.h"

#include "plots/PlotStyle.h"

#include <QToolTip>
#include <QVBoxLayout>
#include <cmath>
#include <limits>
#include <qcustomplot.h>

namespace netbetti {

namespace {

constexpr int kMostValuesWritten = 12; // more runs: the cells are too small to read

QString formatDistance(double value)
{
    return std::isinf(value) ? QStringLiteral("∞") : QString::number(value, 'g', 3);
}

} // namespace

RunMatrixView::RunMatrixView(QWidget *parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    style::setUpPlot(m_plot);
    style::addTitle(m_plot, tr("Distances between runs"));
    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    QCPColorScale *scale = style::addColorScale(m_plot, 1, 1);
    m_map->setColorScale(scale);
    m_map->setGradient(style::perceptualGradient());
    m_map->setInterpolate(false);
    m_plot->yAxis->setRangeReversed(true); // the first run at the top left, as a matrix is read
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->grid()->setVisible(false);
        axis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
        axis->setSubTicks(false);
    }
    m_plot->xAxis->setTickLabelRotation(-25);
    m_plot->setMouseTracking(true);
    connect(m_plot, &QCustomPlot::mouseMove, this, &RunMatrixView::showTooltip);
    redraw();
}

QSize RunMatrixView::minimumSizeHint() const
{
    return {360, 300};
}

void RunMatrixView::setState(const ComparisonState &state)
{
    m_state = state;
    redraw();
}

double RunMatrixView::cellValue(int row, int column) const
{
    const Eigen::Index n = Eigen::Index(m_names.size());
    if (!m_problem.isEmpty() || row < 0 || column < 0 || row >= n || column >= n)
        return std::numeric_limits<double>::quiet_NaN();
    const auto &matrices = m_state.wasserstein ? m_matrix.wasserstein : m_matrix.bottleneck;
    return matrices[size_t(m_dim)](row, column);
}

QString RunMatrixView::cellText(int row, int column) const
{
    const double v = cellValue(row, column);
    if (std::isnan(v))
        return {};
    return tr("%1 — %2: %3 distance in %4 = %5 at epoch %6")
        .arg(m_names[row], m_names[column], distanceName(m_state.wasserstein), style::homologyName(m_dim))
        .arg(std::isinf(v) ? QStringLiteral("∞") : QString::number(v, 'g', 6))
        .arg(m_matrix.epochs(row, column));
}

void RunMatrixView::redraw()
{
    m_plot->clearItems();
    m_problem.clear();
    m_matrix = RunDistanceMatrix();
    m_names.clear();
    if (m_state.comparesEpochs())
        m_problem = tr("The matrix compares runs; two epochs of one run are compared side by side.");
    else if (m_state.runs.size() < 2)
        m_problem = tr("Add two or more runs to see the distances between them.");
    else
        m_problem = whyNotComparable(namedRuns(m_state));
    if (m_problem.isEmpty()) {
        try {
            // What `netbetti-cli compare --matrix [--epoch K]` computes.
            m_matrix = runDistanceMatrix(namedRuns(m_state),
                                         m_state.epoch >= 0 ? std::optional<int>(m_state.epoch) : std::nullopt);
            m_names = comparedNames(m_state);
        } catch (const std::exception &e) {
            m_problem = QString::fromUtf8(e.what());
        }
    }
    const int n = int(m_names.size());
    m_dim = std::clamp(m_state.dim, 0, m_problem.isEmpty() ? m_matrix.maxDim : 0);
    const QString distance = distanceName(m_state.wasserstein);
    // The epoch in the title when every pair is compared at one.
    int epoch = n > 0 ? m_matrix.epochs(0, n - 1) : -1;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            if (m_matrix.epochs(i, j) != epoch)
                epoch = -1;
    // The colour scale says which distance and dimension; the title when.
    style::setTitle(m_plot, !m_problem.isEmpty() ? tr("Distances between runs")
                            : epoch >= 0        ? tr("Distances at epoch %1").arg(epoch)
                                                : tr("Distances at each pair's last common epoch"));
    style::showEmptyNote(m_plot, m_problem);

    const int cells = std::max(n, 1);
    m_map->data()->setSize(cells, cells);
    m_map->data()->setRange(QCPRange(0, cells - 1), QCPRange(0, cells - 1));
    m_map->data()->fill(std::numeric_limits<double>::quiet_NaN());
    double high = 0.0;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            const double v = cellValue(i, j);
            if (std::isfinite(v))
                high = std::max(high, v);
        }
    const double range = high > 0.0 ? high : 1.0;
    const bool writeValues = n <= kMostValuesWritten;
    QFont small = m_plot->font();
    small.setPointSizeF(n <= 6 ? 9.0 : 7.5);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            const double v = cellValue(i, j);
            // Infinite (unlike numbers of classes that never die): blank, and said.
            m_map->data()->setCell(j, i, std::isfinite(v) ? v : std::numeric_limits<double>::quiet_NaN());
            if (!writeValues)
                continue;
            auto *text = new QCPItemText(m_plot);
            text->position->setCoords(j, i);
            text->setText(formatDistance(v));
            text->setFont(small);
            // Dark text on the light end of viridis, light on the dark end.
            text->setColor(std::isfinite(v) && v / range > 0.6 ? Qt::black : Qt::white);
            if (!std::isfinite(v))
                text->setColor(Qt::black);
            text->setSelectable(false);
        }
    m_map->setDataRange(QCPRange(0.0, range));
    m_map->colorScale()->axis()->setLabel(tr("%1 distance, %2").arg(distance, style::homologyName(m_dim)));
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis}) {
        auto ticker = qSharedPointerCast<QCPAxisTickerText>(axis->ticker());
        ticker->clear();
        for (int i = 0; i < n; ++i)
            ticker->addTick(i, m_names[i]);
        axis->setRange(-0.5, cells - 0.5);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void RunMatrixView::showTooltip(QMouseEvent *event)
{
    const int column = int(std::lround(m_plot->xAxis->pixelToCoord(event->position().x())));
    const int row = int(std::lround(m_plot->yAxis->pixelToCoord(event->position().y())));
    const QString text = m_plot->axisRect()->rect().contains(event->position().toPoint()) ? cellText(row, column) : QString();
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
}

} // namespace netbetti
