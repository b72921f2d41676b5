#pragma once
// The figures a run offers, by name, each drawn by a fresh offscreen panel
// built from a state value: the run as a model holds it, the panels'
// options, the preset. The window's own panels are never drawn on for a
// figure, and the GUI and `netbetti-cli export` share this one path: a
// figure is a function of its state, whatever was on screen before.

#include "figures/FigureWriter.h"
#include "plots/BarcodeView.h"
#include "plots/BettiView.h"
#include "plots/ContinuityView.h"
#include "plots/Comparison.h"
#include "plots/HeatmapView.h"
#include "plots/TracksView.h"
#include "run/RunModel.h"

#include <QString>
#include <QStringList>
#include <memory>

class QCustomPlot;
class QWidget;

namespace netbetti {

/// Everything a figure is drawn from.
struct FigureState
{
    RunState run;
    BarcodeView::Options barcode;
    BettiView::Options betti;
    HeatmapView::Options heatmap;
    ContinuityView::Options continuity;
    /// The runs (or epochs) of the Compare window: comparisonFigureNames() draw these.
    ComparisonState comparison;
    TracksView::Options tracks;

    /// The run of `model`, with every panel's default options.
    static FigureState of(const RunModel &model);
};

/// A panel of the figure's kind made offscreen from the state, laid out as
/// the preset's page and restyled for it (fonts, white background). It is
/// its own panel: nothing else is drawn on, nothing restored afterwards.
class FigurePanel
{
public:
    /// InputError naming `field` and the value when figure is not one of figureNames().
    FigurePanel(const FigureState &state, const QString &figure, const FigurePreset &preset,
                const QString &field = QStringLiteral("--figure"));
    ~FigurePanel();
    QCustomPlot *plot() const { return m_plot; }
    /// The panel widget (a BarcodeView, BettiView, ...).
    QWidget *panel() const { return m_panel.get(); }

private:
    RunModel m_model;
    std::unique_ptr<QWidget> m_panel;
    QCustomPlot *m_plot = nullptr;
};

/// The figure as an image, as the file will look (for previews and PNG).
QImage renderFigure(const FigureState &state, const QString &figure, const FigurePreset &preset, int dpi);
/// Writes the figure, atomically: on failure nothing is left behind and a
/// RunError names the file. dpi applies to PNG.
void writeFigure(const FigureState &state, const QString &figure, const QString &path, FigureFormat format,
                 const FigurePreset &preset, int dpi = 300);

/// The figures of the Compare window: run-distances (the distance between
/// the compared diagrams against the epoch) and run-matrix (the distances
/// between every pair of runs at one epoch).
QStringList comparisonFigureNames();

/// Human name of a figure ("Betti numbers against epoch").
QString figureTitle(const QString &figure);
/// Whether the figure shows one epoch (barcode, diagram, heatmap) rather
/// than the whole run with the shown epoch marked.
bool figureShowsOneEpoch(const QString &figure);
/// "run-name-barcode-epoch-0004.pdf": a file name that says what it holds.
QString suggestedFigureFileName(const RunState &run, const QString &figure, FigureFormat format);

} // namespace netbetti
