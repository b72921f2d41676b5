#pragma once
// Betti numbers against epoch at a scale ε the user moves with a slider, and
// beneath it the epoch × ε picture of one Betti number: where homology
// changes continuously across training, and where it jumps.

#include <QWidget>
#include <vector>

class QComboBox;
class QCPColorMap;
class QCPItemStraightLine;
class QCPTextElement;
class QCustomPlot;
class QDoubleSpinBox;
class QSlider;

namespace netbetti {

class RunModel;
struct PersistenceDiagram;

class BettiView : public QWidget
{
    Q_OBJECT
public:
    explicit BettiView(RunModel *model, QWidget *parent = nullptr);
    QCustomPlot *curvesPlot() const;
    QCustomPlot *surfacePlot() const;
    QSlider *scaleSlider() const;
    QDoubleSpinBox *scaleSpinBox() const;
    /// Which Betti number the epoch × ε picture shows (item i is β_i).
    QComboBox *surfaceDimensionBox() const;
    /// β_dim at the current ε, one value per analysed epoch, as plotted;
    /// empty for a dimension the run does not compute.
    std::vector<int> curve(int dim) const;

    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

private:
    void rebuildIfChanged();
    void rebuild();
    void fillDimensionBox();
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
    QCPColorMap *m_map;
    QCPTextElement *m_scaleHeading;
    QCPTextElement *m_curvesScale;
    QCPItemStraightLine *m_epochLine;
    QCPItemStraightLine *m_scaleHalo;
    QCPItemStraightLine *m_scaleLine;
    std::vector<std::vector<int>> m_values; // per dimension, per analysed epoch
    std::vector<int> m_builtEpochs;         // the analysed epochs the plots show
    bool m_built = false;
    bool m_syncing = false;
};

} // namespace netbetti
