#pragma once
// The distance matrix of the shown epoch as a heatmap, with the layers
// marked, ordered by layer or by single-linkage clustering.

#include <Eigen/Core>
#include <QWidget>
#include <vector>

class QComboBox;
class QCustomPlot;

namespace netbetti {

class RunModel;

class HeatmapView : public QWidget
{
    Q_OBJECT
public:
    explicit HeatmapView(RunModel *model, QWidget *parent = nullptr);
    QCustomPlot *plot() const;
    int shownEpoch() const;
    int matrixSize() const;
    /// Row order shown: neuron index of each row.
    std::vector<int> order() const;
    QComboBox *orderBox() const;

private:
    void redraw();
    void showTooltip(QMouseEvent *event);

    RunModel *m_model;
    QComboBox *m_orderBox;
    QCustomPlot *m_plot;
    int m_epoch = -1;
    std::vector<int> m_order;
};

/// Leaf order of the single-linkage dendrogram (from the minimum spanning
/// tree, merged shortest edge first): close neurons end up adjacent.
std::vector<int> singleLinkageOrder(const Eigen::Ref<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> &d);

} // namespace netbetti
