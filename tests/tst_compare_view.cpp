// The Compare window on real runs trained by the CLI: its distances are
// `netbetti-cli compare`'s, its matrix is symmetric with a zero diagonal and
// is `compare --matrix`'s and each pair's `compare`, its panels share their
// axes, two epochs of one run are compared, runs that cannot be compared say
// why, and the Run menu reaches it.

#include "CompareRuns.h"
#include "plots/BarcodeView.h"
#include "plots/BettiView.h"
#include "plots/DiagramView.h"
#include "plots/RunDistancesView.h"
#include "plots/RunMatrixView.h"
#include "plots/SideBySideView.h"
#include "run/CompareWindow.h"
#include "run/LogPanel.h"
#include "run/RunModel.h"
#include "topology/DiagramCsv.h"
#include "window/MainWindow.h"

#include <QApplication>
#include <QComboBox>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QSlider>
#include <QTableWidget>
#include <QTimer>
#include <QtTest>
#include <cmath>
#include <set>
#include <qcustomplot.h>

using namespace netbetti;
using namespace netbetti::test;

namespace {

QString folderName(const QString &folder)
{
    return QFileInfo(folder).fileName();
}

QAction *findAction(MainWindow &window, const QString &name)
{
    for (QAction *menu : window.menuBar()->actions())
        if (menu->menu())
            for (QAction *a : menu->menu()->actions())
                if (a->objectName() == name)
                    return a;
    return nullptr;
}

} // namespace

class TestCompareView : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    ComparedRunFolders m_runs;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        isolateWindowTest(m_dir);
        m_runs = trainComparedRuns(m_dir);
        QVERIFY(m_runs.ok());
    }

    void distancesAgainstTheEpochAreTheClisCompare()
    {
        CompareWindow window;
        window.setState(comparisonOf({m_runs.narrow, m_runs.wide, m_runs.wider}));
        RunDistancesView *view = window.sideBySide()->distances();
        QVERIFY(view);
        QCOMPARE(view->pairCount(), 2);
        // Each run against the first, as `compare FIRST RUN` prints them.
        const QStringList others{m_runs.wide, m_runs.wider};
        for (int pair = 0; pair < 2; ++pair) {
            const CompareTable cli = cliCompare(m_dir, {m_runs.narrow, others[pair]});
            QVERIFY(!cli.empty());
            std::set<int> cliEpochs;
            for (const auto &[key, value] : cli) {
                const auto &[a, b, epoch, dim] = key;
                cliEpochs.insert(epoch);
                QVERIFY2(fuzzyEqual(view->value(pair, epoch, dim, false), value.first, 1e-9),
                         qPrintable(QStringLiteral("pair %1 epoch %2 H%3: %4, compare %5")
                                        .arg(pair).arg(epoch).arg(dim)
                                        .arg(view->value(pair, epoch, dim, false)).arg(value.first)));
                QVERIFY(fuzzyEqual(view->value(pair, epoch, dim, true), value.second, 1e-9));
            }
            const std::vector<int> epochs = view->epochs(pair);
            QCOMPARE(std::set<int>(epochs.begin(), epochs.end()), cliEpochs);
        }
        QCOMPARE(view->epochs(1), (std::vector<int>{0, 1, 2})); // the wider run has epochs 0–2

        // The table says every dimension's distances at the shown epoch
        // (the last the three have in common), and scrubbing moves it.
        QCOMPARE(window.state().epoch, 2);
        QCOMPARE(view->table()->rowCount(), 2);
        QCOMPARE(view->table()->columnCount(), 4);
        QCOMPARE(view->table()->item(1, 3)->text(), QString::number(view->value(1, 2, 1, true), 'g', 4));
        window.epochSlider()->setValue(0);
        QCOMPARE(window.state().epoch, 0);
        QCOMPARE(view->table()->item(0, 2)->text(), QString::number(view->value(0, 0, 1, false), 'g', 4));
        // The plot draws the chosen dimension and distance.
        window.dimensionBox()->setCurrentIndex(1);
        window.distanceBox()->setCurrentIndex(1);
        const QCPGraph *graph = view->plot()->graph(1);
        QCOMPARE(graph->dataCount(), 3);
        QCOMPARE(graph->data()->at(2)->value, view->value(1, 2, 1, true));
    }

    void matrixIsSymmetricWithZeroDiagonalAndEqualsCompare()
    {
        const QStringList folders{m_runs.narrow, m_runs.wide, m_runs.wideZ3, m_runs.wider};
        CompareWindow window;
        window.setState(comparisonOf(folders));
        RunMatrixView *view = window.matrix();
        QVERIFY2(view->problem().isEmpty(), qPrintable(view->problem()));
        QCOMPARE(view->names(), (QStringList{QStringLiteral("2-8×2-2, Z/2"), QStringLiteral("2-16×2-2, Z/2"),
                                              QStringLiteral("2-16×2-2, Z/3"), QStringLiteral("2-32×2-2, Z/2")}));
        const int epoch = window.state().epoch;
        QCOMPARE(epoch, 2);
        const CompareTable matrix = cliCompare(m_dir, QStringList(folders) << QStringLiteral("--epoch") << QString::number(epoch));
        QVERIFY(!matrix.empty());
        for (int dim = 0; dim <= 1; ++dim)
            for (int w = 0; w < 2; ++w) {
                window.dimensionBox()->setCurrentIndex(dim);
                window.distanceBox()->setCurrentIndex(w);
                for (int i = 0; i < 4; ++i) {
                    QCOMPARE(view->cellValue(i, i), 0.0);
                    for (int j = 0; j < 4; ++j) {
                        QCOMPARE(view->cellValue(i, j), view->cellValue(j, i));
                        const auto cli = matrix.at({folderName(folders[i]), folderName(folders[j]), epoch, dim});
                        QVERIFY(fuzzyEqual(view->cellValue(i, j), w ? cli.second : cli.first, 1e-9));
                        if (i < j) {
                            // The pair alone, as `compare A B` measures it at that epoch.
                            const CompareTable pair = cliCompare(m_dir, {folders[i], folders[j]});
                            const auto one = pair.at({QString(), QString(), epoch, dim});
                            QVERIFY(fuzzyEqual(view->cellValue(i, j), w ? one.second : one.first, 1e-9));
                        }
                    }
                }
            }
        // Hover says the two runs, the distance and its value.
        const QString text = view->cellText(0, 3);
        QVERIFY2(text.contains(QStringLiteral("2-8×2-2, Z/2 — 2-32×2-2, Z/2")) &&
                     text.contains(QStringLiteral("1-Wasserstein")) && text.contains(QStringLiteral("epoch 2")),
                 qPrintable(text));
        QVERIFY(view->cellText(4, 0).isEmpty());
    }

    void zTwoAgainstZThreeOnTheTorsionFixture()
    {
        // GUDHI's diagrams of one neuron space over Z/2 and over Z/3 as two
        // runs: their H1 bar [0.5568, 0.7627) dies at 0.7560 over Z/3 and an
        // H2 bar is born there instead; the rest agree. So both distances
        // are the shift, 0.762659729 − 0.755951703, in H1 and in H2.
        const QString fixtures = QStringLiteral(NETBETTI_FIXTURES);
        auto run = [&](const QString &name, int p) {
            PersistenceDiagram d = readDiagramCsv(fixtures + QStringLiteral("/neurons-46-torsion.z%1.csv").arg(p));
            d.maxDim = 2;
            return writeRun(m_dir.filePath(name), {4, 24, 16, 2}, {d}, [p](ExperimentSpec &s) {
                s.analysis.coefficients = p;
                s.analysis.maxDim = 2;
            });
        };
        CompareWindow window;
        window.setState(comparisonOf({run(QStringLiteral("torsion-z2"), 2), run(QStringLiteral("torsion-z3"), 3)}));
        const double shift = 0.762659729 - 0.755951703;
        RunDistancesView *view = window.sideBySide()->distances();
        QVERIFY(fuzzyEqual(view->value(0, 0, 0, false), 0.0, 1e-12));
        for (int dim = 1; dim <= 2; ++dim) {
            QVERIFY2(fuzzyEqual(view->value(0, 0, dim, false), shift, 1e-6),
                     qPrintable(QString::number(view->value(0, 0, dim, false), 'g', 10)));
            QVERIFY(fuzzyEqual(view->value(0, 0, dim, true), shift, shift * 1e-3));
        }
        QCOMPARE(window.matrix()->names(), (QStringList{QStringLiteral("4-24-16-2, Z/2"), QStringLiteral("4-24-16-2, Z/3")}));
        window.dimensionBox()->setCurrentIndex(2);
        QVERIFY(fuzzyEqual(window.matrix()->cellValue(0, 1), shift, 1e-6));
    }

    void panelsShareTheirAxes()
    {
        CompareWindow window;
        window.resize(1400, 900);
        window.show();
        const QStringList folders{m_runs.narrow, m_runs.wide, m_runs.wider};
        window.setState(comparisonOf(folders));
        SideBySideView *view = window.sideBySide();
        QCOMPARE(view->columnCount(), 3);
        // The largest finite value of any diagram of any run, worked out here.
        double range = 0.0;
        for (const QString &folder : folders)
            for (const auto &[epoch, d] : RunData::read(RunFolder(folder)).diagrams)
                for (const PersistenceBar &b : d.bars)
                    if (std::isfinite(b.death))
                        range = std::max(range, b.death);
        QVERIFY(range > 0.0);
        for (int c = 0; c < 3; ++c) {
            const QCustomPlot *barcode = view->barcode(c)->plot(), *diagram = view->diagram(c)->plot();
            QVERIFY(fuzzyEqual(barcode->xAxis->range().upper, range * 1.05, 1e-9));
            QVERIFY(fuzzyEqual(diagram->xAxis->range().upper, range * 1.05, 1e-9));
            QVERIFY(fuzzyEqual(diagram->yAxis->range().upper, range * 1.05, 1e-9));
            QCOMPARE(barcode->xAxis->range(), view->barcode(0)->plot()->xAxis->range());
            QCOMPARE(view->barcode(c)->shownEpoch(), 2);
        }
        // Betti numbers of all three on one epoch axis, at one ε.
        QCOMPARE(view->betti()->overlayCount(), 2);
        QVERIFY(view->betti()->curvesPlot()->xAxis->range().contains(3.0)); // the first run's last epoch
        view->betti()->scaleSpinBox()->setValue(0.6);
        for (int c = 0; c < 3; ++c)
            QCOMPARE(view->model(c)->scale(), 0.6);
        QCOMPARE(window.state().scale, 0.6);
        // One scrubber moves every column.
        window.epochSlider()->setValue(1);
        for (int c = 0; c < 3; ++c) {
            QCOMPARE(view->barcode(c)->shownEpoch(), 1);
            QCOMPARE(view->diagram(c)->shownEpoch(), 1);
        }
        QCOMPARE(window.epochLabel()->text(), QStringLiteral("epoch 1"));
        QCOMPARE(window.epochSlider()->maximum(), 2); // epochs 0–2 in common

        // Runs whose own ranges differ (every trained run above reaches 1,
        // its constant neurons' bars): the shorter is drawn on the longer's axes.
        constexpr double inf = std::numeric_limits<double>::infinity();
        const QString shortRun = writeRun(m_dir.filePath(QStringLiteral("short")), {4, 8, 2},
                                          {diagramOf({{0, 0, inf}, {0, 0, 0.3}, {1, 0.2, 0.6}})});
        const QString longRun = writeRun(m_dir.filePath(QStringLiteral("long")), {4, 16, 2},
                                         {diagramOf({{0, 0, inf}, {0, 0, 0.5}, {1, 0.4, 0.9}})});
        window.setState(comparisonOf({shortRun, longRun}));
        QCOMPARE(view->columnCount(), 2);
        for (int c = 0; c < 2; ++c) {
            // (diagram.csv holds float32 values: to 1e-6)
            QVERIFY2(fuzzyEqual(view->barcode(c)->plot()->xAxis->range().upper, 0.9 * 1.05, 1e-6),
                     qPrintable(QString::number(view->barcode(c)->plot()->xAxis->range().upper, 'g', 10)));
            QVERIFY(fuzzyEqual(view->diagram(c)->plot()->yAxis->range().upper, 0.9 * 1.05, 1e-6));
        }
    }

    void twoEpochsOfOneRun()
    {
        ComparisonState state = comparisonOf({m_runs.wide});
        state.referenceEpoch = 2;
        state.epoch = 3;
        CompareWindow window;
        window.setState(state);
        SideBySideView *view = window.sideBySide();
        QVERIFY2(view->problem().isEmpty(), qPrintable(view->problem()));
        QCOMPARE(view->columnCount(), 2);
        QCOMPARE(view->barcode(0)->shownEpoch(), 2);
        QCOMPARE(view->barcode(1)->shownEpoch(), 3);
        // Epoch 2 against epoch 3 is the pipeline's continuity measurement of epoch 3.
        const RunRecord record = RunFolder(m_runs.wide).readRecord();
        const EpochRecord &third = record.epochs.at(3);
        QCOMPARE(third.epoch, 3);
        RunDistancesView *distances = view->distances();
        for (int dim = 0; dim <= 1; ++dim) {
            QVERIFY(fuzzyEqual(distances->value(0, 3, dim, false), third.bottleneckToPrevious.at(size_t(dim)), 1e-9));
            QVERIFY(fuzzyEqual(distances->value(0, 2, dim, false), 0.0, 1e-12)); // an epoch against itself
        }
        // Scrubbing moves the right column; the left stays the reference.
        window.epochSlider()->setValue(0);
        QCOMPARE(view->barcode(0)->shownEpoch(), 2);
        QCOMPARE(view->barcode(1)->shownEpoch(), 0);
        QVERIFY(!window.tabs()->isTabEnabled(1)); // the matrix compares runs
        QVERIFY(!window.matrix()->problem().isEmpty());

        // A run with one analysed epoch has nothing to compare it with.
        const QString single = writeRun(m_dir.filePath(QStringLiteral("single")), {2, 4, 2},
                                        {diagramOf({{0, 0, std::numeric_limits<double>::infinity()}})});
        ComparisonState lone = comparisonOf({single});
        lone.referenceEpoch = 0;
        window.setState(lone);
        QVERIFY2(view->problem().contains(QStringLiteral("single analysed epoch")), qPrintable(view->problem()));
        QCOMPARE(view->columnCount(), 0);
    }

    void runsThatCannotBeComparedSayWhy()
    {
        CompareWindow window;
        window.setState(comparisonOf({m_runs.narrow, m_runs.circles}));
        SideBySideView *view = window.sideBySide();
        QCOMPARE(view->columnCount(), 0); // nothing drawn
        for (const QString &problem : {view->problem(), window.matrix()->problem()}) {
            QVERIFY2(problem.contains(QStringLiteral("different datasets")) &&
                         problem.contains(QStringLiteral("dataset.kind: moons against circles")) &&
                         problem.contains(QStringLiteral("2-8×2-2, moons")) &&
                         problem.contains(QStringLiteral("2-8×2-2, circles")),
                     qPrintable(problem));
        }
        QVERIFY(!window.exportButton()->isEnabled()); // no figure of what cannot be compared
        QCOMPARE(view->problemLabel()->text(), view->problem());

        // No analysed epoch in common: said, naming both.
        ComparisonState apart = comparisonOf({m_runs.narrow});
        auto odd = std::make_shared<RunData>(*apart.runs[0].data), even = std::make_shared<RunData>(*odd);
        odd->diagrams.erase(0), odd->diagrams.erase(2);
        even->diagrams.erase(1), even->diagrams.erase(3);
        even->spec.seed = 9;
        apart.runs = {{QStringLiteral("odd"), odd}, {QStringLiteral("even"), even}};
        window.setState(apart);
        QVERIFY2(view->problem().contains(QStringLiteral("no analysed epoch in common")) &&
                     view->problem().contains(QStringLiteral("seed 3")) && view->problem().contains(QStringLiteral("seed 9")),
                 qPrintable(view->problem()));
        QVERIFY2(window.matrix()->problem().contains(QStringLiteral("no analysed epoch in common")),
                 qPrintable(window.matrix()->problem()));
        QVERIFY(!window.epochSlider()->isEnabled());

        // One run alone: asked for a second.
        window.setState(comparisonOf({m_runs.narrow}));
        QVERIFY2(view->problem().contains(QStringLiteral("second run")), qPrintable(view->problem()));

        // The CLI's export refuses the same, with the reason.
        const ProcessResult r = runCli({QStringLiteral("export"), m_runs.narrow, m_runs.circles, QStringLiteral("--figure"),
                                        QStringLiteral("run-matrix"), QStringLiteral("--out"), m_dir.filePath(QStringLiteral("no.png"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("dataset.kind: moons against circles")), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("no.png"))));
        // A folder that is not a run is named.
        QString error;
        QVERIFY(!window.addRuns({m_dir.path()}, &error));
        QVERIFY2(error.contains(QStringLiteral("spec.json")), qPrintable(error));
    }

    void theRunMenuReachesIt()
    {
        MainWindow window;
        QVERIFY(window.openRun(m_runs.wideZ3));
        // As Analyse Again leaves it: the run it came from overlaid.
        QString error;
        QVERIFY(window.bettiView()->addOverlay(m_runs.wide, &error));
        QAction *overlays = findAction(window, QStringLiteral("compareOverlaysAction"));
        QVERIFY(overlays);
        overlays->trigger();
        auto *compare = window.findChild<CompareWindow *>();
        QVERIFY(compare);
        QCOMPARE(compare->state().runs.size(), size_t(2));
        QCOMPARE(compare->matrix()->names(), (QStringList{QStringLiteral("2-16×2-2, Z/3"), QStringLiteral("2-16×2-2, Z/2")}));
        delete compare;

        // Two epochs of the shown run: the dialog asks for the other epoch.
        window.model()->setCurrentEpoch(3);
        QTimer::singleShot(0, this, [] {
            auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->setTextValue(QStringLiteral("1"));
            dialog->accept();
        });
        findAction(window, QStringLiteral("compareEpochsAction"))->trigger();
        compare = window.findChild<CompareWindow *>();
        QVERIFY(compare);
        QCOMPARE(compare->state().referenceEpoch, 1);
        QCOMPARE(compare->state().epoch, 3);
        QCOMPARE(compare->sideBySide()->barcode(0)->shownEpoch(), 1);
        QCOMPARE(compare->sideBySide()->barcode(1)->shownEpoch(), 3);
        delete compare;

        // Compare Runs…: the shown run and the folders chosen.
        QTimer::singleShot(0, this, [this] {
            auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->setDirectory(m_dir.path());
            dialog->selectFile(folderName(m_runs.narrow));
            static_cast<QDialog *>(dialog)->accept(); // QFileDialog's takes the selection
        });
        findAction(window, QStringLiteral("compareRunsAction"))->trigger();
        compare = window.findChild<CompareWindow *>();
        QVERIFY(compare);
        QCOMPARE(compare->state().runs.size(), size_t(2));
        QCOMPARE(compare->state().runs[1].folder, QFileInfo(m_runs.narrow).absoluteFilePath());
        QCOMPARE(compare->sideBySide()->columnCount(), 2);
        QCOMPARE(window.logPanel()->errorCount(), 0);
    }
};

QTEST_MAIN(TestCompareView)
#include "tst_compare_view.moc"
