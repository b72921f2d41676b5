#pragma once
// The network as a row of layer blocks, edited by hand: drag "+ Hidden
// layer" from the palette into a gap, drag a hidden block sideways to
// reorder, drag its handle up or down (or scroll on it, or double-click and
// type, or press + and −) to change its width, select it and press Delete
// to remove it (Insert adds one after it). The
// input and output layers follow the dataset. Every edit goes through the
// document's undo stack; an edit the spec would not accept is refused with
// the reason under the blocks, and nothing already built changes.
//
// Gestures use the view's own mouse events rather than QDrag: a drag is one
// press, some moves and a release on this widget, which tests drive like a
// user's hand (QDrag's nested event loop cannot be driven offscreen).

#include <QGraphicsView>
#include <functional>
#include <vector>

class QLineEdit;
class QGraphicsRectItem;

namespace netbetti {

class ExperimentDocument;
enum class EditMerge : int;
class LayerBlockItem;
class PaletteItem;
struct ExperimentSpec;

class ArchitectureEditor : public QGraphicsView
{
    Q_OBJECT
public:
    explicit ArchitectureEditor(ExperimentDocument *document, QWidget *parent = nullptr);
    ~ArchitectureEditor() override;

    /// Where a user would put the mouse, in viewport coordinates.
    QPoint blockPoint(int layer) const;
    QPoint handlePoint(int layer) const;
    QPoint palettePoint() const;
    /// The gap just before `layer` (between layer − 1 and layer).
    QPoint gapPoint(int layer) const;

    int blockCount() const;
    /// The selected layer, −1 for none.
    int selectedLayer() const;
    void selectLayer(int layer);
    /// Why the last edit was refused; empty once an edit went through.
    QString message() const;
    /// "|X| = 130 neurons …": how many points the metric space will have.
    QString neuronSummary() const;
    /// The persistence estimate when it is slow or exceeds memory; else empty.
    QString costWarning() const;
    /// The field that opens over a block on double-click.
    QLineEdit *widthEditor() const;
    /// Per layer, the neurons of the selected class's cycle (badges on the
    /// blocks); empty: none.
    void setCycleCounts(const std::vector<int> &counts);
    int cycleCount(int layer) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;

private:
    enum class Gesture { None, FromPalette, Move, Width };

    void syncFromSpec();
    void layoutBlocks();
    double blockX(int layer) const;
    int layerAt(const QPointF &scenePos, bool *onHandle = nullptr) const;
    /// The insertion index (1 … layers − 1) whose gap is nearest, or −1 when
    /// the point is not over the network.
    int dropIndexAt(const QPointF &scenePos) const;
    void showDropIndicator(int index);
    void updateHoverCursor(const QPointF &scenePos);

    /// Pushes edit(spec) to the document, or shows why the spec refuses it.
    bool commit(const std::function<ExperimentSpec(const ExperimentSpec &)> &edit, const QString &text,
                EditMerge merge = EditMerge(-1), const QString &mergeKey = {});
    bool setWidth(int layer, int neurons, const QString &mergeKey);
    void insertLayer(int index, int neurons);
    void removeLayer(int layer);
    void moveLayer(int from, int to);
    void openWidthEditor(int layer);
    void commitWidthEditor();
    void refuse(const QString &reason);

    ExperimentDocument *m_document;
    PaletteItem *m_palette;
    std::vector<LayerBlockItem *> m_blocks;
    LayerBlockItem *m_ghost;
    QGraphicsRectItem *m_dropIndicator;
    QLineEdit *m_widthEdit;
    int m_editingLayer = -1;

    Gesture m_gesture = Gesture::None;
    int m_gestureLayer = -1;
    int m_dropIndex = -1;
    int m_dragSerial = 0;
    int m_startWidth = 0;
    QPointF m_pressPos;
    int m_selected = -1;
    std::vector<int> m_cycleCounts;
    QString m_message;
    double m_left = 0;
    double m_pitch = 0;
};

} // namespace netbetti
