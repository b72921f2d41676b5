#pragma once
// Betti numbers against epoch at a scale ε the user moves with a slider, and
// beneath it the epoch × ε picture of one Betti number: where homology
// changes continuously across training, and where it jumps. Other runs
// (another architecture on the same data) can be overlaid on the curves at
// the same ε, each in a colour of its own, named by what tells it apart.
// Everything is drawn anew from the model and the Options: a fresh view
// given the same state draws the same (figures are made that way).

#include "experiment/RunTables.h"
#include "plots/SeedBands.h"

#include <QWidget>
#include <memory>
#include <vector>

class QCheckBox;
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
    /// A run overlaid on the curves, as read from its folder.
    struct OverlayRun
    {
        QString folder;
        std::shared_ptr<const RunData> run;
    };
    /// What the panel shows besides the run: part of its state, and of a figure's.
    struct Options
    {
        int surfaceDim = -1; ///< the picture's Betti number; -1: β₁ (β₀ when the run has H₀ only)
        std::vector<OverlayRun> overlays;
        /// Seed sets, each as the median of its seeds' curves with a band.
        std::vector<SeedSetOverlay> seedSets;
        BandSpread spread = BandSpread::Quartiles;
        /// The shown run's own curves (off when a seed set stands for it).
        bool showRun = true;
    };

    explicit BettiView(RunModel *model, QWidget *parent = nullptr);
    Options options() const;
    void setOptions(const Options &options);
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
    /// current ε; a seed-set folder (a sweep varying the seed) is added as
    /// addSeedSet() does. False, with the reason naming the file, when it does not read.
    bool addOverlay(const QString &folder, QString *error);
    /// Adds the seed set in `folder` as a median and a band. False, with the
    /// reason, when it is no seed set or mixes experiments; seeds that failed
    /// or are missing are left out of the band, named in *leftOut and the legend.
    bool addSeedSet(const QString &folder, QString *error, QStringList *leftOut = nullptr);
    int seedSetCount() const;
    /// The bands drawn for seed set k, one per dimension from 1, at the current ε.
    std::vector<BettiBand> seedBands(int set) const;
    /// What the legend calls seed set k (before its caption).
    QString seedSetName(int set) const;
    QComboBox *spreadBox() const;
    QCheckBox *showRunBox() const;
    void clearOverlays();
    int overlayCount() const;
    /// As curve(), for an overlaid run.
    std::vector<int> overlayCurve(int overlay, int dim) const;
    /// What the legend calls it: its architecture and what else differs.
    QString overlayName(int overlay) const;
    /// What the legend calls the shown run (empty without overlays).
    QString currentRunName() const;
    QToolButton *overlayButton() const;

    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

Q_SIGNALS:
    /// A run chosen for overlay could not be read, or a seed set's seeds
    /// were left out (the message says which and why).
    void overlayFailed(const QString &message);

private:
    void chooseOverlay();
    /// Draws everything from the model and the options, after removing
    /// every graph: nothing of an earlier state is left.
    void redraw();
    void redrawIfEpochsChanged();
    void fillDimensionBox();
    int surfaceDim() const;
    void drawCurves();
    void drawSurface();
    void drawMarkers();
    void syncScaleControls();

    RunModel *m_model;
    QSlider *m_slider;
    QDoubleSpinBox *m_spin;
    QComboBox *m_surfaceDim;
    QToolButton *m_overlayButton;
    QToolButton *m_clearOverlays;
    QComboBox *m_spread;
    QCheckBox *m_showRun;
    Options m_options;
    std::vector<std::vector<BettiBand>> m_bands; ///< per seed set, per dim − 1, as drawn
    QStringList m_names; ///< the shown run's name, then each overlay's, then each seed set's (with either)
    std::vector<std::vector<std::vector<int>>> m_overlayValues; ///< per overlay, per dim − 1, per epoch
    QCustomPlot *m_curves;
    QCustomPlot *m_surface;
    QCPColorMap *m_map;
    QCPTextElement *m_scaleHeading;
    QCPTextElement *m_curvesTitle;
    QCPItemStraightLine *m_epochLine;
    QCPItemStraightLine *m_scaleHalo;
    QCPItemStraightLine *m_scaleLine;
    std::vector<std::vector<int>> m_values; // per dimension, per analysed epoch
    std::vector<int> m_builtEpochs;         // the analysed epochs the plots show
    bool m_syncing = false;
};

} // namespace netbetti
