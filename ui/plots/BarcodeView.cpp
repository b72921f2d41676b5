#include "plots/BarcodeView.h"

#include "plots/PlotStyle.h"
#include "plots/RunNames.h"
#include "run/CycleSelection.h"
#include "run/RunModel.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace netbetti {

namespace {

/// Share of the height every group gets at least, so that three H1 bars
/// next to a thousand H0 bars are still bars, not a hairline.
constexpr double kMinGroupShare = 0.15;
/// Empty space between groups, as a share of the bars' height.
constexpr double kGroupGap = 0.05;

/// A right-pointing arrow head whose tip is the scatter point: it ends the
/// bars that do not die (or are alive at the threshold) at the right edge.
QPainterPath arrowHead()
{
    QPainterPath path;
    path.moveTo(0.0, 0.0);
    path.lineTo(-6.0, -3.0);
    path.lineTo(-6.0, 3.0);
    path.closeSubpath();
    return path;
}

QString number(double value)
{
    return QString::number(value, 'f', 4);
}

/// A constant neuron is at distance 1 from every other: its H0 bar is [0, 1).
bool isConstantNeuronsBar(const PersistenceBar &b)
{
    return b.dim == 0 && b.birth == 0.0 && std::abs(b.death - 1.0) < 1e-6;
}

} // namespace

BarcodeView::BarcodeView(RunModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_foldBox(new QCheckBox(tr("Fold constant neurons"), this)),
      m_minPersistence(new QDoubleSpinBox(this)), m_plot(new QCustomPlot(this))
{
    m_foldBox->setChecked(m_options.foldConstant);
    m_foldBox->setToolTip(tr("Draw the bars [0, 1) of constant neurons (dead ReLUs, at distance 1 from every "
                             "other neuron) as one labelled bar"));
    m_minPersistence->setRange(0.0, 2.0);
    m_minPersistence->setDecimals(3);
    m_minPersistence->setSingleStep(0.01);
    m_minPersistence->setKeyboardTracking(false); // taken when typing ends, not at each key
    m_minPersistence->setSpecialValueText(tr("show all"));
    m_minPersistence->setToolTip(tr("Leave out bars shorter than this persistence (they are counted under the plot)"));
    auto *controls = new QHBoxLayout;
    controls->setContentsMargins(4, 2, 4, 0);
    controls->addWidget(m_foldBox);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Hide bars shorter than"), this));
    controls->addWidget(m_minPersistence);
    controls->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(controls);
    layout->addWidget(m_plot, 1);
    connect(m_foldBox, &QCheckBox::toggled, this, [this](bool fold) {
        m_options.foldConstant = fold;
        redraw();
    });
    connect(m_minPersistence, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        m_options.minPersistence = value;
        redraw();
    });
    style::setUpPlot(m_plot);
    style::addTitle(m_plot, tr("Barcode"));
    // A small grey line under the plot says which bars were left out.
    QFont small = m_plot->font();
    small.setPointSizeF(8.0);
    m_note = new QCPTextElement(m_plot, QString(), small);
    m_note->setTextColor(QColor(0x60, 0x60, 0x60));
    m_plot->plotLayout()->addElement(2, 0, m_note);

    m_plot->xAxis->setLabel(QStringLiteral("ε"));
    QCPAxis *y = m_plot->yAxis;
    y->setRangeReversed(true); // H0 at the top
    y->grid()->setVisible(false);
    y->setTickLength(0, 0);
    y->setSubTickLength(0, 0);
    y->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));

    auto makeLine = [this](const QPen &pen) {
        auto *line = new QCPItemStraightLine(m_plot);
        line->setLayer(QStringLiteral("axes")); // over the bars
        line->setPen(pen);
        line->setSelectable(false);
        return line;
    };
    // The lines' labels sit in a strip above the plot, where they hide no bar.
    auto makeLabel = [this](const QColor &color) {
        auto *label = new QCPItemText(m_plot);
        label->setLayer(QStringLiteral("axes"));
        label->setClipToAxisRect(false);
        label->setColor(color);
        label->setPadding(QMargins(3, 1, 3, 2));
        label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(0.0, 0.0);
        label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        label->setSelectable(false);
        return label;
    };
    m_thresholdLine = makeLine(QPen(Qt::black, 1.0, Qt::DashLine));
    m_thresholdLabel = makeLabel(Qt::black);
    m_thresholdLabel->setText(tr("threshold"));
    m_scaleLine = makeLine(QPen(QColor(0x55, 0x55, 0x55), 1.0));
    m_scaleLabel = makeLabel(QColor(0x55, 0x55, 0x55));
    m_constantLabel = new QCPItemText(m_plot);
    m_constantLabel->setLayer(QStringLiteral("axes")); // over its bar
    m_constantLabel->setPositionAlignment(Qt::AlignCenter);
    m_constantLabel->setColor(QColor(0x20, 0x20, 0x20));
    m_constantLabel->setBrush(QColor(255, 255, 255, 200));
    m_constantLabel->setPadding(QMargins(3, 1, 3, 1));
    m_constantLabel->setSelectable(false);
    m_constantLabel->setVisible(false);
    m_plot->axisRect()->setAutoMargins(QCP::msLeft | QCP::msRight | QCP::msBottom);
    m_plot->axisRect()->setMargins(QMargins(0, QFontMetrics(m_scaleLabel->font()).height() + 5, 0, 0));

    m_plot->setMouseTracking(true);
    connect(m_plot, &QCustomPlot::mouseMove, this,
            [this](QMouseEvent *event) { style::showTooltip(m_plot, event, describeAt(event->position())); });
    // A click selects the bar under the pointer (or, off the bars, nothing).
    connect(m_plot, &QCustomPlot::mousePress, this,
            [this](QMouseEvent *event) { m_model->setSelectedClass(barAt(event->position())); });
    connect(model, &RunModel::selectionChanged, this, &BarcodeView::redraw);
    connect(m_plot, &QCustomPlot::afterLayout, this, &BarcodeView::fitToSize);
    connect(model, &RunModel::runReset, this, &BarcodeView::redraw);
    connect(model, &RunModel::currentEpochChanged, this, &BarcodeView::redraw);
    connect(model, &RunModel::selectedTrackChanged, this, &BarcodeView::redraw);
    connect(model, &RunModel::scaleChanged, this, [this] {
        updateScaleLine();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
    // A new epoch can widen the common ε axis while an older one is shown.
    connect(model, &RunModel::epochAdded, this, [this] {
        if (m_epoch >= 0 && m_model->scaleRange() * 1.05 != m_right)
            redraw();
    });
    redraw();
}

BarcodeView::Options BarcodeView::options() const
{
    return m_options;
}

void BarcodeView::setOptions(const Options &options)
{
    m_options = options;
    const QSignalBlocker foldBlocker(m_foldBox), minBlocker(m_minPersistence);
    m_foldBox->setChecked(options.foldConstant);
    m_minPersistence->setValue(options.minPersistence);
    redraw();
}

std::vector<BarcodeView::Group *> BarcodeView::drawnGroups()
{
    std::vector<Group *> out;
    for (Group &g : m_groups) {
        out.push_back(&g);
        if (g.dim == 0 && m_constant.folded > 0)
            out.push_back(&m_constant);
    }
    return out;
}

std::vector<const BarcodeView::Group *> BarcodeView::drawnGroups() const
{
    std::vector<const Group *> out;
    for (Group *g : const_cast<BarcodeView *>(this)->drawnGroups())
        out.push_back(g);
    return out;
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
    return dim >= 0 && dim < int(m_groups.size()) ? int(m_groups[size_t(dim)].bars.size()) : 0;
}

QSize BarcodeView::minimumSizeHint() const
{
    return QSize(340, 240);
}

void BarcodeView::redraw()
{
    m_plot->clearPlottables();
    m_groups.clear();
    m_constant = Group();
    m_selected.reset();
    const int current = m_model->currentEpoch();
    const PersistenceDiagram *diagram = m_model->diagram(current);
    m_epoch = diagram ? current : -1;
    m_right = m_model->scaleRange() * 1.05;
    m_plot->xAxis->setRange(0.0, m_right);
    style::setTitle(m_plot, diagram ? tr("Barcode — %1, epoch %2").arg(runTitle(m_model->spec())).arg(m_epoch)
                                    : tr("Barcode"));

    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    m_plot->yAxis->setTicker(ticker);
    m_atThreshold = diagram && diagram->threshold;
    m_thresholdLine->setVisible(m_atThreshold);
    m_thresholdLabel->setVisible(m_atThreshold);
    style::showEmptyNote(m_plot, diagram ? QString() : tr("no epoch yet"));
    if (!diagram) {
        setNote(QString());
        m_plot->yAxis->setRange(0.0, 1.0);
        updateScaleLine();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }

    // Infinite bars end at the threshold when there is one, else at the edge.
    const double edge = m_atThreshold ? std::min(*diagram->threshold, m_right) : m_right;
    int topDim = diagram->maxDim;
    for (const auto &b : diagram->bars)
        topDim = std::max(topDim, b.dim);
    std::vector<int> zeroLength(size_t(topDim + 1), 0), shorter(size_t(topDim + 1), 0);
    m_groups.resize(size_t(topDim + 1));
    for (size_t dim = 0; dim < m_groups.size(); ++dim)
        m_groups[dim].dim = int(dim);
    const EpochRecord *record = m_model->record(m_epoch);
    const size_t constant = m_options.foldConstant && record ? size_t(std::max(0, record->constantNeurons)) : 0;
    const int selectedIndex = m_model->selectedBar(m_epoch);
    const PersistenceBar *selected =
        selectedIndex >= 0 && selectedIndex < int(diagram->bars.size()) ? &diagram->bars[size_t(selectedIndex)] : nullptr;
    for (const auto &b : diagram->bars) {
        if (b.dim < 0)
            continue;
        if (b.death <= b.birth)
            ++zeroLength[size_t(b.dim)];
        else if (m_constant.folded < constant && isConstantNeuronsBar(b))
            ++m_constant.folded;
        else if (!b.isInfinite() && b.persistence() < m_options.minPersistence)
            ++shorter[size_t(b.dim)];
        else {
            m_groups[size_t(b.dim)].bars.push_back(b);
            if (&b == selected)
                m_selected = b;
        }
    }
    if (m_constant.folded > 0)
        m_constant.bars.push_back({0, 0.0, 1.0});
    size_t total = 0;
    for (auto &group : m_groups) {
        std::sort(group.bars.begin(), group.bars.end(), [](const PersistenceBar &a, const PersistenceBar &b) {
            return a.birth != b.birth ? a.birth < b.birth : a.death < b.death;
        });
        total += group.bars.size();
    }

    // Each group's height: its bar count, but at least a share of all bars.
    const std::vector<Group *> groups = drawnGroups();
    const double floor = std::max(1.0, kMinGroupShare * double(total));
    double height = 0.0;
    for (const Group *group : groups)
        height += std::max(double(group->bars.size()), floor);
    const double gap = std::max(0.5, kGroupGap * height);
    double y = 0.0;
    for (Group *groupPointer : groups) {
        Group &group = *groupPointer;
        const auto &bars = group.bars;
        const double groupHeight = std::max(double(bars.size()), floor);
        group.start = y;
        group.spacing = bars.empty() ? groupHeight : groupHeight / double(bars.size());
        const QString tick = group.folded > 0 ? tr("%1 constant").arg(group.folded)
                                              : QStringLiteral("%1 (%2 %3)")
                                                    .arg(style::homologyName(group.dim))
                                                    .arg(bars.size())
                                                    .arg(bars.size() == 1 ? tr("bar") : tr("bars"));
        ticker->addTick(y + groupHeight / 2.0, tick);
        y += groupHeight + gap;
        if (bars.empty())
            continue;

        // One invisible graph holds a point per bar (birth, row), and error
        // bars on its key draw each bar from birth to death.
        QColor color = style::dimensionColor(group.dim);
        if (group.folded > 0)
            color = color.lighter(150); // the dead neurons, apart from the living
        QVector<double> births, rows, minus, plus, arrowRows;
        for (size_t i = 0; i < bars.size(); ++i) {
            const double row = group.start + (double(i) + 0.5) * group.spacing;
            const double end = bars[i].isInfinite() ? edge : bars[i].death;
            births << bars[i].birth;
            rows << row;
            minus << 0.0;
            plus << std::max(0.0, end - bars[i].birth);
            if (bars[i].isInfinite())
                arrowRows << row;
        }
        auto *anchor = m_plot->addGraph();
        anchor->setLineStyle(QCPGraph::lsNone);
        anchor->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssNone));
        anchor->setData(births, rows, true); // sorted by birth already
        anchor->removeFromLegend();
        anchor->setSelectable(QCP::stNone);
        group.segments = new QCPErrorBars(m_plot->xAxis, m_plot->yAxis);
        group.segments->setDataPlottable(anchor);
        group.segments->setErrorType(QCPErrorBars::etKeyError);
        group.segments->setSymbolGap(0.0);
        group.segments->setWhiskerWidth(0.0);
        group.segments->setData(minus, plus);
        group.segments->setPen(QPen(color, 1.0, Qt::SolidLine, Qt::FlatCap));
        group.segments->setAntialiased(false); // horizontal lines: crisp on whole pixels
        group.segments->removeFromLegend();
        group.segments->setSelectable(QCP::stNone);
        if (!arrowRows.isEmpty()) {
            group.arrows = m_plot->addGraph();
            group.arrows->setLineStyle(QCPGraph::lsNone);
            group.arrows->setScatterStyle(QCPScatterStyle(arrowHead(), QPen(color, 1.0), QBrush(color), 6.0));
            group.arrows->setData(QVector<double>(arrowRows.size(), edge), arrowRows, true);
            group.arrows->removeFromLegend();
            group.arrows->setSelectable(QCP::stNone);
        }
    }
    // A selected bar, drawn over its row, thick and dark (apart from every
    // dimension's colour): the selected track's, and the selected class.
    auto markBar = [&](const PersistenceBar &bar, const QPen &pen, const QString &name) {
        if (size_t(bar.dim) >= m_groups.size())
            return;
        const Group &group = m_groups[size_t(bar.dim)];
        const auto at = std::find_if(group.bars.begin(), group.bars.end(), [&](const PersistenceBar &b) {
            return b.birth == bar.birth && b.death == bar.death;
        });
        if (at == group.bars.end())
            return;
        const double row = group.start + (double(at - group.bars.begin()) + 0.5) * group.spacing;
        auto *mark = m_plot->addGraph();
        mark->setObjectName(name);
        mark->setPen(pen);
        mark->setData({at->birth, at->isInfinite() ? edge : at->death}, {row, row}, true);
        mark->removeFromLegend();
        mark->setSelectable(QCP::stNone);
    };
    if (m_selected)
        markBar(*m_selected, QPen(QColor(0x11, 0x11, 0x11), 3.0, Qt::SolidLine, Qt::FlatCap), QString());
    if (const auto &selected = m_model->selectedClass())
        markBar(*selected, QPen(QColor(0x10, 0x10, 0x10), 4.0, Qt::SolidLine, Qt::FlatCap), QStringLiteral("selectedBar"));
    m_plot->yAxis->setRange(-gap / 2.0, y - gap / 2.0);
    m_constantLabel->setVisible(m_constant.folded > 0);
    m_constantLabel->setText(tr("%1 constant neurons, [0, 1)").arg(m_constant.folded));
    m_constantLabel->position->setCoords(0.5, m_constant.start + 0.5 * m_constant.spacing);

    if (m_atThreshold) {
        const double t = *diagram->threshold;
        m_thresholdLine->point1->setCoords(t, 0.0);
        m_thresholdLine->point2->setCoords(t, 1.0);
        m_thresholdLabel->position->setCoords(t, 0.0);
    }
    QStringList left, hidden;
    for (size_t dim = 0; dim < zeroLength.size(); ++dim) {
        if (zeroLength[dim] > 0)
            left << tr("%1 %2").arg(zeroLength[dim]).arg(style::homologyName(int(dim)));
        if (shorter[dim] > 0)
            hidden << tr("%1 %2").arg(shorter[dim]).arg(style::homologyName(int(dim)));
    }
    QStringList notes;
    if (!left.isEmpty())
        notes << tr("Bars of length zero not drawn: %1").arg(left.join(QStringLiteral(", ")));
    if (!hidden.isEmpty())
        notes << tr("shorter than %1 not drawn: %2").arg(m_options.minPersistence, 0, 'g', 3).arg(hidden.join(QStringLiteral(", ")));
    setNote(notes.join(QStringLiteral("; ")));
    updateScaleLine();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void BarcodeView::setNote(const QString &text)
{
    // The note's row is in the layout only while it says something: empty,
    // it would still take a line of the figure's height.
    QCPLayoutGrid *layout = m_plot->plotLayout();
    const bool shown = layout->hasElement(2, 0) && layout->element(2, 0) == m_note;
    m_note->setText(text);
    if (text.isEmpty() && shown) {
        layout->take(m_note);
        layout->simplify();
    } else if (!text.isEmpty() && !shown) {
        layout->addElement(layout->rowCount(), 0, m_note);
    }
}

void BarcodeView::updateScaleLine()
{
    const double eps = m_model->scale();
    const bool visible = m_epoch >= 0;
    m_scaleLine->setVisible(visible);
    m_scaleLabel->setVisible(visible);
    m_scaleLine->point1->setCoords(eps, 0.0);
    m_scaleLine->point2->setCoords(eps, 1.0);
    m_scaleLabel->setText(QStringLiteral("ε = %1").arg(eps, 0, 'g', 3));
    m_scaleLabel->position->setCoords(eps, 0.0);
}

void BarcodeView::fitToSize()
{
    placeLabels();
    // Bars as thick as their rows allow (a hairline at a thousand bars,
    // up to 8 px for a handful), with arrow heads to match.
    const double pixelsPerUnit = m_plot->axisRect()->height() / std::max(1e-9, m_plot->yAxis->range().size());
    for (Group *groupPointer : drawnGroups()) {
        Group &group = *groupPointer;
        if (!group.segments)
            continue;
        const double width = std::round(std::clamp(0.7 * group.spacing * pixelsPerUnit, 1.0, 8.0));
        QPen pen = group.segments->pen();
        pen.setWidthF(width);
        group.segments->setPen(pen);
        if (group.arrows) {
            QCPScatterStyle arrow = group.arrows->scatterStyle();
            arrow.setSize(std::max(8.0, 2.0 * width));
            group.arrows->setScatterStyle(arrow);
        }
    }
}

void BarcodeView::placeLabels()
{
    // Each label goes centred on its line, or ending at it, or starting at
    // it: the first choice that stays inside the plot and clear of the
    // other label. Should none do (ε a hair from the threshold at the right
    // edge), ε's label goes inside the plot at the bottom.
    const QRect area = m_plot->viewport();
    auto span = [this](QCPItemText *label, Qt::Alignment horizontal) {
        const double x = m_plot->xAxis->coordToPixel(label->position->coords().x());
        const QMargins pad = label->padding();
        const double width = QFontMetricsF(label->font()).horizontalAdvance(label->text()) + pad.left() + pad.right();
        const double left = horizontal == Qt::AlignLeft ? x : horizontal == Qt::AlignRight ? x - width : x - width / 2.0;
        return std::make_pair(left, left + width);
    };
    const Qt::Alignment choices[] = {Qt::AlignHCenter, Qt::AlignRight, Qt::AlignLeft};
    const bool both = m_thresholdLabel->visible() && m_scaleLabel->visible();
    for (const Qt::Alignment t : choices)
        for (const Qt::Alignment s : choices) {
            const auto a = span(m_thresholdLabel, t), b = span(m_scaleLabel, s);
            const bool fits = (!m_thresholdLabel->visible() || (a.first >= area.left() && a.second <= area.right())) &&
                              (!m_scaleLabel->visible() || (b.first >= area.left() && b.second <= area.right()));
            const bool apart = !both || a.second + 4.0 <= b.first || b.second + 4.0 <= a.first;
            if (fits && apart) {
                m_thresholdLabel->setPositionAlignment(t | Qt::AlignBottom);
                m_scaleLabel->setPositionAlignment(s | Qt::AlignBottom);
                m_scaleLabel->position->setCoords(m_scaleLabel->position->coords().x(), 0.0);
                m_scaleLabel->setBrush(Qt::NoBrush);
                return;
            }
        }
    m_thresholdLabel->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    m_scaleLabel->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    m_scaleLabel->position->setCoords(m_scaleLabel->position->coords().x(), 1.0);
    m_scaleLabel->setBrush(QColor(255, 255, 255, 220));
}

const PersistenceBar *BarcodeView::barNear(const QPointF &pixel, const Group **in) const
{
    if (m_epoch < 0)
        return nullptr;
    const double y = m_plot->yAxis->pixelToCoord(pixel.y());
    const double tolerance = std::abs(m_plot->yAxis->pixelToCoord(pixel.y() + 3.0) - y); // 3 px
    const double edge = m_plot->xAxis->range().upper;
    const double thresholdEdge = m_thresholdLine->visible() ? m_thresholdLine->point1->coords().x() : edge;
    for (const Group *groupPointer : drawnGroups()) {
        const Group &group = *groupPointer;
        const auto &bars = group.bars;
        if (bars.empty())
            continue;
        // Rows within 3 px of the pointer; of those, the nearest bar whose
        // span covers the pointer horizontally (give or take 3 px).
        const long first = std::max(0L, long(std::floor((y - tolerance - group.start) / group.spacing)));
        const long last = std::min(long(bars.size()) - 1, long(std::floor((y + tolerance - group.start) / group.spacing)));
        const PersistenceBar *best = nullptr;
        double bestDistance = 0.0;
        for (long i = first; i <= last; ++i) {
            const PersistenceBar &b = bars[size_t(i)];
            const double end = b.isInfinite() ? std::min(thresholdEdge, edge) : b.death;
            const double left = m_plot->xAxis->coordToPixel(b.birth), right = m_plot->xAxis->coordToPixel(end);
            if (pixel.x() < left - 3.0 || pixel.x() > right + 3.0)
                continue;
            const double distance = std::abs(group.start + (double(i) + 0.5) * group.spacing - y);
            if (!best || distance < bestDistance) {
                best = &b;
                bestDistance = distance;
            }
        }
        if (best) {
            *in = &group;
            return best;
        }
    }
    return nullptr;
}

std::optional<PersistenceBar> BarcodeView::barAt(const QPointF &pixel) const
{
    const Group *group = nullptr;
    const PersistenceBar *bar = barNear(pixel, &group);
    if (!bar || group->folded > 0)
        return std::nullopt;
    return *bar;
}

QString BarcodeView::describeAt(const QPointF &pixel) const
{
    const Group *group = nullptr;
    const PersistenceBar *best = barNear(pixel, &group);
    if (!best)
        return QString();
    const QString name = style::homologyName(group->dim);
    if (group->folded > 0)
        return tr("%1: %2 constant neurons, each a bar [0, 1)").arg(name).arg(group->folded);
    const QString line = cycleTooltip(*m_model, m_epoch, *best);
    const QString cycle = line.isEmpty() ? QString() : QStringLiteral("\n") + line;
    if (best->isInfinite())
        return tr("%1 bar: birth %2, %3")
                   .arg(name, number(best->birth), m_atThreshold ? tr("alive at threshold") : tr("never dies")) +
               cycle;
    return tr("%1 bar: birth %2, death %3, persistence %4")
               .arg(name, number(best->birth), number(best->death), number(best->persistence())) +
           cycle;
}


} // namespace netbetti
