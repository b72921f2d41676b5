#include "BettiView.h"

#include "PlotStyle.h"
#include "RunModel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QSplitter>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace netbetti {

namespace {
constexpr int kSliderSteps = 1000;
constexpr int kScaleSamples = 200;
} // namespace

BettiView::BettiView(RunModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_slider(new QSlider(Qt::Horizontal, this)), m_spin(new QDoubleSpinBox(this)),
      m_surfaceDim(new QComboBox(this)), m_curves(new QCustomPlot(this)), m_surface(new QCustomPlot(this))
{
    m_slider->setRange(0, kSliderSteps);
    m_spin->setDecimals(3);
    m_spin->setSingleStep(0.01);
    m_slider->setToolTip(tr("The scale ε at which the Betti numbers are read"));
    for (int dim = 0; dim <= 3; ++dim)
        m_surfaceDim->addItem(style::bettiName(dim));
    m_surfaceDim->setCurrentIndex(1);
    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("ε"), this));
    controls->addWidget(m_slider, 1);
    controls->addWidget(m_spin);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Picture of"), this));
    controls->addWidget(m_surfaceDim);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_curves);
    splitter->addWidget(m_surface);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(controls);
    layout->addWidget(splitter, 1);

    style::setUpPlot(m_curves);
    m_curves->xAxis->setLabel(tr("epoch"));
    style::useEpochTicks(m_curves->xAxis);
    m_curves->yAxis->setLabel(tr("β₁, β₂"));
    m_curves->yAxis2->setLabel(tr("β₀"));
    m_curves->yAxis2->setVisible(true);
    m_curves->legend->setVisible(true);
    m_curves->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignRight | Qt::AlignBottom);
    m_curves->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    for (int dim = 0; dim <= 3; ++dim) {
        auto *graph = m_curves->addGraph(m_curves->xAxis, dim == 0 ? m_curves->yAxis2 : m_curves->yAxis);
        graph->setName(style::bettiName(dim));
        graph->setPen(QPen(style::dimensionColor(dim), 2));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    }

    style::setUpPlot(m_surface);
    m_surface->xAxis->setLabel(tr("epoch"));
    style::useEpochTicks(m_surface->xAxis);
    m_surface->yAxis->setLabel(tr("ε"));
    auto *map = new QCPColorMap(m_surface->xAxis, m_surface->yAxis);
    auto *scale = new QCPColorScale(m_surface);
    m_surface->plotLayout()->addElement(0, 1, scale);
    scale->setType(QCPAxis::atRight);
    map->setColorScale(scale);
    map->setGradient(style::perceptualGradient());
    map->setInterpolate(false);
    auto *group = new QCPMarginGroup(m_surface);
    m_surface->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    scale->setMarginGroup(QCP::msBottom | QCP::msTop, group);

    connect(m_slider, &QSlider::valueChanged, this, [this](int v) {
        if (!m_syncing)
            m_model->setScale(m_model->scaleRange() * v / kSliderSteps);
    });
    connect(m_spin, qOverload<double>(&QDoubleSpinBox::valueChanged), this, [this](double v) {
        if (!m_syncing)
            m_model->setScale(v);
    });
    connect(m_surfaceDim, &QComboBox::currentIndexChanged, this, &BettiView::updateSurface);
    connect(model, &RunModel::runReset, this, &BettiView::rebuild);
    connect(model, &RunModel::epochAdded, this, &BettiView::rebuild);
    connect(model, &RunModel::scaleChanged, this, [this] {
        syncScaleControls();
        updateCurves();
        updateMarkers();
    });
    connect(model, &RunModel::currentEpochChanged, this, &BettiView::updateMarkers);
    setMinimumSize(360, 300);
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

std::vector<int> BettiView::curve(int dim) const
{
    return dim >= 0 && dim < int(m_values.size()) ? m_values[size_t(dim)] : std::vector<int>{};
}

void BettiView::syncScaleControls()
{
    m_syncing = true;
    const double range = m_model->scaleRange();
    m_spin->setRange(0.0, range);
    m_spin->setValue(m_model->scale());
    m_slider->setValue(int(std::lround(m_model->scale() / range * kSliderSteps)));
    m_syncing = false;
}

void BettiView::rebuild()
{
    syncScaleControls();
    for (int dim = 0; dim <= 3; ++dim) {
        m_curves->graph(dim)->setVisible(dim <= m_model->maxDim());
        m_curves->graph(dim)->removeFromLegend();
        if (dim <= m_model->maxDim())
            m_curves->graph(dim)->addToLegend();
    }
    updateCurves();
    updateSurface();
    updateMarkers();
}

void BettiView::updateCurves()
{
    const std::vector<int> epochs = m_model->analysedEpochs();
    const double eps = m_model->scale();
    m_values.assign(size_t(m_model->maxDim() + 1), {});
    int highest = 1, highest0 = 1;
    for (int dim = 0; dim <= m_model->maxDim(); ++dim) {
        QVector<double> xs, ys;
        for (int epoch : epochs) {
            const int betti = m_model->diagram(epoch)->bettiAt(dim, eps);
            m_values[size_t(dim)].push_back(betti);
            xs << epoch;
            ys << betti;
            (dim == 0 ? highest0 : highest) = std::max(dim == 0 ? highest0 : highest, betti);
        }
        m_curves->graph(dim)->setData(xs, ys, true);
    }
    const double last = epochs.empty() ? 1.0 : std::max(1, epochs.back());
    m_curves->xAxis->setRange(-0.3, last + 0.3);
    m_curves->yAxis->setRange(0.0, highest * 1.15 + 0.5);
    m_curves->yAxis2->setRange(0.0, highest0 * 1.15 + 0.5);
    m_curves->replot(QCustomPlot::rpQueuedReplot);
}

void BettiView::updateSurface()
{
    auto *map = static_cast<QCPColorMap *>(m_surface->plottable(0));
    const std::vector<int> epochs = m_model->analysedEpochs();
    const int dim = m_surfaceDim->currentIndex();
    const double range = m_model->scaleRange();
    const int columns = std::max(1, epochs.empty() ? 1 : epochs.back() - epochs.front() + 1);
    map->data()->setSize(columns, kScaleSamples);
    const double first = epochs.empty() ? 0.0 : epochs.front();
    map->data()->setRange(QCPRange(first, first + columns - 1), QCPRange(0.0, range));
    map->data()->fill(0.0);
    // Epochs without a diagram ("every" > 1) take the previous analysed one.
    size_t next = 0;
    const PersistenceDiagram *shown = nullptr;
    for (int c = 0; c < columns; ++c) {
        while (next < epochs.size() && epochs[next] <= first + c)
            shown = m_model->diagram(epochs[next++]);
        if (!shown)
            continue;
        for (int r = 0; r < kScaleSamples; ++r)
            map->data()->setCell(c, r, shown->bettiAt(dim, range * r / (kScaleSamples - 1)));
    }
    map->rescaleDataRange(true);
    map->colorScale()->axis()->setLabel(style::bettiName(dim));
    m_surface->xAxis->setRange(first - 0.5, first + columns - 0.5);
    m_surface->yAxis->setRange(0.0, range);
    updateMarkers();
}

void BettiView::updateMarkers()
{
    for (QCustomPlot *plot : {m_curves, m_surface})
        plot->clearItems();
    const int epoch = m_model->currentEpoch();
    if (epoch >= 0) {
        auto *line = new QCPItemStraightLine(m_curves);
        line->setPen(QPen(Qt::gray, 1, Qt::DashLine));
        line->point1->setCoords(epoch, 0);
        line->point2->setCoords(epoch, 1);
    }
    auto *eps = new QCPItemStraightLine(m_surface);
    eps->setPen(QPen(Qt::white, 1, Qt::DashLine));
    eps->point1->setCoords(0, m_model->scale());
    eps->point2->setCoords(1, m_model->scale());
    m_curves->replot(QCustomPlot::rpQueuedReplot);
    m_surface->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace netbetti
