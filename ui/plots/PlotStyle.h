#pragma once
// One look for every plot: colour-blind-safe colours per homology dimension
// (Okabe–Ito), axis fonts, and the set-up every QCustomPlot view shares.

#include <QColor>
#include <QString>
#include <Qt>

class QCustomPlot;
class QCPColorGradient;
class QCPAxis;
class QCPTextElement;
class QCPColorScale;
class QCPItemStraightLine;
class QMouseEvent;

namespace netbetti::style {

/// H0, H1, H2, H3: blue, vermillion, bluish green, reddish purple.
QColor dimensionColor(int dim);
/// Colours for classes of a dataset and for runs side by side: the eight
/// Okabe–Ito colours (black last), repeating after eight.
QColor categoryColor(int index);
/// "H₀", "H₁", ... and "β₀", "β₁", ...
QString homologyName(int dim);
QString bettiName(int dim);
/// Subscript digits for labels such as "β₁".
QString subscript(int n);

/// Viridis (perceptually uniform, readable in grey and by colour-blind
/// readers): QCustomPlot 2.1 does not ship it.
QCPColorGradient perceptualGradient();

/// Set on a title that a figure may put on two lines when it is wider than
/// the page (addTitle's titles; BettiView's keeps its scale on one line).
inline constexpr const char *kWrapInFigures = "netbetti-wrap-in-figures";

/// A bold title that is shortened (in the middle, or where `elide` says)
/// when wider than its place: it never widens the plot.
QCPTextElement *newTitle(QCustomPlot *plot, const QString &text, double points,
                         Qt::TextElideMode elide = Qt::ElideMiddle);
/// A bold title row above the plot, and its text.
void addTitle(QCustomPlot *plot, const QString &text);
void setTitle(QCustomPlot *plot, const QString &text);

/// Whole-number ticks (1, 2, 5, 10, ... apart) for an axis of epochs.
void useEpochTicks(QCPAxis *axis);

/// Fonts, margins, white background, interactions off: call once per plot.
void setUpPlot(QCustomPlot *plot);

/// A legend in small type inside the axis rect, at `corner`.
void showLegend(QCustomPlot *plot, Qt::Alignment corner);
/// The legend in one row of the layout (inserted at `row`), centred above
/// the axes, its entries side by side: it covers no curve.
void addLegendRow(QCustomPlot *plot, int row);
/// A dashed vertical line marking the shown epoch on an epoch axis; hidden
/// until moved to an epoch >= 0.
QCPItemStraightLine *addEpochMarker(QCustomPlot *plot);
void moveEpochMarker(QCPItemStraightLine *marker, int epoch);

/// A grey note in the middle of the axes ("no epoch yet") where there is
/// nothing to draw; an empty text removes it.
void showEmptyNote(QCustomPlot *plot, const QString &text);

/// The hover tooltip of a plot: text at the mouse, or none when text is
/// empty (the mouse left every bar, point or line).
void showTooltip(QCustomPlot *plot, const QMouseEvent *event, const QString &text);

/// A colour scale beside the axes whose top and bottom margins follow the
/// axes alone. (QCustomPlot's own would keep the largest margin it was ever
/// given through the margin group: a panel would depend on what it showed
/// before.)
QCPColorScale *addColorScale(QCustomPlot *plot, int row, int column);

} // namespace netbetti::style
