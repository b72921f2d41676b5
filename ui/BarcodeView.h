#pragma once
// The bars of the shown epoch, grouped by dimension and sorted by birth.

#include <QWidget>

class QCustomPlot;

namespace netbetti {

class RunModel;
struct PersistenceBar;

class BarcodeView : public QWidget
{
    Q_OBJECT
public:
    explicit BarcodeView(RunModel *model, QWidget *parent = nullptr);
    QCustomPlot *plot() const;
    int shownEpoch() const;
    /// Bars drawn for dim in the shown epoch (bars of length zero are not drawn).
    int shownBarCount(int dim) const;

private:
    void redraw();
    void showTooltip(QMouseEvent *event);

    RunModel *m_model;
    QCustomPlot *m_plot;
    int m_epoch = -1;
    std::vector<std::vector<PersistenceBar>> m_rows; // per dimension, as drawn
    std::vector<double> m_rowOffset;                 // y of each dimension's first bar
};

} // namespace netbetti
