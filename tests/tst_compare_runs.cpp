// Comparing architectures: another run's Betti numbers overlaid on the
// Betti panel at the same ε, read from its folder and checked against
// values worked out by hand; and Run › Train and Compare in the real
// window, which trains the edited experiment beside the shown run.

#include "RunFixtures.h"
#include "TestSupport.h"
#include "plots/BettiView.h"
#include "document/ExperimentDocument.h"
#include "editor/ExperimentPanel.h"
#include "run/AnalyseAgainDialog.h"
#include "run/LogPanel.h"
#include "window/MainWindow.h"
#include "run/RunController.h"
#include "run/RunModel.h"

#include <QMenuBar>
#include <functional>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>
#include <qcustomplot.h>

using namespace netbetti;
using namespace netbetti::test;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

} // namespace

class TestCompareRuns : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_small, m_wide;

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("NetBettiTests"));
        QStandardPaths::setTestModeEnabled(true);
        // 4-8-2: H1 [0.3, 0.6) at epoch 0, nothing after.
        m_small = writeRun(m_dir.filePath(QStringLiteral("small")), {4, 8, 2},
                           {diagramOf({{0, 0, inf}, {1, 0.3, 0.6}}), diagramOf({{0, 0, inf}})});
        // 4-16-2: at ε = 0.5, β₁ = 2, 1, 0, 1 over epochs 0–3.
        m_wide = writeRun(m_dir.filePath(QStringLiteral("wide")), {4, 16, 2},
                          {diagramOf({{0, 0, inf}, {1, 0.1, 0.7}, {1, 0.4, 0.9}}),
                           diagramOf({{0, 0, inf}, {1, 0.2, 0.8}, {1, 0.6, 0.9}}),
                           diagramOf({{0, 0, inf}, {1, 0.2, 0.4}}), diagramOf({{0, 0, inf}, {1, 0.5, 0.95}})});
    }

    void overlayAnotherRun()
    {
        RunModel model;
        model.loadFolder(m_small);
        BettiView view(&model);
        model.setScale(0.5);
        QCOMPARE(view.curve(1), (std::vector<int>{1, 0}));

        QString error;
        QVERIFY2(view.addOverlay(m_wide, &error), qPrintable(error));
        QCOMPARE(view.overlayCount(), 1);
        QCOMPARE(view.overlayName(0), QStringLiteral("4-16-2"));
        QCOMPARE(view.overlayCurve(0, 1), (std::vector<int>{2, 1, 0, 1}));
        // Its epochs fit on the axis, though this run has only two.
        QVERIFY(view.curvesPlot()->xAxis->range().contains(3.0));

        // The same ε for both: moving it moves the overlay.
        model.setScale(0.15);
        QCOMPARE(view.overlayCurve(0, 1), (std::vector<int>{1, 0, 0, 0}));
        QCOMPARE(view.curve(1), (std::vector<int>{0, 0}));

        // The legend names both architectures, in different colours.
        QStringList names;
        QSet<QRgb> colours;
        for (int i = 0; i < view.curvesPlot()->legend->itemCount(); ++i)
            if (auto *item = qobject_cast<QCPPlottableLegendItem *>(view.curvesPlot()->legend->item(i))) {
                names << item->plottable()->name();
                if (item->plottable()->name().startsWith(QStringLiteral("β₁")))
                    colours.insert(item->plottable()->pen().color().rgb());
            }
        // The shown run's β₁ by its colour, the overlay by its name; the title names the shown run.
        QVERIFY2(names.contains(QStringLiteral("β₁")), qPrintable(names.join(QLatin1Char('|'))));
        QVERIFY(names.contains(QStringLiteral("4-16-2")));
        for (int i = 0; i < view.curvesPlot()->legend->itemCount(); ++i)
            if (auto *item = qobject_cast<QCPPlottableLegendItem *>(view.curvesPlot()->legend->item(i)))
                if (item->plottable()->name() == QStringLiteral("4-16-2"))
                    colours.insert(item->plottable()->pen().color().rgb());
        QCOMPARE(colours.size(), 2);
        bool titled = false;
        for (QCPLayoutElement *e : view.curvesPlot()->plotLayout()->elements(true))
            if (auto *t = qobject_cast<QCPTextElement *>(e))
                titled = titled || t->text().endsWith(QStringLiteral("— 4-8-2"));
        QVERIFY(titled);

        // A second overlay of the same architecture is told apart.
        QVERIFY(view.addOverlay(m_wide, &error));
        QCOMPARE(view.overlayName(1), QStringLiteral("4-16-2 (2)"));
        QCOMPARE(view.currentRunName(), QStringLiteral("4-8-2"));
        view.clearOverlays();
        QCOMPARE(view.overlayCount(), 0);
        QCOMPARE(view.curvesPlot()->graphCount(), 2); // the shown run's own β₀, β₁
    }

    void namesSayWhatDiffers()
    {
        // Runs of one architecture that differ in metric, field, dimension and seed.
        const std::vector<PersistenceDiagram> one{diagramOf({{0, 0, inf}, {1, 0.3, 0.6}})};
        const QString base = writeRun(m_dir.filePath(QStringLiteral("base")), {4, 16, 2}, one);
        const QString metric = writeRun(m_dir.filePath(QStringLiteral("metric")), {4, 16, 2}, one, [](ExperimentSpec &s) {
            s.analysis.metric = QStringLiteral("sqrt-one-minus-correlation");
        });
        const QString field = writeRun(m_dir.filePath(QStringLiteral("field")), {4, 16, 2}, one, [](ExperimentSpec &s) {
            s.analysis.coefficients = 3;
        });
        RunModel model;
        model.loadFolder(base);
        BettiView view(&model);
        QString error;
        QVERIFY2(view.addOverlay(metric, &error), qPrintable(error));
        QCOMPARE(view.currentRunName(), QStringLiteral("4-16-2, unsigned"));
        QCOMPARE(view.overlayName(0), QStringLiteral("4-16-2, signed"));
        QVERIFY(view.addOverlay(field, &error));
        QCOMPARE(view.currentRunName(), QStringLiteral("4-16-2, unsigned, Z/2"));
        QCOMPARE(view.overlayName(0), QStringLiteral("4-16-2, signed, Z/2"));
        QCOMPARE(view.overlayName(1), QStringLiteral("4-16-2, unsigned, Z/3"));
        QVERIFY(view.addOverlay(base, &error)); // the same run again: numbered
        QCOMPARE(view.overlayName(2), QStringLiteral("4-16-2, unsigned, Z/2 (2)"));
        QStringList legend;
        for (int i = 0; i < view.curvesPlot()->legend->itemCount(); ++i)
            if (auto *item = qobject_cast<QCPPlottableLegendItem *>(view.curvesPlot()->legend->item(i)))
                legend << item->plottable()->name();
        QVERIFY2(legend.contains(QStringLiteral("4-16-2, signed, Z/2")), qPrintable(legend.join(QLatin1Char('|'))));
    }

    void anIdenticalOverlayLeavesTheCurveVisible()
    {
        RunModel model;
        model.loadFolder(m_wide);
        model.setScale(0.5);
        BettiView view(&model);
        view.resize(640, 560);
        // Pixels of the shown run's β₁ colour, alone and under an overlay of itself.
        auto pixelsOf = [&view](const QColor &colour) {
            view.curvesPlot()->replot();
            const QImage image = view.curvesPlot()->toPixmap(600, 300).toImage();
            int count = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x) {
                    const QColor c = image.pixelColor(x, y);
                    count += std::abs(c.red() - colour.red()) + std::abs(c.green() - colour.green()) +
                                 std::abs(c.blue() - colour.blue()) < 40;
                }
            return count;
        };
        const QColor own = view.curvesPlot()->graph(1)->pen().color();
        const int alone = pixelsOf(own);
        QVERIFY(alone > 200);
        QString error;
        QVERIFY(view.addOverlay(m_wide, &error));
        QCOMPARE(view.overlayCurve(0, 1), view.curve(1));
        const QColor overlay = view.curvesPlot()->graph(view.curvesPlot()->graphCount() - 1)->pen().color();
        QVERIFY(overlay != own);
        // Both show: a third of the shown curve at least, and the overlay's dashes.
        const int covered = pixelsOf(own);
        QVERIFY2(covered > alone / 3, qPrintable(QStringLiteral("%1 of %2 pixels left").arg(covered).arg(alone)));
        QVERIFY2(pixelsOf(overlay) > alone / 3, qPrintable(QString::number(pixelsOf(overlay))));
    }

    void aFolderThatIsNotARunIsRefused()
    {
        RunModel model;
        BettiView view(&model);
        QString error;
        QVERIFY(!view.addOverlay(m_dir.path(), &error));
        QVERIFY2(error.contains(QStringLiteral("spec.json")), qPrintable(error));
        QCOMPARE(view.overlayCount(), 0);
    }

    void trainAndCompareInTheWindow()
    {
        qputenv("NETBETTI_RUNS_DIR", m_dir.filePath(QStringLiteral("runs")).toUtf8());
        MainWindow window;
        QVERIFY(window.openRun(m_small));
        QVERIFY(!window.isWindowModified()); // nothing was built: the run's experiment is the document
        // An edited copy of the shown run's experiment: a wider hidden layer.
        ExperimentSpec edited = window.document()->spec();
        edited.model.layers = {4, 12, 2};
        edited.dataset.samples = 300;
        edited.training.epochs = 2;
        window.document()->edit(edited, QStringLiteral("wider"));
        QAction *compare = nullptr;
        for (QAction *menu : window.menuBar()->actions())
            for (QAction *a : menu->menu()->actions())
                if (a->text() == QStringLiteral("Train and &Compare"))
                    compare = a;
        QVERIFY(compare);
        compare->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window.model()->analysedEpochs().size() == 3, 120000);
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 30000);
        QCOMPARE(window.model()->spec().model.layers, (std::vector<int>{4, 12, 2}));
        QCOMPARE(window.bettiView()->overlayCount(), 1);
        QCOMPARE(window.bettiView()->overlayName(0), QStringLiteral("4-8-2"));
        QCOMPARE(window.bettiView()->curve(1).size(), size_t(3));
        QCOMPARE(window.logPanel()->errorCount(), 0);
        window.document()->undoStack()->setClean();
    }

    // Run › Analyse Again With…: the shown run's saved networks analysed
    // again, shown with the run overlaid, and the same files as the command
    // line's reanalyse.
    void analyseAgainInTheWindow()
    {
        const QString spec = writeTestFile(m_dir, QStringLiteral("again.json"),
                                           R"({"seed": 2, "dataset": {"samples": 300},
                                               "model": {"layers": [4, 12, 12, 2]}, "training": {"epochs": 2}})");
        const QString source = m_dir.filePath(QStringLiteral("again-run"));
        const ProcessResult run = runCli({QStringLiteral("run"), spec, QStringLiteral("--out"), source});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        MainWindow window;
        QVERIFY(window.openRun(source));

        // The form starts from the run's settings; what a spec refuses, it refuses.
        AnalyseAgainDialog dialog(window.model()->spec());
        QCOMPARE(dialog.coefficientsBox()->value(), 2);
        QVERIFY(dialog.okButton()->isEnabled());
        dialog.coefficientsBox()->setValue(4);
        QVERIFY(!dialog.okButton()->isEnabled());
        QVERIFY2(dialog.problem().contains(QStringLiteral("analysis.coefficients")), qPrintable(dialog.problem()));
        dialog.coefficientsBox()->setValue(3);
        QVERIFY(dialog.okButton()->isEnabled());
        QVERIFY(dialog.problem().isEmpty());

        QVERIFY(window.analyseAgainWith(dialog.spec()));
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 120000);
        const QString again = window.model()->folder();
        QCOMPARE(again, source + QStringLiteral("-again"));
        QVERIFY(window.model()->analysedEpochs().size() == 3);
        QCOMPARE(window.model()->spec().analysis.coefficients, 3);
        QCOMPARE(window.bettiView()->overlayCount(), 1);
        QCOMPARE(window.logPanel()->errorCount(), 0);

        const QString cli = m_dir.filePath(QStringLiteral("again-cli"));
        const ProcessResult reanalysed = runCli({QStringLiteral("reanalyse"), source, QStringLiteral("--out"), cli,
                                                 QStringLiteral("--coefficients"), QStringLiteral("3")});
        QVERIFY2(reanalysed.exitCode == 0, qPrintable(reanalysed.err));
        for (int epoch = 0; epoch <= 2; ++epoch)
            for (const QString &file : {QStringLiteral("diagram.csv"), QStringLiteral("distance.npy")}) {
                const QString name = QStringLiteral("/epochs/%1/").arg(epoch, 4, 10, QLatin1Char('0')) + file;
                QFile a(again + name), b(cli + name);
                QVERIFY2(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly), qPrintable(name));
                QVERIFY2(a.readAll() == b.readAll(), qPrintable(name));
            }
        // Analysed again a second time: a sibling of its own.
        QVERIFY(window.openRun(source));
        QVERIFY(window.analyseAgainWith(window.model()->spec()));
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 120000);
        QCOMPARE(window.model()->folder(), source + QStringLiteral("-again-2"));
    }
};

QTEST_MAIN(TestCompareRuns)
#include "tst_compare_runs.moc"
