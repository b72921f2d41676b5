#pragma once
// Is homology continuous across training? The bottleneck or 1-Wasserstein
// distance between the diagrams of consecutive analysed epochs, one curve per
// homology dimension, against epoch (the point at epoch k compares k with the
// epoch analysed before it).

#include <QWidget>

class QComboBox;
class QCustomPlot;
class QCPItemStraightLine;

namespace netbetti {

class RunModel;

class ContinuityView : public QWidget
{
    Q_OBJECT
public:
    enum class Distance { Bottleneck, Wasserstein };

    /// What the panel shows besides the run: part of its state, and of a figure's.
    struct Options
    {
        Distance distance = Distance::Bottleneck;
    };

    explicit ContinuityView(RunModel *model, QWidget *parent = nullptr);
    Options options() const;
    void setOptions(const Options &options);
    QCustomPlot *plot() const;
    QComboBox *distanceBox() const;
    Distance distance() const;
    /// Points plotted in dimension dim.
    int pointCount(int dim) const;

private:
    void rebuild();
    void markCurrentEpoch();

    RunModel *m_model;
    QComboBox *m_distance;
    QCustomPlot *m_plot;
    QCPItemStraightLine *m_current;
};

} // namespace netbetti
