#include "editor/ArchitectureItems.h"

#include "plots/PlotStyle.h"
#include "model/Architecture.h"

#include <QPainter>
#include <QWidget>
#include <cmath>

namespace netbetti {

namespace {

const double kLog2Max = std::log2(double(kMaxLayerWidth));
constexpr double kHandleHeight = 8;
constexpr double kLabelGap = 6;

QColor analysedFill()
{
    return style::dimensionColor(0); // the H₀ blue: these neurons are the points of X
}

} // namespace

double LayerBlockItem::heightFor(int neurons)
{
    const double bits = std::log2(double(std::clamp(neurons, 1, kMaxLayerWidth)));
    return kMinHeight + (kMaxHeight - kMinHeight) * bits / kLog2Max;
}

LayerBlockItem::LayerBlockItem()
{
    setAcceptHoverEvents(false);
}

void LayerBlockItem::setLayer(int neurons, Role role, int hiddenIndex, bool analysed)
{
    if (neurons == m_neurons && role == m_role && hiddenIndex == m_hiddenIndex && analysed == m_analysed)
        return;
    prepareGeometryChange();
    m_neurons = neurons;
    m_role = role;
    m_hiddenIndex = hiddenIndex;
    m_analysed = analysed;
    update();
}

void LayerBlockItem::setSelected(bool selected)
{
    m_selected = selected;
    update();
}

void LayerBlockItem::setHovered(bool hovered)
{
    if (hovered == m_hovered)
        return;
    m_hovered = hovered;
    update();
}

void LayerBlockItem::setGhost(bool ghost)
{
    m_ghost = ghost;
    setOpacity(ghost ? 0.6 : 1.0);
    update();
}

QRectF LayerBlockItem::blockRect() const
{
    const double h = heightFor(m_neurons);
    return {-kWidth / 2, -h / 2, kWidth, h};
}

QRectF LayerBlockItem::handleRect() const
{
    const QRectF block = blockRect();
    return {-kWidth / 4, block.top() - kHandleHeight, kWidth / 2, kHandleHeight};
}

void LayerBlockItem::setCycleCount(int count)
{
    if (count == m_cycleCount)
        return;
    m_cycleCount = count;
    update();
}

QRectF LayerBlockItem::boundingRect() const
{
    // Room for the handle above the tallest block and the role label below.
    return {-kWidth / 2 - 4, -kMaxHeight / 2 - kHandleHeight - 4, kWidth + 8, kMaxHeight + kHandleHeight + 34};
}

void LayerBlockItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *widget)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF block = blockRect();
    const bool hidden = m_role == Role::Hidden;
    const QColor fill = m_analysed ? analysedFill() : QColor(0xb8, 0xc4, 0xd0);
    QPen outline(m_selected ? style::dimensionColor(1) : fill.darker(140), m_selected ? 3 : 1);
    if (!hidden && !m_selected)
        outline.setStyle(Qt::DashLine); // fixed by the dataset
    painter->setPen(outline);
    painter->setBrush(hidden ? (m_hovered ? fill.lighter(118) : fill) : fill.lighter(125));
    painter->drawRoundedRect(block, 5, 5);

    QFont number = widget ? widget->font() : painter->font();
    number.setBold(true);
    number.setPointSizeF(number.pointSizeF() * 0.95);
    painter->setFont(number);
    painter->setPen(m_analysed ? Qt::white : QColor(0x20, 0x30, 0x40));
    painter->drawText(block, Qt::AlignCenter, QString::number(m_neurons));

    if (hidden && !m_ghost) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(m_selected ? style::dimensionColor(1) : QColor(0x40, 0x40, 0x40));
        painter->drawRoundedRect(handleRect().adjusted(0, 1, 0, -2), 2.5, 2.5);
    }

    QFont label = widget ? widget->font() : painter->font();
    label.setPointSizeF(label.pointSizeF() * 0.85);
    painter->setFont(label);
    painter->setPen(QColor(0x55, 0x55, 0x55));
    const QString role = m_role == Role::Input    ? QObject::tr("input")
                         : m_role == Role::Output ? QObject::tr("output")
                                                  : QObject::tr("h%1").arg(m_hiddenIndex);
    painter->drawText(QRectF(-kWidth / 2 - 4, kMaxHeight / 2 + kLabelGap, kWidth + 8, 20), Qt::AlignHCenter | Qt::AlignTop,
                      role);

    if (m_cycleCount > 0) {
        // The selected class's cycle passes through this many of its neurons.
        const QRectF badge(block.right() - 20, block.top() - 8, 24, 16);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0xff, 0x8c, 0x00));
        painter->drawRoundedRect(badge, 8, 8);
        painter->setPen(Qt::black);
        painter->drawText(badge, Qt::AlignCenter, QString::number(m_cycleCount));
    }
}

QRectF PaletteItem::boundingRect() const
{
    return {0, 0, 124, 26};
}

void PaletteItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *widget)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF chip = boundingRect().adjusted(0.5, 0.5, -0.5, -0.5);
    painter->setPen(QPen(analysedFill(), 1));
    painter->setBrush(QColor(0xe8, 0xf1, 0xf8));
    painter->drawRoundedRect(chip, 13, 13);
    // A small block as the icon, then the name.
    painter->setPen(Qt::NoPen);
    painter->setBrush(analysedFill());
    painter->drawRoundedRect(QRectF(10, 6, 10, 14), 2, 2);
    if (widget)
        painter->setFont(widget->font());
    painter->setPen(QColor(0x10, 0x30, 0x50));
    painter->drawText(chip.adjusted(28, 0, -6, 0), Qt::AlignVCenter | Qt::AlignLeft, QObject::tr("+ Hidden layer"));
}

} // namespace netbetti
