// Figures for talks and papers: the GUI's Export Figure dialog on the real
// main window and `netbetti-cli export` on the same run folder. Checked the
// way a reader of the file would: pdftoppm renders the PDF, the SVG parses
// as XML with its axis titles as text, the PNG has its pixel size, and the
// CLI draws the same picture as the window.

#include "plots/BettiView.h"
#include "plots/TracksView.h"
#include "figures/ExportFigureDialog.h"
#include "window/MainWindow.h"
#include "run/RunModel.h"
#include "TestSupport.h"

#include <QComboBox>
#include <QDirIterator>
#include <QImage>
#include <QProcess>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>
#include <csignal>
#include <qcustomplot.h>
#include <sys/resource.h>

using namespace netbetti;
using namespace netbetti::test;

namespace {

using CliResult = ProcessResult;

CliResult run(const QString &program, const QStringList &args)
{
    return runProgram(program, args);
}

CliResult cli(const QStringList &args)
{
    return runCli(args);
}

/// Share of pixels that are not (near) white: a blank page has none.
double inkFraction(const QImage &image)
{
    qint64 ink = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (qGray(image.pixel(x, y)) < 235)
                ++ink;
    return double(ink) / double(qint64(image.width()) * image.height());
}

/// Share of pixels whose colour differs by more than a rounding step.
double differingFraction(const QImage &a, const QImage &b)
{
    qint64 differing = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            if (std::abs(qRed(p) - qRed(q)) > 8 || std::abs(qGreen(p) - qGreen(q)) > 8 ||
                std::abs(qBlue(p) - qBlue(q)) > 8)
                ++differing;
        }
    return double(differing) / double(qint64(a.width()) * a.height());
}

/// Every text node of an SVG, joined without spaces (a label may be split
/// into runs where its font changes); *error set when it is not XML.
QString svgText(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open");
        return {};
    }
    QXmlStreamReader xml(&f);
    QString text;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isCharacters() && !xml.isWhitespace())
            text += xml.text().toString().remove(QLatin1Char(' '));
    }
    if (xml.hasError())
        *error = xml.errorString();
    return text;
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_run;
    MainWindow *m_window = nullptr;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    /// The figure written from the main window's state.
    void exportFromWindow(const QString &figure, const QString &file, const QString &format,
                          const QString &preset, int dpi)
    {
        writeFigure(m_window->figureState(), figure, file, figureFormat(format), figurePreset(preset), dpi);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // settings go to a test location
        QVERIFY(m_dir.isValid());
        const QString spec = writeTestFile(m_dir, QStringLiteral("spec.json"),
                                           R"({"name": "export test", "seed": 5,
                                               "dataset": {"kind": "ball-in-cube", "dim": 4, "samples": 400},
                                               "model": {"layers": [4, 16, 16, 2]},
                                               "training": {"epochs": 3}})");
        m_run = path(QStringLiteral("run"));
        const CliResult r = cli({QStringLiteral("run"), spec, QStringLiteral("--out"), m_run});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        m_window = new MainWindow;
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(m_window->openRun(m_run));
        QCOMPARE(m_window->model()->currentEpoch(), 3);
    }

    void cleanupTestCase() { delete m_window; }

    void pdfRendersToAPageOfThePresetsAspect_data()
    {
        QTest::addColumn<QString>("figure");
        QTest::addColumn<QString>("preset");
        for (const FigurePreset &p : figurePresets())
            for (const QString &figure : figureNames())
                QTest::newRow(qPrintable(figure + QLatin1Char('/') + p.id)) << figure << p.id;
    }

    void pdfRendersToAPageOfThePresetsAspect()
    {
        QFETCH(QString, figure);
        QFETCH(QString, preset);
        const FigurePreset p = figurePreset(preset);
        const QString pdf = path(QStringLiteral("%1-%2.pdf").arg(figure, preset));
        exportFromWindow(figure, pdf, QStringLiteral("pdf"), preset, 300);
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.read(5) == "%PDF-");

        const QString prefix = path(QStringLiteral("%1-%2-page").arg(figure, preset));
        const CliResult r = run(QStringLiteral("pdftoppm"),
                                {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("40"),
                                 QStringLiteral("-singlefile"), pdf, prefix});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QImage page(prefix + QStringLiteral(".png"));
        QVERIFY(!page.isNull());
        // 40 pixels per inch: the page is the preset's size, to a pixel.
        QVERIFY2(std::abs(page.width() - p.widthInches * 40) <= 1.0, qPrintable(QString::number(page.width())));
        QVERIFY2(std::abs(page.height() - p.heightInches * 40) <= 1.0, qPrintable(QString::number(page.height())));
        const double ink = inkFraction(page);
        QVERIFY2(ink > 0.02, qPrintable(QStringLiteral("ink %1").arg(ink)));
    }

    void svgIsXmlWithItsAxisTitlesAsText_data()
    {
        QTest::addColumn<QString>("figure");
        QTest::addColumn<QStringList>("titles");
        QTest::newRow("barcode") << QStringLiteral("barcode") << QStringList{QStringLiteral("ε"), QStringLiteral("Barcode")};
        QTest::newRow("diagram") << QStringLiteral("diagram") << QStringList{QStringLiteral("birth"), QStringLiteral("death")};
        QTest::newRow("betti") << QStringLiteral("betti") << QStringList{QStringLiteral("epoch"), QStringLiteral("β₀"), QStringLiteral("at ε = 0.5")};
        QTest::newRow("surface") << QStringLiteral("surface") << QStringList{QStringLiteral("epoch"), QStringLiteral("ε")};
        QTest::newRow("heatmap") << QStringLiteral("heatmap") << QStringList{QStringLiteral("Distance matrix"), QStringLiteral("layer 1")};
        QTest::newRow("loss") << QStringLiteral("loss") << QStringList{QStringLiteral("epoch"), QStringLiteral("loss"), QStringLiteral("accuracy")};
        QTest::newRow("continuity") << QStringLiteral("continuity") << QStringList{QStringLiteral("epoch"), QStringLiteral("distance")};
    }

    void svgIsXmlWithItsAxisTitlesAsText()
    {
        QFETCH(QString, figure);
        QFETCH(QStringList, titles);
        const QString svg = path(figure + QStringLiteral(".svg"));
        exportFromWindow(figure, svg, QStringLiteral("svg"), QStringLiteral("two-column"), 300);
        QString error;
        const QString text = svgText(svg, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        for (const QString &title : titles)
            QVERIFY2(text.contains(QString(title).remove(QLatin1Char(' '))),
                     qPrintable(title + QStringLiteral(" not in: ") + text.left(400)));
    }

    void pngHasThePixelSizeAsked_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<int>("dpi");
        QTest::newRow("slide at 150 dpi") << QStringLiteral("slide-16x9") << 150;
        QTest::newRow("4:3 slide at 96 dpi") << QStringLiteral("slide-4x3") << 96;
        QTest::newRow("column at 600 dpi") << QStringLiteral("column") << 600;
        QTest::newRow("two columns at 300 dpi") << QStringLiteral("two-column") << 300;
    }

    void pngHasThePixelSizeAsked()
    {
        QFETCH(QString, preset);
        QFETCH(int, dpi);
        const FigurePreset p = figurePreset(preset);
        const QString png = path(QStringLiteral("barcode-%1-%2.png").arg(preset).arg(dpi));
        exportFromWindow(QStringLiteral("barcode"), png, QStringLiteral("png"), preset, dpi);
        const QImage image(png);
        QCOMPARE(image.width(), qRound(p.widthInches * dpi));
        QCOMPARE(image.height(), qRound(p.heightInches * dpi));
        QCOMPARE(image.dotsPerMeterX(), qRound(dpi / 0.0254));
        QVERIFY(inkFraction(image) > 0.02);
    }

    void cliDrawsTheSameFiguresAsTheWindow_data()
    {
        QTest::addColumn<QString>("figure");
        for (const QString &figure : figureNames())
            QTest::newRow(qPrintable(figure)) << figure;
    }

    void cliDrawsTheSameFiguresAsTheWindow()
    {
        QFETCH(QString, figure);
        const QString fromWindow = path(figure + QStringLiteral("-window.png"));
        const QString fromCli = path(figure + QStringLiteral("-cli.png"));
        exportFromWindow(figure, fromWindow, QStringLiteral("png"), QStringLiteral("two-column"), 100);
        const CliResult r = cli({QStringLiteral("export"), m_run, QStringLiteral("--figure"), figure,
                                 QStringLiteral("--preset"), QStringLiteral("two-column"), QStringLiteral("--dpi"),
                                 QStringLiteral("100"), QStringLiteral("--out"), fromCli});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err)); // nothing on stderr when all is well
        const QImage a(fromWindow), b(fromCli);
        QCOMPARE(b.size(), a.size());
        QCOMPARE(b.size(), QSize(700, 350));
        const double differing = differingFraction(a, b);
        QVERIFY2(differing < 0.001, qPrintable(QStringLiteral("%1 of the pixels differ").arg(differing)));
    }

    void cliDimChoosesTheSurfacesBettiNumber()
    {
        QStringList files;
        for (const QString &dim : {QStringLiteral("0"), QStringLiteral("1")}) {
            files << path(QStringLiteral("surface-%1.svg").arg(dim));
            const CliResult r = cli({QStringLiteral("export"), m_run, QStringLiteral("--figure"), QStringLiteral("surface"),
                                     QStringLiteral("--dim"), dim, QStringLiteral("--out"), files.last()});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        QString error;
        // The colour scale is titled with the Betti number shown.
        QVERIFY(svgText(files[0], &error).contains(QStringLiteral("β₀")));
        QVERIFY(svgText(files[1], &error).contains(QStringLiteral("β₁")));
        QVERIFY(!svgText(files[1], &error).contains(QStringLiteral("β₀")));
    }

    void cliAllEpochsWritesOneFramePerAnalysedEpoch()
    {
        const QString frames = path(QStringLiteral("frames"));
        const CliResult r = cli({QStringLiteral("export"), m_run, QStringLiteral("--figure"), QStringLiteral("barcode"),
                                 QStringLiteral("--all-epochs"), QStringLiteral("--format"), QStringLiteral("png"),
                                 QStringLiteral("--dpi"), QStringLiteral("40"), QStringLiteral("--out"), frames});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList files = QDir(frames).entryList(QDir::Files, QDir::Name);
        QCOMPARE(files, (QStringList{QStringLiteral("barcode-epoch-0000.png"), QStringLiteral("barcode-epoch-0001.png"),
                                     QStringLiteral("barcode-epoch-0002.png"), QStringLiteral("barcode-epoch-0003.png")}));
        // Each frame shows its own epoch: frames of different epochs differ.
        const QImage first(QDir(frames).filePath(files.first())), last(QDir(frames).filePath(files.last()));
        QVERIFY(differingFraction(first, last) > 0.001);
    }

    void cliEpochChoosesTheEpochShown()
    {
        const QString at0 = path(QStringLiteral("diagram-0.png")), atLast = path(QStringLiteral("diagram-last.png"));
        for (const auto &[file, epoch] : {std::pair{at0, QStringLiteral("0")}, std::pair{atLast, QStringLiteral("3")}}) {
            const CliResult r = cli({QStringLiteral("export"), m_run, QStringLiteral("--figure"), QStringLiteral("diagram"),
                                     QStringLiteral("--epoch"), epoch, QStringLiteral("--dpi"), QStringLiteral("50"),
                                     QStringLiteral("--out"), file});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        const QString fromWindow = path(QStringLiteral("diagram-window-last.png"));
        exportFromWindow(QStringLiteral("diagram"), fromWindow, QStringLiteral("png"), QStringLiteral("slide-16x9"), 50);
        QVERIFY(differingFraction(QImage(at0), QImage(atLast)) > 0.001);
        QVERIFY(differingFraction(QImage(fromWindow), QImage(atLast)) < 0.001);
    }

    void cliBadInputExitsTwoNamingTheFault_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        const QString out = path(QStringLiteral("never.pdf"));
        const QString missing = path(QStringLiteral("no-such-run"));
        const QString fig = QStringLiteral("--figure"), b = QStringLiteral("barcode"), o = QStringLiteral("--out");
        QTest::newRow("epoch not analysed") << QStringList{QStringLiteral("--epoch"), QStringLiteral("7"), fig, b, o, out}
                                            << QStringLiteral("--epoch = 7: not an analysed epoch of this run (0, 1, 2, 3)");
        QTest::newRow("unknown figure") << QStringList{fig, QStringLiteral("pie"), o, out} << QStringLiteral("--figure = pie");
        QTest::newRow("unknown preset") << QStringList{fig, b, QStringLiteral("--preset"), QStringLiteral("poster"), o, out}
                                        << QStringLiteral("--preset = poster");
        QTest::newRow("unknown format") << QStringList{fig, b, QStringLiteral("--format"), QStringLiteral("gif"), o, out}
                                        << QStringLiteral("--format = gif");
        QTest::newRow("dim beyond the run") << QStringList{fig, QStringLiteral("surface"), QStringLiteral("--dim"), QStringLiteral("2"), o, out}
                                            << QStringLiteral("--dim = 2: expected a whole number from 0 to 1");
        QTest::newRow("dpi") << QStringList{fig, b, QStringLiteral("--dpi"), QStringLiteral("0"), o, out}
                             << QStringLiteral("--dpi = 0");
        QTest::newRow("folder missing") << QStringList{fig, b, o, path(QStringLiteral("no/such/folder/f.pdf"))}
                                        << QStringLiteral("no/such/folder/f.pdf: the folder does not exist");
        QTest::newRow("no figure") << QStringList{o, out} << QStringLiteral("--figure NAME is required");
        QTest::newRow("not a run") << QStringList{QStringLiteral("RUN=") + missing, fig, b, o, out}
                                   << missing + QStringLiteral(": not a run folder");
    }

    void cliBadInputExitsTwoNamingTheFault()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        QString runDir = m_run;
        if (!args.isEmpty() && args.first().startsWith(QStringLiteral("RUN=")))
            runDir = args.takeFirst().mid(4);
        const CliResult r = cli(QStringList{QStringLiteral("export"), runDir} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
        QVERIFY(!QFile::exists(path(QStringLiteral("never.pdf"))));
    }

    void fullDiskKeepsTheOldFigure()
    {
        // A disk that takes 20 kB and no more: the export fails naming the
        // file, and the figure already there is untouched.
        const QString png = path(QStringLiteral("full-disk.png"));
        const QByteArray old("an older figure");
        writeTestFile(m_dir, QStringLiteral("full-disk.png"), old);
        const ProcessResult r = runCli({QStringLiteral("export"), m_run, QStringLiteral("--figure"), QStringLiteral("heatmap"),
                                        QStringLiteral("--dpi"), QStringLiteral("300"), QStringLiteral("--out"), png},
                                       QProcessEnvironment::systemEnvironment(), 120000, [] {
                                           const rlimit limit{20000, 20000};
                                           setrlimit(RLIMIT_FSIZE, &limit);
                                           std::signal(SIGXFSZ, SIG_IGN);
                                       });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(png), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
        QFile f(png);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), old);
        QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("full-disk.png.*")}, QDir::Files | QDir::Hidden),
                 QStringList());
    }

    void damagedRunFolderIsNamed()
    {
        const QString damaged = path(QStringLiteral("damaged"));
        QVERIFY(QDir().mkpath(damaged));
        for (const QString &name : {QStringLiteral("spec.json"), QStringLiteral("neurons.csv")})
            QVERIFY(QFile::copy(QDir(m_run).filePath(name), QDir(damaged).filePath(name)));
        QFile record(QDir(damaged).filePath(QStringLiteral("run.json")));
        QVERIFY(record.open(QIODevice::WriteOnly));
        record.write("{\"epochs\": [ {\"epoch\": 0, ");
        record.close();
        const CliResult r = cli({QStringLiteral("export"), damaged, QStringLiteral("--figure"),
                                 QStringLiteral("barcode"), QStringLiteral("--out"), path(QStringLiteral("d.pdf"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QDir(damaged).filePath(QStringLiteral("run.json"))), qPrintable(r.err));
        QVERIFY(!QFile::exists(path(QStringLiteral("d.pdf"))));
    }

    void dialogPreviewsTheChosenPresetAndRemembersIt()
    {
        ExportFigureDialog *dialog = m_window->exportFigure(QStringLiteral("heatmap"));
        QVERIFY(dialog);
        QCOMPARE(dialog->figure(), QStringLiteral("heatmap"));
        for (int i = 0; i < dialog->presetBox()->count(); ++i) {
            dialog->presetBox()->setCurrentIndex(i);
            const FigurePreset p = dialog->preset();
            const QImage preview = dialog->previewImage();
            QVERIFY(!preview.isNull());
            QVERIFY2(std::abs(double(preview.width()) / preview.height() - p.aspect()) < 0.02,
                     qPrintable(p.id));
            QVERIFY(inkFraction(preview) > 0.02);
        }
        dialog->presetBox()->setCurrentIndex(dialog->presetBox()->findData(QStringLiteral("column")));
        dialog->formatBox()->setCurrentIndex(dialog->formatBox()->findData(QStringLiteral("png")));
        dialog->dpiBox()->setValue(200);
        QVERIFY(dialog->dpiBox()->isEnabled());

        QString error;
        const QString unwritable = path(QStringLiteral("missing-folder/heatmap.png"));
        QVERIFY(!dialog->exportTo(unwritable, &error));
        QVERIFY2(error.contains(unwritable), qPrintable(error));
        QVERIFY(!QFile::exists(unwritable));

        const QString png = path(QStringLiteral("dialog-heatmap.png"));
        QVERIFY2(dialog->exportTo(png, &error), qPrintable(error));
        QCOMPARE(QImage(png).size(), QSize(700, 525));
        dialog->close();

        // The next dialog starts from the choices of the last export.
        ExportFigureDialog *next = m_window->exportFigure(QStringLiteral("barcode"));
        QVERIFY(next);
        QCOMPARE(next->preset().id, QStringLiteral("column"));
        QCOMPARE(next->format(), FigureFormat::Png);
        QCOMPARE(next->dpi(), 200);
        next->close();
    }

    void everyPlotOffersExportOnItsContextMenu()
    {
        for (const QString &figure : figureNames()) {
            QCOMPARE(m_window->livePlot(figure)->contextMenuPolicy(), Qt::CustomContextMenu);
            ExportFigureDialog *dialog = m_window->exportFigure(figure);
            QVERIFY(dialog);
            QCOMPARE(dialog->figure(), figure);
            dialog->close();
        }
    }

    void tracksExportUsesTheOnScreenOptions()
    {
        TracksView *live = m_window->findChild<TracksView *>();
        QVERIFY(live);
        const FigurePreset preset = figurePreset(QStringLiteral("two-column"));
        const QImage defaults = renderFigure(m_window->figureState(), QStringLiteral("tracks"), preset, 100);
        live->quantityBox()->setCurrentIndex(1);                                  // birth and death
        live->dimensionBox()->setCurrentIndex(live->dimensionBox()->findData(0)); // H0
        live->countBox()->setValue(3);
        const FigureState state = m_window->figureState();
        QCOMPARE(state.tracks.quantity, TracksView::Quantity::BirthAndDeath);
        QCOMPARE(state.tracks.dimension, 0);
        QCOMPARE(state.tracks.count, 3);
        const QImage chosen = renderFigure(state, QStringLiteral("tracks"), preset, 100);
        QVERIFY(differingFraction(defaults, chosen) > 0.001);
        // The figure is a fresh panel given those options: it draws the
        // tracks the live view draws.
        const FigurePanel panel(state, QStringLiteral("tracks"), preset);
        const auto *drawn = qobject_cast<TracksView *>(panel.panel());
        QVERIFY(drawn);
        QCOMPARE(drawn->shownTracks().size(), live->shownTracks().size());
        QCOMPARE(int(drawn->shownTracks().size()), 3);
        for (const BarTrack &track : drawn->shownTracks())
            QCOMPARE(track.dim, 0);
        QCOMPARE(drawn->quantityBox()->currentIndex(), 1);
        // The CLI's --dim chooses the tracks' dimension too.
        const QString fromCli = path(QStringLiteral("tracks-h0-cli.png"));
        TracksView::Options options = state.tracks;
        options.quantity = TracksView::Quantity::Persistence;
        options.count = 10;
        live->setOptions(options);
        const CliResult r = cli({QStringLiteral("export"), m_run, QStringLiteral("--figure"), QStringLiteral("tracks"),
                                 QStringLiteral("--dim"), QStringLiteral("0"), QStringLiteral("--preset"),
                                 QStringLiteral("two-column"), QStringLiteral("--dpi"), QStringLiteral("100"),
                                 QStringLiteral("--out"), fromCli});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QImage window = renderFigure(m_window->figureState(), QStringLiteral("tracks"), preset, 100);
        QVERIFY(differingFraction(window, QImage(fromCli)) < 0.001);
        live->setOptions({});
    }

    void exportLeavesTheLivePanelAsItWas()
    {
        QCustomPlot *plot = m_window->livePlot(QStringLiteral("barcode"));
        const QFont before = plot->xAxis->tickLabelFont();
        const QRect viewport = plot->viewport();
        exportFromWindow(QStringLiteral("barcode"), path(QStringLiteral("live.pdf")), QStringLiteral("pdf"),
                         QStringLiteral("slide-16x9"), 300);
        QCOMPARE(plot->xAxis->tickLabelFont(), before);
        QCOMPARE(plot->viewport(), viewport);
    }
};

QTEST_MAIN(TestExport)
#include "tst_export.moc"
