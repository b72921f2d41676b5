#include "editor/ArchitectureEditor.h"

#include "editor/ArchitectureEdits.h"
#include "editor/ArchitectureItems.h"
#include "Error.h"
#include "document/ExperimentDocument.h"
#include "plots/PlotStyle.h"
#include "topology/PersistenceCost.h"

#include <QApplication>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMouseEvent>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace netbetti {

namespace {

// Block centre to block centre: roomy when the view is wide, tighter (down to
// a narrow gap) before the view has to scroll.
constexpr double kWidePitch = LayerBlockItem::kWidth + 30;
constexpr double kTightPitch = LayerBlockItem::kWidth + 10;
constexpr double kMargin = 16;
constexpr double kRowY = 44 + LayerBlockItem::kMaxHeight / 2; // below the palette chip
constexpr double kSceneHeight = kRowY + LayerBlockItem::kMaxHeight / 2 + 28;
constexpr int kFooterHeight = 50;
constexpr int kNewLayerWidth = 64;
/// Handle travel that doubles a width: blocks are drawn on a log scale too
/// short to follow the pointer pixel by pixel (7 px per doubling).
constexpr double kPixelsPerDoubling = 24;
/// Persistence slower than this per epoch is worth a warning before a run.
constexpr double kSlowSeconds = 10.0;

/// Widths a handle drag lands on: every integer up to 16, then eight steps
/// per doubling (64, 72, 80, …): round numbers, three pixels of travel apart.
int snapWidth(int neurons)
{
    if (neurons <= 16)
        return std::max(neurons, 1);
    const int step = 1 << (int(std::floor(std::log2(double(neurons)))) - 3);
    return std::clamp(int(std::lround(double(neurons) / step)) * step, 1, kMaxLayerWidth);
}

QString neuronsDescription(const AnalysisSpec &analysis)
{
    if (analysis.neurons == QLatin1String("hidden"))
        return QObject::tr("hidden layers");
    if (analysis.neurons == QLatin1String("all"))
        return QObject::tr("every layer");
    if (analysis.neurons == QLatin1String("layers")) {
        QStringList list;
        for (int l : analysis.layers)
            list << QString::number(l);
        return QObject::tr("layers %1").arg(list.join(QStringLiteral(", ")));
    }
    return QObject::tr("hidden and output layers");
}

} // namespace

ArchitectureEditor::ArchitectureEditor(ExperimentDocument *document, QWidget *parent)
    : QGraphicsView(parent), m_document(document), m_palette(new PaletteItem), m_ghost(new LayerBlockItem),
      m_dropIndicator(new QGraphicsRectItem), m_widthEdit(new QLineEdit(viewport()))
{
    auto *scene = new QGraphicsScene(this);
    setScene(scene);
    setInteractive(false); // every gesture is handled below
    setRenderHint(QPainter::Antialiasing);
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate); // the links between blocks are drawn behind them
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
    setToolTip(tr("Drag “+ Hidden layer” into a gap to add a layer; drag a hidden block sideways to move it; "
                  "drag its grip up or down, scroll on it or double-click it to change its width; "
                  "select it and press Delete to remove it."));

    m_palette->setPos(kMargin, 8);
    scene->addItem(m_palette);
    m_ghost->setLayer(kNewLayerWidth, LayerBlockItem::Role::Hidden, 0, true);
    m_ghost->setGhost(true);
    m_ghost->setZValue(3);
    m_ghost->hide();
    scene->addItem(m_ghost);
    m_dropIndicator->setPen(Qt::NoPen);
    m_dropIndicator->setBrush(style::dimensionColor(1));
    m_dropIndicator->setZValue(2);
    m_dropIndicator->hide();
    scene->addItem(m_dropIndicator);

    m_widthEdit->hide();
    m_widthEdit->setAlignment(Qt::AlignCenter);
    m_widthEdit->installEventFilter(this);
    connect(m_widthEdit, &QLineEdit::editingFinished, this, &ArchitectureEditor::commitWidthEditor);

    connect(m_document, &ExperimentDocument::specChanged, this, &ArchitectureEditor::syncFromSpec);
    syncFromSpec();
}

ArchitectureEditor::~ArchitectureEditor()
{
    // The width field loses its focus as the view goes: that is no edit.
    disconnect(m_widthEdit, nullptr, this, nullptr);
    m_widthEdit->removeEventFilter(this);
}

QSize ArchitectureEditor::sizeHint() const
{
    return {400, int(kSceneHeight) + kFooterHeight + 2 * frameWidth()};
}

QSize ArchitectureEditor::minimumSizeHint() const
{
    return {200, sizeHint().height()};
}

int ArchitectureEditor::blockCount() const
{
    return int(m_blocks.size());
}

double ArchitectureEditor::blockX(int layer) const
{
    return m_left + layer * m_pitch;
}

QPoint ArchitectureEditor::blockPoint(int layer) const
{
    return mapFromScene(QPointF(blockX(layer), kRowY));
}

QPoint ArchitectureEditor::handlePoint(int layer) const
{
    const LayerBlockItem *block = m_blocks.at(size_t(layer));
    return mapFromScene(block->mapToScene(block->handleRect().center()));
}

QPoint ArchitectureEditor::palettePoint() const
{
    return mapFromScene(m_palette->sceneBoundingRect().center());
}

QPoint ArchitectureEditor::gapPoint(int layer) const
{
    return mapFromScene(QPointF(blockX(layer) - m_pitch / 2, kRowY));
}

int ArchitectureEditor::selectedLayer() const
{
    return m_selected;
}

void ArchitectureEditor::selectLayer(int layer)
{
    m_selected = layer >= 0 && layer < blockCount() ? layer : -1;
    for (int i = 0; i < blockCount(); ++i)
        m_blocks[size_t(i)]->setSelected(i == m_selected);
}

QString ArchitectureEditor::message() const
{
    return m_message;
}

QLineEdit *ArchitectureEditor::widthEditor() const
{
    return m_widthEdit;
}

QString ArchitectureEditor::neuronSummary() const
{
    const ExperimentSpec &spec = m_document->spec();
    return tr("|X| = %1 neurons (%2), %3 to %4")
        .arg(spec.analysedNeurons().size())
        .arg(neuronsDescription(spec.analysis), style::homologyName(0), style::homologyName(spec.analysis.maxDim));
}

QString ArchitectureEditor::costWarning() const
{
    const ExperimentSpec &spec = m_document->spec();
    const int points = int(spec.analysedNeurons().size());
    const PersistenceCost worst = worstCaseCost(points, spec.analysis.maxDim);
    const double budget = persistenceMemoryBudget();
    if (worst.bytes > budget && !spec.analysis.threshold)
        return tr("⚠ %1 could need %2: more than the %3 GB one computation may use. Train will be refused: set a "
                  "threshold or lower the maximum dimension.")
            .arg(style::homologyName(spec.analysis.maxDim), worst.describe())
            .arg(budget / 1e9, 0, 'f', 1);
    if (worst.bytes > budget)
        return tr("⚠ Worst case %1. Each epoch is estimated at the threshold and skipped if it cannot be afforded.")
            .arg(worst.describe());
    if (worst.seconds > kSlowSeconds)
        return tr("⚠ Slow: %1 could need %2.").arg(style::homologyName(spec.analysis.maxDim), worst.describe());
    return {};
}

void ArchitectureEditor::setCycleCounts(const std::vector<int> &counts)
{
    m_cycleCounts = counts;
    for (size_t i = 0; i < m_blocks.size(); ++i)
        m_blocks[i]->setCycleCount(i < counts.size() ? counts[i] : 0);
}

int ArchitectureEditor::cycleCount(int layer) const
{
    return layer >= 0 && layer < int(m_blocks.size()) ? m_blocks[size_t(layer)]->cycleCount() : 0;
}

void ArchitectureEditor::syncFromSpec()
{
    const ExperimentSpec &spec = m_document->spec();
    const std::vector<int> &layers = spec.model.layers;
    const std::vector<int> analysed = spec.analysedLayers();
    if (m_gesture != Gesture::None && layers.size() != m_blocks.size()) {
        // Undone under the hand (Ctrl+Z while dragging): the gesture's layer may be gone.
        m_gesture = Gesture::None;
        m_gestureLayer = -1;
        m_ghost->hide();
        showDropIndicator(-1);
    }
    while (m_blocks.size() < layers.size()) {
        auto *block = new LayerBlockItem;
        scene()->addItem(block);
        m_blocks.push_back(block);
    }
    while (m_blocks.size() > layers.size()) {
        delete m_blocks.back();
        m_blocks.pop_back();
    }
    const int last = int(layers.size()) - 1;
    for (int i = 0; i <= last; ++i) {
        const auto role = i == 0      ? LayerBlockItem::Role::Input
                          : i == last ? LayerBlockItem::Role::Output
                                      : LayerBlockItem::Role::Hidden;
        const bool inX = std::find(analysed.begin(), analysed.end(), i) != analysed.end();
        m_blocks[size_t(i)]->setLayer(layers[size_t(i)], role, i, inX);
        m_blocks[size_t(i)]->setCycleCount(size_t(i) < m_cycleCounts.size() ? m_cycleCounts[size_t(i)] : 0);
    }
    selectLayer(m_selected);
    // A later edit takes a refusal's message away, also one that moves no
    // block (the scene would not repaint the footer by itself).
    m_message.clear();
    layoutBlocks();
    viewport()->update();
}

void ArchitectureEditor::layoutBlocks()
{
    const int count = blockCount();
    const double room = viewport()->width() - 2 * kMargin - LayerBlockItem::kWidth;
    m_pitch = count > 1 ? std::clamp(room / (count - 1), kTightPitch, kWidePitch) : kWidePitch;
    const double netWidth = (count - 1) * m_pitch + LayerBlockItem::kWidth;
    const double sceneWidth = std::max(double(viewport()->width()), netWidth + 2 * kMargin);
    m_left = (sceneWidth - netWidth) / 2 + LayerBlockItem::kWidth / 2;
    for (int i = 0; i < count; ++i) {
        if (m_gesture == Gesture::Move && i == m_gestureLayer)
            continue;
        m_blocks[size_t(i)]->setPos(blockX(i), kRowY);
        m_blocks[size_t(i)]->setZValue(1);
    }
    setSceneRect(0, 0, sceneWidth, std::max(double(viewport()->height()), kSceneHeight));
    viewport()->update();
}

void ArchitectureEditor::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    layoutBlocks();
}

int ArchitectureEditor::layerAt(const QPointF &p, bool *onHandle) const
{
    for (int i = 0; i < blockCount(); ++i) {
        const LayerBlockItem *block = m_blocks[size_t(i)];
        const bool hidden = block->role() == LayerBlockItem::Role::Hidden;
        const bool handle = hidden && block->mapRectToScene(block->handleRect()).adjusted(-3, -4, 3, 2).contains(p);
        if (handle || block->mapRectToScene(block->blockRect()).contains(p)) {
            if (onHandle)
                *onHandle = handle;
            return i;
        }
    }
    return -1;
}

int ArchitectureEditor::dropIndexAt(const QPointF &p) const
{
    const double band = LayerBlockItem::kMaxHeight / 2 + 20;
    const int count = blockCount();
    if (std::abs(p.y() - kRowY) > band || p.x() < blockX(0) - m_pitch || p.x() > blockX(count - 1) + m_pitch)
        return -1;
    int best = 1;
    for (int index = 2; index < count; ++index)
        if (std::abs(p.x() - (blockX(index) - m_pitch / 2)) < std::abs(p.x() - (blockX(best) - m_pitch / 2)))
            best = index;
    return best;
}

void ArchitectureEditor::showDropIndicator(int index)
{
    m_dropIndex = index;
    m_dropIndicator->setVisible(index >= 1);
    if (index >= 1)
        m_dropIndicator->setRect(blockX(index) - m_pitch / 2 - 2, kRowY - LayerBlockItem::kMaxHeight / 2, 4,
                                 LayerBlockItem::kMaxHeight);
}

void ArchitectureEditor::updateHoverCursor(const QPointF &p)
{
    bool onHandle = false;
    const int layer = layerAt(p, &onHandle);
    const bool hidden = layer > 0 && layer < blockCount() - 1;
    for (int i = 0; i < blockCount(); ++i)
        m_blocks[size_t(i)]->setHovered(hidden && i == layer);
    if (m_palette->sceneBoundingRect().contains(p) || (hidden && !onHandle))
        viewport()->setCursor(Qt::OpenHandCursor);
    else if (hidden)
        viewport()->setCursor(Qt::SizeVerCursor);
    else
        viewport()->unsetCursor();
}

void ArchitectureEditor::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QGraphicsView::mousePressEvent(event);
        return;
    }
    setFocus(Qt::MouseFocusReason);
    const QPointF p = mapToScene(event->position().toPoint());
    m_pressPos = p;
    if (m_palette->sceneBoundingRect().contains(p)) {
        m_gesture = Gesture::FromPalette;
        m_ghost->setPos(p);
        m_ghost->show();
        viewport()->setCursor(Qt::ClosedHandCursor);
        return;
    }
    bool onHandle = false;
    const int layer = layerAt(p, &onHandle);
    selectLayer(layer);
    if (layer <= 0 || layer >= blockCount() - 1)
        return; // input and output only get selected
    m_gestureLayer = layer;
    if (onHandle) {
        m_gesture = Gesture::Width;
        m_startWidth = m_document->spec().model.layers[size_t(layer)];
        ++m_dragSerial; // one drag, one undo step
    } else {
        m_gesture = Gesture::Move;
        viewport()->setCursor(Qt::ClosedHandCursor);
    }
}

void ArchitectureEditor::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF p = mapToScene(event->position().toPoint());
    switch (m_gesture) {
    case Gesture::None:
        updateHoverCursor(p);
        break;
    case Gesture::FromPalette:
        m_ghost->setPos(p);
        showDropIndicator(dropIndexAt(p));
        break;
    case Gesture::Move: {
        if (std::abs(p.x() - m_pressPos.x()) < QApplication::startDragDistance() && m_dropIndex < 0)
            break; // a click, not yet a drag
        LayerBlockItem *block = m_blocks[size_t(m_gestureLayer)];
        block->setPos(p.x(), kRowY);
        block->setZValue(3);
        showDropIndicator(dropIndexAt(p));
        break;
    }
    case Gesture::Width: {
        const double scaled = m_startWidth * std::exp2((m_pressPos.y() - p.y()) / kPixelsPerDoubling);
        const int neurons = snapWidth(int(std::lround(std::clamp(scaled, 1.0, double(kMaxLayerWidth)))));
        if (neurons != m_document->spec().model.layers[size_t(m_gestureLayer)])
            setWidth(m_gestureLayer, neurons, QStringLiteral("handle %1").arg(m_dragSerial));
        break;
    }
    }
}

void ArchitectureEditor::mouseReleaseEvent(QMouseEvent *event)
{
    const QPointF p = mapToScene(event->position().toPoint());
    const Gesture gesture = std::exchange(m_gesture, Gesture::None);
    const int layer = std::exchange(m_gestureLayer, -1);
    const int dropIndex = gesture == Gesture::Move && m_dropIndex < 0 ? -1 : dropIndexAt(p);
    showDropIndicator(-1);
    m_ghost->hide();
    updateHoverCursor(p);
    if (gesture == Gesture::FromPalette && dropIndex >= 1) {
        insertLayer(dropIndex, kNewLayerWidth);
    } else if (gesture == Gesture::Move && dropIndex >= 1) {
        const int to = dropIndex > layer ? dropIndex - 1 : dropIndex;
        if (to != layer)
            moveLayer(layer, to);
    }
    layoutBlocks(); // a block dropped where it was goes back to its place
}

void ArchitectureEditor::mouseDoubleClickEvent(QMouseEvent *event)
{
    const int layer = layerAt(mapToScene(event->position().toPoint()));
    if (layer > 0 && layer < blockCount() - 1)
        openWidthEditor(layer);
    else if (layer == 0)
        refuse(tr("The input layer has one neuron per coordinate of the dataset: change the dataset's dimension."));
    else if (layer > 0)
        refuse(tr("The output layer has one neuron per class of the dataset: change the dataset."));
}

void ArchitectureEditor::wheelEvent(QWheelEvent *event)
{
    const int layer = layerAt(mapToScene(event->position().toPoint()));
    if (layer <= 0 || layer >= blockCount() - 1 || event->angleDelta().y() == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    event->accept();
    const int neurons = m_document->spec().model.layers[size_t(layer)];
    const int next = event->angleDelta().y() > 0 ? neurons * 2 : neurons / 2;
    if (next < 1 || next > kMaxLayerWidth)
        refuse(tr("A layer has 1 to %1 neurons.").arg(kMaxLayerWidth));
    else
        setWidth(layer, next, QStringLiteral("wheel %1").arg(layer));
}

void ArchitectureEditor::keyPressEvent(QKeyEvent *event)
{
    const int last = blockCount() - 1;
    switch (event->key()) {
    case Qt::Key_Delete:
    case Qt::Key_Backspace:
        if (m_selected > 0 && m_selected < last)
            removeLayer(m_selected);
        else if (m_selected >= 0)
            refuse(tr("The input and output layers follow the dataset and cannot be removed."));
        return;
    case Qt::Key_Plus:
    case Qt::Key_Minus:
        if (m_selected > 0 && m_selected < last) {
            const int neurons = m_document->spec().model.layers[size_t(m_selected)];
            setWidth(m_selected, event->key() == Qt::Key_Plus ? neurons * 2 : std::max(1, neurons / 2),
                     QStringLiteral("keys %1").arg(m_selected));
        }
        return;
    case Qt::Key_Insert:
        // A new layer after the selected one (before the output when that is selected).
        insertLayer(std::clamp(m_selected + 1, 1, last), kNewLayerWidth);
        return;
    case Qt::Key_Left:
        selectLayer(std::max(0, m_selected - 1));
        return;
    case Qt::Key_Right:
        selectLayer(std::min(last, m_selected + 1));
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_F2:
        if (m_selected > 0 && m_selected < last)
            openWidthEditor(m_selected);
        return;
    default:
        QGraphicsView::keyPressEvent(event);
    }
}

bool ArchitectureEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_widthEdit && event->type() == QEvent::ShortcutOverride) {
        // The field's own keys come before window shortcuts: Escape cancels
        // the width here, it does not stop the run (Run › Stop is Escape).
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Escape || key == Qt::Key_Return || key == Qt::Key_Enter) {
            event->accept();
            return true;
        }
    }
    if (watched != m_widthEdit || event->type() != QEvent::KeyPress)
        return QGraphicsView::eventFilter(watched, event);
    switch (static_cast<QKeyEvent *>(event)->key()) {
    case Qt::Key_Escape:
        m_editingLayer = -1; // cancelled: nothing changes
        setFocus();
        m_widthEdit->hide();
        return true;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        // Taken here: a line edit passes Return on to its parents, and this
        // view would open the field again on it.
        commitWidthEditor();
        return true;
    default:
        break;
    }
    return QGraphicsView::eventFilter(watched, event);
}

bool ArchitectureEditor::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::Leave)
        for (LayerBlockItem *block : m_blocks)
            block->setHovered(false);
    return QGraphicsView::viewportEvent(event);
}

void ArchitectureEditor::openWidthEditor(int layer)
{
    m_editingLayer = layer;
    const LayerBlockItem *block = m_blocks[size_t(layer)];
    const QRect area = mapFromScene(block->mapRectToScene(block->blockRect())).boundingRect();
    m_widthEdit->setText(QString::number(block->neurons()));
    m_widthEdit->setGeometry(area.center().x() - 34, area.center().y() - 13, 68, 26);
    m_widthEdit->show();
    m_widthEdit->setFocus();
    m_widthEdit->selectAll();
}

void ArchitectureEditor::commitWidthEditor()
{
    if (m_editingLayer < 0)
        return;
    const int layer = std::exchange(m_editingLayer, -1);
    setFocus(); // first: a hidden field that still has the focus would swallow the next keys
    m_widthEdit->hide();
    const QString text = m_widthEdit->text().trimmed();
    bool ok = false;
    const int neurons = text.toInt(&ok);
    if (!ok)
        refuse(tr("“%1” is not a whole number of neurons; the layer keeps its width.").arg(text));
    else
        setWidth(layer, neurons, {});
}

void ArchitectureEditor::refuse(const QString &reason)
{
    m_message = reason;
    viewport()->update();
}

bool ArchitectureEditor::commit(const std::function<ExperimentSpec(const ExperimentSpec &)> &edit,
                                const QString &text, EditMerge merge, const QString &mergeKey)
{
    ExperimentSpec next;
    try {
        next = edit(m_document->spec());
    } catch (const InputError &e) {
        refuse(QString::fromUtf8(e.what()));
        return false;
    }
    m_document->edit(next, text, merge, mergeKey);
    return true;
}

bool ArchitectureEditor::setWidth(int layer, int neurons, const QString &mergeKey)
{
    return commit([&](const ExperimentSpec &s) { return architecture::withWidth(s, layer, neurons); },
                  tr("Set h%1 to %2 neurons").arg(layer).arg(neurons),
                  mergeKey.isEmpty() ? EditMerge::None : EditMerge::LayerWidth, mergeKey);
}

void ArchitectureEditor::insertLayer(int index, int neurons)
{
    if (commit([&](const ExperimentSpec &s) { return architecture::withInsertedLayer(s, index, neurons); },
               tr("Add hidden layer h%1").arg(index)))
        selectLayer(index);
}

void ArchitectureEditor::removeLayer(int layer)
{
    const int neurons = m_document->spec().model.layers[size_t(layer)];
    if (commit([&](const ExperimentSpec &s) { return architecture::withoutLayer(s, layer); },
               tr("Remove h%1 (%2 neurons)").arg(layer).arg(neurons)))
        selectLayer(-1);
}

void ArchitectureEditor::moveLayer(int from, int to)
{
    if (commit([&](const ExperimentSpec &s) { return architecture::withMovedLayer(s, from, to); },
               tr("Move h%1 to position %2").arg(from).arg(to)))
        selectLayer(to);
}

void ArchitectureEditor::drawBackground(QPainter *painter, const QRectF &rect)
{
    painter->fillRect(rect, palette().base());
    // The full connections between consecutive layers, as pale bands.
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0xdf, 0xe7, 0xef));
    for (int i = 0; i + 1 < blockCount(); ++i) {
        if (m_gesture == Gesture::Move && (i == m_gestureLayer || i + 1 == m_gestureLayer))
            continue;
        const LayerBlockItem *a = m_blocks[size_t(i)], *b = m_blocks[size_t(i + 1)];
        const QRectF ra = a->mapRectToScene(a->blockRect()), rb = b->mapRectToScene(b->blockRect());
        painter->drawPolygon(QPolygonF({ra.topRight(), rb.topLeft(), rb.bottomLeft(), ra.bottomRight()}));
    }
}

void ArchitectureEditor::drawForeground(QPainter *painter, const QRectF &)
{
    // |X| and the warning stay under the blocks whatever the scroll position.
    painter->save();
    painter->resetTransform();
    const int width = viewport()->width() - 2 * int(kMargin) + 8;
    const int top = viewport()->height() - kFooterHeight;
    painter->setPen(palette().text().color());
    painter->setFont(font());
    painter->drawText(QRect(int(kMargin) - 4, top, width, 16), Qt::AlignLeft | Qt::AlignVCenter, neuronSummary());
    const QString warning = m_message.isEmpty() ? costWarning() : m_message;
    if (!warning.isEmpty()) {
        QFont small = font();
        small.setPointSizeF(small.pointSizeF() * 0.9);
        painter->setFont(small);
        painter->setPen(m_message.isEmpty() ? QColor(0x9a, 0x5b, 0x00) : QColor(0xb0, 0x00, 0x20));
        painter->drawText(QRect(int(kMargin) - 4, top + 17, width, kFooterHeight - 18), Qt::TextWordWrap, warning);
    }
    painter->restore();
}

} // namespace netbetti
