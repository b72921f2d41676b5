#pragma once
// The pieces the architecture editor draws: one block per layer, whose
// height shows its width on a log scale (1 to 16384 neurons), and the
// palette chip a new hidden layer is dragged from. They only draw; the
// editor handles every gesture.

#include <QGraphicsItem>

namespace netbetti {

class LayerBlockItem : public QGraphicsItem
{
public:
    enum class Role { Input, Hidden, Output };

    static constexpr double kWidth = 48;     ///< on screen, whatever the layer's width
    static constexpr double kMinHeight = 22; ///< a one-neuron layer, still room for its number
    static constexpr double kMaxHeight = 120;
    /// Block height for a layer of `neurons` (log scale).
    static double heightFor(int neurons);

    LayerBlockItem();
    void setLayer(int neurons, Role role, int hiddenIndex, bool analysed);
    void setSelected(bool selected);
    void setGhost(bool ghost);
    /// Under the pointer: a lighter fill says it can be grabbed.
    void setHovered(bool hovered);
    /// Neurons of the selected class's cycle in this layer: a badge; 0: none.
    void setCycleCount(int count);
    int cycleCount() const { return m_cycleCount; }
    int neurons() const { return m_neurons; }
    Role role() const { return m_role; }

    /// In item coordinates; the block is centred on the origin.
    QRectF blockRect() const;
    /// The grip above a hidden block that is dragged to change its width.
    QRectF handleRect() const;
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    int m_neurons = 1;
    Role m_role = Role::Hidden;
    int m_hiddenIndex = 0;
    bool m_analysed = true;
    bool m_selected = false;
    bool m_ghost = false;
    bool m_hovered = false;
    int m_cycleCount = 0;
};

class PaletteItem : public QGraphicsItem
{
public:
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
};

} // namespace netbetti
