#pragma once
// The distance matrix of the shown epoch as a heatmap, with the layers
// marked, ordered by layer or by single-linkage clustering. Input neurons
// (hundreds for images) can be left out, and an image's input block is
// labelled by pixel row.

#include "storage/NpyFile.h" // FloatMatrix

#include <QWidget>
#include <vector>

class QCheckBox;
class QComboBox;
class QCPColorMap;
class QCustomPlot;
class QMouseEvent;

namespace netbetti {

class RunModel;
struct SelectedCycle;

class HeatmapView : public QWidget
{
    Q_OBJECT
public:
    /// What the panel shows besides the run: part of its state, and of a figure's.
    struct Options
    {
        bool clustered = false; ///< single-linkage order instead of layer order
    };

    explicit HeatmapView(RunModel *model, QWidget *parent = nullptr);
    Options options() const;
    void setOptions(const Options &options);
    QCustomPlot *plot() const;
    /// The epoch whose matrix is drawn; -1 when none is.
    int shownEpoch() const;
    int matrixSize() const;
    /// Row order shown: neuron index of each row (and column).
    std::vector<int> order() const;
    /// "by layer" (0) or "single-linkage clustering" (1).
    QComboBox *orderBox() const;
    /// Checked: the input neurons are drawn (shown only when the run analyses them).
    QCheckBox *inputsBox() const { return m_inputsBox; }
    /// What hovering cell (row, column) says, e.g. "h1 17 — h2 3: d = 0.4312";
    /// empty outside the matrix.
    QString cellText(int row, int column) const;

    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;
    /// Cells outlined for the selected class's cycle (each edge twice).
    int markedCycleCells() const { return m_cycleCells; }

private:
    void redraw();
    void markCycle(const SelectedCycle &cycle);
    void showTooltip(QMouseEvent *event);

    RunModel *m_model;
    QComboBox *m_orderBox;
    QCheckBox *m_inputsBox;
    QCustomPlot *m_plot;
    QCPColorMap *m_map;
    int m_epoch = -1;
    FloatMatrix m_distance; // of m_epoch, in neuron order
    std::vector<int> m_order;
    int m_cycleCells = 0;
};

/// Leaf order of the single-linkage dendrogram: the minimum spanning tree
/// (Prim, O(n²)) merged shortest edge first, each merge putting the cluster
/// that holds the lower neuron index first. Close neurons end up adjacent.
std::vector<int> singleLinkageOrder(const FloatMatrix &d);

} // namespace netbetti
