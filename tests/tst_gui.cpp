// The real main window, offscreen, driven like a user: train from the
// Experiment panel, watch epochs reach every panel, scrub, stop, close,
// and open a run folder. Waits on the panels' state (QTRY_), never sleeps.

#include "plots/BarcodeView.h"
#include "plots/ContinuityView.h"
#include <QComboBox>
#include "plots/DiagramView.h"
#include "run/EpochScrubber.h"
#include "document/ExperimentDocument.h"
#include "editor/ExperimentPanel.h"
#include "plots/HeatmapView.h"
#include "run/LogPanel.h"
#include "window/MainWindow.h"
#include "run/RunController.h"
#include "run/RunModel.h"
#include "plots/TrainingView.h"
#include "experiment/RunFolder.h"
#include "storage/NpyFile.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTimer>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>
#include <memory>

using namespace netbetti;

namespace {

ExperimentSpec smallSpec(int epochs)
{
    ExperimentSpec s;
    s.name = QStringLiteral("gui test");
    s.dataset.samples = 400;
    s.model.layers = {4, 16, 16, 2};
    s.training.epochs = epochs;
    return s;
}

/// Every epoch listed in run.json has its files: the folder is valid.
void verifyRunFolder(const QString &dir)
{
    const RunFolder folder(dir);
    const RunRecord record = folder.readRecord();
    for (const EpochRecord &e : record.epochs) {
        QCOMPARE(folder.readDistance(e.epoch).rows(), Eigen::Index(e.neurons));
        QCOMPARE(folder.readDiagram(e.epoch).count(0), e.neurons);
    }
}

/// Child processes of this test (a ripser the window left behind would be one).
QString childProcesses()
{
    QProcess pgrep;
    pgrep.start(QStringLiteral("pgrep"), {QStringLiteral("-l"), QStringLiteral("-P"),
                                          QString::number(QCoreApplication::applicationPid())});
    pgrep.waitForFinished();
    return QString::fromUtf8(pgrep.readAllStandardOutput()).trimmed();
}

/// The longest the GUI thread went without running its event loop while
/// the meter was alive: a 5 ms timer that notes the gaps between its ticks.
class StallMeter
{
public:
    StallMeter()
    {
        m_clock.start();
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            m_longest = std::max(m_longest, m_clock.restart());
        });
        m_timer.start();
    }
    qint64 longestMs()
    {
        m_longest = std::max(m_longest, m_clock.elapsed());
        return m_longest;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_longest = 0;
};

} // namespace

class TestGui : public QObject
{
    Q_OBJECT
    QTemporaryDir m_runs;

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("NetBettiTests"));
        QStandardPaths::setTestModeEnabled(true);
        qputenv("NETBETTI_RUNS_DIR", m_runs.path().toUtf8());
    }

    void trainFromTheWindowFillsEveryPanel()
    {
        MainWindow window;
        window.show();
        window.experimentPanel()->setSpec(smallSpec(3));
        QVERIFY2(window.experimentPanel()->isValid(), qPrintable(window.experimentPanel()->validationMessage()));
        QVERIFY(window.experimentPanel()->trainButton()->isEnabled());
        QTest::mouseClick(window.experimentPanel()->trainButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(window.model()->analysedEpochs().size() == 4, 120000);
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 30000);

        // Followed the newest epoch into every panel.
        QCOMPARE(window.model()->currentEpoch(), 3);
        QCOMPARE(window.barcodeView()->shownEpoch(), 3);
        QCOMPARE(window.diagramView()->shownEpoch(), 3);
        QCOMPARE(window.heatmapView()->shownEpoch(), 3);
        QCOMPARE(window.heatmapView()->matrixSize(), 34);
        QCOMPARE(window.trainingView()->pointCount(), 4);
        // Continuity arrives after each epoch: one point per epoch after the first.
        QTRY_COMPARE_WITH_TIMEOUT(window.continuityView()->pointCount(0), 3, 10000);
        QCOMPARE(window.continuityView()->pointCount(1), 3);
        window.continuityView()->distanceBox()->setCurrentIndex(1);
        QCOMPARE(window.continuityView()->distance(), ContinuityView::Distance::Wasserstein);
        QCOMPARE(window.continuityView()->pointCount(1), 3);
        QVERIFY(window.barcodeView()->shownBarCount(0) > 0);
        QVERIFY(window.experimentPanel()->trainButton()->isEnabled());
        verifyRunFolder(window.model()->folder());
        QVERIFY(window.model()->folder().startsWith(m_runs.path()));

        // Scrubbing moves the barcode and the heatmap to the past epoch.
        const int barsAt3 = window.barcodeView()->shownBarCount(1);
        window.scrubber()->spinBox()->setValue(0);
        QCOMPARE(window.model()->currentEpoch(), 0);
        QCOMPARE(window.barcodeView()->shownEpoch(), 0);
        QCOMPARE(window.heatmapView()->shownEpoch(), 0);
        QVERIFY(!window.model()->followsLatest());
        const PersistenceDiagram *d0 = window.model()->diagram(0);
        QVERIFY(d0);
        int positiveH1 = 0;
        for (const auto &b : d0->inDimension(1))
            positiveH1 += b.death > b.birth;
        QCOMPARE(window.barcodeView()->shownBarCount(1), positiveH1);
        Q_UNUSED(barsAt3);
    }

    void invalidSettingsDisableTrain()
    {
        MainWindow window;
        window.experimentPanel()->layersEdit()->setText(QStringLiteral("4-0-2"));
        QVERIFY(!window.experimentPanel()->isValid());
        QVERIFY(!window.experimentPanel()->trainButton()->isEnabled());
        QVERIFY2(window.experimentPanel()->trainButton()->toolTip().contains(QStringLiteral("model.layers[1] = 0")),
                 qPrintable(window.experimentPanel()->trainButton()->toolTip()));
        window.experimentPanel()->layersEdit()->setText(QStringLiteral("4-8-2"));
        QVERIFY(window.experimentPanel()->trainButton()->isEnabled());
    }

    void stopMidRunEndsCleanly()
    {
        MainWindow window;
        window.show();
        window.experimentPanel()->setSpec(smallSpec(500));
        QTest::mouseClick(window.experimentPanel()->trainButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(window.model()->analysedEpochs().size() >= 2, 60000);
        QVERIFY(window.experimentPanel()->stopButton()->isEnabled());
        QTest::mouseClick(window.experimentPanel()->stopButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 5000);
        QVERIFY(window.model()->analysedEpochs().size() < 501);
        verifyRunFolder(window.model()->folder());
        QCOMPARE(window.logPanel()->errorCount(), 0);
    }

    void pauseAndStep()
    {
        MainWindow window;
        window.experimentPanel()->setSpec(smallSpec(500));
        QTest::mouseClick(window.experimentPanel()->trainButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(window.model()->analysedEpochs().size() >= 1, 60000);
        QTest::mouseClick(window.experimentPanel()->pauseButton(), Qt::LeftButton);
        QVERIFY(window.controller()->isPaused());
        QCOMPARE(window.experimentPanel()->pauseButton()->text(), QStringLiteral("Resume"));
        // Paused: training waits, the epochs already trained drain into the panels.
        QTRY_VERIFY_WITH_TIMEOUT(window.controller()->isIdle(), 20000);
        QCoreApplication::processEvents();
        const size_t paused = window.model()->epochs().size();
        // Step: exactly one more epoch, then paused again.
        QTest::mouseClick(window.experimentPanel()->stepButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(window.model()->epochs().size(), paused + 1, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(window.controller()->isIdle(), 20000);
        QCoreApplication::processEvents();
        QCOMPARE(window.model()->epochs().size(), paused + 1);
        QVERIFY(window.controller()->isRunning());
        window.controller()->stop();
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 5000);
    }

    void closeDuringRunLeavesAValidFolder()
    {
        QString folder;
        {
            MainWindow window;
            window.show();
            window.experimentPanel()->setSpec(smallSpec(500));
            QTest::mouseClick(window.experimentPanel()->trainButton(), Qt::LeftButton);
            QTRY_VERIFY_WITH_TIMEOUT(window.model()->analysedEpochs().size() >= 2, 60000);
            folder = window.model()->folder();
            window.document()->undoStack()->setClean(); // no question about saving (tst_experiment_document asks it)
            QVERIFY(window.close());
            QVERIFY(!window.controller()->isRunning());
        }
        verifyRunFolder(folder);
        // No ripser child is left behind.
        QProcess pgrep;
        pgrep.start(QStringLiteral("pgrep"), {QStringLiteral("-P"), QString::number(QCoreApplication::applicationPid())});
        pgrep.waitForFinished();
        QCOMPARE(QString::fromUtf8(pgrep.readAllStandardOutput()).trimmed(), QString());
    }

    void leavingAnAnalysisNeverBlocksNorLeavesRipser_data()
    {
        QTest::addColumn<QString>("action");
        QTest::newRow("Stop") << QStringLiteral("stop");
        QTest::newRow("close the window") << QStringLiteral("close");
        QTest::newRow("open another run") << QStringLiteral("open");
    }

    void leavingAnAnalysisNeverBlocksNorLeavesRipser()
    {
        // A ripser that answers for epochs 0 and 1, then works for a minute on
        // every later epoch: the action comes while epochs are being analysed.
        QFETCH(QString, action);
        QTemporaryDir dir;
        const QString other = dir.filePath(QStringLiteral("other"));
        if (action == QLatin1String("open")) {
            const QString specPath = dir.filePath(QStringLiteral("spec.json"));
            QFile f(specPath);
            QVERIFY(f.open(QIODevice::WriteOnly));
            ExperimentSpec otherSpec = smallSpec(1);
            otherSpec.seed = 99; // not the numbers of the run it replaces
            f.write(otherSpec.toJsonBytes());
            f.close();
            QProcess cli;
            cli.start(QStringLiteral(NETBETTI_CLI), {QStringLiteral("run"), specPath, QStringLiteral("--out"), other});
            QVERIFY(cli.waitForFinished(120000));
            QCOMPARE(cli.exitCode(), 0);
        }
        const QString calls = dir.filePath(QStringLiteral("calls"));
        const QString slow = dir.filePath(QStringLiteral("slow-ripser"));
        QFile script(slow);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("#!/bin/sh\ncalls=$(cat '" + calls.toUtf8() + "' 2>/dev/null || echo 0)\n"
                     "calls=$((calls + 1)); echo $calls > '" + calls.toUtf8() + "'\n"
                     "if [ $calls -gt 2 ]; then exec sleep 60; fi\nexec ripser \"$@\"\n");
        script.close();
        script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        qputenv("NETBETTI_RIPSER", slow.toUtf8());
        qputenv("NETBETTI_ANALYSIS_THREADS", "1"); // epoch k is call k+1
        const auto restoreEnvironment = qScopeGuard([] {
            qunsetenv("NETBETTI_RIPSER");
            qunsetenv("NETBETTI_ANALYSIS_THREADS");
        });

        auto window = std::make_unique<MainWindow>();
        window->show();
        ExperimentSpec spec = smallSpec(50);
        spec.analysis.engine = QStringLiteral("ripser"); // the engine that runs a child process
        window->experimentPanel()->setSpec(spec);
        window->document()->undoStack()->setClean(); // closing asks nothing (tst_experiment_document asks it)
        QTest::mouseClick(window->experimentPanel()->trainButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(window->model()->analysedEpochs().size(), size_t(2), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(childProcesses().contains(QStringLiteral("sleep")), 30000);

        StallMeter meter;
        if (action == QLatin1String("stop")) {
            QTest::mouseClick(window->experimentPanel()->stopButton(), Qt::LeftButton);
            QTRY_VERIFY_WITH_TIMEOUT(!window->controller()->isRunning(), 5000);
        } else if (action == QLatin1String("close")) {
            QVERIFY(window->close());
            QVERIFY(!window->controller()->isRunning());
        } else {
            QVERIFY(window->openRun(other));
            QVERIFY(!window->controller()->isRunning());
        }
        QCoreApplication::processEvents(); // whatever the run had queued
        QVERIFY2(meter.longestMs() < 1000, qPrintable(QStringLiteral("the GUI thread stalled for %1 ms")
                                                         .arg(meter.longestMs())));
        QCOMPARE(childProcesses(), QString());
        if (action == QLatin1String("open")) {
            // The other run, and nothing of the stopped one.
            QCOMPARE(window->model()->folder(), other);
            QCOMPARE(window->model()->epochs().size(), size_t(2));
            QCOMPARE(window->model()->analysedEpochs().size(), size_t(2));
            const RunRecord onDisk = RunFolder(other).readRecord();
            for (const EpochRecord &e : window->model()->epochs()) {
                QCOMPARE(e.loss, onDisk.find(e.epoch)->loss);
                QCOMPARE(e.bottleneckToPrevious, onDisk.find(e.epoch)->bottleneckToPrevious);
            }
            QVERIFY(window->experimentPanel()->trainButton()->isEnabled());
        }
        qInfo("%s: longest stall %lld ms", qPrintable(action), meter.longestMs());
    }

    void failingRipserIsLoggedAndTheRunGoesOn()
    {
        qputenv("NETBETTI_RIPSER", "/nonexistent/ripser");
        const auto restoreEnvironment = qScopeGuard([] { qunsetenv("NETBETTI_RIPSER"); });
        MainWindow window;
        window.show();
        ExperimentSpec spec = smallSpec(2);
        spec.analysis.engine = QStringLiteral("ripser");
        window.experimentPanel()->setSpec(spec);
        QTest::mouseClick(window.experimentPanel()->trainButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 60000);
        // Every epoch trained and listed, each persistence failure logged once.
        QCOMPARE(window.model()->epochs().size(), size_t(3));
        QCOMPARE(window.trainingView()->pointCount(), 3);
        QCOMPARE(window.logPanel()->errorCount(), 3);
        for (const EpochRecord &e : window.model()->epochs())
            QVERIFY2(e.analysisError.contains(QStringLiteral("/nonexistent/ripser")), qPrintable(e.analysisError));
        QVERIFY(window.experimentPanel()->trainButton()->isEnabled());
        QCOMPARE(childProcesses(), QString());
    }

    void openRunFolderFillsThePanels()
    {
        // A folder written by the CLI.
        const QString dir = m_runs.filePath(QStringLiteral("from-cli"));
        QTemporaryDir specDir;
        const QString specPath = specDir.filePath(QStringLiteral("spec.json"));
        QFile f(specPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(smallSpec(2).toJsonBytes());
        f.close();
        QProcess cli;
        cli.start(QStringLiteral(NETBETTI_CLI), {QStringLiteral("run"), specPath, QStringLiteral("--out"), dir});
        QVERIFY(cli.waitForFinished(120000));
        QCOMPARE(cli.exitCode(), 0);

        MainWindow window;
        QVERIFY(window.openRun(dir));
        QCOMPARE(window.model()->analysedEpochs().size(), size_t(3));
        QCOMPARE(window.barcodeView()->shownEpoch(), 2);
        QCOMPARE(window.heatmapView()->matrixSize(), 34);
        QCOMPARE(window.trainingView()->pointCount(), 3);
        QCOMPARE(window.continuityView()->pointCount(1), 2); // read back from run.json
        window.scrubber()->spinBox()->setValue(1);
        QCOMPARE(window.diagramView()->shownEpoch(), 1);

        // File › Export Data: tables at the panel's ε and the shown epoch's matrix.
        QTemporaryDir out;
        window.model()->setScale(0.3);
        const QStringList written = window.exportData(out.path());
        QCOMPARE(written.size(), 5); // betti.csv, two by-scale tables, summary.json, the .npy
        QCOMPARE(readNpy(out.filePath(QStringLiteral("distance-epoch-0001.npy"))), RunFolder(dir).readDistance(1));
        QFile betti(out.filePath(QStringLiteral("betti.csv")));
        QVERIFY(betti.open(QIODevice::ReadOnly));
        betti.readLine();
        const PersistenceDiagram *d0 = window.model()->diagram(0);
        QCOMPARE(betti.readLine().trimmed(),
                 QStringLiteral("0,%1,%2").arg(d0->bettiAt(0, 0.3)).arg(d0->bettiAt(1, 0.3)).toUtf8());
        QCOMPARE(window.logPanel()->errorCount(), 0);
        QVERIFY(window.exportData(QStringLiteral("/proc/no-such-place")).isEmpty());
        QCOMPARE(window.logPanel()->errorCount(), 1);

        // A folder that is not a run: a message, nothing lost.
        QVERIFY(!window.openRun(specDir.path()));
        QCOMPARE(window.logPanel()->errorCount(), 2);
        QCOMPARE(window.model()->analysedEpochs().size(), size_t(3));
    }
};

QTEST_MAIN(TestGui)
#include "tst_gui.moc"
