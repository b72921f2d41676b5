#pragma once
// Betti numbers against epoch at a scale ε the user moves with a slider, and
// beneath it the epoch × ε picture of one Betti number: where homology
// changes continuously across training, and where it jumps.

#include <QWidget>

class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QSlider;

namespace netbetti {

class RunModel;

class BettiView : public QWidget
{
    Q_OBJECT
public:
    explicit BettiView(RunModel *model, QWidget *parent = nullptr);
    QCustomPlot *curvesPlot() const;
    QCustomPlot *surfacePlot() const;
    QSlider *scaleSlider() const;
    /// β_dim at the current ε, one value per analysed epoch, as plotted.
    std::vector<int> curve(int dim) const;

private:
    void rebuild();
    void updateCurves();
    void updateSurface();
    void updateMarkers();
    void syncScaleControls();

    RunModel *m_model;
    QSlider *m_slider;
    QDoubleSpinBox *m_spin;
    QComboBox *m_surfaceDim;
    QCustomPlot *m_curves;
    QCustomPlot *m_surface;
    std::vector<std::vector<int>> m_values;
    bool m_syncing = false;
};

} // namespace netbetti
