#include "plots/PlotStyle.h"

#include <QMouseEvent>
#include <QToolTip>
#include <qcustomplot.h>

namespace netbetti::style {

QColor dimensionColor(int dim)
{
    static const QColor colors[] = {QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00), QColor(0x00, 0x9E, 0x73),
                                    QColor(0xCC, 0x79, 0xA7)};
    return colors[std::clamp(dim, 0, 3)];
}

QColor categoryColor(int index)
{
    static const QColor colors[] = {QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00), QColor(0x00, 0x9E, 0x73),
                                    QColor(0xCC, 0x79, 0xA7), QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9),
                                    QColor(0xF0, 0xE4, 0x42), QColor(0x00, 0x00, 0x00)};
    return colors[std::max(index, 0) % 8];
}

QString subscript(int n)
{
    QString out;
    for (const QChar c : QString::number(n))
        out += QChar(0x2080 + c.digitValue());
    return out;
}

QString homologyName(int dim)
{
    return QStringLiteral("H") + subscript(dim);
}

QString bettiName(int dim)
{
    return QStringLiteral("β") + subscript(dim);
}

QCPColorGradient perceptualGradient()
{
    QCPColorGradient g;
    g.clearColorStops();
    const QColor stops[] = {QColor(0x44, 0x01, 0x54), QColor(0x48, 0x28, 0x78), QColor(0x3e, 0x4a, 0x89),
                            QColor(0x31, 0x68, 0x8e), QColor(0x26, 0x82, 0x8e), QColor(0x1f, 0x9e, 0x89),
                            QColor(0x35, 0xb7, 0x79), QColor(0x6e, 0xce, 0x58), QColor(0xb5, 0xde, 0x2b),
                            QColor(0xfd, 0xe7, 0x25)};
    for (int i = 0; i < 10; ++i)
        g.setColorStopAt(i / 9.0, stops[i]);
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    return g;
}

namespace {

/// A title that never widens the layout: wider than its row, each of its
/// lines is drawn shortened in the middle (the epoch at its end stays); a QCPTextElement
/// would make the plot as wide as its text and push the axes off the edge.
class ElidedTitle : public QCPTextElement
{
public:
    ElidedTitle(QCustomPlot *plot, const QString &text, const QFont &font, Qt::TextElideMode elide)
        : QCPTextElement(plot, text, font), m_elide(elide)
    {
    }

protected:
    QSize minimumOuterSizeHint() const override { return {0, QCPTextElement::minimumOuterSizeHint().height()}; }
    void draw(QCPPainter *painter) override
    {
        const QString full = mText;
        QStringList lines = full.split(QLatin1Char('\n'));
        for (QString &line : lines)
            line = QFontMetrics(mainFont()).elidedText(line, m_elide, std::max(40, mRect.width() - 8));
        mText = lines.join(QLatin1Char('\n'));
        QCPTextElement::draw(painter);
        mText = full;
    }

private:
    Qt::TextElideMode m_elide;
};

} // namespace

QCPTextElement *newTitle(QCustomPlot *plot, const QString &text, double points, Qt::TextElideMode elide)
{
    return new ElidedTitle(plot, text, QFont(plot->font().family(), int(points), QFont::Bold), elide);
}

void addTitle(QCustomPlot *plot, const QString &text)
{
    plot->plotLayout()->insertRow(0);
    QCPTextElement *title = newTitle(plot, text, 11);
    title->setProperty(kWrapInFigures, true);
    plot->plotLayout()->addElement(0, 0, title);
}

void setTitle(QCustomPlot *plot, const QString &text)
{
    if (auto *title = qobject_cast<QCPTextElement *>(plot->plotLayout()->element(0, 0)))
        title->setText(text);
}

void useEpochTicks(QCPAxis *axis)
{
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    axis->setTicker(ticker);
}

void setUpPlot(QCustomPlot *plot)
{
    plot->setBackground(Qt::white);
    QFont font = plot->font();
    font.setPointSizeF(9.0);
    for (QCPAxis *axis : plot->axisRect()->axes()) {
        axis->setTickLabelFont(font);
        QFont label = font;
        label.setPointSizeF(10.0);
        axis->setLabelFont(label);
    }
    plot->setNoAntialiasingOnDrag(true);
    plot->setAntialiasedElements(QCP::aeAll);
}

void showLegend(QCustomPlot *plot, Qt::Alignment corner)
{
    plot->legend->setVisible(true);
    plot->axisRect()->insetLayout()->setInsetAlignment(0, corner);
    QFont small = plot->font();
    small.setPointSizeF(8);
    plot->legend->setFont(small);
}

namespace {

/// After each layout: when the legend's columns that fit the plot's width
/// change, the legend is refilled in that many columns and the layout done
/// again (once), so that with many entries it wraps into rows instead of
/// running off the page.
void fitLegendColumns(QCustomPlot *plot)
{
    if (plot->property("fittingLegend").toBool())
        return;
    QCPLegend *legend = plot->legend;
    QList<QCPAbstractLegendItem *> items; // in order; a grid's empty cells are null
    for (int i = 0; i < legend->itemCount(); ++i)
        if (QCPAbstractLegendItem *item = legend->item(i))
            items << item;
    // The most columns whose widths (each its widest entry, filled row by
    // row) add up to the width there is.
    const int spacing = legend->columnSpacing();
    const QCPLayout *row = legend->layout(); // the row's grid, laid out already
    const int available = (row ? row->rect().width() : plot->viewport().width()) - legend->margins().left() -
                          legend->margins().right();
    int columns = std::max(1, int(items.size()));
    for (; columns > 1; --columns) {
        std::vector<int> widths(size_t(columns), 0);
        for (int i = 0; i < int(items.size()); ++i)
            widths[size_t(i % columns)] = std::max(widths[size_t(i % columns)], items[i]->minimumOuterSizeHint().width());
        int total = spacing * (columns - 1);
        for (int w : widths)
            total += w;
        if (total <= available)
            break;
    }
    if (columns == legend->wrap() && legend->elementCount() == int(items.size()))
        return;
    for (QCPAbstractLegendItem *item : items)
        legend->take(item);
    legend->simplify();
    legend->setWrap(columns);
    for (QCPAbstractLegendItem *item : items)
        legend->addElement(item);
    plot->setProperty("fittingLegend", true);
    for (const auto phase : {QCPLayoutElement::upPreparation, QCPLayoutElement::upMargins, QCPLayoutElement::upLayout})
        plot->plotLayout()->update(phase);
    plot->setProperty("fittingLegend", false);
}

} // namespace

void addLegendRow(QCustomPlot *plot, int row)
{
    QObject::connect(plot, &QCustomPlot::afterLayout, plot, [plot] { fitLegendColumns(plot); });
    QCPLegend *legend = plot->legend;
    legend->setVisible(true);
    plot->axisRect()->insetLayout()->take(legend);
    plot->plotLayout()->insertRow(row);
    auto *cells = new QCPLayoutGrid;
    plot->plotLayout()->addElement(row, 0, cells);
    cells->addElement(0, 0, new QCPLayoutElement(plot));
    cells->addElement(0, 1, legend);
    cells->addElement(0, 2, new QCPLayoutElement(plot));
    cells->setColumnStretchFactors({1.0, 0.001, 1.0});
    cells->setColumnSpacing(0);
    plot->plotLayout()->setRowStretchFactor(row, 0.001);
    QFont small = plot->font();
    small.setPointSizeF(8.5);
    legend->setFont(small);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setBorderPen(Qt::NoPen);
    legend->setMargins(QMargins(4, 0, 4, 0));
    legend->setColumnSpacing(12);
    legend->setIconSize(24, 12); // the line and its marker; the default 32 took a name's room
}

QCPItemStraightLine *addEpochMarker(QCustomPlot *plot)
{
    auto *marker = new QCPItemStraightLine(plot);
    marker->setPen(QPen(Qt::gray, 1, Qt::DashLine));
    marker->setVisible(false);
    return marker;
}

void moveEpochMarker(QCPItemStraightLine *marker, int epoch)
{
    marker->setVisible(epoch >= 0);
    marker->point1->setCoords(epoch, 0);
    marker->point2->setCoords(epoch, 1);
    marker->parentPlot()->replot(QCustomPlot::rpQueuedReplot);
}

void showTooltip(QCustomPlot *plot, const QMouseEvent *event, const QString &text)
{
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, plot);
}

void showEmptyNote(QCustomPlot *plot, const QString &text)
{
    const QString name = QStringLiteral("emptyNote");
    QCPItemText *note = nullptr;
    for (int i = 0; i < plot->itemCount() && !note; ++i)
        if (plot->item(i)->objectName() == name)
            note = qobject_cast<QCPItemText *>(plot->item(i));
    if (text.isEmpty()) {
        if (note)
            plot->removeItem(note);
        return;
    }
    if (!note) {
        note = new QCPItemText(plot);
        note->setObjectName(name);
        note->position->setType(QCPItemPosition::ptAxisRectRatio);
        note->position->setCoords(0.5, 0.5);
        note->setPositionAlignment(Qt::AlignCenter);
        note->setColor(QColor(0x70, 0x70, 0x70));
        note->setSelectable(false);
        QFont font = plot->font();
        font.setPointSizeF(10.0);
        note->setFont(font);
    }
    note->setText(text);
}

namespace {

class AxesMarginColorScale : public QCPColorScale
{
public:
    using QCPColorScale::QCPColorScale;

protected:
    int calculateAutoMargin(QCP::MarginSide side) override
    {
        return QCP::getMarginValue(minimumMargins(), side);
    }
};

} // namespace

QCPColorScale *addColorScale(QCustomPlot *plot, int row, int column)
{
    auto *scale = new AxesMarginColorScale(plot);
    plot->plotLayout()->addElement(row, column, scale);
    scale->setType(QCPAxis::atRight);
    scale->setBarWidth(12);
    auto *group = new QCPMarginGroup(plot);
    plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    scale->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    return scale;
}

} // namespace netbetti::style
