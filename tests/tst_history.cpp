// History independence: the real main window is driven through a long
// sequence of ordinary actions (open a run, preview every figure's export
// and cancel, scrub, overlay another run, change ε and the panels' options,
// open other runs, undo and redo edits, pause and resume a live run), and
// after each step every panel is compared, pixel for pixel (QWidget::grab),
// with the same panel of a window started afresh and brought straight to
// the state the step should have left. The oracle is the fresh window: a
// panel that keeps anything of what it showed before differs from it.

#include "RunFixtures.h"
#include "TestSupport.h"
#include "WindowFixtures.h"
#include "document/ExperimentDocument.h"
#include "editor/ArchitectureEditor.h"
#include "editor/ExperimentPanel.h"
#include "figures/ExportFigureDialog.h"
#include "plots/BarcodeView.h"
#include "plots/BettiView.h"
#include "plots/ContinuityView.h"
#include "plots/DiagramView.h"
#include "plots/HeatmapView.h"
#include "plots/TracksView.h"
#include "plots/TrainingView.h"
#include "run/CyclePanel.h"
#include "run/EpochScrubber.h"
#include "run/RunController.h"
#include "run/RunModel.h"
#include "topology/CycleFile.h"
#include "topology/RepresentativeCycles.h"
#include "window/MainWindow.h"

#include <QCheckBox>
#include <QClipboard>
#include <QPushButton>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>
#include <QPainter>
#include <memory>
#include <qcustomplot.h>

using namespace netbetti;
using namespace netbetti::test;

namespace {

/// What a step should leave on screen, said without the history.
struct Target
{
    QString run;
    int epoch = -1; ///< -1: the last analysed epoch (what opening shows)
    double scale = 0.5;
    QStringList overlays;
    bool clustered = false;   ///< heatmap in single-linkage order
    bool wasserstein = false; ///< continuity by 1-Wasserstein
    int surfaceDim = 1;
    bool fold = true;           ///< the barcode folds constant neurons
    double minPersistence = 0.0; ///< the barcode hides shorter bars
    bool birthAndDeath = false;  ///< the Tracks view draws birth and death
    int tracksDim = TracksView::kDefaultDimension;
    std::optional<PersistenceBar> selected; ///< the class whose cycle is highlighted
};

TracksView *tracksView(MainWindow &w)
{
    return w.findChild<TracksView *>();
}

/// The Tracks view's options through its controls, as a user sets them.
void setTracks(MainWindow &w, bool birthAndDeath, int dim)
{
    TracksView *view = tracksView(w);
    view->quantityBox()->setCurrentIndex(birthAndDeath ? 1 : 0);
    const int index = view->dimensionBox()->findData(dim);
    if (index >= 0) {
        view->dimensionBox()->setCurrentIndex(index);
    } else { // not a dimension of the run: kept in the options, shown as the default
        TracksView::Options options = view->options();
        options.dimension = dim;
        view->setOptions(options);
    }
}


/// The panels compared, by name.
std::vector<std::pair<QString, QWidget *>> panels(MainWindow &w)
{
    return {{QStringLiteral("barcode"), w.barcodeView()},   {QStringLiteral("diagram"), w.diagramView()},
            {QStringLiteral("betti"), w.bettiView()},       {QStringLiteral("heatmap"), w.heatmapView()},
            {QStringLiteral("training"), w.trainingView()}, {QStringLiteral("continuity"), w.continuityView()},
            {QStringLiteral("tracks"), tracksView(w)},     {QStringLiteral("cycle"), w.findChild<CyclePanel *>()}};
}

/// What a panel shows. The Tracks tab lies behind Training: its widget
/// keeps whatever size the dock last gave it, so its plot is drawn at one
/// size, with its controls' choices beside it.
QImage image(const QString &name, QWidget *panel)
{
    if (name != QLatin1String("tracks"))
        return panel->grab().toImage();
    auto *tracks = static_cast<TracksView *>(panel);
    QImage plot = tracks->plot()->toPixmap(900, 300).toImage();
    const QString controls = QStringLiteral("%1|%2|%3")
                                 .arg(tracks->quantityBox()->currentText(), tracks->dimensionBox()->currentText())
                                 .arg(tracks->countBox()->value());
    QPainter painter(&plot); // the choices written on it: compared with the pixels
    painter.drawText(QPoint(4, 14), controls);
    painter.end();
    return plot;
}

QStringList statusTexts(MainWindow &w)
{
    QStringList texts;
    for (QLabel *label : w.statusBar()->findChildren<QLabel *>(Qt::FindDirectChildrenOnly))
        texts << label->text();
    return texts;
}

} // namespace

class TestHistory : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_a, m_b, m_c;
    QString m_failures; // where the images of a mismatch go

    /// A window started afresh and brought straight to the target.
    std::unique_ptr<MainWindow> freshAt(const Target &t)
    {
        std::unique_ptr<MainWindow> fresh = newWindow();
        if (!fresh || !fresh->openRun(t.run))
            return nullptr;
        fresh->heatmapView()->orderBox()->setCurrentIndex(t.clustered ? 1 : 0);
        fresh->continuityView()->distanceBox()->setCurrentIndex(t.wasserstein ? 1 : 0);
        fresh->bettiView()->surfaceDimensionBox()->setCurrentIndex(t.surfaceDim);
        fresh->barcodeView()->foldBox()->setChecked(t.fold);
        fresh->barcodeView()->minPersistenceBox()->setValue(t.minPersistence);
        setTracks(*fresh, t.birthAndDeath, t.tracksDim);
        for (const QString &overlay : t.overlays) {
            QString error;
            if (!fresh->bettiView()->addOverlay(overlay, &error))
                return nullptr;
        }
        fresh->model()->setScale(t.scale);
        if (t.epoch >= 0)
            fresh->model()->setCurrentEpoch(t.epoch);
        fresh->model()->setSelectedClass(t.selected);
        settle();
        return fresh;
    }

    /// Every panel of `used` equals the fresh window's; false with the step,
    /// the panel and where the two images were saved in *why.
    bool sameAsFresh(MainWindow &used, const Target &t, const QString &step, bool compareStatus, QString *why)
    {
        settle();
        std::unique_ptr<MainWindow> fresh = freshAt(t);
        if (!fresh) {
            *why = step + QStringLiteral(": the fresh window could not reach the target");
            return false;
        }
        const auto mine = panels(used), theirs = panels(*fresh);
        for (size_t i = 0; i < mine.size(); ++i) {
            const QImage a = image(mine[i].first, mine[i].second), b = image(theirs[i].first, theirs[i].second);
            const QString shots = qEnvironmentVariable("NETBETTI_HISTORY_SHOTS"); // to look at each step
            if (!shots.isEmpty())
                a.save(QDir(shots).filePath(QStringLiteral("%1-%2.png").arg(step, mine[i].first).replace(QLatin1Char(' '), QLatin1Char('-'))));
            if (a == b)
                continue;
            const QString base = QDir(m_failures).filePath(QString(step).replace(QLatin1Char(' '), QLatin1Char('-')) +
                                                           QLatin1Char('-') + mine[i].first);
            a.save(base + QStringLiteral("-used.png"));
            b.save(base + QStringLiteral("-fresh.png"));
            *why = QStringLiteral("%1: the %2 panel differs from a fresh window's (%3 × %4 against %5 × %6); see %7-*.png")
                       .arg(step, mine[i].first)
                       .arg(a.width())
                       .arg(a.height())
                       .arg(b.width())
                       .arg(b.height())
                       .arg(base);
            return false;
        }
        if (compareStatus && statusTexts(used) != statusTexts(*fresh)) {
            *why = QStringLiteral("%1: the status bar says %2, a fresh window %3")
                       .arg(step, statusTexts(used).join(QLatin1Char('|')), statusTexts(*fresh).join(QLatin1Char('|')));
            return false;
        }
        return true;
    }

    /// Opens the Export Figure dialog on every figure, previews it in every
    /// preset, and cancels.
    static bool previewEveryFigureAndCancel(MainWindow &w)
    {
        for (const QString &figure : figureNames()) {
            ExportFigureDialog *dialog = w.exportFigure(figure);
            if (!dialog)
                return false;
            for (int i = 0; i < dialog->presetBox()->count(); ++i) {
                dialog->presetBox()->setCurrentIndex(i);
                if (dialog->previewImage().isNull())
                    return false;
            }
            dialog->reject();
            settle();
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        isolateWindowTest(m_dir);
        m_failures = QDir::temp().filePath(QStringLiteral("netbetti-history"));
        QDir(m_failures).removeRecursively();
        QVERIFY(QDir().mkpath(m_failures));
        m_a = trainRun(m_dir, QStringLiteral("a"), QStringLiteral(R"({"name": "history A", "seed": 3,
            "dataset": {"kind": "ball-in-cube", "dim": 4, "samples": 400},
            "model": {"layers": [4, 16, 16, 2]}, "training": {"epochs": 4}})"));
        m_b = trainRun(m_dir, QStringLiteral("b"), QStringLiteral(R"({"name": "history B", "seed": 3,
            "dataset": {"kind": "ball-in-cube", "dim": 4, "samples": 400},
            "model": {"layers": [4, 16, 16, 2]}, "training": {"epochs": 3},
            "analysis": {"metric": "sqrt-one-minus-correlation"}})"));
        m_c = trainRun(m_dir, QStringLiteral("c"), QStringLiteral(R"({"name": "history C", "seed": 4,
            "dataset": {"kind": "moons", "samples": 300},
            "model": {"layers": [2, 24, 2]}, "training": {"epochs": 5}, "analysis": {"max_dim": 2}})"));
        QVERIFY(!m_a.isEmpty() && !m_b.isEmpty() && !m_c.isEmpty());
    }

    void panelsAfterAnySequenceEqualAFreshWindows()
    {
        std::unique_ptr<MainWindow> w = newWindow();
        QVERIFY(w);
        QString why;
        Target t;

        QVERIFY(w->openRun(m_a));
        t.run = m_a;
        QVERIFY2(sameAsFresh(*w, t, QStringLiteral("open A"), true, &why), qPrintable(why));

        QVERIFY(previewEveryFigureAndCancel(*w));
        QVERIFY2(sameAsFresh(*w, t, QStringLiteral("previews of A"), true, &why), qPrintable(why));

        w->scrubber()->spinBox()->setValue(1);
        QCOMPARE(w->model()->currentEpoch(), 1);
        t.epoch = 1;
        QVERIFY2(sameAsFresh(*w, t, QStringLiteral("scrub A"), true, &why), qPrintable(why));

        // A selected class's cycle is marked; scrubbing away and back keeps it.
        t.selected = mostPersistent(*w->model()->diagram(1), 1, 1).at(0);
        w->model()->setSelectedClass(t.selected);
        QVERIFY(w->heatmapView()->markedCycleCells() > 0);
        QVERIFY2(sameAsFresh(*w, t, QStringLiteral("select a class"), true, &why), qPrintable(why));
        w->scrubber()->spinBox()->setValue(2);
        t.epoch = 2;
        QVERIFY2(sameAsFresh(*w, t, QStringLiteral("scrub with a selection"), true, &why), qPrintable(why));
        w->scrubber()->spinBox()->setValue(1);
        t.epoch = 1;
        QVERIFY(w->heatmapView()->markedCycleCells() > 0);
        QVERIFY2(sameAsFresh(*w, t, QStringLiteral("scrub back to the selection"), true, &why), qPrintable(why));

        QVERIFY(w->bettiView()->addOverlay(m_b, &why));
        t.overlays = {m_b};
        QVERIFY2(sameAsFresh(*w, t, QStringLiteral("overlay B"), true, &why), qPrintable(why));

        w->bettiView()->scaleSpinBox()->setValue(0.63);
        QCOMPARE(w->model()->scale(), 0.63);
        t.scale = 0.63;
        QVERIFY2(sameAsFresh(*w, t, QStringLiteral("epsilon"), true, &why), qPrintable(why));

        w->heatmapView()->orderBox()->setCurrentIndex(1);
        w->continuityView()->distanceBox()->setCurrentIndex(1);
        w->bettiView()->surfaceDimensionBox()->setCurrentIndex(0);
        w->barcodeView()->foldBox()->setChecked(false);
        w->barcodeView()->minPersistenceBox()->setValue(0.05);
        setTracks(*w, true, 0);
        t.birthAndDeath = true;
        t.tracksDim = 0;
        t.clustered = t.wasserstein = true;
        t.surfaceDim = 0;
        t.fold = false;
        t.minPersistence = 0.05;
        QVERIFY2(sameAsFresh(*w, t, QStringLiteral("options"), true, &why), qPrintable(why));

        QVERIFY(previewEveryFigureAndCancel(*w));
        w->scrubber()->spinBox()->setValue(3);
        t.epoch = 3;
        QVERIFY2(sameAsFresh(*w, t, QStringLiteral("previews then scrub"), true, &why), qPrintable(why));

        // Another run: every panel starts afresh, the overlays go.
        QVERIFY(w->openRun(m_c));
        QCOMPARE(w->bettiView()->overlayCount(), 0);
        QCOMPARE(w->model()->currentEpoch(), 5);
        t = Target{m_c, -1, 0.63, {}, true, true, 0, false, 0.05, true, 0, std::nullopt};
        QVERIFY2(sameAsFresh(*w, t, QStringLiteral("open C"), true, &why), qPrintable(why));

        w->heatmapView()->orderBox()->setCurrentIndex(0);
        w->bettiView()->surfaceDimensionBox()->setCurrentIndex(2);
        w->scrubber()->spinBox()->setValue(2);
        w->barcodeView()->foldBox()->setChecked(true);
        setTracks(*w, false, 2); // C computes H2; A does not
        QVERIFY(previewEveryFigureAndCancel(*w));
        QVERIFY(w->openRun(m_a));
        t = Target{m_a, -1, 0.63, {}, false, true, 1, true, 0.05, false, 2, std::nullopt};
        QVERIFY2(sameAsFresh(*w, t, QStringLiteral("C then A again"), true, &why), qPrintable(why));

        // Edits of the experiment change no plot, done, undone or redone.
        ExperimentSpec edited = w->document()->spec();
        edited.model.layers = {4, 32, 16, 2};
        w->document()->edit(edited, QStringLiteral("wider"));
        edited.analysis.maxDim = 2;
        w->document()->edit(edited, QStringLiteral("H2"));
        w->document()->undoStack()->undo();
        w->document()->undoStack()->redo();
        w->document()->undoStack()->undo();
        QVERIFY2(sameAsFresh(*w, t, QStringLiteral("undo and redo"), true, &why), qPrintable(why));
        w->document()->undoStack()->setClean();
    }

    // A click on a bar selects it: its cycle's neurons (from cycles.json and
    // neurons.csv, read here on their own) are listed and copied, marked in
    // the heatmap, and the tooltip counts them per layer; a run analysed
    // without cycles says so.
    void clickingABarShowsItsCycleOnTheNeurons()
    {
        std::unique_ptr<MainWindow> w = newWindow();
        QVERIFY(w && w->openRun(m_a));
        w->model()->setCurrentEpoch(1);
        settle();
        const PersistenceBar longest = mostPersistent(*w->model()->diagram(1), 1, 1).at(0);
        BarcodeView *barcode = w->barcodeView();
        QPoint at(-1, -1);
        for (int y = 0; y < barcode->plot()->height() && at.x() < 0; ++y) {
            const double x = barcode->plot()->xAxis->coordToPixel(longest.birth + 0.5 * (longest.death - longest.birth));
            if (barcode->barAt(QPointF(x, y)) == std::optional<PersistenceBar>(longest))
                at = QPoint(int(x), y);
        }
        QVERIFY(at.x() >= 0);
        QTest::mouseClick(barcode->plot(), Qt::LeftButton, {}, at);
        settle();
        QCOMPARE(w->model()->selectedClass(), std::optional<PersistenceBar>(longest));

        const RunFolder folder(m_a);
        const CycleSet cycles = readCyclesJson(folder.cyclesPath(1));
        const RepresentativeCycle *cycle = cycles.find(1, longest.birth, longest.death);
        QVERIFY(cycle);
        const std::vector<NeuronId> neurons = folder.readNeurons();
        QStringList expected;
        std::map<int, int> perLayer;
        for (int v : cycle->vertices()) {
            expected << QStringLiteral("%1,%2").arg(neurons[size_t(v)].layer).arg(neurons[size_t(v)].unit);
            ++perLayer[neurons[size_t(v)].layer];
        }
        auto *panel = w->findChild<CyclePanel *>();
        QCOMPARE(panel->lines(), expected);
        QCOMPARE(w->heatmapView()->markedCycleCells(), 2 * int(cycle->simplices.size()));
        panel->copyButton()->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("layer,unit\n") + expected.join(QLatin1Char('\n')));
        // The architecture's blocks (the run's layers: opening a run adopts
        // its experiment) carry the counts; other layers carry none.
        auto *architecture = w->findChild<ArchitectureEditor *>();
        QCOMPARE(w->document()->spec().model.layers, w->model()->spec().model.layers);
        for (int layer = 0; layer < int(w->model()->spec().model.layers.size()); ++layer)
            QCOMPARE(architecture->cycleCount(layer), perLayer.count(layer) ? perLayer[layer] : 0);
        ExperimentSpec wider = w->document()->spec();
        wider.model.layers[1] = 40;
        w->document()->edit(wider, QStringLiteral("wider"));
        settle();
        QCOMPARE(architecture->cycleCount(1) + architecture->cycleCount(2), 0);
        w->document()->undoStack()->undo();
        settle();
        QCOMPARE(architecture->cycleCount(1), perLayer.count(1) ? perLayer[1] : 0);
        const QString tip = barcode->describeAt(at);
        QVERIFY2(tip.contains(QStringLiteral("cycle: %1 neurons").arg(expected.size())), qPrintable(tip));
        for (const auto &[layer, count] : perLayer)
            QVERIFY2(tip.contains(QStringLiteral("%1: %2").arg(layer == 3 ? QStringLiteral("output") : QStringLiteral("layer %1").arg(layer)).arg(count)),
                     qPrintable(tip));
        const QString shot = qEnvironmentVariable("NETBETTI_CYCLE_SHOT");
        if (!shot.isEmpty())
            w->grab().save(shot);

        // A click off the bars clears the selection and the marks.
        QTest::mouseClick(barcode->plot(), Qt::LeftButton, {}, QPoint(2, 2));
        settle();
        QVERIFY(!w->model()->selectedClass());
        QCOMPARE(w->heatmapView()->markedCycleCells(), 0);
        QCOMPARE(architecture->cycleCount(1) + architecture->cycleCount(2), 0);
        QVERIFY(panel->lines().isEmpty());

        const QString off = trainRun(m_dir, QStringLiteral("no-cycles"), QStringLiteral(R"({"name": "no cycles", "seed": 3,
            "dataset": {"kind": "ball-in-cube", "dim": 4, "samples": 400},
            "model": {"layers": [4, 16, 16, 2]}, "training": {"epochs": 1}, "analysis": {"cycles": 0}})"));
        QVERIFY(w->openRun(off));
        QVERIFY(!QFileInfo::exists(RunFolder(off).cyclesPath(1)));
        w->model()->setSelectedClass(mostPersistent(*w->model()->diagram(1), 1, 1).at(0));
        settle();
        QVERIFY2(panel->status().contains(QLatin1String("without cycles")), qPrintable(panel->status()));
        QCOMPARE(w->heatmapView()->markedCycleCells(), 0);
    }

    void aLiveRunPausedAndResumedEqualsItsFolderOpened()
    {
        std::unique_ptr<MainWindow> w = newWindow();
        QVERIFY(w);
        QVERIFY(w->openRun(m_c)); // something to replace
        QString why;
        QVERIFY(w->bettiView()->addOverlay(m_b, &why));
        ExperimentSpec spec;
        spec.name = QStringLiteral("history live");
        spec.dataset.samples = 400;
        spec.model.layers = {4, 12, 12, 2};
        spec.training.epochs = 400;
        w->startRun(spec);
        QTRY_VERIFY_WITH_TIMEOUT(w->model()->analysedEpochs().size() >= 3, 120000);
        w->controller()->setPaused(true);
        QTRY_VERIFY_WITH_TIMEOUT(w->controller()->isIdle(), 30000);
        settle();
        // Following the run: the newest analysed epoch is shown.
        QCOMPARE(w->model()->currentEpoch(), w->model()->analysedEpochs().back());
        // The overlay stays for a new run (Train and Compare keeps it); a
        // fresh window brought to the same state has it too.
        QCOMPARE(w->bettiView()->overlayCount(), 1);
        Target t{w->model()->folder(), w->model()->currentEpoch(), 0.5, {m_b}, false, false, 1, true, 0.0, false, TracksView::kDefaultDimension, std::nullopt};
        QVERIFY2(sameAsFresh(*w, t, QStringLiteral("paused"), false, &why), qPrintable(why));

        w->controller()->setPaused(false);
        const size_t before = w->model()->analysedEpochs().size();
        QTRY_VERIFY_WITH_TIMEOUT(w->model()->analysedEpochs().size() >= before + 2, 120000);
        w->controller()->stop();
        QTRY_VERIFY_WITH_TIMEOUT(!w->controller()->isRunning(), 30000);
        settle();
        t.epoch = w->model()->analysedEpochs().back();
        QCOMPARE(w->model()->currentEpoch(), t.epoch);
        QVERIFY2(sameAsFresh(*w, t, QStringLiteral("resumed and stopped"), false, &why), qPrintable(why));
    }
};

QTEST_MAIN(TestHistory)
#include "tst_history.moc"
