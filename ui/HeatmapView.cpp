#include "HeatmapView.h"

#include "PlotStyle.h"
#include "RunModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolTip>
#include <QVBoxLayout>
#include <numeric>
#include <qcustomplot.h>

namespace netbetti {

std::vector<int> singleLinkageOrder(const Eigen::Ref<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> &d)
{
    const int n = int(d.rows());
    if (n == 0)
        return {};
    // Prim's algorithm: O(n^2), the minimum spanning tree's edges.
    std::vector<float> best(static_cast<size_t>(n), std::numeric_limits<float>::infinity());
    std::vector<int> from(static_cast<size_t>(n), -1);
    std::vector<bool> inTree(static_cast<size_t>(n), false);
    struct Edge { float length; int a, b; };
    std::vector<Edge> edges;
    best[0] = 0.0f;
    for (int step = 0; step < n; ++step) {
        int u = -1;
        for (int v = 0; v < n; ++v)
            if (!inTree[size_t(v)] && (u < 0 || best[size_t(v)] < best[size_t(u)]))
                u = v;
        inTree[size_t(u)] = true;
        if (from[size_t(u)] >= 0)
            edges.push_back({best[size_t(u)], from[size_t(u)], u});
        for (int v = 0; v < n; ++v)
            if (!inTree[size_t(v)] && d(u, v) < best[size_t(v)]) {
                best[size_t(v)] = d(u, v);
                from[size_t(v)] = u;
            }
    }
    // Kruskal order on the tree's edges: merging clusters concatenates leaves.
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
    int last = 0;
    for (const Edge &e : edges) {
        const int a = root(e.a), b = root(e.b);
        auto &into = leaves[size_t(std::min(a, b))];
        auto &other = leaves[size_t(std::max(a, b))];
        into.insert(into.end(), other.begin(), other.end());
        other.clear();
        parent[size_t(std::max(a, b))] = std::min(a, b);
        last = std::min(a, b);
    }
    return leaves[size_t(root(last))];
}

HeatmapView::HeatmapView(RunModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_orderBox(new QComboBox(this)), m_plot(new QCustomPlot(this))
{
    m_orderBox->addItems({tr("by layer"), tr("single-linkage clustering")});
    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Order"), this));
    controls->addWidget(m_orderBox);
    controls->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(controls);
    layout->addWidget(m_plot, 1);

    style::setUpPlot(m_plot);
    style::addTitle(m_plot, tr("Distance matrix"));
    auto *map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    auto *scale = new QCPColorScale(m_plot);
    m_plot->plotLayout()->addElement(1, 1, scale);
    scale->setType(QCPAxis::atRight);
    scale->axis()->setLabel(tr("d"));
    map->setColorScale(scale);
    map->setGradient(style::perceptualGradient());
    map->setInterpolate(false);
    auto *group = new QCPMarginGroup(m_plot);
    m_plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    scale->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    m_plot->yAxis->setRangeReversed(true); // row 0 at the top, as a matrix is read
    m_plot->xAxis->grid()->setVisible(false);
    m_plot->yAxis->grid()->setVisible(false);
    m_plot->setMouseTracking(true);
    connect(m_plot, &QCustomPlot::mouseMove, this, &HeatmapView::showTooltip);
    connect(m_orderBox, &QComboBox::currentIndexChanged, this, &HeatmapView::redraw);
    connect(model, &RunModel::runReset, this, &HeatmapView::redraw);
    connect(model, &RunModel::currentEpochChanged, this, &HeatmapView::redraw);
    setMinimumSize(320, 300);
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

void HeatmapView::redraw()
{
    m_plot->clearItems();
    const int epoch = m_model->currentEpoch();
    const FloatMatrix d = epoch >= 0 ? m_model->distance(epoch) : FloatMatrix();
    const auto &neurons = m_model->neurons();
    const bool valid = d.rows() > 0 && d.rows() == Eigen::Index(neurons.size());
    m_epoch = valid ? epoch : -1;
    const int n = valid ? int(d.rows()) : 0;
    style::setTitle(m_plot, valid ? tr("Epoch %1, %2 neurons").arg(epoch).arg(n) : tr("No epoch yet"));

    const bool clustered = m_orderBox->currentIndex() == 1;
    m_order.resize(size_t(n));
    std::iota(m_order.begin(), m_order.end(), 0);
    if (clustered && n > 0)
        m_order = singleLinkageOrder(d);

    auto *map = static_cast<QCPColorMap *>(m_plot->plottable(0));
    map->data()->setSize(std::max(n, 1), std::max(n, 1));
    map->data()->setRange(QCPRange(0, std::max(n - 1, 0)), QCPRange(0, std::max(n - 1, 0)));
    map->data()->fill(0.0);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            map->data()->setCell(j, i, d(m_order[size_t(i)], m_order[size_t(j)]));
    const double top = n > 0 ? std::max(1.0, double(d.maxCoeff())) : 1.0;
    map->setDataRange(QCPRange(0.0, top));
    m_plot->xAxis->setRange(-0.5, std::max(n, 1) - 0.5);
    m_plot->yAxis->setRange(-0.5, std::max(n, 1) - 0.5);

    // Layer boundaries and names, when rows are in layer order.
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    if (!clustered && n > 0) {
        const int layerCount = int(m_model->spec().model.layers.size());
        int start = 0;
        for (int i = 1; i <= n; ++i) {
            if (i < n && neurons[size_t(i)].layer == neurons[size_t(start)].layer)
                continue;
            const int layer = neurons[size_t(start)].layer;
            const QString name = layer == 0 ? tr("input") : layer == layerCount - 1 ? tr("output") : tr("layer %1").arg(layer);
            ticker->addTick((start + i - 1) / 2.0, name);
            if (i < n)
                for (bool vertical : {true, false}) {
                    auto *line = new QCPItemStraightLine(m_plot);
                    line->setPen(QPen(Qt::white, 1.5));
                    line->point1->setCoords(vertical ? i - 0.5 : 0, vertical ? 0 : i - 0.5);
                    line->point2->setCoords(vertical ? i - 0.5 : 1, vertical ? 1 : i - 0.5);
                }
            start = i;
        }
    }
    m_plot->xAxis->setTicker(ticker);
    m_plot->yAxis->setTicker(ticker);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapView::showTooltip(QMouseEvent *event)
{
    const int n = matrixSize();
    const int col = int(std::lround(m_plot->xAxis->pixelToCoord(event->pos().x())));
    const int row = int(std::lround(m_plot->yAxis->pixelToCoord(event->pos().y())));
    if (m_epoch < 0 || row < 0 || col < 0 || row >= n || col >= n) {
        QToolTip::hideText();
        return;
    }
    const auto &neurons = m_model->neurons();
    const int layerCount = int(m_model->spec().model.layers.size());
    const int a = m_order[size_t(row)], b = m_order[size_t(col)];
    const FloatMatrix d = m_model->distance(m_epoch);
    QToolTip::showText(event->globalPosition().toPoint(),
                       tr("%1 — %2: d = %3")
                           .arg(neuronLabel(neurons[size_t(a)], layerCount), neuronLabel(neurons[size_t(b)], layerCount))
                           .arg(d(a, b), 0, 'f', 4),
                       m_plot);
}

} // namespace netbetti
