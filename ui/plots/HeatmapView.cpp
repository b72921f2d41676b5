#include "plots/HeatmapView.h"

#include "plots/PlotStyle.h"
#include "plots/RunNames.h"
#include "run/CycleSelection.h"
#include "run/RunModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <qcustomplot.h>

namespace netbetti {

std::vector<int> singleLinkageOrder(const FloatMatrix &d)
{
    const int n = int(d.rows());
    if (n == 0)
        return {};
    // Prim's algorithm, O(n²) on the dense matrix: the minimum spanning
    // tree's edges, which are exactly the merges of single linkage.
    struct Edge
    {
        float length;
        int a, b;
    };
    std::vector<Edge> edges;
    edges.reserve(size_t(n - 1));
    std::vector<float> best(static_cast<size_t>(n), std::numeric_limits<float>::infinity());
    std::vector<int> from(static_cast<size_t>(n), -1);
    std::vector<char> inTree(static_cast<size_t>(n), 0);
    best[0] = 0.0f;
    for (int step = 0; step < n; ++step) {
        int u = -1;
        for (int v = 0; v < n; ++v)
            if (!inTree[size_t(v)] && (u < 0 || best[size_t(v)] < best[size_t(u)]))
                u = v;
        inTree[size_t(u)] = 1;
        if (from[size_t(u)] >= 0)
            edges.push_back({best[size_t(u)], from[size_t(u)], u});
        for (int v = 0; v < n; ++v)
            if (!inTree[size_t(v)] && d(u, v) < best[size_t(v)]) {
                best[size_t(v)] = d(u, v);
                from[size_t(v)] = u;
            }
    }
    // Merging the tree's edges shortest first (Kruskal's order) builds the
    // dendrogram; a merge concatenates the two clusters' leaf lists. A
    // cluster's root is its lowest index, and the lower root goes first.
    std::stable_sort(edges.begin(), edges.end(), [](const Edge &x, const Edge &y) { return x.length < y.length; });
    std::vector<int> parent(static_cast<size_t>(n));
    std::iota(parent.begin(), parent.end(), 0);
    std::vector<std::vector<int>> leaves(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
        leaves[size_t(i)] = {i};
    auto root = [&parent](int x) {
        while (parent[size_t(x)] != x)
            x = parent[size_t(x)] = parent[size_t(parent[size_t(x)])];
        return x;
    };
    for (const Edge &e : edges) {
        const int a = root(e.a), b = root(e.b);
        const int low = std::min(a, b), high = std::max(a, b);
        std::vector<int> &into = leaves[size_t(low)];
        std::vector<int> &other = leaves[size_t(high)];
        into.insert(into.end(), other.begin(), other.end());
        other = {};
        parent[size_t(high)] = low;
    }
    return leaves[0]; // index 0 is the lowest: the root of the whole tree
}

HeatmapView::HeatmapView(RunModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_orderBox(new QComboBox(this)), m_inputsBox(new QCheckBox(tr("Input neurons"), this)),
      m_plot(new QCustomPlot(this))
{
    m_inputsBox->setChecked(true);
    m_inputsBox->setToolTip(tr("Draw the input neurons (an image's pixels are hundreds); unchecked, the matrix "
                               "of the other neurons fills the panel"));
    m_orderBox->addItems({tr("by layer"), tr("single-linkage clustering")});
    m_orderBox->setToolTip(tr("Rows and columns in layer order, or in the leaf order of the single-linkage "
                              "dendrogram (close neurons adjacent)"));
    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Order:"), this));
    controls->addWidget(m_orderBox);
    controls->addWidget(m_inputsBox);
    controls->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(controls);
    layout->addWidget(m_plot, 1);

    style::setUpPlot(m_plot);
    style::addTitle(m_plot, tr("Distance matrix"));
    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    QCPColorScale *scale = style::addColorScale(m_plot, 1, 1); // row 0 is the title
    // The colour bar's name above it in the title row, upright: a rotated
    // "d" beside it reads as "p".
    m_plot->plotLayout()->addElement(0, 1, new QCPTextElement(m_plot, tr("d"), QFont(font().family(), 10, -1, true)));
    m_map->setColorScale(scale);
    m_map->setGradient(style::perceptualGradient());
    m_map->setInterpolate(false);
    m_plot->yAxis->setRangeReversed(true); // row 0 at the top, as a matrix is read
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->grid()->setVisible(false);
        axis->setBasePen(Qt::NoPen); // the matrix is its own frame
        axis->setTickLength(0, 0); // labels name blocks, not points
        axis->setSubTickLength(0, 0);
    }
    // Square cells: the axis along the longer side of the axes spans more
    // than the matrix, so that a neuron is as wide as it is high.
    connect(m_plot, &QCustomPlot::afterLayout, this, [this] {
        const QRect r = m_plot->axisRect()->rect();
        const double extent = std::max(int(m_order.size()), 1) - 0.5;
        m_plot->xAxis->setRange(-0.5, extent);
        m_plot->yAxis->setRange(-0.5, extent);
        if (r.width() > r.height())
            m_plot->xAxis->setScaleRatio(m_plot->yAxis, 1.0);
        else if (r.height() > r.width())
            m_plot->yAxis->setScaleRatio(m_plot->xAxis, 1.0);
    });
    m_plot->setMouseTracking(true);
    connect(m_plot, &QCustomPlot::mouseMove, this, &HeatmapView::showTooltip);
    connect(m_orderBox, &QComboBox::currentIndexChanged, this, &HeatmapView::redraw);
    connect(m_inputsBox, &QCheckBox::toggled, this, &HeatmapView::redraw);
    connect(model, &RunModel::runReset, this, &HeatmapView::redraw);
    connect(model, &RunModel::currentEpochChanged, this, &HeatmapView::redraw);
    connect(model, &RunModel::selectionChanged, this, &HeatmapView::redraw);
    redraw();
}

HeatmapView::Options HeatmapView::options() const
{
    return {m_orderBox->currentIndex() == 1};
}

void HeatmapView::setOptions(const Options &options)
{
    const QSignalBlocker blocker(m_orderBox);
    m_orderBox->setCurrentIndex(options.clustered ? 1 : 0);
    redraw();
}

QCustomPlot *HeatmapView::plot() const
{
    return m_plot;
}

int HeatmapView::shownEpoch() const
{
    return m_epoch;
}

int HeatmapView::matrixSize() const
{
    return int(m_order.size());
}

std::vector<int> HeatmapView::order() const
{
    return m_order;
}

QComboBox *HeatmapView::orderBox() const
{
    return m_orderBox;
}

QSize HeatmapView::minimumSizeHint() const
{
    return {320, 220};
}

QSize HeatmapView::sizeHint() const
{
    return {520, 480};
}

void HeatmapView::markCycle(const SelectedCycle &cycle)
{
    m_cycleCells = 0;
    if (!cycle.cycle)
        return;
    std::vector<int> position(size_t(m_distance.rows()), -1);
    for (size_t p = 0; p < m_order.size(); ++p)
        position[size_t(m_order[p])] = int(p);
    const QPen pen(QColor(0xe0, 0x10, 0x70), 2.0); // magenta: in no colour of the map
    const auto outline = [&](double x0, double y0, double x1, double y1, const QPen &p) {
        auto *rect = new QCPItemRect(m_plot);
        rect->topLeft->setCoords(x0, y1);
        rect->bottomRight->setCoords(x1, y0);
        rect->setPen(p);
        rect->setSelectable(false);
    };
    // The cycle's neurons as thin bands across rows and columns, its edges
    // as outlined cells.
    const double extent = double(m_order.size()) - 0.5;
    const QPen band(QColor(0xe0, 0x10, 0x70, 120), 1.0);
    for (int v : cycle.neurons)
        if (const int p = position[size_t(v)]; p >= 0) {
            outline(-0.5, p - 0.5, extent, p + 0.5, band);
            outline(p - 0.5, -0.5, p + 0.5, extent, band);
        }
    for (const auto &simplex : cycle.cycle->simplices)
        for (size_t a = 0; a < simplex.size(); ++a)
            for (size_t b = 0; b < simplex.size(); ++b) {
                const int pa = position[size_t(simplex[a])], pb = position[size_t(simplex[b])];
                if (a == b || pa < 0 || pb < 0)
                    continue;
                outline(pa - 0.5, pb - 0.5, pa + 0.5, pb + 0.5, pen);
                ++m_cycleCells;
            }
}

void HeatmapView::redraw()
{
    m_plot->clearItems();
    const int epoch = m_model->currentEpoch();
    m_distance = epoch >= 0 ? m_model->distance(epoch) : FloatMatrix();
    const auto &neurons = m_model->neurons();
    const bool valid = m_distance.rows() > 0 && m_distance.rows() == Eigen::Index(neurons.size());
    if (!valid)
        m_distance.resize(0, 0);
    m_epoch = valid ? epoch : -1;
    const bool clustered = m_orderBox->currentIndex() == 1;
    m_order.resize(size_t(m_distance.rows()));
    std::iota(m_order.begin(), m_order.end(), 0);
    if (clustered)
        m_order = singleLinkageOrder(m_distance);
    const int inputs = int(std::count_if(neurons.begin(), neurons.end(), [](const NeuronId &u) { return u.layer == 0; }));
    m_inputsBox->setVisible(valid && inputs > 0);
    if (valid && inputs > 0 && !m_inputsBox->isChecked())
        m_order.erase(std::remove_if(m_order.begin(), m_order.end(), [&](int i) { return neurons[size_t(i)].layer == 0; }),
                      m_order.end());
    const int n = int(m_order.size());
    const QString leftOut = n < m_distance.rows() ? tr(", %1 inputs left out").arg(m_distance.rows() - n) : QString();
    style::setTitle(m_plot, valid ? tr("Distance matrix — %1, epoch %2 (%3 neurons%4)")
                                        .arg(runTitle(m_model->spec()))
                                        .arg(epoch)
                                        .arg(n)
                                        .arg(leftOut)
                                  : epoch >= 0 ? tr("Distance matrix — epoch %1 has none on disk").arg(epoch)
                                               : tr("Distance matrix"));
    style::showEmptyNote(m_plot, valid ? QString() : epoch >= 0 ? tr("no matrix on disk") : tr("no epoch yet"));

    // Cells centred on whole indices. QCustomPlot centres cells on the data
    // range's ends, so one neuron would be drawn zero pixels wide: it is
    // drawn as 2 × 2 quarters.
    const int cells = std::max(n, 2);
    const QCPRange range = n > 1 ? QCPRange(0, n - 1) : QCPRange(-0.25, 0.25);
    m_map->data()->setSize(cells, cells);
    m_map->data()->setRange(range, range);
    m_map->data()->fill(n == 1 ? double(m_distance(m_order[0], m_order[0])) : 0.0);
    for (int i = 0; i < n; ++i) {
        const int row = m_order[size_t(i)];
        for (int j = 0; j < n; ++j)
            m_map->data()->setCell(j, i, m_distance(row, m_order[size_t(j)]));
    }
    // d lies in [0, 1], or [0, √2] for the signed metric: one scale per run kind.
    const double top = n > 0 ? std::max(1.0, double(m_distance.maxCoeff())) : 1.0; // of all: the scale stays when inputs hide
    m_map->setDataRange(QCPRange(0.0, top));
    m_map->setVisible(n > 0);
    const double extent = std::max(n, 1) - 0.5;
    m_plot->xAxis->setRange(-0.5, extent);
    m_plot->yAxis->setRange(-0.5, extent);
    markCycle(valid ? selectedCycle(*m_model) : SelectedCycle());

    // Layer boundaries and names, when rows are in layer order; a clustered
    // order mixes layers, so it gets neither.
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    bool pixelRows = false;
    if (!clustered && n > 0) {
        const int layerCount = int(m_model->spec().model.layers.size());
        const auto layerAt = [&](int i) { return neurons[size_t(m_order[size_t(i)])].layer; };
        // An input that is a square image (28 × 28 = 784) is named by pixel
        // row, a few rows apart, rather than by one word in its middle.
        const int side = int(std::lround(std::sqrt(double(inputs))));
        const bool image = inputs >= 64 && side * side == inputs;
        int start = 0;
        for (int i = 1; i <= n; ++i) {
            if (i < n && layerAt(i) == layerAt(start))
                continue;
            const int layer = layerAt(start);
            const QString name = layer == 0                ? tr("input")
                                 : layer == layerCount - 1 ? tr("output")
                                                           : tr("layer %1").arg(layer);
            pixelRows = pixelRows || (layer == 0 && image);
            if (layer == 0 && image)
                for (int row = 0; row < side; row += std::max(1, side / 4))
                    ticker->addTick(start + row * side + (side - 1) / 2.0,
                                    row == 0 ? tr("input row 1") : tr("row %1").arg(row + 1));
            else
                ticker->addTick((start + i - 1) / 2.0, name);
            if (i < n)
                for (const bool vertical : {true, false}) {
                    // Across the matrix only: the axes can be wider (square cells).
                    auto *line = new QCPItemLine(m_plot);
                    line->setPen(QPen(Qt::black, 1));
                    line->setSelectable(false);
                    const double at = i - 0.5, from = -0.5, to = n - 0.5;
                    line->start->setCoords(vertical ? at : from, vertical ? from : at);
                    line->end->setCoords(vertical ? at : to, vertical ? to : at);
                }
            start = i;
        }
    }
    // Beside 784 pixels the other layers are narrow: upright names along
    // the bottom would run into each other.
    m_plot->xAxis->setTickLabelRotation(pixelRows ? 90 : 0);
    m_plot->xAxis->setTicker(ticker);
    m_plot->yAxis->setTicker(ticker);
    // Rows name the layers; the columns are in the same order, and their
    // names side by side collided in a narrow panel. A rotated label along
    // a short side was clipped: the order is said once, under the matrix.
    m_plot->xAxis->setTickLabels(false);
    m_plot->xAxis->setLabel(clustered && n > 0 ? tr("single-linkage order") : QString());
    m_plot->yAxis->setLabel(QString());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString HeatmapView::cellText(int row, int column) const
{
    const int n = matrixSize();
    if (m_epoch < 0 || row < 0 || column < 0 || row >= n || column >= n)
        return {};
    const auto &neurons = m_model->neurons();
    const int layerCount = int(m_model->spec().model.layers.size());
    const int a = m_order[size_t(row)], b = m_order[size_t(column)];
    return tr("%1 — %2: d = %3")
        .arg(neuronLabel(neurons[size_t(a)], layerCount), neuronLabel(neurons[size_t(b)], layerCount))
        .arg(double(m_distance(a, b)), 0, 'f', 4);
}

void HeatmapView::showTooltip(QMouseEvent *event)
{
    const QPointF pos = event->position();
    const QString text = m_plot->axisRect()->rect().contains(pos.toPoint())
                             ? cellText(int(std::lround(m_plot->yAxis->pixelToCoord(pos.y()))),
                                        int(std::lround(m_plot->xAxis->pixelToCoord(pos.x()))))
                             : QString();
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
}

} // namespace netbetti
