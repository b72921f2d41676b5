// Bars tracked across epochs: a run folder of hand-made diagrams whose
// bottleneck matchings are worked out below gives the expected tracks in the
// real Tracks view (lines, hover, settings); a run without matchings, or
// with a damaged one, says so; and a real run's matching.csv, written by the
// pipeline, is a valid matching whose largest cost is the bottleneck
// distance run.json records.

#include "TestSupport.h"
#include "experiment/RunFolder.h"
#include "figures/RunFigures.h"
#include "plots/BarcodeView.h"
#include "plots/DiagramView.h"
#include "plots/TracksView.h"
#include "run/RunModel.h"
#include "storage/AtomicFile.h"
#include "topology/DiagramMatching.h"

#include <QComboBox>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QToolTip>
#include <QSignalSpy>
#include <QtTest>
#include <qcustomplot.h>

using namespace netbetti;
using namespace netbetti::test;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

/// Three epochs of H1 (H0: the one essential bar and a short one):
///   A: [0.10, 0.90) -> [0.12, 0.88) -> [0.15, 0.85)  (moves 0.02, then 0.03)
///   B: [0.30, 0.40)                                   (0.2 from C: to the diagonal)
///   C:                 [0.50, 0.60) -> [0.50, 0.62)  (moves 0.02; 0.06 from the diagonal)
/// d_B(0, 1) = 0.05 (B and C to the diagonal), d_B(1, 2) = 0.03 (A), so C
/// must stay C. Expected H1 tracks: A over 0..2, C over 1..2, B at 0.
std::vector<PersistenceDiagram> knownDiagrams()
{
    return {
        diagramOf({{0, 0.0, inf}, {0, 0.0, 0.2}, {1, 0.10, 0.90}, {1, 0.30, 0.40}}),
        diagramOf({{0, 0.0, inf}, {0, 0.0, 0.25}, {1, 0.12, 0.88}, {1, 0.50, 0.60}}),
        diagramOf({{0, 0.0, inf}, {0, 0.0, 0.2}, {1, 0.15, 0.85}, {1, 0.50, 0.62}}),
    };
}

int barIndex(const PersistenceDiagram &d, int dim, double birth)
{
    for (size_t i = 0; i < d.bars.size(); ++i)
        if (d.bars[i].dim == dim && fuzzyEqual(d.bars[i].birth, birth))
            return int(i);
    return -1;
}

/// A run folder of the diagrams, with matchings (the core's) unless told not.
void writeRun(const QString &dir, const std::vector<PersistenceDiagram> &diagrams, bool withMatchings)
{
    const ExperimentSpec spec; // max_dim 1
    const RunFolder folder(dir);
    folder.create(spec, spec.analysedNeurons());
    RunRecord record;
    for (int k = 0; k < int(diagrams.size()); ++k) {
        folder.stageDiagram(k, diagrams[size_t(k)]);
        folder.publishEpoch(k);
        EpochRecord epoch;
        epoch.epoch = k;
        epoch.analysed = true;
        if (k > 0) {
            epoch.previousEpoch = k - 1;
            if (withMatchings)
                folder.writeMatching(k, bottleneckMatchings(diagrams[size_t(k - 1)], diagrams[size_t(k)], 1));
        }
        record.epochs.push_back(epoch);
    }
    record.finished = true;
    folder.writeRecord(record);
}

std::vector<double> values(QCPGraph *graph)
{
    std::vector<double> out;
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
        out.push_back(it->value);
    return out;
}

bool sameValues(const std::vector<double> &a, const std::vector<double> &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (!fuzzyEqual(a[i], b[i], 1e-6))
            return false;
    return true;
}

} // namespace

class TestViewsTracks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void knownDiagramsGiveTheExpectedTracks()
    {
        QTemporaryDir dir;
        const auto diagrams = knownDiagrams();
        writeRun(dir.path(), diagrams, true);
        RunModel model;
        TracksView view(&model);
        view.resize(700, 400);
        model.loadFolder(dir.path());
        QVERIFY2(view.message().isEmpty(), qPrintable(view.message()));
        QCOMPARE(view.dimensionBox()->currentData().toInt(), 1); // H1 by default
        view.countBox()->setValue(2);

        // The two longest-lived H1 tracks: A (three epochs), then C (two).
        const std::vector<BarTrack> &shown = view.shownTracks();
        QCOMPARE(shown.size(), size_t(2));
        const double birthsA[] = {0.10, 0.12, 0.15};
        QCOMPARE(shown[0].points.size(), size_t(3));
        for (int k = 0; k < 3; ++k) {
            QCOMPARE(shown[0].points[size_t(k)].epoch, k);
            QCOMPARE(shown[0].points[size_t(k)].bar, barIndex(diagrams[size_t(k)], 1, birthsA[k]));
        }
        QCOMPARE(shown[1].points.size(), size_t(2));
        QCOMPARE(shown[1].points[0].epoch, 1);
        QCOMPARE(shown[1].points[0].bar, barIndex(diagrams[1], 1, 0.50));
        QCOMPARE(shown[1].points[1].bar, barIndex(diagrams[2], 1, 0.50));

        // Persistence: one line a track.
        QCOMPARE(view.plot()->graphCount(), 2);
        QVERIFY(sameValues(values(view.plot()->graph(0)), {0.80, 0.76, 0.70}));
        QVERIFY(sameValues(values(view.plot()->graph(1)), {0.10, 0.12}));
        QCOMPARE(view.plot()->graph(0)->pen().color(), view.plot()->graph(1)->pen().color());

        // Birth and death: two lines a track.
        view.quantityBox()->setCurrentIndex(1);
        QCOMPARE(view.plot()->graphCount(), 4);
        QVERIFY(sameValues(values(view.plot()->graph(0)), {0.90, 0.88, 0.85}));
        QVERIFY(sameValues(values(view.plot()->graph(1)), {0.10, 0.12, 0.15}));
        view.quantityBox()->setCurrentIndex(0);

        // N = 3 adds B, alone at epoch 0; every dimension adds H0's tracks,
        // the essential class over all three epochs first.
        view.countBox()->setValue(3);
        QCOMPARE(view.shownTracks().size(), size_t(3));
        QCOMPARE(view.shownTracks()[2].points.size(), size_t(1));
        view.dimensionBox()->setCurrentIndex(0);
        QCOMPARE(view.shownTracks()[0].dim, 0);
        QCOMPARE(view.shownTracks()[0].points.size(), size_t(3));
        for (const TrackPoint &p : view.shownTracks()[0].points)
            QVERIFY(diagrams[size_t(p.epoch)].bars[size_t(p.bar)].isInfinite());
        QVERIFY(view.plot()->graph(0)->pen().color() != view.plot()->graph(view.plot()->graphCount() - 1)->pen().color());

        // Hovering A's point at epoch 1 names A.
        view.dimensionBox()->setCurrentIndex(2);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.plot()->replot();
        const QPoint onA(int(view.plot()->xAxis->coordToPixel(1.0)), int(view.plot()->yAxis->coordToPixel(0.76)));
        const QString name = view.trackNameAt(onA);
        QVERIFY2(name.contains(QStringLiteral("H₁")) && name.contains(QLatin1String("3 epochs"))
                     && name.contains(QLatin1String("[0.1, 0.9) at epoch 0")),
                 qPrintable(name));
        QVERIFY(view.trackNameAt(QPoint(onA.x(), int(view.plot()->yAxis->coordToPixel(0.40)))).isEmpty());
        QTest::mouseMove(view.plot(), onA);
        QTRY_COMPARE(QToolTip::text(), name);
    }

    void clickingATrackSelectsItsBarInEveryEpoch()
    {
        QTemporaryDir dir;
        const auto diagrams = knownDiagrams();
        writeRun(dir.path(), diagrams, true);
        RunModel model;
        TracksView tracks(&model);
        BarcodeView barcode(&model);
        DiagramView diagram(&model);
        tracks.resize(700, 400);
        barcode.resize(600, 400);
        diagram.resize(500, 400);
        model.loadFolder(dir.path());
        tracks.countBox()->setValue(2);
        tracks.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tracks));
        tracks.plot()->replot();
        QCOMPARE(model.currentEpoch(), 2);
        QVERIFY(!barcode.selectedBarShown() && !diagram.selectedBarShown());
        const QImage unselected = barcode.plot()->toPixmap(600, 400).toImage();

        // A click on A's line at epoch 1 selects A: its bar is selected at
        // every epoch the scrubber goes to, in the barcode and the diagram.
        const QPoint onA(int(tracks.plot()->xAxis->coordToPixel(1.0)), int(tracks.plot()->yAxis->coordToPixel(0.76)));
        QTest::mouseClick(tracks.plot(), Qt::LeftButton, {}, onA);
        QVERIFY(model.selectedTrack());
        QCOMPARE(model.selectedTrack()->points.size(), size_t(3));
        const double birthsA[] = {0.10, 0.12, 0.15}, deathsA[] = {0.90, 0.88, 0.85};
        QVERIFY(model.selectedClass()); // A's class at epoch 2, whose cycle the panels show
        QVERIFY(fuzzyEqual(model.selectedClass()->birth, birthsA[2]));
        for (int epoch : {0, 2, 1}) {
            QSignalSpy selection(&model, &RunModel::selectionChanged);
            model.setCurrentEpoch(epoch);
            QCOMPARE(model.selectedBar(epoch), barIndex(diagrams[size_t(epoch)], 1, birthsA[epoch]));
            // The selected class follows the track: the bar of A in this epoch.
            QVERIFY(model.selectedClass());
            QCOMPARE(*model.selectedClass(), model.diagram(epoch)->bars[size_t(model.selectedBar(epoch))]);
            QVERIFY(fuzzyEqual(model.selectedClass()->birth, birthsA[epoch]));
            QCOMPARE(selection.count(), 1);
            for (const std::optional<PersistenceBar> &bar : {barcode.selectedBarShown(), diagram.selectedBarShown()}) {
                QVERIFY2(bar, qPrintable(QStringLiteral("epoch %1").arg(epoch)));
                QCOMPARE(bar->dim, 1);
                QVERIFY(fuzzyEqual(bar->birth, birthsA[epoch]) && fuzzyEqual(bar->death, deathsA[epoch]));
            }
        }
        // Drawn: the barcode at epoch 2 is not what it was before; thicker in the tracks.
        model.setCurrentEpoch(2);
        QVERIFY(barcode.plot()->toPixmap(600, 400).toImage() != unselected);
        QCOMPARE(tracks.plot()->graph(0)->pen().widthF(), 3.5);
        QCOMPARE(tracks.plot()->graph(1)->pen().widthF(), 1.5);
        if (!qEnvironmentVariableIsEmpty("NETBETTI_SHOT")) { // to look at
            barcode.plot()->toPixmap(600, 400).save(qEnvironmentVariable("NETBETTI_SHOT") + QStringLiteral("-selected-barcode.png"));
            diagram.plot()->toPixmap(500, 400).save(qEnvironmentVariable("NETBETTI_SHOT") + QStringLiteral("-selected-diagram.png"));
            tracks.plot()->toPixmap(700, 400).save(qEnvironmentVariable("NETBETTI_SHOT") + QStringLiteral("-selected-tracks.png"));
        }
        // A figure drawn from the state shows the selection too.
        const FigurePanel figure(FigureState::of(model), QStringLiteral("barcode"), figurePresets().front());
        const auto *drawn = qobject_cast<BarcodeView *>(figure.panel());
        QVERIFY(drawn && drawn->selectedBarShown());
        QVERIFY(fuzzyEqual(drawn->selectedBarShown()->birth, 0.15));

        // C lives at epochs 1 and 2: at epoch 0 nothing is selected.
        const QPoint onC(int(tracks.plot()->xAxis->coordToPixel(2.0)), int(tracks.plot()->yAxis->coordToPixel(0.12)));
        QTest::mouseClick(tracks.plot(), Qt::LeftButton, {}, onC);
        QCOMPARE(model.selectedTrack()->points.size(), size_t(2));
        QVERIFY(fuzzyEqual(barcode.selectedBarShown()->birth, 0.50) && fuzzyEqual(diagram.selectedBarShown()->death, 0.62));
        model.setCurrentEpoch(0);
        QVERIFY(!barcode.selectedBarShown() && !diagram.selectedBarShown());
        QCOMPARE(model.selectedBar(0), -1);
        QVERIFY(!model.selectedClass()); // C's class does not live at epoch 0 ...
        model.setCurrentEpoch(2);
        QVERIFY(model.selectedClass() && fuzzyEqual(model.selectedClass()->birth, 0.50)); // ... and is back at 2
        // A class clicked by hand stays in its epoch: scrubbing leaves it.
        const PersistenceBar chosen = diagrams[2].bars[size_t(barIndex(diagrams[2], 1, birthsA[2]))];
        model.setSelectedClass(chosen);
        model.setCurrentEpoch(1);
        QVERIFY(model.selectedClass() && *model.selectedClass() == chosen);

        // A click beside every line selects none; another run starts with none.
        QTest::mouseClick(tracks.plot(), Qt::LeftButton, {}, onA);
        QVERIFY(model.selectedClass() && fuzzyEqual(model.selectedClass()->birth, birthsA[1]));
        QTest::mouseClick(tracks.plot(), Qt::LeftButton, {},
                          QPoint(onA.x(), int(tracks.plot()->yAxis->coordToPixel(0.40))));
        QVERIFY(!model.selectedTrack());
        QVERIFY(!model.selectedClass()); // no track: its class goes too
        QTest::mouseClick(tracks.plot(), Qt::LeftButton, {}, onA);
        QVERIFY(model.selectedTrack());
        model.loadFolder(dir.path());
        QVERIFY(!model.selectedTrack());
        QVERIFY(!barcode.selectedBarShown());
    }

    void aRunWithoutMatchingsSaysSo()
    {
        QTemporaryDir dir;
        writeRun(dir.path(), knownDiagrams(), false);
        RunModel model;
        TracksView view(&model);
        model.loadFolder(dir.path());
        QVERIFY2(view.message().contains(QLatin1String("no matchings")), qPrintable(view.message()));
        for (const BarTrack &t : view.shownTracks())
            QCOMPARE(t.points.size(), size_t(1));
        QVERIFY(!view.shownTracks().empty());
    }

    void aDamagedMatchingIsNamed()
    {
        QTemporaryDir dir;
        writeRun(dir.path(), knownDiagrams(), true);
        const QString file = RunFolder(dir.path()).matchingPath(2);
        writeFileAtomically(file, "dim,previous,current\n1,2,17\n");
        RunModel model;
        TracksView view(&model);
        model.loadFolder(dir.path());
        QVERIFY2(view.message().contains(file) && view.message().contains(QLatin1String("17")), qPrintable(view.message()));
        QVERIFY(view.shownTracks().empty());
        writeFileAtomically(file, "dim,previous,current\n1,2,\n");
        model.loadFolder(dir.path());
        QVERIFY2(view.message().contains(file) && view.message().contains(QLatin1String("line 2")), qPrintable(view.message()));
    }

    void aRealRunStoresItsMatchings()
    {
        QTemporaryDir dir;
        const QString run = dir.filePath(QStringLiteral("run"));
        const ProcessResult r = runCli({QStringLiteral("run"),
                                        QStringLiteral(NETBETTI_SOURCE_DIR "/resources/examples/d4-ball-4-64-64-2.json"),
                                        QStringLiteral("--out"), run, QStringLiteral("--epochs"), QStringLiteral("3")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const RunFolder folder(run);
        const RunRecord record = folder.readRecord();
        QCOMPARE(record.epochs.size(), size_t(4));
        QVERIFY(!folder.readMatching(0));
        for (size_t k = 1; k < record.epochs.size(); ++k) {
            const EpochRecord &e = record.epochs[k];
            const PersistenceDiagram a = folder.readDiagram(e.previousEpoch, record.threshold),
                                     b = folder.readDiagram(e.epoch, record.threshold);
            const auto matching = folder.readMatching(e.epoch);
            QVERIFY(matching);
            for (int dim = 0; dim <= 1; ++dim) {
                std::vector<int> seenA(a.bars.size()), seenB(b.bars.size());
                double worst = 0.0;
                for (const BarMatch &m : *matching) {
                    if (m.dim != dim)
                        continue;
                    if (m.previous >= 0) {
                        QCOMPARE(a.bars[size_t(m.previous)].dim, dim);
                        ++seenA[size_t(m.previous)];
                    }
                    if (m.current >= 0) {
                        QCOMPARE(b.bars[size_t(m.current)].dim, dim);
                        ++seenB[size_t(m.current)];
                    }
                    worst = std::max(worst, matchCost(a, b, m));
                }
                for (size_t i = 0; i < a.bars.size(); ++i)
                    QCOMPARE(seenA[i], a.bars[i].dim == dim ? 1 : 0);
                for (size_t j = 0; j < b.bars.size(); ++j)
                    QCOMPARE(seenB[j], b.bars[j].dim == dim ? 1 : 0);
                // run.json's distance is hera's on the engine's diagrams;
                // the files hold them to float precision.
                QVERIFY2(fuzzyEqual(worst, e.bottleneckToPrevious[size_t(dim)], 1e-5),
                         qPrintable(QStringLiteral("epoch %1 H%2: %3 against %4")
                                        .arg(e.epoch)
                                        .arg(dim)
                                        .arg(worst)
                                        .arg(e.bottleneckToPrevious[size_t(dim)])));
            }
        }
        // The view follows H0's essential class through every epoch.
        RunModel model;
        TracksView view(&model);
        model.loadFolder(run);
        QVERIFY2(view.message().isEmpty(), qPrintable(view.message()));
        view.dimensionBox()->setCurrentIndex(1);
        QVERIFY(!view.shownTracks().empty());
        QCOMPARE(view.shownTracks()[0].points.size(), size_t(4));
        QVERIFY(view.shownTracks()[0].dim == 0);
        // What is shown is grabbed for a look (NETBETTI_SHOT=path).
        if (!qEnvironmentVariableIsEmpty("NETBETTI_SHOT")) {
            view.dimensionBox()->setCurrentIndex(0);
            view.quantityBox()->setCurrentIndex(1);
            view.resize(900, 450);
            view.grab().save(qEnvironmentVariable("NETBETTI_SHOT"));
        }
    }
};

QTEST_MAIN(TestViewsTracks)
#include "tst_views_tracks.moc"
