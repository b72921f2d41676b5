#include "plots/BettiView.h"

#include "plots/PlotStyle.h"
#include "run/RunModel.h"
#include "window/Settings.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace netbetti {

namespace {

constexpr int kSliderSteps = 1000;
constexpr int kScaleSamples = 200;
constexpr int kMaxShownDim = 3; // graphs made once; the run's maxDim shows some

/// ε of row r of the picture: kScaleSamples values from 0 to range inclusive.
double sampleScale(int r, double range)
{
    return range * r / (kScaleSamples - 1);
}

/// β_dim at every sample scale, in one sweep: a bar [b, d) is alive at ε
/// iff b <= ε < d, and b <= d, so β(ε) = #{b <= ε} − #{d <= ε}.
std::vector<int> bettiColumn(const PersistenceDiagram &diagram, int dim, double range)
{
    std::vector<double> births, deaths;
    for (const PersistenceBar &bar : diagram.bars)
        if (bar.dim == dim) {
            births.push_back(bar.birth);
            deaths.push_back(bar.death);
        }
    std::sort(births.begin(), births.end());
    std::sort(deaths.begin(), deaths.end());
    std::vector<int> column(kScaleSamples);
    for (int r = 0; r < kScaleSamples; ++r) {
        const double eps = sampleScale(r, range);
        column[size_t(r)] = int(std::upper_bound(births.begin(), births.end(), eps) - births.begin())
                            - int(std::upper_bound(deaths.begin(), deaths.end(), eps) - deaths.begin());
    }
    return column;
}

/// Ticks on whole numbers only: Betti numbers and epochs are counts.
void useWholeTicks(QCPAxis *axis)
{
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    axis->setTicker(ticker);
}

/// Overlaid runs: colours apart from the dimension colours of the shown run
/// (black, sky blue, orange, purple), and one line style per dimension.
QColor overlayColour(int overlay)
{
    static const int categories[] = {7, 5, 4, 3};
    return style::categoryColor(categories[overlay % 4]);
}

Qt::PenStyle overlayLineStyle(int dim)
{
    return dim == 1 ? Qt::SolidLine : dim == 2 ? Qt::DashLine : Qt::DotLine;
}

void colourAxis(QCPAxis *axis, const QColor &colour)
{
    axis->setLabelColor(colour);
    axis->setTickLabelColor(colour);
    axis->setBasePen(QPen(colour));
    axis->setTickPen(QPen(colour));
    axis->setSubTickPen(QPen(colour));
}

} // namespace

BettiView::BettiView(RunModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_slider(new QSlider(Qt::Horizontal, this)), m_spin(new QDoubleSpinBox(this)),
      m_surfaceDim(new QComboBox(this)), m_overlayButton(new QToolButton(this)),
      m_clearOverlays(new QToolButton(this)), m_curves(new QCustomPlot(this)), m_surface(new QCustomPlot(this))
{
    m_slider->setRange(0, kSliderSteps);
    m_slider->setToolTip(tr("The scale ε at which the Betti numbers are read"));
    m_spin->setDecimals(3);
    m_spin->setSingleStep(0.01);
    m_spin->setToolTip(m_slider->toolTip());
    m_surfaceDim->setToolTip(tr("The Betti number the epoch × ε picture shows"));
    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("ε"), this));
    controls->addWidget(m_slider, 1);
    controls->addWidget(m_spin);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Picture of"), this));
    controls->addWidget(m_surfaceDim);
    controls->addSpacing(12);
    m_overlayButton->setText(tr("Overlay Run…"));
    m_overlayButton->setToolTip(tr("Show another run's Betti numbers beside this one's, at the same ε: "
                                   "compare architectures on the same data"));
    m_clearOverlays->setText(tr("Clear"));
    m_clearOverlays->setToolTip(tr("Remove the overlaid runs"));
    m_clearOverlays->setEnabled(false);
    controls->addWidget(m_overlayButton);
    controls->addWidget(m_clearOverlays);
    connect(m_overlayButton, &QToolButton::clicked, this, &BettiView::chooseOverlay);
    connect(m_clearOverlays, &QToolButton::clicked, this, &BettiView::clearOverlays);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_curves);
    splitter->addWidget(m_surface);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(controls);
    layout->addWidget(splitter, 1);

    // Betti numbers against epoch. β₀ counts components (hundreds at small
    // ε) and would flatten β₁ and β₂ to the floor: it gets the right axis.
    style::setUpPlot(m_curves);
    m_curves->xAxis->setLabel(tr("epoch"));
    style::useEpochTicks(m_curves->xAxis);
    m_curves->yAxis->setLabel(tr("β₁, β₂"));
    useWholeTicks(m_curves->yAxis);
    m_curves->yAxis2->setVisible(true);
    m_curves->yAxis2->setTickLabels(true);
    m_curves->yAxis2->setLabel(tr("β₀"));
    useWholeTicks(m_curves->yAxis2);
    colourAxis(m_curves->yAxis2, style::dimensionColor(0));
    for (int dim = 0; dim <= kMaxShownDim; ++dim) {
        QCPGraph *graph = m_curves->addGraph(m_curves->xAxis, dim == 0 ? m_curves->yAxis2 : m_curves->yAxis);
        graph->setName(dim == 0 ? tr("β₀ (right axis)") : style::bettiName(dim));
        graph->setPen(QPen(style::dimensionColor(dim), 2));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, style::dimensionColor(dim), Qt::white, 6));
    }
    m_curves->xAxis->grid()->setZeroLinePen(Qt::NoPen); // epoch 0 is no special line
    // The legend in its own row above the axes, where it hides no point,
    // centred by two empty cells that take the spare width.
    m_curves->legend->setVisible(true);
    m_curves->axisRect()->insetLayout()->take(m_curves->legend);
    m_curves->plotLayout()->insertRow(0);
    auto *legendRow = new QCPLayoutGrid;
    m_curves->plotLayout()->addElement(0, 0, legendRow);
    // The scale the curves are read at, on the left of the legend: an
    // exported figure says it without the slider beside it.
    m_curvesScale = new QCPTextElement(m_curves, QString(), QFont(font().family(), 9));
    m_curvesScale->setTextColor(QColor(70, 70, 70));
    m_curvesScale->setTextFlags(Qt::AlignLeft | Qt::AlignVCenter);
    legendRow->addElement(0, 0, m_curvesScale);
    legendRow->addElement(0, 1, m_curves->legend);
    legendRow->addElement(0, 2, new QCPLayoutElement(m_curves));
    legendRow->setColumnStretchFactors({1.0, 0.001, 1.0});
    m_curves->plotLayout()->setRowStretchFactor(0, 0.001);
    m_curves->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_curves->legend->setBorderPen(Qt::NoPen);
    m_curves->legend->setMargins(QMargins(4, 2, 4, 0));
    m_curves->legend->setColumnSpacing(16);
    m_epochLine = new QCPItemStraightLine(m_curves);
    m_epochLine->setPen(QPen(QColor(90, 90, 90), 1, Qt::DashLine));
    m_epochLine->setSelectable(false);

    // The epoch × ε picture of one Betti number.
    style::setUpPlot(m_surface);
    m_surface->xAxis->setLabel(tr("epoch"));
    style::useEpochTicks(m_surface->xAxis);
    m_surface->yAxis->setLabel(tr("ε"));
    m_surface->xAxis->grid()->setVisible(false);
    m_surface->yAxis->grid()->setVisible(false);
    m_map = new QCPColorMap(m_surface->xAxis, m_surface->yAxis);
    auto *scale = new QCPColorScale(m_surface);
    m_surface->plotLayout()->addElement(0, 1, scale);
    scale->setType(QCPAxis::atRight);
    scale->setBarWidth(12);
    // The colour bar's name above it, upright: a rotated "β₁" beside it
    // reads badly.
    m_surface->plotLayout()->insertRow(0);
    m_surface->plotLayout()->setRowStretchFactor(0, 0.001);
    m_scaleHeading = new QCPTextElement(m_surface, QString(), QFont(font().family(), 10));
    m_surface->plotLayout()->addElement(0, 1, m_scaleHeading);
    useWholeTicks(scale->axis());
    m_map->setColorScale(scale);
    m_map->setGradient(style::perceptualGradient());
    m_map->setInterpolate(false);
    auto *group = new QCPMarginGroup(m_surface);
    m_surface->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    scale->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    // The current ε: a white dashed line on a dark halo reads on every colour.
    m_scaleHalo = new QCPItemStraightLine(m_surface);
    m_scaleHalo->setPen(QPen(QColor(0, 0, 0, 150), 3));
    m_scaleLine = new QCPItemStraightLine(m_surface);
    m_scaleLine->setPen(QPen(Qt::white, 1.5, Qt::DashLine));
    for (QCPItemStraightLine *line : {m_scaleHalo, m_scaleLine})
        line->setSelectable(false);

    connect(m_slider, &QSlider::valueChanged, this, [this](int v) {
        if (!m_syncing)
            m_model->setScale(m_model->scaleRange() * v / kSliderSteps);
    });
    connect(m_spin, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        if (!m_syncing)
            m_model->setScale(v);
    });
    connect(m_surfaceDim, &QComboBox::currentIndexChanged, this, &BettiView::updateSurface);
    connect(model, &RunModel::runReset, this, [this] {
        m_built = false;
        fillDimensionBox();
        rebuild();
    });
    connect(model, &RunModel::epochAdded, this, &BettiView::rebuildIfChanged);
    connect(model, &RunModel::scaleChanged, this, [this] {
        syncScaleControls();
        updateCurves();
        updateMarkers();
    });
    connect(model, &RunModel::currentEpochChanged, this, &BettiView::updateMarkers);
    fillDimensionBox();
    rebuild();
}

QCustomPlot *BettiView::curvesPlot() const
{
    return m_curves;
}

QCustomPlot *BettiView::surfacePlot() const
{
    return m_surface;
}

QSlider *BettiView::scaleSlider() const
{
    return m_slider;
}

QDoubleSpinBox *BettiView::scaleSpinBox() const
{
    return m_spin;
}

QComboBox *BettiView::surfaceDimensionBox() const
{
    return m_surfaceDim;
}

std::vector<int> BettiView::curve(int dim) const
{
    return dim >= 0 && dim < int(m_values.size()) ? m_values[size_t(dim)] : std::vector<int>{};
}

QSize BettiView::minimumSizeHint() const
{
    return {360, 320};
}

QSize BettiView::sizeHint() const
{
    return {640, 520};
}

void BettiView::fillDimensionBox()
{
    const int maxDim = std::clamp(m_model->maxDim(), 0, kMaxShownDim);
    const int keep = m_surfaceDim->currentIndex();
    const QSignalBlocker blocker(m_surfaceDim);
    m_surfaceDim->clear();
    for (int dim = 0; dim <= maxDim; ++dim)
        m_surfaceDim->addItem(style::bettiName(dim));
    // β₁ unless the user chose another that this run has.
    m_surfaceDim->setCurrentIndex(keep >= 0 && keep <= maxDim ? keep : std::min(1, maxDim));
}

void BettiView::syncScaleControls()
{
    m_syncing = true;
    const double range = m_model->scaleRange(); // positive by contract
    m_spin->setRange(0.0, range);
    m_spin->setSingleStep(range / 100.0);
    m_spin->setValue(m_model->scale());
    m_slider->setValue(int(std::lround(std::clamp(m_model->scale() / range, 0.0, 1.0) * kSliderSteps)));
    m_syncing = false;
}

void BettiView::rebuildIfChanged()
{
    // Opening a folder announces every epoch at once, after all of them are
    // in the model: build once, not once per epoch.
    if (!m_built || m_model->analysedEpochs() != m_builtEpochs)
        rebuild();
}

void BettiView::rebuild()
{
    m_builtEpochs = m_model->analysedEpochs();
    m_built = true;
    syncScaleControls();
    const int maxDim = m_model->maxDim();
    for (int dim = 0; dim <= kMaxShownDim; ++dim) {
        QCPGraph *graph = m_curves->graph(dim);
        graph->setVisible(dim <= maxDim);
        if (dim <= maxDim)
            graph->addToLegend();
        else
            graph->removeFromLegend();
    }
    m_curves->yAxis->setLabel(maxDim >= 2 ? tr("β₁, β₂") : tr("β₁"));
    const double first = m_builtEpochs.empty() ? 0.0 : m_builtEpochs.front();
    const double last = m_builtEpochs.empty() ? 0.0 : m_builtEpochs.back();
    nameCurrentRun();
    m_surface->xAxis->setRange(first - 0.5, last + 0.5);
    // The curves' axis also spans the overlaid runs' epochs.
    double firstCurve = first, lastCurve = last;
    for (const Overlay &o : m_overlays)
        if (!o.run.diagrams.empty()) {
            firstCurve = std::min(firstCurve, double(o.run.diagrams.begin()->first));
            lastCurve = std::max(lastCurve, double(o.run.diagrams.rbegin()->first));
        }
    m_curves->xAxis->setRange(firstCurve - 0.5, lastCurve + 0.5);
    updateCurves();
    updateSurface();
}

void BettiView::updateCurves()
{
    const double eps = m_model->scale();
    m_curvesScale->setText(tr("at ε = %1").arg(eps, 0, 'g', 4));
    const int maxDim = std::clamp(m_model->maxDim(), 0, kMaxShownDim);
    m_values.assign(size_t(maxDim + 1), {});
    int highest = 1, highest0 = 1;
    for (int dim = 0; dim <= maxDim; ++dim) {
        QVector<double> xs, ys;
        for (int epoch : m_builtEpochs) {
            const PersistenceDiagram *diagram = m_model->diagram(epoch);
            const int betti = diagram ? diagram->bettiAt(dim, eps) : 0;
            m_values[size_t(dim)].push_back(betti);
            xs << epoch;
            ys << betti;
            int &top = dim == 0 ? highest0 : highest;
            top = std::max(top, betti);
        }
        m_curves->graph(dim)->setData(xs, ys, true);
    }
    for (Overlay &o : m_overlays) {
        o.values.assign(o.graphs.size(), {});
        for (size_t k = 0; k < o.graphs.size(); ++k) {
            QVector<double> xs, ys;
            for (const auto &[epoch, diagram] : o.run.diagrams) {
                const int betti = diagram.bettiAt(int(k) + 1, eps);
                o.values[k].push_back(betti);
                xs << epoch;
                ys << betti;
                highest = std::max(highest, betti);
            }
            o.graphs[k]->setData(xs, ys, true);
        }
    }
    // A little room below 0 so that markers at 0 are not cut by the axis.
    m_curves->yAxis->setRange(-0.04 * highest - 0.05, highest * 1.15 + 0.3);
    m_curves->yAxis2->setRange(-0.04 * highest0 - 0.05, highest0 * 1.1 + 0.3);
    m_curves->replot(QCustomPlot::rpQueuedReplot);
}

void BettiView::updateSurface()
{
    const int dim = std::max(0, m_surfaceDim->currentIndex());
    const double range = m_model->scaleRange();
    const std::vector<int> &epochs = m_builtEpochs;
    const int first = epochs.empty() ? 0 : epochs.front();
    const int columns = epochs.empty() ? 1 : epochs.back() - first + 1;
    // QCustomPlot centres cells on the data range's ends: a single column
    // would be drawn zero pixels wide, so it is drawn as two equal halves.
    const int cells = std::max(columns, 2);
    m_map->data()->setSize(cells, kScaleSamples);
    m_map->data()->setRange(columns > 1 ? QCPRange(first, first + columns - 1) : QCPRange(first - 0.25, first + 0.25),
                            QCPRange(0.0, range));
    m_map->data()->fill(0.0);
    // Epochs without a diagram (analysis "every" > 1) show the analysed one before them.
    size_t next = 0;
    std::vector<int> column;
    int highest = 1;
    for (int c = 0; c < columns; ++c) {
        bool changed = false;
        while (next < epochs.size() && epochs[next] <= first + c) {
            column = bettiColumn(*m_model->diagram(epochs[next++]), dim, range);
            changed = true;
        }
        if (changed)
            highest = std::max(highest, *std::max_element(column.begin(), column.end()));
        if (column.empty())
            continue;
        for (int r = 0; r < kScaleSamples; ++r) {
            m_map->data()->setCell(c, r, column[size_t(r)]);
            if (columns == 1)
                m_map->data()->setCell(1, r, column[size_t(r)]);
        }
    }
    m_map->setDataRange(QCPRange(0.0, highest));
    m_scaleHeading->setText(style::bettiName(dim));
    m_surface->yAxis->setRange(0.0, range);
    updateMarkers();
}

void BettiView::updateMarkers()
{
    const int epoch = m_model->currentEpoch();
    m_epochLine->setVisible(epoch >= 0);
    m_epochLine->point1->setCoords(epoch, 0.0);
    m_epochLine->point2->setCoords(epoch, 1.0);
    for (QCPItemStraightLine *line : {m_scaleHalo, m_scaleLine}) {
        line->point1->setCoords(0.0, m_model->scale());
        line->point2->setCoords(1.0, m_model->scale());
    }
    m_curves->replot(QCustomPlot::rpQueuedReplot);
    m_surface->replot(QCustomPlot::rpQueuedReplot);
}

bool BettiView::addOverlay(const QString &folder, QString *error)
{
    Overlay overlay;
    try {
        overlay.run = RunData::read(RunFolder(folder));
    } catch (const std::exception &e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
    overlay.name = architectureName(overlay.run.spec.model.layers);
    int same = 0;
    for (const Overlay &o : m_overlays)
        same += o.name.startsWith(overlay.name);
    if (same > 0)
        overlay.name += QStringLiteral(" (%1)").arg(same + 1);
    // β₀ stays the shown run's alone: hundreds of components on the right
    // axis would say little about the difference between two nets.
    const QColor colour = overlayColour(int(m_overlays.size()));
    for (int dim = 1; dim <= std::min(overlay.run.maxDim(), kMaxShownDim); ++dim) {
        QCPGraph *graph = m_curves->addGraph(m_curves->xAxis, m_curves->yAxis);
        graph->setName(QStringLiteral("%1 %2").arg(style::bettiName(dim), overlay.name));
        graph->setPen(QPen(colour, 2, overlayLineStyle(dim)));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, colour, Qt::white, 5));
        overlay.graphs.push_back(graph);
    }
    m_overlays.push_back(std::move(overlay));
    m_clearOverlays->setEnabled(true);
    rebuild();
    return true;
}

void BettiView::clearOverlays()
{
    for (Overlay &o : m_overlays)
        for (QCPGraph *graph : o.graphs)
            m_curves->removeGraph(graph);
    m_overlays.clear();
    m_clearOverlays->setEnabled(false);
    rebuild();
}

int BettiView::overlayCount() const
{
    return int(m_overlays.size());
}

std::vector<int> BettiView::overlayCurve(int overlay, int dim) const
{
    if (overlay < 0 || overlay >= overlayCount() || dim < 1 || dim > int(m_overlays[size_t(overlay)].values.size()))
        return {};
    return m_overlays[size_t(overlay)].values[size_t(dim - 1)];
}

QString BettiView::overlayName(int overlay) const
{
    return overlay >= 0 && overlay < overlayCount() ? m_overlays[size_t(overlay)].name : QString();
}

QToolButton *BettiView::overlayButton() const
{
    return m_overlayButton;
}

void BettiView::chooseOverlay()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Overlay a run folder"), settings::lastRunFolder());
    QString error;
    if (!dir.isEmpty() && !addOverlay(dir, &error))
        Q_EMIT overlayFailed(error);
}

void BettiView::nameCurrentRun()
{
    // Beside other runs, the shown run's curves say which net they are.
    const QString suffix = m_overlays.empty() || !m_model->hasRun()
                               ? QString()
                               : QLatin1Char(' ') + architectureName(m_model->spec().model.layers);
    for (int dim = 0; dim <= kMaxShownDim; ++dim)
        m_curves->graph(dim)->setName(dim == 0 ? style::bettiName(0) + suffix + tr(" (right axis)")
                                               : style::bettiName(dim) + suffix);
}

} // namespace netbetti
