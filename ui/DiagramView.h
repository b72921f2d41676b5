#pragma once
// The persistence diagram (birth against death) of the shown epoch.

#include <QWidget>

class QCustomPlot;

namespace netbetti {

class RunModel;

class DiagramView : public QWidget
{
    Q_OBJECT
public:
    explicit DiagramView(RunModel *model, QWidget *parent = nullptr);
    QCustomPlot *plot() const;
    int shownEpoch() const;
    int shownPointCount(int dim) const;

private:
    void redraw();
    void showTooltip(QMouseEvent *event);

    RunModel *m_model;
    QCustomPlot *m_plot;
    int m_epoch = -1;
    std::vector<int> m_counts;
};

} // namespace netbetti
