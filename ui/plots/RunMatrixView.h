#pragma once
// Across architectures in one picture: the distances between several runs'
// diagrams at one epoch as a heatmap, the runs named on both axes by what
// differs between them, each cell's value written in it and said on hover.
// The numbers are runDistanceMatrix's, those of `netbetti-cli compare
// --matrix`. Drawn from a ComparisonState (the figure `run-matrix`).

#include "plots/Comparison.h"

#include <QWidget>

class QCPColorMap;
class QCustomPlot;
class QMouseEvent;

namespace netbetti {

class RunMatrixView : public QWidget
{
    Q_OBJECT
public:
    explicit RunMatrixView(QWidget *parent = nullptr);
    void setState(const ComparisonState &state);
    const ComparisonState &state() const { return m_state; }

    QCustomPlot *plot() const { return m_plot; }
    /// Why there is no matrix (named runs, the field at fault); empty when there is one.
    QString problem() const { return m_problem; }
    /// The matrix drawn (empty when there is a problem).
    const RunDistanceMatrix &matrix() const { return m_matrix; }
    /// The names on the axes, in order.
    QStringList names() const { return m_names; }
    /// What hovering cell (row, column) says; empty outside the matrix.
    QString cellText(int row, int column) const;
    /// The cell's value as drawn: the chosen distance in the chosen dimension.
    double cellValue(int row, int column) const;

    QSize minimumSizeHint() const override;

private:
    void redraw();
    void showTooltip(QMouseEvent *event);

    ComparisonState m_state;
    RunDistanceMatrix m_matrix;
    QStringList m_names;
    QString m_problem;
    int m_dim = 0;
    QCustomPlot *m_plot;
    QCPColorMap *m_map;
};

} // namespace netbetti
