// The Compare window as a function of its state, and its figures: after a
// sequence of actions (open runs, scrub, move ε, change dimension and
// distance, preview the exports and cancel, add a run, compare two epochs)
// each tab equals, pixel for pixel, the same tab of a window made afresh and
// given the state the sequence should have left. The figures run-matrix and
// run-distances are PDF pages of the preset's size (pdftoppm), PNGs of the
// pixel size asked, and the CLI's `export` draws what the window exports.

#include "CompareRuns.h"
#include "figures/ExportFigureDialog.h"
#include "plots/BettiView.h"
#include "plots/SideBySideView.h"
#include "run/CompareWindow.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSlider>
#include <QTabWidget>
#include <QtTest>
#include <memory>

using namespace netbetti;
using namespace netbetti::test;

namespace {

void settle()
{
    for (int i = 0; i < 5; ++i) {
        QCoreApplication::processEvents();
        QTest::qWait(10);
    }
}

/// What a sequence should leave, said without the history.
struct Target
{
    QStringList runs;
    int referenceEpoch = -1;
    int epoch = -1;
    int dim = 1;
    bool wasserstein = false;
    double scale = 0.5;
};

ComparisonState stateOf(const Target &t)
{
    ComparisonState state = comparisonOf(t.runs);
    state.referenceEpoch = t.referenceEpoch;
    state.epoch = t.epoch;
    state.dim = t.dim;
    state.wasserstein = t.wasserstein;
    state.scale = t.scale;
    return state;
}

std::unique_ptr<CompareWindow> newWindow()
{
    auto window = std::make_unique<CompareWindow>();
    window->resize(1400, 900);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    settle();
    return window;
}

/// Share of pixels that differ by more than a rounding step, and of ink.
double differingFraction(const QImage &a, const QImage &b)
{
    qint64 differing = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            differing += std::abs(qRed(p) - qRed(q)) > 8 || std::abs(qGreen(p) - qGreen(q)) > 8 ||
                         std::abs(qBlue(p) - qBlue(q)) > 8;
        }
    return double(differing) / double(qint64(a.width()) * a.height());
}

double inkFraction(const QImage &image)
{
    qint64 ink = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            ink += qGray(image.pixel(x, y)) < 235;
    return double(ink) / double(qint64(image.width()) * image.height());
}

} // namespace

class TestCompareFigures : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    ComparedRunFolders m_runs;
    QString m_failures; // where the images of a mismatch go (kept after the test)

    /// Both tabs of `used` equal a fresh window's given the target; false
    /// with the step, the tab and where the images went in *why.
    bool sameAsFresh(CompareWindow &used, const Target &t, const QString &step, QString *why)
    {
        settle();
        std::unique_ptr<CompareWindow> fresh = newWindow();
        if (!fresh) {
            *why = step + QStringLiteral(": no fresh window");
            return false;
        }
        fresh->setState(stateOf(t));
        const int shown = used.tabs()->currentIndex();
        for (int tab = 0; tab < 2; ++tab) {
            if (!used.tabs()->isTabEnabled(tab))
                continue;
            used.tabs()->setCurrentIndex(tab);
            fresh->tabs()->setCurrentIndex(tab);
            settle();
            const QImage a = used.tabs()->currentWidget()->grab().toImage();
            const QImage b = fresh->tabs()->currentWidget()->grab().toImage();
            const QString shots = qEnvironmentVariable("NETBETTI_SHOT"); // to look at each step
            if (!shots.isEmpty())
                a.save(QDir(shots).filePath(QStringLiteral("%1-tab%2.png").arg(QString(step).replace(QLatin1Char(' '), QLatin1Char('-'))).arg(tab)));
            if (a != b) {
                const QString base = m_failures + QLatin1Char('/') + QString(step).replace(QLatin1Char(' '), QLatin1Char('-'));
                a.save(base + QStringLiteral("-used.png"));
                b.save(base + QStringLiteral("-fresh.png"));
                *why = QStringLiteral("%1: tab %2 differs from a fresh window's; see %3-*.png").arg(step).arg(tab).arg(base);
                return false;
            }
        }
        used.tabs()->setCurrentIndex(shown);
        if (used.state().epoch != fresh->state().epoch || used.state().dim != fresh->state().dim) {
            *why = step + QStringLiteral(": the state differs from a fresh window's");
            return false;
        }
        return true;
    }

    /// Opens the export dialog on each tab's figure, previews every preset, cancels.
    static bool previewAndCancel(CompareWindow &w)
    {
        const int shown = w.tabs()->currentIndex();
        for (int tab = 0; tab < 2; ++tab) {
            if (!w.tabs()->isTabEnabled(tab))
                continue;
            w.tabs()->setCurrentIndex(tab);
            ExportFigureDialog *dialog = w.exportFigure();
            if (!dialog || dialog->figure() != (tab == 0 ? QStringLiteral("run-distances") : QStringLiteral("run-matrix")))
                return false;
            for (int i = 0; i < dialog->presetBox()->count(); ++i) {
                dialog->presetBox()->setCurrentIndex(i);
                if (dialog->previewImage().isNull())
                    return false;
            }
            dialog->reject();
            settle();
        }
        w.tabs()->setCurrentIndex(shown);
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        isolateWindowTest(m_dir);
        m_runs = trainComparedRuns(m_dir);
        QVERIFY(m_runs.ok());
        m_failures = QDir::temp().filePath(QStringLiteral("netbetti-compare-history"));
        QDir(m_failures).removeRecursively();
        QVERIFY(QDir().mkpath(m_failures));
    }

    void windowAfterAnySequenceEqualsAFreshOne()
    {
        std::unique_ptr<CompareWindow> w = newWindow();
        QVERIFY(w);
        QString why;
        Target t;

        QVERIFY(w->addRuns({m_runs.narrow, m_runs.wide}, &why));
        t.runs = {m_runs.narrow, m_runs.wide};
        QVERIFY2(sameAsFresh(*w, t, QStringLiteral("open two"), &why), qPrintable(why));

        w->epochSlider()->setValue(1);
        t.epoch = 1;
        w->sideBySide()->betti()->scaleSpinBox()->setValue(0.62);
        t.scale = 0.62;
        QVERIFY2(sameAsFresh(*w, t, QStringLiteral("scrub and epsilon"), &why), qPrintable(why));

        w->dimensionBox()->setCurrentIndex(0);
        w->distanceBox()->setCurrentIndex(1);
        t.dim = 0;
        t.wasserstein = true;
        QVERIFY(previewAndCancel(*w));
        QVERIFY2(sameAsFresh(*w, t, QStringLiteral("options and previews"), &why), qPrintable(why));

        // Another run: its columns are new, the epochs in common fewer.
        QVERIFY(w->addRuns({m_runs.wider}, &why));
        t.runs << m_runs.wider;
        w->epochSlider()->setValue(2);
        t.epoch = 2;
        w->tabs()->setCurrentIndex(1);
        QVERIFY2(sameAsFresh(*w, t, QStringLiteral("a third run"), &why), qPrintable(why));

        // Other runs altogether, then two epochs of one, then back.
        w->setState(stateOf(Target{{m_runs.wide, m_runs.wideZ3}, -1, 3, 1, false, 0.62}));
        t = Target{{m_runs.wide, m_runs.wideZ3}, -1, 3, 1, false, 0.62};
        QVERIFY2(sameAsFresh(*w, t, QStringLiteral("other runs"), &why), qPrintable(why));
        w->setState(stateOf(Target{{m_runs.wide}, 0, 3, 1, false, 0.5}));
        w->epochSlider()->setValue(2);
        t = Target{{m_runs.wide}, 0, 2, 1, false, 0.5};
        QVERIFY2(sameAsFresh(*w, t, QStringLiteral("two epochs"), &why), qPrintable(why));
        QVERIFY(previewAndCancel(*w));
        QVERIFY(w->addRuns({m_runs.narrow}, &why)); // leaves the two epochs: the run and the one added
        t = Target{{m_runs.wide, m_runs.narrow}, -1, 2, 1, false, 0.5};
        QVERIFY2(sameAsFresh(*w, t, QStringLiteral("back to runs"), &why), qPrintable(why));
    }

    void figuresArePagesOfThePresetsSize_data()
    {
        QTest::addColumn<QString>("figure");
        QTest::addColumn<QString>("preset");
        for (const QString &figure : comparisonFigureNames())
            for (const FigurePreset &p : figurePresets())
                QTest::newRow(qPrintable(figure + QLatin1Char('/') + p.id)) << figure << p.id;
    }

    void figuresArePagesOfThePresetsSize()
    {
        QFETCH(QString, figure);
        QFETCH(QString, preset);
        CompareWindow window;
        window.setState(stateOf(Target{{m_runs.narrow, m_runs.wide, m_runs.wider}}));
        const FigurePreset p = figurePreset(preset);
        const QString pdf = m_dir.filePath(QStringLiteral("%1-%2.pdf").arg(figure, preset));
        writeFigure(window.figureState(), figure, pdf, FigureFormat::Pdf, p);
        const ProcessResult r = runProgram(QStringLiteral("pdftoppm"), {QStringLiteral("-png"), QStringLiteral("-r"),
                                           QStringLiteral("40"), QStringLiteral("-singlefile"), pdf, pdf});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QImage page(pdf + QStringLiteral(".png"));
        QVERIFY(!page.isNull());
        QVERIFY2(std::abs(page.width() - p.widthInches * 40) <= 1.0, qPrintable(QString::number(page.width())));
        QVERIFY2(std::abs(page.height() - p.heightInches * 40) <= 1.0, qPrintable(QString::number(page.height())));
        QVERIFY2(inkFraction(page) > 0.02, qPrintable(QString::number(inkFraction(page))));

        const QString png = m_dir.filePath(QStringLiteral("%1-%2.png").arg(figure, preset));
        writeFigure(window.figureState(), figure, png, FigureFormat::Png, p, 120);
        const QImage image(png);
        QCOMPARE(image.size(), QSize(qRound(p.widthInches * 120), qRound(p.heightInches * 120)));
        QVERIFY(inkFraction(image) > 0.02);
    }

    void cliExportsWhatTheWindowExports_data()
    {
        QTest::addColumn<QString>("figure");
        QTest::addColumn<int>("dim");
        QTest::addColumn<bool>("wasserstein");
        QTest::newRow("matrix H1 bottleneck") << QStringLiteral("run-matrix") << 1 << false;
        QTest::newRow("matrix H0 Wasserstein") << QStringLiteral("run-matrix") << 0 << true;
        QTest::newRow("distances H1 Wasserstein") << QStringLiteral("run-distances") << 1 << true;
    }

    void cliExportsWhatTheWindowExports()
    {
        QFETCH(QString, figure);
        QFETCH(int, dim);
        QFETCH(bool, wasserstein);
        CompareWindow window;
        window.setState(stateOf(Target{{m_runs.narrow, m_runs.wide, m_runs.wideZ3, m_runs.wider}, -1, 1, dim, wasserstein}));
        const QString fromWindow = m_dir.filePath(figure + QStringLiteral("-window.png"));
        const QString fromCli = m_dir.filePath(figure + QStringLiteral("-cli.png"));
        writeFigure(window.figureState(), figure, fromWindow, FigureFormat::Png, figurePreset(QStringLiteral("two-column")), 100);
        const ProcessResult r = runCli({QStringLiteral("export"), m_runs.narrow, m_runs.wide, m_runs.wideZ3, m_runs.wider,
                                        QStringLiteral("--figure"), figure, QStringLiteral("--epoch"), QStringLiteral("1"),
                                        QStringLiteral("--dim"), QString::number(dim), QStringLiteral("--distance"),
                                        wasserstein ? QStringLiteral("wasserstein") : QStringLiteral("bottleneck"),
                                        QStringLiteral("--preset"), QStringLiteral("two-column"), QStringLiteral("--dpi"),
                                        QStringLiteral("100"), QStringLiteral("--out"), fromCli});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        const QImage a(fromWindow), b(fromCli);
        QCOMPARE(b.size(), QSize(700, 350));
        QCOMPARE(a.size(), b.size());
        const double differing = differingFraction(a, b);
        QVERIFY2(differing < 0.001, qPrintable(QStringLiteral("%1 of the pixels differ").arg(differing)));
        // Another epoch is another picture: the comparison is not blind to it.
        const QString other = m_dir.filePath(figure + QStringLiteral("-cli-0.png"));
        QCOMPARE(runCli({QStringLiteral("export"), m_runs.narrow, m_runs.wide, m_runs.wideZ3, m_runs.wider,
                         QStringLiteral("--figure"), figure, QStringLiteral("--epoch"), QStringLiteral("0"),
                         QStringLiteral("--dim"), QString::number(dim), QStringLiteral("--distance"),
                         wasserstein ? QStringLiteral("wasserstein") : QStringLiteral("bottleneck"),
                         QStringLiteral("--preset"), QStringLiteral("two-column"), QStringLiteral("--dpi"),
                         QStringLiteral("100"), QStringLiteral("--out"), other})
                     .exitCode,
                 0);
        QVERIFY(differingFraction(a, QImage(other)) > 0.001);
    }

    void cliExportOfTwoEpochsAndBadInput()
    {
        ComparisonState state = stateOf(Target{{m_runs.wide}, 0, 2});
        CompareWindow window;
        window.setState(state);
        const QString fromWindow = m_dir.filePath(QStringLiteral("epochs-window.png"));
        const QString fromCli = m_dir.filePath(QStringLiteral("epochs-cli.png"));
        writeFigure(window.figureState(), QStringLiteral("run-distances"), fromWindow, FigureFormat::Png,
                    figurePreset(QStringLiteral("column")), 150);
        const ProcessResult r = runCli({QStringLiteral("export"), m_runs.wide, QStringLiteral("--figure"),
                                        QStringLiteral("run-distances"), QStringLiteral("--reference-epoch"), QStringLiteral("0"),
                                        QStringLiteral("--epoch"), QStringLiteral("2"), QStringLiteral("--preset"),
                                        QStringLiteral("column"), QStringLiteral("--dpi"), QStringLiteral("150"),
                                        QStringLiteral("--out"), fromCli});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(differingFraction(QImage(fromWindow), QImage(fromCli)) < 0.001);

        // Bad input: exit 2, one line naming the option and the value.
        const QString out = m_dir.filePath(QStringLiteral("bad.png"));
        const struct
        {
            QStringList args;
            QString says;
        } cases[] = {
            {{m_runs.narrow, QStringLiteral("--figure"), QStringLiteral("run-matrix")}, QStringLiteral("two or more run folders")},
            {{m_runs.narrow, m_runs.wide, QStringLiteral("--figure"), QStringLiteral("run-matrix"), QStringLiteral("--distance"),
              QStringLiteral("hausdorff")}, QStringLiteral("--distance = hausdorff")},
            {{m_runs.narrow, m_runs.wider, QStringLiteral("--figure"), QStringLiteral("run-matrix"), QStringLiteral("--epoch"),
              QStringLiteral("3")}, QStringLiteral("--epoch = 3")},
            {{m_runs.narrow, m_runs.wide, QStringLiteral("--figure"), QStringLiteral("run-matrix"), QStringLiteral("--dim"),
              QStringLiteral("2")}, QStringLiteral("--dim = 2")},
            {{m_runs.narrow, m_runs.wide, QStringLiteral("--figure"), QStringLiteral("run-matrix"),
              QStringLiteral("--reference-epoch"), QStringLiteral("0")}, QStringLiteral("--reference-epoch")},
            {{m_runs.narrow, m_runs.wide, QStringLiteral("--figure"), QStringLiteral("barcode")}, QStringLiteral("one RUN folder")},
        };
        for (const auto &c : cases) {
            const ProcessResult bad = runCli(QStringList{QStringLiteral("export")} + c.args + QStringList{QStringLiteral("--out"), out});
            QCOMPARE(bad.exitCode, 2);
            QVERIFY2(bad.err.contains(c.says), qPrintable(bad.err));
            QCOMPARE(bad.err.count(QLatin1Char('\n')), 1);
            QVERIFY(!QFileInfo::exists(out));
        }
    }
};

QTEST_MAIN(TestCompareFigures)
#include "tst_compare_figures.moc"
