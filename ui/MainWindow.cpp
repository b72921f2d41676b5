#include "MainWindow.h"

#include "BarcodeView.h"
#include "BettiView.h"
#include "DiagramView.h"
#include "EpochScrubber.h"
#include "ExperimentPanel.h"
#include "HeatmapView.h"
#include "LogPanel.h"
#include "RunController.h"
#include "RunModel.h"
#include "Settings.h"
#include "TrainingView.h"
#include "experiment/RunTables.h"
#include "storage/NpyFile.h"
#include "ContinuityView.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QToolBar>

namespace netbetti {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_model(new RunModel(this)), m_controller(new RunController(m_model, this))
{
    setWindowTitle(tr("NetBetti"));
    m_experiment = new ExperimentPanel;
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
    tabifyDockWidget(continuityDock, logDock);
    trainingDock->raise();

    auto *scrubBar = new QToolBar(tr("Epoch"), this);
    scrubBar->setObjectName(QStringLiteral("epochToolBar"));
    scrubBar->addWidget(m_scrubber);
    addToolBar(Qt::TopToolBarArea, scrubBar);

    m_epochLabel = new QLabel(this);
    m_timingLabel = new QLabel(this);
    m_backlogLabel = new QLabel(this);
    m_folderLabel = new QLabel(this);
    m_folderLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    for (QLabel *label : {m_epochLabel, m_timingLabel, m_backlogLabel, m_folderLabel})
        statusBar()->addPermanentWidget(label);

    createMenus();

    connect(m_experiment, &ExperimentPanel::trainRequested, this, &MainWindow::startRun);
    connect(m_experiment, &ExperimentPanel::stopRequested, m_controller, &RunController::stop);
    connect(m_experiment, &ExperimentPanel::pauseToggled, m_controller, &RunController::setPaused);
    connect(m_experiment, &ExperimentPanel::stepRequested, m_controller, &RunController::step);
    connect(m_controller, &RunController::pausedChanged, this, &MainWindow::updateRunState);
    connect(m_controller, &RunController::started, this, [this](const QString &folder) {
        m_folderLabel->setText(tr("Run folder: %1").arg(QDir::toNativeSeparators(folder)));
        m_log->info(tr("run started: %1").arg(folder));
        settings::setLastRunFolder(folder);
    });
    connect(m_controller, &RunController::epochTrained, this, &MainWindow::onEpochTrained);
    connect(m_controller, &RunController::epochAnalysed, this, &MainWindow::onEpochAnalysed);
    connect(m_controller, &RunController::finished, this, &MainWindow::onRunFinished);
    connect(m_model, &RunModel::currentEpochChanged, this, [this](int epoch) {
        const EpochRecord *r = m_model->record(epoch);
        if (!r)
            return;
        m_epochLabel->setText(tr("Epoch %1  loss %2  test accuracy %3")
                                  .arg(epoch)
                                  .arg(r->loss, 0, 'f', 4)
                                  .arg(r->testAccuracy, 0, 'f', 3));
    });

    resize(1500, 950);
    restoreGeometry(settings::windowGeometry());
    restoreState(settings::windowState());
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
    QAction *open = file->addAction(tr("&Open Run…"), this, &MainWindow::chooseRunFolder);
    open->setShortcut(QKeySequence::Open);
    file->addAction(tr("Export &Data…"), this, &MainWindow::chooseDataFolder);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *run = menuBar()->addMenu(tr("&Run"));
    QAction *train = run->addAction(tr("&Train"), m_experiment->trainButton(), &QPushButton::click);
    train->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    QAction *stop = run->addAction(tr("&Stop"), m_controller, &RunController::stop);
    stop->setShortcut(QKeySequence(Qt::Key_Escape));

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        m_viewMenu->addAction(dock->toggleViewAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About NetBetti"), this, [this] {
        QMessageBox::about(this, tr("About NetBetti"),
                           tr("<h3>NetBetti %1</h3><p>Persistent homology of the neuron metric space of "
                              "neural networks, epoch by epoch.</p><p>Qt %2</p>")
                               .arg(QStringLiteral(NETBETTI_VERSION), QString::fromLatin1(qVersion())));
    });
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
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a run folder"), settings::lastRunFolder());
    if (!dir.isEmpty())
        openRun(dir);
}

bool MainWindow::openRun(const QString &dir)
{
    if (m_controller->isRunning()) {
        m_controller->stop();
        // Ripser is killed and training stops between two batches, so this
        // is quick; a run still going after 5 s would feed the folder opened.
        if (!m_controller->wait(5000)) {
            const QString message = tr("The run is still stopping; open %1 again in a moment").arg(dir);
            m_log->error(message);
            statusBar()->showMessage(message);
            return false;
        }
        m_backlogLabel->clear();
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
    m_experiment->setSpec(m_model->spec());
    m_folderLabel->setText(tr("Run folder: %1").arg(QDir::toNativeSeparators(m_model->folder())));
    m_log->info(tr("opened %1 (%2 epochs)").arg(dir).arg(m_model->epochs().size()));
    settings::setLastRunFolder(dir);
    statusBar()->showMessage(tr("Opened %1").arg(dir), 5000);
    return true;
}

bool MainWindow::loadSpec(const QString &path)
{
    try {
        m_experiment->setSpec(ExperimentSpec::fromFile(path));
    } catch (const std::exception &e) {
        const QString message = QString::fromUtf8(e.what());
        m_log->error(message);
        statusBar()->showMessage(message);
        return false;
    }
    m_log->info(tr("loaded %1").arg(path));
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

void MainWindow::showBacklog(int backlog)
{
    // The epoch being analysed is not waiting; the others are.
    m_backlogLabel->setText(backlog > 1 ? tr("%1 epochs wait for analysis").arg(backlog - 1) : QString());
}

void MainWindow::onEpochTrained(const EpochRecord &record, int backlog)
{
    showBacklog(backlog);
    statusBar()->showMessage(tr("Epoch %1 trained").arg(record.epoch), 3000);
}

void MainWindow::onEpochAnalysed(const EpochRecord &r)
{
    showBacklog(m_controller->analysisBacklog());
    m_timingLabel->setText(tr("epoch %1: train %2 s, probe %3 s, metric %4 s, persistence %5 s")
                               .arg(r.epoch)
                               .arg(r.seconds.train, 0, 'f', 2)
                               .arg(r.seconds.probe, 0, 'f', 2)
                               .arg(r.seconds.metric, 0, 'f', 2)
                               .arg(r.seconds.persistence, 0, 'f', 2));
    if (!r.analysisError.isEmpty()) {
        const QString message = tr("epoch %1: persistence failed: %2").arg(r.epoch).arg(r.analysisError);
        m_log->error(message);
        statusBar()->showMessage(message, 10000);
    }
}

void MainWindow::onRunFinished(bool ok, const QString &message)
{
    m_backlogLabel->clear();
    if (ok) {
        m_log->info(tr("run finished: %1 epochs in %2").arg(m_model->epochs().size()).arg(m_model->folder()));
        statusBar()->showMessage(tr("Run finished"), 5000);
    } else {
        m_log->error(message);
        statusBar()->showMessage(message);
    }
    updateRunState();
}

void MainWindow::updateRunState()
{
    m_experiment->setRunning(m_controller->isRunning(), m_controller->isPaused());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Stopping kills a running ripser and interrupts training between two
    // batches; what is on disk stays a valid run folder.
    m_controller->stop();
    m_controller->wait(5000);
    settings::setWindowGeometry(saveGeometry());
    settings::setWindowState(saveState());
    event->accept();
}

} // namespace netbetti
