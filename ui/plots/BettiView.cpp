#include "plots/BettiView.h"

#include "plots/PlotStyle.h"
#include "plots/RunNames.h"
#include "run/RunModel.h"
#include "window/Settings.h"

#include <QCheckBox>
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
constexpr int kMaxShownDim = 3; // the highest Betti number drawn

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
/// (black, sky blue, orange, reddish purple, grey, yellow: six told apart,
/// the last the faintest), and one line style per dimension.
QColor overlayColour(int overlay)
{
    static const QColor colours[] = {style::categoryColor(7), style::categoryColor(5), style::categoryColor(4),
                                     style::categoryColor(3), QColor(0x77, 0x77, 0x77), style::categoryColor(6)};
    return colours[overlay % 6];
}

/// Overlaid curves are dashed (β₁), dotted (β₂), dash-dotted (β₃), with
/// gaps longer than the dashes: a curve equal to the shown run's lies over
/// it and both stay visible.
QPen overlayPen(const QColor &colour, int dim)
{
    QPen pen(colour, 2);
    pen.setDashPattern(dim == 1 ? QVector<qreal>{2, 4} : dim == 2 ? QVector<qreal>{1, 3} : QVector<qreal>{3, 3, 1, 3});
    return pen;
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
      m_clearOverlays(new QToolButton(this)), m_spread(new QComboBox(this)), m_showRun(new QCheckBox(this)),
      m_curves(new QCustomPlot(this)), m_surface(new QCustomPlot(this))
{
    m_slider->setRange(0, kSliderSteps);
    m_slider->setToolTip(tr("The scale ε at which the Betti numbers are read"));
    m_spin->setDecimals(3);
    m_spin->setSingleStep(0.01);
    // The value is taken when typing ends (Return, or leaving the field):
    // taken at each key, "0.7" on the way to "0.76" would be written back
    // as "0.700" under the cursor.
    m_spin->setKeyboardTracking(false);
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
                                   "compare architectures on the same data. A seed-set folder (Run › Train "
                                   "Seeds…) is shown as the median of its seeds with a band"));
    m_clearOverlays->setText(tr("Clear"));
    m_clearOverlays->setToolTip(tr("Remove the overlaid runs"));
    m_clearOverlays->setEnabled(false);
    controls->addWidget(m_overlayButton);
    controls->addWidget(m_clearOverlays);
    // Seed sets' bands: quartiles or extremes, and whether the shown run's
    // own curves are drawn beside them. Only there while a set is shown.
    m_spread->addItem(tr("quartiles"));
    m_spread->addItem(tr("min–max"));
    m_spread->setToolTip(tr("What a seed set's band spans around its median"));
    m_showRun->setText(tr("Shown run"));
    m_showRun->setToolTip(tr("Draw the shown run's own curves beside the seed sets' bands"));
    controls->addWidget(m_spread);
    controls->addWidget(m_showRun);
    connect(m_spread, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_options.spread = index == 1 ? BandSpread::MinMax : BandSpread::Quartiles;
        drawCurves();
    });
    connect(m_showRun, &QCheckBox::toggled, this, [this](bool on) {
        m_options.showRun = on;
        redraw();
    });
    connect(m_overlayButton, &QToolButton::clicked, this, &BettiView::chooseOverlay);
    connect(m_clearOverlays, &QToolButton::clicked, this, &BettiView::clearOverlays);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_curves);
    splitter->addWidget(m_surface);
    splitter->setStretchFactor(0, 3); // the curves are read more closely than the picture
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({300, 200});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(controls);
    layout->addWidget(splitter, 1);

    // Betti numbers against epoch. β₀ counts components (hundreds at small
    // ε) and would flatten β₁ and β₂ to the floor: it gets the right axis.
    style::setUpPlot(m_curves);
    m_curves->setMinimumHeight(180);
    m_curves->xAxis->setLabel(tr("epoch"));
    style::useEpochTicks(m_curves->xAxis);
    useWholeTicks(m_curves->yAxis);
    m_curves->yAxis2->setVisible(true);
    m_curves->yAxis2->setTickLabels(true);
    m_curves->yAxis2->setLabel(tr("β₀"));
    useWholeTicks(m_curves->yAxis2);
    colourAxis(m_curves->yAxis2, style::dimensionColor(0));
    m_curves->xAxis->grid()->setZeroLinePen(Qt::NoPen); // epoch 0 is no special line
    // Above the axes, where they hide no point: a title that says the run
    // and the scale (an exported figure says it without the slider beside
    // it), then the legend in as many columns as the width takes, centred
    // by two empty cells that take the spare width.
    m_curvesTitle = style::newTitle(m_curves, QString(), 10, Qt::ElideRight); // ε first, kept
    m_curves->plotLayout()->insertRow(0);
    m_curves->plotLayout()->addElement(0, 0, m_curvesTitle);
    style::addLegendRow(m_curves, 1);
    m_curves->plotLayout()->setRowStretchFactor(0, 0.001);
    m_curves->legend->setRowSpacing(0);
    m_epochLine = new QCPItemStraightLine(m_curves);
    m_epochLine->setPen(QPen(QColor(90, 90, 90), 1, Qt::DashLine));
    m_epochLine->setSelectable(false);

    // The epoch × ε picture of one Betti number.
    style::setUpPlot(m_surface);
    m_surface->setMinimumHeight(140);
    m_surface->xAxis->setLabel(tr("epoch"));
    style::useEpochTicks(m_surface->xAxis);
    m_surface->yAxis->setLabel(tr("ε"));
    m_surface->xAxis->grid()->setVisible(false);
    m_surface->yAxis->grid()->setVisible(false);
    m_map = new QCPColorMap(m_surface->xAxis, m_surface->yAxis);
    QCPColorScale *scale = style::addColorScale(m_surface, 0, 1);
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
    // The current ε: a white dashed line on a dark halo reads on every colour.
    m_scaleHalo = new QCPItemStraightLine(m_surface);
    m_scaleHalo->setPen(QPen(QColor(0, 0, 0, 150), 3));
    m_scaleLine = new QCPItemStraightLine(m_surface);
    m_scaleLine->setPen(QPen(Qt::white, 1.5, Qt::DashLine));
    for (QCPItemStraightLine *line : {m_scaleHalo, m_scaleLine})
        line->setSelectable(false);

    connect(m_slider, &QSlider::valueChanged, this, [this](int v) {
        if (!m_syncing)
            m_model->setScale(m_model->scaleLimit() * v / kSliderSteps);
    });
    connect(m_spin, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        if (!m_syncing)
            m_model->setScale(v);
    });
    connect(m_surfaceDim, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_options.surfaceDim = index;
        drawSurface();
    });
    connect(model, &RunModel::runReset, this, &BettiView::redraw);
    connect(model, &RunModel::epochAdded, this, &BettiView::redrawIfEpochsChanged);
    connect(model, &RunModel::scaleChanged, this, [this] {
        syncScaleControls();
        drawCurves();
        drawMarkers();
    });
    connect(model, &RunModel::currentEpochChanged, this, &BettiView::drawMarkers);
    redraw();
}

BettiView::Options BettiView::options() const
{
    return m_options;
}

void BettiView::setOptions(const Options &options)
{
    m_options = options;
    redraw();
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
    return {360, 360};
}

QSize BettiView::sizeHint() const
{
    return {640, 560};
}

int BettiView::surfaceDim() const
{
    const int maxDim = std::clamp(m_model->maxDim(), 0, kMaxShownDim);
    const int chosen = m_options.surfaceDim;
    return chosen >= 0 && chosen <= maxDim ? chosen : std::min(1, maxDim);
}

void BettiView::fillDimensionBox()
{
    const int maxDim = std::clamp(m_model->maxDim(), 0, kMaxShownDim);
    const QSignalBlocker blocker(m_surfaceDim);
    m_surfaceDim->clear();
    for (int dim = 0; dim <= maxDim; ++dim)
        m_surfaceDim->addItem(style::bettiName(dim));
    m_surfaceDim->setCurrentIndex(surfaceDim());
}

void BettiView::syncScaleControls()
{
    m_syncing = true;
    const double range = m_model->scaleLimit(); // positive by contract
    m_spin->setRange(0.0, range);
    m_spin->setSingleStep(0.01);
    m_spin->setValue(m_model->scale());
    m_slider->setValue(int(std::lround(std::clamp(m_model->scale() / range, 0.0, 1.0) * kSliderSteps)));
    m_syncing = false;
}

void BettiView::redrawIfEpochsChanged()
{
    if (m_model->analysedEpochs() != m_builtEpochs)
        redraw();
}

void BettiView::redraw()
{
    m_builtEpochs = m_model->analysedEpochs();
    const bool sets = !m_options.seedSets.empty();
    m_clearOverlays->setEnabled(!m_options.overlays.empty() || sets);
    {
        const QSignalBlocker spreadBlocker(m_spread), showBlocker(m_showRun);
        m_spread->setCurrentIndex(m_options.spread == BandSpread::MinMax ? 1 : 0);
        m_showRun->setChecked(m_options.showRun);
    }
    m_spread->setVisible(sets);
    m_showRun->setVisible(sets);
    fillDimensionBox();
    syncScaleControls();
    // Names that tell the runs apart, when there are several. A seed set
    // is named as its experiment (the shown run's seed stands in for its
    // seeds); the shown run counts only when its curves are drawn.
    m_names.clear();
    if (!m_options.overlays.empty() || sets) {
        const bool withShown = m_options.showRun || !sets;
        std::vector<ExperimentSpec> specs;
        if (withShown)
            specs.push_back(m_model->spec());
        for (const OverlayRun &o : m_options.overlays)
            specs.push_back(o.run->spec);
        for (const SeedSetOverlay &o : m_options.seedSets) {
            ExperimentSpec spec = o.set->spec;
            spec.seed = m_model->spec().seed;
            specs.push_back(spec);
        }
        m_names = distinguishingNames(specs);
        if (!withShown)
            m_names.prepend(runTitle(m_model->spec()));
    }
    drawCurves();
    drawSurface();
}

void BettiView::drawCurves()
{
    m_curves->clearGraphs(); // their legend items go with them
    const double eps = m_model->scale();
    const int maxDim = std::clamp(m_model->maxDim(), 0, kMaxShownDim);
    // The title names the shown run (beside others, by what tells it apart);
    // the legend has its Betti numbers by colour, then one entry per
    // overlaid run, and a key to the overlays' line styles.
    const bool showRun = m_options.showRun || m_options.seedSets.empty();
    const QString shown = !showRun ? tr("seed sets") : m_names.isEmpty() ? runTitle(m_model->spec()) : m_names.front();
    m_curvesTitle->setText(m_model->hasRun() ? tr("Betti numbers at ε = %1 — %2").arg(eps, 0, 'g', 4).arg(shown)
                                             : tr("Betti numbers at ε = %1").arg(eps, 0, 'g', 4));
    m_curves->yAxis2->setVisible(showRun); // β₀ is the shown run's alone
    m_curves->yAxis->setLabel(maxDim >= 2 ? tr("β₁, β₂") : tr("β₁"));

    m_values.assign(size_t(maxDim + 1), {});
    int highest = 1, highest0 = 1;
    for (int dim = 0; dim <= maxDim; ++dim) {
        QCPGraph *graph = m_curves->addGraph(m_curves->xAxis, dim == 0 ? m_curves->yAxis2 : m_curves->yAxis);
        graph->setName(dim == 0 ? style::bettiName(0) + tr(" (right axis)") : style::bettiName(dim));
        graph->setPen(QPen(style::dimensionColor(dim), 2));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, style::dimensionColor(dim), Qt::white, 6));
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
        graph->setData(xs, ys, true);
        if (!showRun) {
            graph->setVisible(false);
            graph->removeFromLegend();
        }
    }
    // Overlaid runs: β₁ … β_k (β₀ stays the shown run's alone: hundreds of
    // components on the right axis would say little about two nets).
    m_overlayValues.assign(m_options.overlays.size(), {});
    double firstEpoch = m_builtEpochs.empty() ? 0.0 : m_builtEpochs.front();
    double lastEpoch = m_builtEpochs.empty() ? 0.0 : m_builtEpochs.back();
    int overlaidTop = 1;
    for (size_t k = 0; k < m_options.overlays.size(); ++k) {
        const RunData &run = *m_options.overlays[k].run;
        const QColor colour = overlayColour(int(k));
        for (int dim = 1; dim <= std::min(run.maxDim(), kMaxShownDim); ++dim) {
            QCPGraph *graph = m_curves->addGraph(m_curves->xAxis, m_curves->yAxis);
            // In the legend, the run's entry is its β₁ curve, named by the run.
            graph->setName(dim == 1 ? m_names.value(qsizetype(k) + 1)
                                    : QStringLiteral("%1 %2").arg(style::bettiName(dim), m_names.value(qsizetype(k) + 1)));
            if (dim > 1)
                graph->removeFromLegend(); // the key says the styles
            overlaidTop = std::max(overlaidTop, dim);
            graph->setPen(overlayPen(colour, dim));
            graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCross, QPen(colour, 1.5), Qt::NoBrush, 7));
            std::vector<int> values;
            QVector<double> xs, ys;
            for (const auto &[epoch, diagram] : run.diagrams) {
                const int betti = diagram.bettiAt(dim, eps);
                values.push_back(betti);
                xs << epoch;
                ys << betti;
                highest = std::max(highest, betti);
                firstEpoch = std::min(firstEpoch, double(epoch));
                lastEpoch = std::max(lastEpoch, double(epoch));
            }
            graph->setData(xs, ys, true);
            m_overlayValues[k].push_back(std::move(values));
        }
    }
    const size_t firstSetName = 1 + m_options.overlays.size();
    const DrawnBands drawn =
        drawSeedBands(m_curves, m_options.seedSets, m_names.mid(qsizetype(firstSetName)), m_options.spread, eps,
                      kMaxShownDim, [this](int k) { return overlayColour(int(m_options.overlays.size()) + k + 1); });
    m_bands = drawn.bands;
    if (drawn.any) {
        highest = std::max(highest, int(std::ceil(drawn.highest)));
        if (m_builtEpochs.empty() && m_options.overlays.empty())
            firstEpoch = drawn.firstEpoch, lastEpoch = drawn.lastEpoch;
        firstEpoch = std::min(firstEpoch, double(drawn.firstEpoch));
        lastEpoch = std::max(lastEpoch, double(drawn.lastEpoch));
    }
    if (overlaidTop > 1) {
        // A graph without data whose legend entry is the key to the styles.
        QCPGraph *key = m_curves->addGraph(m_curves->xAxis, m_curves->yAxis);
        key->setPen(overlayPen(QColor(0x70, 0x70, 0x70), 1));
        key->setName(overlaidTop > 2 ? tr("β₁ dashed, β₂ dotted, β₃ dash-dot") : tr("β₁ dashed, β₂ dotted"));
    }
    m_curves->xAxis->setRange(firstEpoch - 0.5, lastEpoch + 0.5);
    // A little room below 0 so that markers at 0 are not cut by the axis.
    m_curves->yAxis->setRange(-0.04 * highest - 0.05, highest * 1.15 + 0.3);
    m_curves->yAxis2->setRange(-0.04 * highest0 - 0.05, highest0 * 1.1 + 0.3);
    style::showEmptyNote(m_curves, m_builtEpochs.empty() && m_options.overlays.empty() && !drawn.any
                                       ? tr("no epoch yet")
                                       : QString());
    m_curves->replot(QCustomPlot::rpQueuedReplot);
}

void BettiView::drawSurface()
{
    const int dim = surfaceDim();
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
    // Before any epoch there is no picture: a block of one colour would look like data.
    m_map->setVisible(!epochs.empty());
    m_map->colorScale()->setVisible(!epochs.empty());
    m_map->setDataRange(QCPRange(0.0, highest));
    m_scaleHeading->setText(epochs.empty() ? QString() : style::bettiName(dim));
    m_surface->xAxis->setRange(first - 0.5, (epochs.empty() ? first : epochs.back()) + 0.5);
    m_surface->yAxis->setRange(0.0, range);
    style::showEmptyNote(m_surface, epochs.empty() ? tr("no epoch yet") : QString());
    drawMarkers();
}

void BettiView::drawMarkers()
{
    const int epoch = m_model->currentEpoch();
    m_epochLine->setVisible(epoch >= 0);
    m_epochLine->point1->setCoords(epoch, 0.0);
    m_epochLine->point2->setCoords(epoch, 1.0);
    for (QCPItemStraightLine *line : {m_scaleHalo, m_scaleLine}) {
        line->setVisible(!m_builtEpochs.empty());
        line->point1->setCoords(0.0, m_model->scale());
        line->point2->setCoords(1.0, m_model->scale());
    }
    m_curves->replot(QCustomPlot::rpQueuedReplot);
    m_surface->replot(QCustomPlot::rpQueuedReplot);
}

bool BettiView::addOverlay(const QString &folder, QString *error)
{
    if (SeedSet::isSweepFolder(folder)) {
        QStringList leftOut;
        if (!addSeedSet(folder, error, &leftOut))
            return false;
        if (!leftOut.isEmpty())
            Q_EMIT overlayFailed(tr("%1: left out of the band: %2").arg(folder, leftOut.join(QStringLiteral("; "))));
        return true;
    }
    try {
        m_options.overlays.push_back({folder, std::make_shared<const RunData>(RunData::read(RunFolder(folder)))});
    } catch (const std::exception &e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
    redraw();
    return true;
}

bool BettiView::addSeedSet(const QString &folder, QString *error, QStringList *leftOut)
{
    try {
        auto set = std::make_shared<const SeedSet>(SeedSet::read(folder));
        if (leftOut)
            *leftOut = set->problems();
        m_options.seedSets.push_back({folder, std::move(set)});
    } catch (const std::exception &e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
    redraw();
    return true;
}

void BettiView::clearOverlays()
{
    m_options.overlays.clear();
    m_options.seedSets.clear();
    m_options.showRun = true;
    redraw();
}

int BettiView::seedSetCount() const
{
    return int(m_options.seedSets.size());
}

std::vector<BettiBand> BettiView::seedBands(int set) const
{
    return set >= 0 && set < int(m_bands.size()) ? m_bands[size_t(set)] : std::vector<BettiBand>{};
}

QString BettiView::seedSetName(int set) const
{
    return set >= 0 && set < seedSetCount() ? m_names.value(qsizetype(1 + m_options.overlays.size() + size_t(set)))
                                            : QString();
}

QComboBox *BettiView::spreadBox() const
{
    return m_spread;
}

QCheckBox *BettiView::showRunBox() const
{
    return m_showRun;
}

int BettiView::overlayCount() const
{
    return int(m_options.overlays.size());
}

std::vector<int> BettiView::overlayCurve(int overlay, int dim) const
{
    if (overlay < 0 || overlay >= int(m_overlayValues.size()) || dim < 1 ||
        dim > int(m_overlayValues[size_t(overlay)].size()))
        return {};
    return m_overlayValues[size_t(overlay)][size_t(dim - 1)];
}

QString BettiView::overlayName(int overlay) const
{
    return overlay >= 0 && overlay < overlayCount() ? m_names.value(qsizetype(overlay) + 1) : QString();
}

QString BettiView::currentRunName() const
{
    return m_names.value(0);
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

} // namespace netbetti
