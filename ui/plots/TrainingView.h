#pragma once
// Loss and train/test accuracy against epoch.

#include <QWidget>

class QCustomPlot;
class QCPItemStraightLine;

namespace netbetti {

class RunModel;

class TrainingView : public QWidget
{
    Q_OBJECT
public:
    explicit TrainingView(RunModel *model, QWidget *parent = nullptr);
    QCustomPlot *plot() const;
    /// Points plotted, one per recorded epoch.
    int pointCount() const;

private:
    void rebuild();
    void markCurrentEpoch();

    RunModel *m_model;
    QCustomPlot *m_plot;
    QCPItemStraightLine *m_current;
};

} // namespace netbetti
