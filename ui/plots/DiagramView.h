#pragma once
// The persistence diagram (birth against death) of the shown epoch: one
// scatter per dimension, the diagonal, and the classes that never die (or
// are alive at the threshold) on a dashed row along the top.

#include "topology/PersistenceDiagram.h"

#include <QWidget>
#include <optional>
#include <vector>

class QCustomPlot;
class QCPItemStraightLine;
class QCPItemText;

namespace netbetti {

class RunModel;

class DiagramView : public QWidget
{
    Q_OBJECT
public:
    explicit DiagramView(RunModel *model, QWidget *parent = nullptr);
    QCustomPlot *plot() const;
    /// The epoch drawn; -1 when none is.
    int shownEpoch() const;
    /// Points drawn for dim in the shown epoch (bars of length zero are not drawn).
    int shownPointCount(int dim) const;
    /// What the hover tooltip says at a point of the plot (widget pixels):
    /// the nearest point within a few pixels; empty when there is none.
    QString describeAt(const QPointF &pixel) const;
    /// The bar drawn as selected (the selected track's, in the shown epoch), if any.
    std::optional<PersistenceBar> selectedBarShown() const { return m_selected; }
    /// The class a click at pixel selects (the nearest point within a few pixels).
    std::optional<PersistenceBar> barAt(const QPointF &pixel) const;

    QSize minimumSizeHint() const override;

private:
    void redraw();
    const PersistenceBar *nearest(const QPointF &pixel, QPointF *bestPixel) const;
    /// Where a bar is drawn, in plot coordinates.
    QPointF position(const PersistenceBar &bar) const;

    RunModel *m_model;
    QCustomPlot *m_plot;
    QCPItemStraightLine *m_diagonal;
    QCPItemStraightLine *m_infinityLine;
    QCPItemText *m_infinityLabel;
    int m_epoch = -1;
    bool m_atThreshold = false;
    double m_top = 1.0;                 // both axes end here; so does the ∞ row
    std::vector<PersistenceBar> m_shown; // every point drawn, all dimensions
    std::vector<int> m_counts;           // per dimension
    std::optional<PersistenceBar> m_selected;
};

} // namespace netbetti
