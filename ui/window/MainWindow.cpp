#include "window/MainWindow.h"

#include "window/AboutDialog.h"
#include "window/CompareActions.h"
#include "plots/BarcodeView.h"
#include "plots/BettiView.h"
#include "plots/DiagramView.h"
#include "run/EpochScrubber.h"
#include "figures/ExportFigureDialog.h"
#include "document/ExperimentDocument.h"
#include "document/ExperimentFiles.h"
#include "editor/ExperimentPanel.h"
#include "plots/HeatmapView.h"
#include "run/LogPanel.h"
#include "document/RecentMenu.h"
#include "run/AnalyseAgainDialog.h"
#include "run/RunController.h"
#include "editor/ArchitectureEditor.h"
#include "run/CyclePanel.h"
#include "run/CycleSelection.h"
#include "run/RunModel.h"
#include "run/SweepView.h"
#include "window/SeedActions.h"
#include "window/Settings.h"
#include "plots/TrainingView.h"
#include "experiment/RunTables.h"
#include "storage/NpyFile.h"
#include "plots/ContinuityView.h"
#include "plots/TracksView.h"

#include <qcustomplot.h>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>

namespace netbetti {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_model(new RunModel(this)), m_controller(new RunController(m_model, this))
{
    m_document = new ExperimentDocument(this);
    m_files = new ExperimentFiles(m_document, this);
    m_experiment = new ExperimentPanel(m_document);
    m_barcode = new BarcodeView(m_model);
    m_diagram = new DiagramView(m_model);
    m_betti = new BettiView(m_model);
    m_heatmap = new HeatmapView(m_model);
    m_training = new TrainingView(m_model);
    m_continuity = new ContinuityView(m_model);
    m_scrubber = new EpochScrubber(m_model);
    m_log = new LogPanel;

    setCentralWidget(m_barcode);
    setDockNestingEnabled(true);
    addPanel(m_experiment, tr("Experiment"), QStringLiteral("experimentDock"), Qt::LeftDockWidgetArea);
    QDockWidget *diagramDock = addPanel(m_diagram, tr("Persistence diagram"), QStringLiteral("diagramDock"),
                                        Qt::RightDockWidgetArea);
    QDockWidget *heatmapDock = addPanel(m_heatmap, tr("Distance matrix"), QStringLiteral("heatmapDock"),
                                        Qt::RightDockWidgetArea);
    QDockWidget *bettiDock = addPanel(m_betti, tr("Betti numbers"), QStringLiteral("bettiDock"), Qt::BottomDockWidgetArea);
    QDockWidget *trainingDock = addPanel(m_training, tr("Training"), QStringLiteral("trainingDock"),
                                         Qt::BottomDockWidgetArea);
    QDockWidget *continuityDock = addPanel(m_continuity, tr("Continuity"), QStringLiteral("continuityDock"),
                                           Qt::BottomDockWidgetArea);
    QDockWidget *logDock = addPanel(m_log, tr("Log"), QStringLiteral("logDock"), Qt::BottomDockWidgetArea);
    splitDockWidget(diagramDock, heatmapDock, Qt::Vertical);
    splitDockWidget(bettiDock, trainingDock, Qt::Horizontal);
    tabifyDockWidget(trainingDock, continuityDock);
    QDockWidget *tracksDock = addPanel(new TracksView(m_model), tr("Tracks"), QStringLiteral("tracksDock"),
                                       Qt::BottomDockWidgetArea);
    tabifyDockWidget(continuityDock, tracksDock);
    tabifyDockWidget(tracksDock, logDock);
    // The selected class's cycle on the neurons, beside the matrix it marks.
    QDockWidget *cycleDock = addPanel(new CyclePanel(m_model), tr("Cycle neurons"), QStringLiteral("cycleDock"),
                                      Qt::RightDockWidgetArea);
    splitDockWidget(heatmapDock, cycleDock, Qt::Horizontal);
    // ... and on the architecture's blocks, when they are the run's layers.
    const auto showCycleOnLayers = [this] {
        const bool same = m_model->hasRun() && m_model->spec().model.layers == m_document->spec().model.layers;
        m_experiment->architectureEditor()->setCycleCounts(
            same ? countsPerLayer(*m_model, selectedCycle(*m_model).neurons) : std::vector<int>());
    };
    for (auto signal : {&RunModel::runReset, &RunModel::selectionChanged})
        connect(m_model, signal, this, showCycleOnLayers);
    connect(m_model, &RunModel::currentEpochChanged, this, showCycleOnLayers);
    connect(m_document, &ExperimentDocument::specChanged, this, showCycleOnLayers);
    trainingDock->raise();

    auto *scrubBar = new QToolBar(tr("Epoch"), this);
    scrubBar->setObjectName(QStringLiteral("epochToolBar"));
    scrubBar->addWidget(m_scrubber);
    m_toolbarState = new QLabel(this);
    m_toolbarState->setObjectName(QStringLiteral("runStateInToolbar"));
    m_toolbarState->setContentsMargins(8, 0, 8, 0);
    scrubBar->addWidget(m_toolbarState);
    addToolBar(Qt::TopToolBarArea, scrubBar);

    m_runStateLabel = new QLabel(this);
    m_epochLabel = new QLabel(this);
    m_timingLabel = new QLabel(this);
    m_backlogLabel = new QLabel(this);
    m_folderLabel = new QLabel(this);
    m_folderLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_runStateLabel->setObjectName(QStringLiteral("runStateLabel"));
    m_epochLabel->setObjectName(QStringLiteral("epochLabel"));
    m_timingLabel->setObjectName(QStringLiteral("timingLabel"));
    m_backlogLabel->setObjectName(QStringLiteral("backlogLabel"));
    m_folderLabel->setObjectName(QStringLiteral("folderLabel"));
    for (QLabel *label : {m_runStateLabel, m_epochLabel, m_timingLabel, m_backlogLabel, m_folderLabel})
        statusBar()->addPermanentWidget(label);

    createMenus();
    addExportContextMenus();
    updateTitle();
    connect(m_document, &ExperimentDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_document, &ExperimentDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_files, &ExperimentFiles::info, m_log, &LogPanel::info);
    connect(m_files, &ExperimentFiles::error, m_log, &LogPanel::error);
    connect(m_betti, &BettiView::overlayFailed, m_log, &LogPanel::error);

    connect(m_experiment, &ExperimentPanel::trainRequested, this, &MainWindow::startRun);
    connect(m_experiment, &ExperimentPanel::stopRequested, this, &MainWindow::stopRun);
    connect(m_experiment, &ExperimentPanel::pauseToggled, m_controller, &RunController::setPaused);
    connect(m_experiment, &ExperimentPanel::stepRequested, m_controller, &RunController::step);
    connect(m_controller, &RunController::pausedChanged, this, &MainWindow::updateRunState);
    connect(m_controller, &RunController::started, this, [this](const QString &folder) {
        m_log->info(tr("run started: %1").arg(folder));
        settings::setLastRunFolder(folder);
        settings::addRecentRun(folder);
    });
    connect(m_controller, &RunController::epochTrained, this, &MainWindow::onEpochTrained);
    connect(m_controller, &RunController::persistenceProgress, this, [this](int epoch, qint64 done, qint64 total) {
        statusBar()->showMessage(tr("Epoch %1: persistence %2 %").arg(epoch).arg(100 * done / std::max<qint64>(total, 1)),
                                 2000);
    });
    connect(m_controller, &RunController::epochAnalysed, this, &MainWindow::onEpochAnalysed);
    connect(m_controller, &RunController::finished, this, &MainWindow::onRunFinished);
    // The status bar describes the run shown, whatever was shown before.
    connect(m_model, &RunModel::runReset, this, &MainWindow::updateStatus);
    connect(m_model, &RunModel::currentEpochChanged, this, &MainWindow::updateStatus);
    connect(m_model, &RunModel::epochAdded, this, &MainWindow::updateStatus);

    resize(1500, 950);
    restoreGeometry(settings::windowGeometry());
    // The first time, the bottom row (Betti curves over the epoch × ε
    // picture, training) gets half of the height: both of its plots
    // need room to be read. Later starts restore what the user made.
    // (Once the window is laid out: before, the docks have no size to share.)
    if (!restoreState(settings::windowState()))
        QTimer::singleShot(0, this, [this, bettiDock, trainingDock] {
            resizeDocks({bettiDock, trainingDock}, {height() / 2, height() / 2}, Qt::Vertical);
        });
    updateRunState();
    statusBar()->showMessage(tr("Ready: press Train to train %1").arg(m_experiment->spec().name));
}

MainWindow::~MainWindow() = default;

QDockWidget *MainWindow::addPanel(QWidget *panel, const QString &title, const QString &objectName,
                                  Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(panel);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_files->addActions(file);
    file->addSeparator();
    // Run folders are results, not documents: their own entry and shortcut.
    QAction *open = file->addAction(tr("&Open Run…"), this, &MainWindow::chooseRunFolder);
    open->setObjectName(QStringLiteral("openRunAction"));
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    auto *recentRuns = new RecentMenu(tr("Open &Recent Run"), settings::recentRuns, settings::clearRecentRuns, this);
    connect(recentRuns, &RecentMenu::chosen, this, &MainWindow::openRunAsking);
    file->addMenu(recentRuns);
    file->addAction(tr("Open S&weep…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a sweep folder"), settings::lastRunFolder());
        if (!dir.isEmpty())
            openSweep(dir);
    });
    file->addSeparator();
    QAction *exportFigureAction = file->addAction(tr("&Export Figure…"), this, [this] {
        exportFigure(QStringLiteral("barcode"));
    });
    exportFigureAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    file->addAction(tr("Export &Data…"), this, &MainWindow::chooseDataFolder);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcuts(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcuts(QKeySequence::Undo);
    QAction *redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu *run = menuBar()->addMenu(tr("&Run"));
    QAction *train = run->addAction(tr("&Train"), m_experiment->trainButton(), &QPushButton::click);
    train->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    QAction *compare = run->addAction(tr("Train and &Compare"), this, &MainWindow::trainAndCompare);
    compare->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
    compare->setStatusTip(tr("Train the experiment as edited, keeping the shown run's Betti numbers beside the new ones"));
    QAction *again = run->addAction(tr("&Analyse Again With…"), this, &MainWindow::analyseAgain);
    again->setStatusTip(tr("Analyse the shown run's saved networks again with other settings (metric, field, "
                           "dimension, neurons), without training; the run is kept beside the new one"));
    run->addAction(tr("Train S&eeds…"), this, [this] { trainSeeds(this); })
        ->setStatusTip(tr("Train the experiment once per seed and show the seeds' Betti numbers as a median "
                          "with a band"));
    run->addSeparator();
    addCompareActions(this, run);
    run->addSeparator();
    QAction *stop = run->addAction(tr("&Stop"), this, &MainWindow::stopRun);
    stop->setShortcut(QKeySequence(Qt::Key_Escape));

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        m_viewMenu->addAction(dock->toggleViewAction());
    m_viewMenu->addSeparator();
    QAction *fullScreen = m_viewMenu->addAction(tr("&Full Screen"), this, [this] {
        setWindowState(windowState() ^ Qt::WindowFullScreen);
    });
    fullScreen->setShortcuts(QKeySequence::FullScreen);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About NetBetti"), this, [this] {
        auto *dialog = new AboutDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    about->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

FigureState MainWindow::figureState() const
{
    FigureState state = FigureState::of(*m_model);
    state.barcode = m_barcode->options();
    state.betti = m_betti->options();
    state.heatmap = m_heatmap->options();
    state.continuity = m_continuity->options();
    if (const auto *tracks = findChild<TracksView *>())
        state.tracks = tracks->options();
    return state;
}

QCustomPlot *MainWindow::livePlot(const QString &figure) const
{
    const QString f = figure.toLower();
    if (f == QLatin1String("barcode"))
        return m_barcode->plot();
    if (f == QLatin1String("diagram"))
        return m_diagram->plot();
    if (f == QLatin1String("betti"))
        return m_betti->curvesPlot();
    if (f == QLatin1String("surface"))
        return m_betti->surfacePlot();
    if (f == QLatin1String("heatmap"))
        return m_heatmap->plot();
    if (f == QLatin1String("loss"))
        return m_training->plot();
    if (f == QLatin1String("continuity"))
        return m_continuity->plot();
    if (f == QLatin1String("tracks"))
        if (auto *tracks = findChild<TracksView *>())
            return tracks->plot();
    return nullptr;
}

void MainWindow::addExportContextMenus()
{
    for (const QString &figure : figureNames()) {
        QCustomPlot *plot = livePlot(figure);
        plot->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(plot, &QWidget::customContextMenuRequested, this, [this, plot, figure](const QPoint &pos) {
            QMenu menu(plot);
            menu.addAction(tr("Export %1…").arg(figureTitle(figure)), this, [this, figure] { exportFigure(figure); })
                ->setEnabled(m_model->hasRun());
            menu.exec(plot->mapToGlobal(pos));
        });
    }
}

ExportFigureDialog *MainWindow::exportFigure(const QString &figure)
{
    if (!m_model->hasRun() || m_model->epochs().empty()) {
        m_log->error(tr("Export figure: no run is open; train or open a run first."));
        statusBar()->showMessage(tr("Export figure: no run is open"), 5000);
        return nullptr;
    }
    auto *dialog = new ExportFigureDialog(figureState(), figure, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_log->info(tr("exported %1").arg(figureTitle(dialog->figure())));
    });
    dialog->open();
    return dialog;
}

void MainWindow::chooseDataFolder()
{
    if (!m_model->hasRun()) {
        m_log->error(tr("Export data: no run is open."));
        return;
    }
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export the run's data into"), m_model->folder());
    if (!dir.isEmpty())
        exportData(dir);
}

QStringList MainWindow::exportData(const QString &dir)
{
    try {
        RunData run = RunData::read(RunFolder(m_model->folder()));
        QStringList written = writeRunTables(run, dir, m_model->scale(), 100);
        const int epoch = m_model->currentEpoch();
        if (epoch >= 0) {
            const QString npy = QDir(dir).filePath(QStringLiteral("distance-epoch-%1.npy").arg(epoch, 4, 10, QLatin1Char('0')));
            writeNpy(npy, m_model->distance(epoch));
            written << npy;
        }
        m_log->info(tr("Exported %1 files to %2 (Betti numbers at ε = %3).")
                        .arg(written.size())
                        .arg(QDir::toNativeSeparators(dir))
                        .arg(m_model->scale()));
        return written;
    } catch (const std::exception &e) {
        m_log->error(tr("Export data: %1").arg(QString::fromUtf8(e.what())));
        return {};
    }
}

void MainWindow::chooseRunFolder()
{
    if (!m_files->maybeSave()) // asked before the folder, so that Cancel costs nothing
        return;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a run folder"), settings::lastRunFolder());
    if (!dir.isEmpty())
        openRun(dir);
}

SweepView *MainWindow::openSweep(const QString &dir)
{
    auto *view = new SweepView(this);
    view->setWindowFlag(Qt::Window);
    view->setAttribute(Qt::WA_DeleteOnClose);
    QString error;
    if (!view->open(dir, &error)) {
        m_log->error(error);
        statusBar()->showMessage(error);
        delete view;
        return nullptr;
    }
    connect(view, &SweepView::showRuns, this, [this](const QStringList &folders) {
        if (folders.isEmpty() || !openRunAsking(folders.first()))
            return;
        m_betti->clearOverlays();
        QString error;
        for (const QString &folder : folders.mid(1))
            if (!m_betti->addOverlay(folder, &error))
                m_log->error(error);
    });
    connect(view, &SweepView::showBand, this, [this](const QString &folder) { showSeedSet(this, folder); });
    view->show();
    return view;
}

bool MainWindow::openRunAsking(const QString &dir)
{
    return m_files->maybeSave() && openRun(dir);
}

void MainWindow::stopRun()
{
    if (!m_controller->isRunning())
        return;
    m_stopRequested = true;
    m_controller->stop();
}

bool MainWindow::openRun(const QString &dir)
{
    if (m_controller->isRunning()) {
        stopRun();
        // Ripser is killed and training stops between two batches, so this
        // is quick; a run still going after 5 s would feed the folder opened.
        if (!m_controller->wait(5000)) {
            const QString message = tr("The run is still stopping; open %1 again in a moment").arg(dir);
            m_log->error(message);
            statusBar()->showMessage(message);
            return false;
        }
        // wait() drops what the run still had queued, its end included.
        m_log->info(tr("stopped after %1 epochs: %2").arg(lastEpoch()).arg(m_model->folder()));
        m_stopRequested = false;
        updateRunState();
    }
    try {
        m_model->loadFolder(dir);
    } catch (const std::exception &e) {
        const QString message = QString::fromUtf8(e.what());
        m_log->error(message);
        statusBar()->showMessage(message);
        return false;
    }
    m_betti->clearOverlays(); // another run: nothing of the one before stays
    m_document->adopt(m_model->spec(), tr("Use the experiment of %1").arg(QFileInfo(dir).fileName()));
    m_log->info(tr("opened %1 (%2 epochs)").arg(dir).arg(m_model->epochs().size()));
    settings::setLastRunFolder(dir);
    settings::addRecentRun(dir);
    statusBar()->showMessage(tr("Opened %1").arg(dir), 5000);
    return true;
}

bool MainWindow::loadSpec(const QString &path)
{
    QString message;
    if (!m_document->open(path, &message)) {
        m_log->error(message);
        statusBar()->showMessage(message);
        return false;
    }
    m_log->info(tr("loaded %1").arg(path));
    settings::addRecentExperiment(path);
    return true;
}

void MainWindow::startRun(const ExperimentSpec &spec)
{
    QString error;
    const QString folder = RunController::newRunFolder(spec);
    if (!m_controller->start(spec, folder, &error)) {
        m_log->error(error);
        return;
    }
    statusBar()->showMessage(tr("Training %1…").arg(spec.name));
    updateRunState();
}

void MainWindow::trainAndCompare()
{
    if (m_controller->isRunning()) {
        m_log->error(tr("Train and Compare: a run is going on; stop it first."));
        return;
    }
    if (!m_experiment->isValid()) {
        m_log->error(m_experiment->validationMessage());
        return;
    }
    QString error;
    if (m_model->hasRun() && !m_betti->addOverlay(m_model->folder(), &error))
        m_log->error(error);
    startRun(m_experiment->spec());
}

void MainWindow::analyseAgain()
{
    if (m_controller->isRunning()) {
        m_log->error(tr("Analyse Again: a run is going on; stop it first."));
        return;
    }
    if (!m_model->hasRun() || m_model->folder().isEmpty()) {
        m_log->error(tr("Analyse Again: open or train a run first."));
        return;
    }
    AnalyseAgainDialog dialog(m_model->spec(), this);
    if (dialog.exec() == QDialog::Accepted)
        analyseAgainWith(dialog.spec());
}

bool MainWindow::analyseAgainWith(const ExperimentSpec &spec)
{
    const QString source = m_model->folder();
    // A sibling on disk, as on the Betti panel.
    QString folder = source + QStringLiteral("-again");
    for (int k = 2; QFileInfo::exists(folder); ++k)
        folder = source + QStringLiteral("-again-%1").arg(k);
    QString error;
    if (!m_betti->addOverlay(source, &error))
        m_log->error(error);
    if (!m_controller->start(spec, folder, &error, source)) {
        m_log->error(error);
        return false;
    }
    m_log->info(tr("analysing %1 again into %2").arg(source, folder));
    statusBar()->showMessage(tr("Analysing %1 again…").arg(QFileInfo(source).fileName()));
    updateRunState();
    return true;
}

void MainWindow::showBacklog(int backlog)
{
    // The epoch being analysed is not waiting; the others are.
    m_backlogLabel->setText(m_controller->isRunning() && backlog > 1 ? tr("%1 epochs wait for analysis").arg(backlog - 1)
                                                                     : QString());
}

void MainWindow::onEpochTrained(const EpochRecord &record, int backlog)
{
    showBacklog(backlog);
    statusBar()->showMessage(tr("Epoch %1 trained").arg(record.epoch), 3000);
}

void MainWindow::onEpochAnalysed(const EpochRecord &r)
{
    showBacklog(m_controller->analysisBacklog());
    if (!r.analysisError.isEmpty()) {
        const QString message = tr("epoch %1: persistence failed: %2").arg(r.epoch).arg(r.analysisError);
        m_log->error(message);
        statusBar()->showMessage(message, 10000);
    }
}

void MainWindow::onRunFinished(bool ok, const QString &message)
{
    m_backlogLabel->clear();
    if (ok && m_stopRequested) {
        m_log->info(tr("stopped after %1 epochs: %2").arg(lastEpoch()).arg(m_model->folder()));
        statusBar()->showMessage(tr("Stopped after %1 epochs").arg(lastEpoch()), 5000);
    } else if (ok) {
        m_log->info(tr("run finished: %1 epochs in %2").arg(lastEpoch()).arg(m_model->folder()));
        statusBar()->showMessage(tr("Run finished"), 5000);
    } else {
        m_log->error(message);
        statusBar()->showMessage(message);
    }
    updateRunState();
}

void MainWindow::updateRunState()
{
    if (!m_controller->isRunning())
        m_stopRequested = false;
    m_experiment->setRunning(m_controller->isRunning(), m_controller->isPaused());
    updateStatus();
}

int MainWindow::lastEpoch() const
{
    // Epoch 0 is the net before training: the last epoch's number is how
    // many epochs were trained.
    return m_model->epochs().empty() ? 0 : m_model->epochs().back().epoch;
}

void MainWindow::updateStatus()
{
    const bool running = m_controller->isRunning();
    const bool paused = running && m_controller->isPaused();
    const QString state = paused ? tr("Paused") : running ? tr("Training") : QString();
    m_runStateLabel->setText(state.isEmpty() ? QString() : QStringLiteral("<b>%1</b>").arg(state));
    m_toolbarState->setText(paused ? QStringLiteral("<b>%1</b>").arg(tr("Paused")) : QString());
    m_folderLabel->setText(m_model->hasRun() && !m_model->folder().isEmpty()
                               ? tr("Run folder: %1").arg(QDir::toNativeSeparators(m_model->folder()))
                               : QString());
    if (!running)
        m_backlogLabel->clear();
    const int epoch = m_model->currentEpoch();
    const EpochRecord *r = epoch >= 0 ? m_model->record(epoch) : nullptr;
    if (!r) {
        m_epochLabel->setText(m_model->hasRun() ? tr("no epoch yet") : QString());
        m_timingLabel->clear();
        return;
    }
    m_epochLabel->setText(tr("Epoch %1 of %2  loss %3  test accuracy %4  |X| %5 (%6 constant)")
                              .arg(epoch)
                              .arg(lastEpoch())
                              .arg(r->loss, 0, 'f', 4)
                              .arg(r->testAccuracy, 0, 'f', 3)
                              .arg(r->neurons)
                              .arg(r->constantNeurons));
    m_timingLabel->setText(tr("epoch %1: train %2 s, probe %3 s, metric %4 s, persistence %5 s")
                               .arg(r->epoch)
                               .arg(r->seconds.train, 0, 'f', 2)
                               .arg(r->seconds.probe, 0, 'f', 2)
                               .arg(r->seconds.metric, 0, 'f', 2)
                               .arg(r->seconds.persistence, 0, 'f', 2));
}

void MainWindow::updateTitle()
{
    setWindowTitle(tr("%1[*] — NetBetti").arg(m_document->displayName()));
    setWindowModified(m_document->isModified());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_files->maybeSave()) {
        event->ignore();
        return;
    }
    // Stopping kills a running ripser and interrupts training between two
    // batches; what is on disk stays a valid run folder.
    stopRun();
    m_controller->wait(5000);
    settings::setWindowGeometry(saveGeometry());
    settings::setWindowState(saveState());
    event->accept();
}

} // namespace netbetti
