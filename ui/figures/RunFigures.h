#pragma once
// The figures a run offers, by name, drawn by the views that show it: the
// main window's own panels, or the same panel classes made offscreen for
// `netbetti-cli export`. Either way a figure is one view's QCustomPlot, so
// there is exactly one drawing path.

#include "figures/FigureWriter.h"

#include <QString>
#include <QStringList>
#include <memory>

class QCustomPlot;
class QWidget;

namespace netbetti {

class BarcodeView;
class BettiView;
class ContinuityView;
class DiagramView;
class HeatmapView;
class RunModel;
class TrainingView;
class TracksView;

/// The views whose plots are the figures. Not owning.
struct FigureViews
{
    BarcodeView *barcode = nullptr;
    DiagramView *diagram = nullptr;
    BettiView *betti = nullptr;
    HeatmapView *heatmap = nullptr;
    TrainingView *training = nullptr;
    ContinuityView *continuity = nullptr;
    TracksView *tracks = nullptr;

    /// The plot of a figure of figureNames(); an InputError naming `field`
    /// and the value for any other name.
    QCustomPlot *plot(const QString &figure, const QString &field = QStringLiteral("--figure")) const;
};

/// Human name of a figure ("Betti numbers against epoch").
QString figureTitle(const QString &figure);
/// Whether the figure shows one epoch (barcode, diagram, heatmap) rather
/// than the whole run with the shown epoch marked.
bool figureShowsOneEpoch(const QString &figure);
/// "run-name-barcode-epoch-0004.pdf": a file name that says what it holds.
QString suggestedFigureFileName(const RunModel &model, const QString &figure, FigureFormat format);

/// A run folder opened into a model and every view, offscreen: what the CLI
/// exports from. The views are the GUI's panel classes, sized like a panel.
class OffscreenRun
{
public:
    /// Throws InputError naming the file when the folder cannot be read.
    explicit OffscreenRun(const QString &runDir);
    ~OffscreenRun();

    RunModel &model() { return *m_model; }
    const FigureViews &views() const { return m_views; }
    /// Shows an analysed epoch; an InputError naming the epoch (and the ones
    /// there are) otherwise.
    void showEpoch(int epoch);

private:
    std::unique_ptr<RunModel> m_model;
    std::unique_ptr<QWidget> m_host; // parent of every view
    FigureViews m_views;
};

} // namespace netbetti
