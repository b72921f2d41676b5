// Seed sets end to end: `netbetti-cli seeds` and Run › Train Seeds… train
// one experiment with N seeds into a sweep folder whose runs are byte for
// byte standalone runs; the Betti panel's median and bands equal the order
// statistics computed here from the runs' diagram.csv files; the window
// trains, shows progress, cancels and resumes without blocking; the panel
// after any sequence equals a fresh one; export draws what the window
// draws; bad input (no seeds, failed or missing seeds, a mix of
// experiments) is named.

#include "RunFixtures.h"
#include "TestSupport.h"
#include "WindowFixtures.h"
#include "document/ExperimentDocument.h"
#include "experiment/SeedSet.h"
#include "experiment/SweepIndex.h"
#include "figures/FigureWriter.h"
#include "figures/RunFigures.h"
#include "plots/BettiView.h"
#include "run/RunModel.h"
#include "run/SeedsController.h"
#include "run/SweepView.h"
#include "run/TrainSeedsDialog.h"
#include "window/MainWindow.h"
#include "window/SeedActions.h"

#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>
#include <limits>
#include <map>
#include <memory>
#include <qcustomplot.h>

using namespace netbetti;
using namespace netbetti::test;

namespace {

/// A net small enough to train in a second, with H₁ bars that vary by seed.
QByteArray specJson(int seed, int width = 24, int epochs = 3)
{
    return QStringLiteral(R"({"name": "seeds", "seed": %1, "dataset": {"kind": "circles", "samples": 200},
        "model": {"layers": [2, %2, %2, 2]}, "training": {"epochs": %3}})")
        .arg(seed)
        .arg(width)
        .arg(epochs)
        .toUtf8();
}

/// β_dim(ε) at every epoch of a run folder, counted from its diagram.csv
/// files by hand: a bar [b, d) is alive at ε when b ≤ ε < d.
std::map<int, int> bettiFromFiles(const QString &run, int dim, double eps)
{
    std::map<int, int> out;
    const QDir epochs(run + QStringLiteral("/epochs"));
    for (const QString &name : epochs.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString file = epochs.filePath(name + QStringLiteral("/diagram.csv"));
        if (!QFileInfo::exists(file))
            continue;
        int count = 0;
        const QList<QByteArray> lines = contents(file).split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> f = lines[i].trimmed().split(',');
            if (f.size() != 3 || f[0].toInt() != dim)
                continue;
            const double birth = f[1].toDouble();
            const double death = f[2] == "inf" ? std::numeric_limits<double>::infinity() : f[2].toDouble();
            count += birth <= eps && eps < death;
        }
        out[name.toInt()] = count;
    }
    return out;
}

/// The p-quantile as the piecewise-linear function through the points
/// (k / (n − 1), x_k) of the sorted values, found by walking the pieces.
double oracleQuantile(std::vector<int> values, double p)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    if (n == 1)
        return values[0];
    for (size_t k = 0; k + 1 < n; ++k) {
        const double from = double(k) / double(n - 1), to = double(k + 1) / double(n - 1);
        if (p <= to + 1e-12)
            return values[k] + (p - from) / (to - from) * (values[k + 1] - values[k]);
    }
    return values.back();
}

struct OracleBand
{
    std::vector<int> epochs;
    std::vector<double> min, q1, median, q3, max;
};

OracleBand oracleBand(const QStringList &runs, int dim, double eps)
{
    std::map<int, std::vector<int>> byEpoch;
    for (const QString &run : runs)
        for (const auto &[epoch, betti] : bettiFromFiles(run, dim, eps))
            byEpoch[epoch].push_back(betti);
    OracleBand band;
    for (const auto &[epoch, values] : byEpoch) {
        band.epochs.push_back(epoch);
        band.min.push_back(*std::min_element(values.begin(), values.end()));
        band.max.push_back(*std::max_element(values.begin(), values.end()));
        band.q1.push_back(oracleQuantile(values, 0.25));
        band.median.push_back(oracleQuantile(values, 0.5));
        band.q3.push_back(oracleQuantile(values, 0.75));
    }
    return band;
}

/// Empty when the band equals the oracle's, else the first difference.
QString compareBands(const BettiBand &band, const OracleBand &oracle)
{
    if (band.epochs != oracle.epochs)
        return QStringLiteral("epochs differ");
    for (size_t i = 0; i < oracle.epochs.size(); ++i) {
        const std::pair<double, double> pairs[] = {{band.min[i], oracle.min[i]},
                                                   {band.lowerQuartile[i], oracle.q1[i]},
                                                   {band.median[i], oracle.median[i]},
                                                   {band.upperQuartile[i], oracle.q3[i]},
                                                   {band.max[i], oracle.max[i]}};
        for (const auto &[got, expected] : pairs)
            if (!fuzzyEqual(got, expected, 1e-9))
                return QStringLiteral("epoch %1: %2, expected %3").arg(oracle.epochs[i]).arg(got).arg(expected);
    }
    return {};
}

/// The seed set's run folders, in order.
QStringList runFolders(const QString &set)
{
    QStringList out;
    for (const SweepEntry &e : SweepIndex::read(set).runs)
        out << QDir(set).filePath(e.folder);
    return out;
}

void copyTree(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    for (const QString &file : filesUnder(from)) {
        QDir().mkpath(QFileInfo(QDir(to).filePath(file)).absolutePath());
        QFile::copy(QDir(from).filePath(file), QDir(to).filePath(file));
    }
}


/// The legend's median graph of β₁ of the set named name.
QCPGraph *medianGraph(QCustomPlot *plot, const QString &name)
{
    for (int i = 0; i < plot->graphCount(); ++i)
        if (plot->graph(i)->name().startsWith(name + QStringLiteral(": median of")))
            return plot->graph(i);
    return nullptr;
}

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

} // namespace

class TestSeeds : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_set;  ///< 4 seeds of the 24-wide net, from seed 3
    QString m_wide; ///< 3 seeds of a 48-wide net

    /// A standalone `netbetti-cli run` of the spec with this seed.
    QString standalone(int seed, int width = 24)
    {
        const QString tag = QStringLiteral("standalone-%1-%2").arg(width).arg(seed);
        const QString out = m_dir.filePath(tag);
        if (!QFileInfo::exists(out)) {
            const QString spec = writeTestFile(m_dir, tag + QStringLiteral(".json"), specJson(seed, width));
            const ProcessResult r = runCli({QStringLiteral("run"), spec, QStringLiteral("--out"), out});
            if (r.exitCode != 0)
                qWarning("%s", qPrintable(r.err));
        }
        return out;
    }

    /// The run folder `ours` holds what a standalone run of the seed holds:
    /// every file byte for byte, except run.json's timings and the
    /// optimizer's archive (which records them), whose losses must agree.
    static QString differenceFromStandalone(const QString &ours, const QString &theirs)
    {
        if (filesUnder(ours) != filesUnder(theirs))
            return QStringLiteral("%1: other files than %2").arg(ours, theirs);
        for (const QString &file : filesUnder(theirs))
            if (file != QLatin1String("run.json") && !file.startsWith(QLatin1String("state/optimizer")) &&
                contents(ours + QLatin1Char('/') + file) != contents(theirs + QLatin1Char('/') + file))
                return QStringLiteral("%1/%2 differs").arg(ours, file);
        const RunRecord a = RunFolder(ours).readRecord(), b = RunFolder(theirs).readRecord();
        if (a.epochs.size() != b.epochs.size())
            return QStringLiteral("%1: %2 epochs, standalone %3").arg(ours).arg(a.epochs.size()).arg(b.epochs.size());
        for (size_t i = 0; i < a.epochs.size(); ++i)
            if (a.epochs[i].loss != b.epochs[i].loss)
                return QStringLiteral("%1: epoch %2's loss differs").arg(ours).arg(i);
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        isolateWindowTest(m_dir);
        qputenv("NETBETTI_CLI", NETBETTI_CLI);
        const QString spec = writeTestFile(m_dir, QStringLiteral("spec.json"), specJson(1));
        m_set = m_dir.filePath(QStringLiteral("set"));
        ProcessResult r = runCli({QStringLiteral("seeds"), spec, QStringLiteral("--count"), QStringLiteral("4"),
                                  QStringLiteral("--first-seed"), QStringLiteral("3"), QStringLiteral("--out"), m_set});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString wide = writeTestFile(m_dir, QStringLiteral("wide.json"), specJson(1, 48));
        m_wide = m_dir.filePath(QStringLiteral("wide"));
        r = runCli({QStringLiteral("seeds"), wide, QStringLiteral("--count"), QStringLiteral("3"),
                    QStringLiteral("--out"), m_wide});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void theSeedsAreStandaloneRuns()
    {
        const SweepIndex index = SweepIndex::read(m_set);
        QCOMPARE(int(index.runs.size()), 4);
        for (int k = 0; k < 4; ++k) {
            const SweepEntry &e = index.runs[size_t(k)];
            QCOMPARE(e.status, QStringLiteral("finished"));
            QCOMPARE(e.values.value(QStringLiteral("seed")).toInt(), 3 + k);
            const QString why = differenceFromStandalone(QDir(m_set).filePath(e.folder), standalone(3 + k));
            QVERIFY2(why.isEmpty(), qPrintable(why));
        }
        // Started again, the set is kept as it is: nothing runs twice.
        const QByteArray before = contents(QDir(m_set).filePath(QStringLiteral("runs/0_seed=3/run.json")));
        const ProcessResult r = runCli({QStringLiteral("seeds"), m_dir.filePath(QStringLiteral("spec.json")),
                                        QStringLiteral("--count"), QStringLiteral("4"), QStringLiteral("--first-seed"),
                                        QStringLiteral("3"), QStringLiteral("--out"), m_set});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("kept")));
        QCOMPARE(contents(QDir(m_set).filePath(QStringLiteral("runs/0_seed=3/run.json"))), before);
        // A seed set is a sweep folder: File › Open Sweep lists its seeds.
        MainWindow window;
        SweepView *view = window.openSweep(m_set);
        QVERIFY(view);
        QCOMPARE(view->table()->rowCount(), 4);
        // ... and shows them as a band: the median and spread of the seeds.
        QVERIFY(view->bandButton()->isEnabled());
        QCOMPARE(window.bettiView()->seedSetCount(), 0);
        view->bandButton()->click();
        QCOMPARE(window.bettiView()->seedSetCount(), 1);
        QCOMPARE(window.bettiView()->options().seedSets.front().folder, m_set);
        QVERIFY(!window.bettiView()->options().showRun);
        QCOMPARE(window.model()->folder(), SeedSet::read(m_set).firstFinished());
        view->close();
    }

    void theBandsEqualOrderStatisticsOfTheSeedsDiagrams()
    {
        RunModel model;
        const SeedSet set = SeedSet::read(m_set);
        QCOMPARE(int(set.finished().size()), 4);
        model.loadFolder(set.firstFinished());
        BettiView view(&model);
        view.resize(800, 600);
        QString error;
        QVERIFY2(view.addOverlay(m_set, &error), qPrintable(error)); // a seed-set folder becomes a band
        QCOMPARE(view.seedSetCount(), 1);
        QCOMPARE(view.overlayCount(), 0);
        const QStringList runs = runFolders(m_set);
        bool varies = false, fractional = false;
        for (double eps = 0.05; eps < 1.0; eps += 0.05) {
            model.setScale(eps);
            const std::vector<BettiBand> bands = view.seedBands(0);
            QCOMPARE(int(bands.size()), 1); // β₁ (H₁ is the highest dimension)
            const OracleBand oracle = oracleBand(runs, 1, eps);
            QCOMPARE(int(oracle.epochs.size()), 4);
            const QString why = compareBands(bands[0], oracle);
            QVERIFY2(why.isEmpty(), qPrintable(QStringLiteral("ε = %1: %2").arg(eps).arg(why)));
            // The plot draws those medians.
            QCPGraph *median = medianGraph(view.curvesPlot(), view.seedSetName(0));
            QVERIFY(median);
            QCOMPARE(median->dataCount(), 4);
            for (int i = 0; i < 4; ++i) {
                QCOMPARE(median->data()->at(i)->key, double(oracle.epochs[size_t(i)]));
                QCOMPARE(median->data()->at(i)->value, oracle.median[size_t(i)]);
                varies = varies || oracle.min[size_t(i)] < oracle.max[size_t(i)];
                fractional = fractional || oracle.q1[size_t(i)] != std::floor(oracle.q1[size_t(i)]);
            }
            // β₀ as well, from the core alone.
            const QString why0 = compareBands(bettiBand(set.finished(), 0, eps), oracleBand(runs, 0, eps));
            QVERIFY2(why0.isEmpty(), qPrintable(QStringLiteral("β₀ at ε = %1: %2").arg(eps).arg(why0)));
        }
        QVERIFY2(varies, "the seeds never differ: the test would not see a wrong band");
        QVERIFY2(fractional, "no quartile falls between two seeds: interpolation is untested");
    }

    void badInputIsNamed()
    {
        // No seeds.
        ProcessResult r = runCli({QStringLiteral("seeds"), m_dir.filePath(QStringLiteral("spec.json")),
                                  QStringLiteral("--count"), QStringLiteral("0"), QStringLiteral("--out"),
                                  m_dir.filePath(QStringLiteral("none"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--count = 0")), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("none"))));
        r = runCli({QStringLiteral("seeds"), m_dir.filePath(QStringLiteral("spec.json")), QStringLiteral("--count"),
                    QStringLiteral("five"), QStringLiteral("--out"), m_dir.filePath(QStringLiteral("none"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--count = five")), qPrintable(r.err));
        SeedsController controller;
        QString error;
        QVERIFY(!controller.start(ExperimentSpec(), 0, 1, m_dir.filePath(QStringLiteral("none")), &error));
        QVERIFY2(error.contains(QStringLiteral("number of seeds = 0")), qPrintable(error));
        TrainSeedsDialog dialog(ExperimentSpec{});
        QCOMPARE(dialog.countBox()->minimum(), 1);

        // A seed missing, one failed: said, and the rest drawn.
        const QString damaged = m_dir.filePath(QStringLiteral("damaged"));
        copyTree(m_set, damaged);
        QVERIFY(QDir(damaged + QStringLiteral("/runs/1_seed=4")).removeRecursively());
        QVERIFY(QDir(damaged + QStringLiteral("/runs/2_seed=5")).removeRecursively());
        QDir().mkpath(damaged + QStringLiteral("/errors"));
        writeTestFile(m_dir, QStringLiteral("damaged/errors/2_seed=5.txt"), "the worker process was killed\n");
        const SeedSet set = SeedSet::read(damaged);
        QCOMPARE(int(set.finished().size()), 2);
        const QStringList problems = set.problems();
        QCOMPARE(problems.size(), 2);
        QVERIFY2(problems[0].contains(QStringLiteral("seed 4")) && problems[0].contains(QStringLiteral("missing")),
                 qPrintable(problems[0]));
        QVERIFY2(problems[1].contains(QStringLiteral("seed 5")) &&
                     problems[1].contains(QStringLiteral("failed: the worker process was killed")),
                 qPrintable(problems[1]));
        RunModel model;
        model.loadFolder(set.firstFinished());
        BettiView view(&model);
        QSignalSpy said(&view, &BettiView::overlayFailed);
        QVERIFY2(view.addOverlay(damaged, &error), qPrintable(error));
        QCOMPARE(said.count(), 1);
        const QString message = said.first().first().toString();
        QVERIFY2(message.contains(QStringLiteral("seed 4")) && message.contains(QStringLiteral("seed 5")),
                 qPrintable(message));
        model.setScale(0.6);
        const QString why = compareBands(view.seedBands(0).at(0),
                                         oracleBand({damaged + QStringLiteral("/runs/0_seed=3"),
                                                     damaged + QStringLiteral("/runs/3_seed=6")},
                                                    1, 0.6));
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCPGraph *median = medianGraph(view.curvesPlot(), view.seedSetName(0));
        QVERIFY(median);
        QVERIFY2(median->name().contains(QStringLiteral("median of 2 seeds")) &&
                     median->name().contains(QStringLiteral("seed 4 missing")) &&
                     median->name().contains(QStringLiteral("seed 5 failed")),
                 qPrintable(median->name()));
        r = runCli({QStringLiteral("export"), damaged, QStringLiteral("--figure"), QStringLiteral("betti"),
                    QStringLiteral("--out"), m_dir.filePath(QStringLiteral("damaged.png"))});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("left out of the band")) && r.err.contains(QStringLiteral("seed 5")),
                 qPrintable(r.err));

        // A sweep that varies more than the seed is no seed set.
        const QString mixed = m_dir.filePath(QStringLiteral("mixed"));
        copyTree(m_set, mixed);
        QJsonObject index = QJsonDocument::fromJson(contents(mixed + QStringLiteral("/sweep.json"))).object();
        QJsonObject definition = index.value(QStringLiteral("definition")).toObject();
        QJsonObject vary = definition.value(QStringLiteral("vary")).toObject();
        vary.insert(QStringLiteral("model.layers"), QJsonArray{QJsonArray{2, 24, 24, 2}, QJsonArray{2, 48, 48, 2}});
        definition.insert(QStringLiteral("vary"), vary);
        index.insert(QStringLiteral("definition"), definition);
        writeTestFile(m_dir, QStringLiteral("mixed/sweep.json"), QJsonDocument(index).toJson());
        error = inputErrorOf([&] { SeedSet::read(mixed); });
        QVERIFY2(error.contains(QStringLiteral("sweep.json: vary.model.layers")) &&
                     error.contains(QStringLiteral("varies the seed only")),
                 qPrintable(error));
        QVERIFY(!view.addOverlay(mixed, &error));
        QVERIFY2(error.contains(QStringLiteral("vary.model.layers")), qPrintable(error));
        r = runCli({QStringLiteral("export"), mixed, QStringLiteral("--figure"), QStringLiteral("betti"),
                    QStringLiteral("--out"), m_dir.filePath(QStringLiteral("mixed.png"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("vary.model.layers")), qPrintable(r.err));

        // Runs whose specs differ in more than the seed: the setting is named.
        const QString tampered = m_dir.filePath(QStringLiteral("tampered"));
        copyTree(m_set, tampered);
        const QString specFile = tampered + QStringLiteral("/runs/2_seed=5/spec.json");
        QJsonObject spec = QJsonDocument::fromJson(contents(specFile)).object();
        QJsonObject training = spec.value(QStringLiteral("training")).toObject();
        training.insert(QStringLiteral("learning_rate"), 0.5);
        spec.insert(QStringLiteral("training"), training);
        writeTestFile(m_dir, QStringLiteral("tampered/runs/2_seed=5/spec.json"), QJsonDocument(spec).toJson());
        error = inputErrorOf([&] { SeedSet::read(tampered); });
        QVERIFY2(error.contains(QStringLiteral("2_seed=5: training.learning_rate = 0.5")) &&
                     error.contains(QStringLiteral("0_seed=3")),
                 qPrintable(error));

        // A run folder is no seed set.
        error = inputErrorOf([&] { SeedSet::read(set.firstFinished()); });
        QVERIFY2(error.contains(QStringLiteral("not a seed set")), qPrintable(error));
    }

    void theWindowTrainsSeedsWithoutBlocking()
    {
        std::unique_ptr<MainWindow> w = newWindow();
        QVERIFY(w);
        ExperimentSpec spec = ExperimentSpec::fromJson(specJson(1), QStringLiteral("test"));
        w->document()->adopt(spec, QStringLiteral("seeds"));
        TrainSeedsDialog *dialog = trainSeeds(w.get());
        QVERIFY(dialog);
        dialog->countBox()->setValue(3);
        dialog->firstSeedBox()->setValue(11);
        const QString folder = m_dir.filePath(QStringLiteral("window-set"));
        dialog->folderEdit()->setText(folder);
        QSignalSpy trained(dialog, &TrainSeedsDialog::seedSetTrained);
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, [&] { ++ticks; });
        ticker.start(20);
        QElapsedTimer clock;
        clock.start();
        QTest::mouseClick(dialog->startButton(), Qt::LeftButton);
        QVERIFY(dialog->controller()->isRunning());
        QCOMPARE(dialog->cancelButton()->text(), QStringLiteral("Cancel"));
        QVERIFY(!dialog->startButton()->isEnabled());
        if (!qEnvironmentVariableIsEmpty("NETBETTI_SHOT")) { // to look at: the dialog mid-run
            QSignalSpy progress(dialog->controller(), &SeedsController::progress);
            QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() && progress.last().at(2).toInt() > 0, 60000);
            settle(); // the spy hears the worker's signal before the dialog's queued slot runs
            dialog->grab().save(qEnvironmentVariable("NETBETTI_SHOT") + QStringLiteral("-dialog.png"));
        }
        QTRY_VERIFY_WITH_TIMEOUT(trained.count() == 1, 180000);
        // The GUI thread went on: its timer ticked through the training.
        QVERIFY2(ticks >= clock.elapsed() / 20 / 4,
                 qPrintable(QStringLiteral("%1 ticks in %2 ms").arg(ticks).arg(clock.elapsed())));
        QCOMPARE(trained.first().at(1).toBool(), true);
        QCOMPARE(dialog->progressBar()->value(), dialog->progressBar()->maximum());
        settle();
        // The set is shown: its first seed in the panels, the band on the Betti panel.
        QCOMPARE(w->model()->folder(), QDir(folder).filePath(QStringLiteral("runs/0_seed=11")));
        QCOMPARE(w->bettiView()->seedSetCount(), 1);
        QVERIFY(!w->bettiView()->options().showRun);
        QVERIFY(!w->bettiView()->showRunBox()->isChecked());
        QVERIFY(w->bettiView()->spreadBox()->isVisible());
        const SeedSet set = SeedSet::read(folder);
        QCOMPARE(int(set.finished().size()), 3);
        for (int k = 0; k < 3; ++k) {
            const QString why = differenceFromStandalone(set.runs[size_t(k)].folder, standalone(11 + k));
            QVERIFY2(why.isEmpty(), qPrintable(why));
        }
        dialog->reject();
    }

    void cancelLeavesTheSeedsToResume()
    {
        std::unique_ptr<MainWindow> w = newWindow();
        QVERIFY(w);
        w->document()->adopt(ExperimentSpec::fromJson(specJson(1, 24, 150), QStringLiteral("test")),
                             QStringLiteral("long"));
        const QString folder = m_dir.filePath(QStringLiteral("cancelled-set"));
        TrainSeedsDialog *dialog = trainSeeds(w.get());
        QVERIFY(dialog);
        dialog->countBox()->setValue(2);
        dialog->folderEdit()->setText(folder);
        QSignalSpy progress(dialog->controller(), &SeedsController::progress);
        QSignalSpy finished(dialog->controller(), &SeedsController::finished);
        QVERIFY(dialog->start());
        QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() && progress.last().at(2).toInt() > 2, 60000);
        QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 30000);
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY2(finished.first().at(1).toString().contains(QStringLiteral("not finished")),
                 qPrintable(finished.first().at(1).toString()));
        QVERIFY(dialog->isVisible()); // the dialog says what happened; Close closes it
        // The spy hears `finished` on the workers' thread; the dialog, queued, after it.
        QTRY_COMPARE_WITH_TIMEOUT(dialog->cancelButton()->text(), QStringLiteral("Close"), 5000);
        // Cancelled seeds did not fail: they are unfinished, and resume.
        for (const SweepEntry &e : SweepIndex::read(folder).runs)
            QVERIFY2(e.status == QLatin1String("unfinished") || e.status == QLatin1String("pending"),
                     qPrintable(e.name + QLatin1Char(' ') + e.status));
        QVERIFY(filesUnder(folder + QStringLiteral("/errors")).isEmpty());
        QCOMPARE(w->bettiView()->seedSetCount(), 0);

        QSignalSpy trained(dialog, &TrainSeedsDialog::seedSetTrained);
        QVERIFY(dialog->start());
        QTRY_VERIFY_WITH_TIMEOUT(trained.count() == 1, 240000);
        QCOMPARE(trained.first().at(1).toBool(), true);
        QCOMPARE(int(SeedSet::read(folder).finished().size()), 2);
        dialog->reject();
    }

    void thePanelAfterAnySequenceEqualsAFreshOne()
    {
        struct Target
        {
            bool wide = false;
            bool minMax = false;
            bool showRun = false;
            double scale = 0.5;
            int epoch = -1;
        };
        auto fresh = [&](const Target &t) {
            std::unique_ptr<MainWindow> f = newWindow();
            if (!f || !showSeedSet(f.get(), m_set))
                return std::unique_ptr<MainWindow>();
            QString error;
            if (t.wide && !f->bettiView()->addOverlay(m_wide, &error))
                return std::unique_ptr<MainWindow>();
            f->bettiView()->spreadBox()->setCurrentIndex(t.minMax ? 1 : 0);
            f->bettiView()->showRunBox()->setChecked(t.showRun);
            f->model()->setScale(t.scale);
            if (t.epoch >= 0)
                f->model()->setCurrentEpoch(t.epoch);
            settle();
            return f;
        };
        auto same = [&](MainWindow &used, const Target &t, const QString &step) {
            settle();
            std::unique_ptr<MainWindow> f = fresh(t);
            if (!f)
                return step + QStringLiteral(": the fresh window could not reach the target");
            const QImage a = used.bettiView()->grab().toImage(), b = f->bettiView()->grab().toImage();
            if (a == b)
                return QString();
            const QString base = QDir::temp().filePath(QStringLiteral("netbetti-seeds-") + step);
            a.save(base + QStringLiteral("-used.png"));
            b.save(base + QStringLiteral("-fresh.png"));
            return QStringLiteral("%1: the Betti panel differs from a fresh one's (see %2-*.png)").arg(step, base);
        };

        std::unique_ptr<MainWindow> w = newWindow();
        QVERIFY(w);
        QVERIFY(w->openRun(standalone(3))); // something shown before
        QString error;
        QVERIFY(w->bettiView()->addOverlay(standalone(4), &error));
        QVERIFY(showSeedSet(w.get(), m_set));
        QCOMPARE(w->bettiView()->overlayCount(), 0);
        Target t;
        QString why = same(*w, t, QStringLiteral("shown"));
        QVERIFY2(why.isEmpty(), qPrintable(why));

        w->bettiView()->spreadBox()->setCurrentIndex(1);
        w->bettiView()->showRunBox()->setChecked(true);
        w->bettiView()->scaleSpinBox()->setValue(0.63);
        t.minMax = t.showRun = true;
        t.scale = 0.63;
        why = same(*w, t, QStringLiteral("options"));
        QVERIFY2(why.isEmpty(), qPrintable(why));

        QVERIFY2(w->bettiView()->addOverlay(m_wide, &error), qPrintable(error));
        w->bettiView()->showRunBox()->setChecked(false);
        w->model()->setCurrentEpoch(1);
        t.wide = true;
        t.showRun = false;
        t.epoch = 1;
        why = same(*w, t, QStringLiteral("second set"));
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(w->bettiView()->seedSetCount(), 2);
        QVERIFY(w->bettiView()->seedSetName(0) != w->bettiView()->seedSetName(1));
        QVERIFY2(w->bettiView()->seedSetName(1).startsWith(QStringLiteral("2-48×2-2")),
                 qPrintable(w->bettiView()->seedSetName(1)));

        // Another run: the sets go, as for a window that opened it.
        w->bettiView()->spreadBox()->setCurrentIndex(0);
        QVERIFY(w->openRun(standalone(4)));
        QCOMPARE(w->bettiView()->seedSetCount(), 0);
        QVERIFY(w->bettiView()->options().showRun);
        QVERIFY(!w->bettiView()->spreadBox()->isVisible());
        std::unique_ptr<MainWindow> f = newWindow();
        QVERIFY(f && f->openRun(standalone(4)));
        f->model()->setScale(0.63);
        settle();
        settle();
        QVERIFY(w->bettiView()->grab().toImage() == f->bettiView()->grab().toImage());
    }

    void exportDrawsWhatTheWindowDraws()
    {
        std::unique_ptr<MainWindow> w = newWindow();
        QVERIFY(w);
        QVERIFY(showSeedSet(w.get(), m_set));
        QString error;
        QVERIFY(w->bettiView()->addOverlay(m_wide, &error));
        w->bettiView()->spreadBox()->setCurrentIndex(1);
        w->model()->setScale(0.6);
        settle();
        const QString fromWindow = m_dir.filePath(QStringLiteral("bands-window.png"));
        const QString fromCli = m_dir.filePath(QStringLiteral("bands-cli.png"));
        writeFigure(w->figureState(), QStringLiteral("betti"), fromWindow, FigureFormat::Png,
                    figurePreset(QStringLiteral("two-column")), 100);
        const ProcessResult r = runCli({QStringLiteral("export"), m_set, QStringLiteral("--overlay"), m_wide,
                                        QStringLiteral("--band"), QStringLiteral("min-max"), QStringLiteral("--scale"),
                                        QStringLiteral("0.6"), QStringLiteral("--figure"), QStringLiteral("betti"),
                                        QStringLiteral("--preset"), QStringLiteral("two-column"),
                                        QStringLiteral("--dpi"), QStringLiteral("100"), QStringLiteral("--out"),
                                        fromCli});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        const QImage a(fromWindow), b(fromCli);
        QCOMPARE(b.size(), a.size());
        const double differing = differingFraction(a, b);
        QVERIFY2(differing < 0.001, qPrintable(QStringLiteral("%1 of the pixels differ").arg(differing)));
        // Quartiles are not the extremes: the choice changes the figure.
        const ProcessResult q = runCli({QStringLiteral("export"), m_set, QStringLiteral("--overlay"), m_wide,
                                        QStringLiteral("--scale"), QStringLiteral("0.6"), QStringLiteral("--figure"),
                                        QStringLiteral("betti"), QStringLiteral("--preset"),
                                        QStringLiteral("two-column"), QStringLiteral("--dpi"), QStringLiteral("100"),
                                        QStringLiteral("--out"), m_dir.filePath(QStringLiteral("bands-q.png"))});
        QVERIFY2(q.exitCode == 0, qPrintable(q.err));
        QVERIFY(differingFraction(a, QImage(m_dir.filePath(QStringLiteral("bands-q.png")))) > 0.001);
        const ProcessResult bad = runCli({QStringLiteral("export"), m_set, QStringLiteral("--band"),
                                          QStringLiteral("iqr"), QStringLiteral("--figure"), QStringLiteral("betti"),
                                          QStringLiteral("--out"), m_dir.filePath(QStringLiteral("bad.png"))});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("--band = iqr")), qPrintable(bad.err));
        if (!qEnvironmentVariableIsEmpty("NETBETTI_SHOT")) { // to look at: the figure, and the window
            a.save(qEnvironmentVariable("NETBETTI_SHOT"));
            w->grab().save(qEnvironmentVariable("NETBETTI_SHOT") + QStringLiteral("-window.png"));
        }
    }
};

QTEST_MAIN(TestSeeds)
#include "tst_seeds.moc"
