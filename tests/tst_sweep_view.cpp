// File › Open Sweep: a sweep folder written by the real netbetti-cli, shown
// as a table (values, accuracy, β at ε, checked against the run folders'
// own files) and a heatmap of distances.csv; a selection goes to the Betti
// panel as the run shown and overlays.

#include "TestSupport.h"
#include "experiment/RunFolder.h"
#include "experiment/SweepFolder.h"
#include "plots/BettiView.h"
#include "run/LogPanel.h"
#include "run/RunModel.h"
#include "run/SweepView.h"
#include "topology/DiagramCsv.h"
#include "window/MainWindow.h"

#include <QDoubleSpinBox>
#include <QComboBox>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QtTest>
#include <qcustomplot.h>

using namespace netbetti;
using namespace netbetti::test;

namespace {

/// β_dim at eps counted from the bars as diagram.csv lists them: born at or
/// before eps, dead after it.
int bettiFromFile(const QString &csv, int dim, double eps)
{
    int count = 0;
    for (const PersistenceBar &b : readDiagramCsv(csv).bars)
        count += b.dim == dim && b.birth <= eps && eps < b.death;
    return count;
}

int column(const QTableWidget *table, const QString &header)
{
    for (int c = 0; c < table->columnCount(); ++c)
        if (table->horizontalHeaderItem(c)->text() == header)
            return c;
    return -1;
}

} // namespace

class TestSweepView : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_sweep;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString file = writeTestFile(
            m_dir, QStringLiteral("grid.json"),
            R"({"base": {"dataset": {"kind": "ball-in-cube", "dim": 4, "samples": 300},
                         "model": {"layers": [4, 8, 2]}, "training": {"epochs": 3}},
                "vary": {"model.layers": [[4, 10, 2], [4, 16, 2]], "seed": [1, 2]}})");
        m_sweep = m_dir.filePath(QStringLiteral("sweep"));
        const ProcessResult r = runCli({QStringLiteral("sweep"), file, QStringLiteral("--out"), m_sweep});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void theTableSaysWhatTheRunFoldersHold()
    {
        MainWindow window;
        SweepView *view = window.openSweep(m_sweep);
        QVERIFY(view);
        QTableWidget *table = view->table();
        QCOMPARE(table->rowCount(), 4);
        // A grid of widths and seeds is no seed set: it has no band, and says why.
        QVERIFY(!view->bandButton()->isEnabled());
        QVERIFY2(view->bandButton()->toolTip().contains(QStringLiteral("model.layers")),
                 qPrintable(view->bandButton()->toolTip()));
        const int layers = column(table, QStringLiteral("model.layers")), seed = column(table, QStringLiteral("seed"));
        const int accuracy = column(table, QStringLiteral("Test accuracy"));
        const int beta0 = column(table, QStringLiteral("β₀ at ε")), beta1 = column(table, QStringLiteral("β₁ at ε"));
        QVERIFY(layers >= 0 && seed >= 0 && accuracy >= 0 && beta0 >= 0 && beta1 >= 0);
        const SweepIndex index = SweepIndex::read(m_sweep);
        for (double eps : {0.5, 0.2}) {
            view->scaleBox()->setValue(eps);
            for (int row = 0; row < 4; ++row) {
                const QString folder = m_sweep + QLatin1Char('/') + index.runs[size_t(row)].folder;
                const RunFolder run(folder);
                const RunRecord record = run.readRecord();
                QCOMPARE(table->item(row, accuracy)->text(),
                         QString::number(record.epochs.back().testAccuracy, 'f', 3));
                QCOMPARE(table->item(row, layers)->text(),
                         QStringLiteral("[4,%1,2]").arg(run.readSpec().model.layers[1]));
                QCOMPARE(table->item(row, seed)->text(), QString::number(run.readSpec().seed));
                const QString csv = run.diagramPath(record.epochs.back().epoch);
                for (int dim : {0, 1}) {
                    bool number = false;
                    const QString text = table->item(row, dim == 0 ? beta0 : beta1)->text();
                    QCOMPARE(text.toInt(&number), bettiFromFile(csv, dim, eps));
                    QVERIFY2(number, qPrintable(text));
                }
            }
        }
    }

    void theHeatmapIsDistancesCsv()
    {
        MainWindow window;
        SweepView *view = window.openSweep(m_sweep);
        QVERIFY(view);
        const SweepIndex index = SweepIndex::read(m_sweep);
        QFile csv(m_sweep + QStringLiteral("/distances.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        auto *map = qobject_cast<QCPColorMap *>(view->heatmap()->plottable(0));
        QVERIFY(map);
        int checked = 0;
        csv.readLine();
        while (!csv.atEnd()) {
            const QList<QByteArray> f = csv.readLine().trimmed().split(',');
            int i = -1, j = -1;
            for (int k = 0; k < 4; ++k) {
                i = index.runs[size_t(k)].name == QString::fromUtf8(f[0]) ? k : i;
                j = index.runs[size_t(k)].name == QString::fromUtf8(f[1]) ? k : j;
            }
            QVERIFY(i >= 0 && j >= 0);
            for (int metric : {0, 1}) {
                view->dimensionBox()->setCurrentIndex(f[3].toInt());
                view->distanceBox()->setCurrentIndex(metric);
                const double expected = f[4 + metric].toDouble();
                QCOMPARE(view->distance(i, j), expected);
                QCOMPARE(view->distance(j, i), expected);
                QCOMPARE(map->data()->cell(i, j), expected);
                QCOMPARE(map->data()->cell(i, i), 0.0);
                ++checked;
            }
        }
        QCOMPARE(checked, 6 * 2 * 2);
    }

    void aSelectionGoesToTheBettiPanel()
    {
        MainWindow window;
        SweepView *view = window.openSweep(m_sweep);
        QVERIFY(view);
        QVERIFY(!view->showButton()->isEnabled());
        view->table()->setSelectionMode(QAbstractItemView::MultiSelection);
        view->table()->selectRow(0);
        view->table()->selectRow(2);
        QVERIFY(view->showButton()->isEnabled());
        QTest::mouseClick(view->showButton(), Qt::LeftButton);
        const SweepIndex index = SweepIndex::read(m_sweep);
        const QString first = m_sweep + QLatin1Char('/') + index.runs[0].folder;
        const QString third = m_sweep + QLatin1Char('/') + index.runs[2].folder;
        QCOMPARE(QFileInfo(window.model()->folder()).canonicalFilePath(), QFileInfo(first).canonicalFilePath());
        BettiView *betti = window.bettiView();
        QCOMPARE(betti->overlayCount(), 1);
        // The overlay is run 2's β₁ at the panel's ε, epoch by epoch.
        const double eps = betti->scaleSpinBox()->value();
        const RunFolder run(third);
        std::vector<int> expected;
        for (const EpochRecord &e : run.readRecord().epochs)
            expected.push_back(bettiFromFile(run.diagramPath(e.epoch), 1, eps));
        QCOMPARE(betti->overlayCurve(0, 1), expected);

        // What is shown is grabbed for a look (NETBETTI_SHOT=path).
        if (!qEnvironmentVariableIsEmpty("NETBETTI_SHOT")) {
            view->resize(900, 700);
            view->grab().save(qEnvironmentVariable("NETBETTI_SHOT"));
            betti->resize(700, 500);
            betti->grab().save(qEnvironmentVariable("NETBETTI_SHOT") + QStringLiteral(".betti.png"));
        }
    }

    void aFolderThatIsNoSweepIsRefusedAndLogged()
    {
        MainWindow window;
        QTemporaryDir empty;
        QVERIFY(!window.openSweep(empty.path()));
        QVERIFY2(window.logPanel()->toPlainText().contains(empty.path() + QStringLiteral(": not a sweep folder")),
                 qPrintable(window.logPanel()->toPlainText()));
    }
};

QTEST_MAIN(TestSweepView)
#include "tst_sweep_view.moc"
