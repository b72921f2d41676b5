#pragma once
// Betti numbers against epoch at a scale ε the user moves with a slider, and
// beneath it the epoch × ε picture of one Betti number: where homology
// changes continuously across training, and where it jumps. Other runs
// (another architecture on the same data) can be overlaid on the curves at
// the same ε, each in a colour of its own, named by its architecture.

#include "experiment/RunTables.h"

#include <QWidget>
#include <vector>

class QComboBox;
class QCPGraph;
class QToolButton;
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

    /// Overlays the run in `folder`: its β₁ … β_k against epoch at the
    /// current ε. False, with the reason naming the file, when it does not read.
    bool addOverlay(const QString &folder, QString *error);
    void clearOverlays();
    int overlayCount() const;
    /// As curve(), for an overlaid run.
    std::vector<int> overlayCurve(int overlay, int dim) const;
    QString overlayName(int overlay) const;
    QToolButton *overlayButton() const;

    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

Q_SIGNALS:
    /// A run chosen for overlay could not be read.
    void overlayFailed(const QString &message);

private:
    struct Overlay
    {
        QString name; ///< its architecture, e.g. "4-128-128-2"
        RunData run;
        std::vector<QCPGraph *> graphs; ///< β₁, β₂, … (index dim − 1)
        std::vector<std::vector<int>> values;
    };
    void chooseOverlay();
    void nameCurrentRun();
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
    QToolButton *m_overlayButton;
    QToolButton *m_clearOverlays;
    std::vector<Overlay> m_overlays;
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
