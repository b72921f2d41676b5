#pragma once
// Creates the panels as docks and wires them to the run model and the run
// controller. No plotting or training happens here.

#include "figures/RunFigures.h"

#include <QMainWindow>

class QCustomPlot;
class QLabel;

namespace netbetti {

class BarcodeView;
class BettiView;
class ContinuityView;
class DiagramView;
class EpochScrubber;
class ExportFigureDialog;
class ExperimentDocument;
class ExperimentFiles;
class ExperimentPanel;
class HeatmapView;
class LogPanel;
class RunController;
class RunModel;
class SweepView;
class TrainingView;
struct EpochRecord;
struct ExperimentSpec;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Shows a run folder in every panel without training: every panel, the
    /// scrubber, the status bar start afresh and the overlays go. Returns
    /// false and logs the reason when the folder cannot be read.
    bool openRun(const QString &dir);
    /// Opens a sweep folder in a window of its own (null, the reason logged,
    /// when it does not read); its selected runs go to the Betti panel.
    SweepView *openSweep(const QString &dir);
    /// As openRun, asking first when the experiment has unsaved edits (File ›
    /// Open Run, Open Recent Run): false when the user cancels.
    bool openRunAsking(const QString &dir);
    /// Asks the run to stop; the log says after how many epochs it stopped.
    void stopRun();
    void startRun(const ExperimentSpec &spec);
    /// Starts a run of the experiment as edited, the shown run's Betti
    /// numbers kept as an overlay to compare with.
    void trainAndCompare();
    /// Run › Analyse Again With…: the dialog, then analyseAgainWith().
    void analyseAgain();
    /// Analyses the shown run's saved networks again with spec (its analysis
    /// changed), into a sibling folder; the new run is shown and the old one
    /// overlaid on the Betti panel. False, the reason logged, when it cannot start.
    bool analyseAgainWith(const ExperimentSpec &spec);
    /// Loads an experiment spec file into the Experiment panel; false (and
    /// the reason in the log and status bar) when it does not parse.
    bool loadSpec(const QString &path);
    /// Writes the open run's Betti tables, summary and the shown epoch's
    /// distance matrix into dir; the files written (none on failure, logged).
    QStringList exportData(const QString &dir);
    /// What a figure of the window draws from: the run shown and the
    /// panels' options (never the panels themselves).
    FigureState figureState() const;
    /// The on-screen plot of a figure of figureNames().
    QCustomPlot *livePlot(const QString &figure) const;
    /// Opens the Export Figure dialog on a figure of figureNames() and
    /// returns it (it deletes itself when closed); null without a run.
    ExportFigureDialog *exportFigure(const QString &figure);

    ExperimentDocument *document() const { return m_document; }
    ExperimentFiles *experimentFiles() const { return m_files; }
    RunModel *model() const { return m_model; }
    RunController *controller() const { return m_controller; }
    ExperimentPanel *experimentPanel() const { return m_experiment; }
    BarcodeView *barcodeView() const { return m_barcode; }
    DiagramView *diagramView() const { return m_diagram; }
    BettiView *bettiView() const { return m_betti; }
    HeatmapView *heatmapView() const { return m_heatmap; }
    TrainingView *trainingView() const { return m_training; }
    ContinuityView *continuityView() const { return m_continuity; }
    EpochScrubber *scrubber() const { return m_scrubber; }
    LogPanel *logPanel() const { return m_log; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    QDockWidget *addPanel(QWidget *panel, const QString &title, const QString &objectName, Qt::DockWidgetArea area);
    void chooseRunFolder();
    void chooseDataFolder();
    /// Right-click on a plot offers to export it as a figure.
    void addExportContextMenus();
    void showBacklog(int backlog);
    void onEpochTrained(const EpochRecord &record, int backlog);
    void onEpochAnalysed(const EpochRecord &record);
    void onRunFinished(bool ok, const QString &message);
    void updateRunState();
    /// The status bar from the model and the controller: the shown epoch,
    /// its timings, |X|, the backlog, the run folder, Paused.
    void updateStatus();
    /// The last recorded epoch's number: how many epochs were trained.
    int lastEpoch() const;
    void updateTitle();

    RunModel *m_model;
    RunController *m_controller;
    ExperimentDocument *m_document;
    ExperimentFiles *m_files;
    ExperimentPanel *m_experiment;
    BarcodeView *m_barcode;
    DiagramView *m_diagram;
    BettiView *m_betti;
    HeatmapView *m_heatmap;
    TrainingView *m_training;
    ContinuityView *m_continuity;
    EpochScrubber *m_scrubber;
    LogPanel *m_log;
    QLabel *m_runStateLabel, *m_epochLabel, *m_timingLabel, *m_backlogLabel, *m_folderLabel;
    QLabel *m_toolbarState;
    bool m_stopRequested = false;
    QMenu *m_viewMenu = nullptr;
};

} // namespace netbetti
