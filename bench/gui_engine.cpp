// Benchmark, not a test (issue 14, item 5): the real main window, offscreen,
// runs the same experiment once per engine, from Train to the last epoch's
// diagram on screen; prints both times and their ratio (target <= 1/3).
//   QT_QPA_PLATFORM=offscreen build/bench/netbetti-bench-gui-engine [SPEC.json] [EPOCHS] [ROUNDS] [ENGINE]
// (ENGINE, for profiling one engine alone: netbetti or ripser).
// Default: the 4-512-512-2 example, its 20 epochs, H0+H1; rounds alternate
// the engines (netbetti, ripser, netbetti, ...) and the medians are compared.

#include "editor/ExperimentPanel.h"
#include "run/RunController.h"
#include "run/RunModel.h"
#include "window/MainWindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <cstdio>

namespace {

/// Seconds from startRun to the last epoch's diagram drawn, or -1 on failure;
/// *all, to the run's end (its last continuity distances measured too).
double timeRun(const QString &specPath, int epochs, const QString &engine, double *all)
{
    netbetti::MainWindow window;
    window.resize(1600, 1000);
    window.show();
    if (!window.loadSpec(specPath))
        return -1;
    netbetti::ExperimentSpec s = window.experimentPanel()->spec();
    s.training.epochs = epochs;
    s.analysis.engine = engine;

    QEventLoop loop;
    QElapsedTimer clock;
    double seconds = -1;
    QObject::connect(window.controller(), &netbetti::RunController::epochAnalysed, &window,
                     [&](const netbetti::EpochRecord &record) {
                         if (record.epoch != epochs)
                             return;
                         // The diagram is on screen once the window has painted it.
                         window.repaint();
                         seconds = double(clock.nsecsElapsed()) * 1e-9;
                     });
    QObject::connect(window.controller(), &netbetti::RunController::finished, &loop, [&] {
        *all = double(clock.nsecsElapsed()) * 1e-9;
        loop.quit();
    });
    clock.start();
    window.startRun(s);
    loop.exec();
    // Where the time went: each stage's wall time summed over the epochs
    // (the analysis stages run on two workers beside training, and the
    // diagram distances on background threads below their priority, so the
    // sums overlap and include the waits for a core).
    netbetti::StageTimings sum;
    for (const netbetti::EpochRecord &r : window.model()->epochs()) {
        sum.train += r.seconds.train;
        sum.probe += r.seconds.probe;
        sum.metric += r.seconds.metric;
        sum.persistence += r.seconds.persistence;
        sum.write += r.seconds.write + r.seconds.state;
        sum.distance += r.seconds.distance;
        sum.cycles += r.seconds.cycles;
    }
    std::printf("  %s stages summed over epochs: train %.1f s, probe %.1f s, metric %.1f s, persistence %.1f s, "
                "cycles %.1f s, writes %.1f s, diagram distances %.1f s\n",
                qPrintable(engine), sum.train, sum.probe, sum.metric, sum.persistence, sum.cycles, sum.write,
                sum.distance);
    return seconds;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QTemporaryDir runs;
    qputenv("NETBETTI_RUNS_DIR", runs.path().toUtf8());
    const QString spec = argc > 1 ? QString::fromLocal8Bit(argv[1])
                                  : QStringLiteral(NETBETTI_SOURCE_DIR "/resources/examples/d4-ball-4-512-512-2.json");
    const int epochs = argc > 2 ? std::atoi(argv[2]) : 20;
    const int rounds = argc > 3 ? std::atoi(argv[3]) : 1;
    const QString only = argc > 4 ? QString::fromLocal8Bit(argv[4]) : QString();

    std::vector<double> ours, theirs, oursAll, theirsAll;
    for (int r = 0; r < rounds; ++r)
        for (const char *engine : {"netbetti", "ripser"}) {
            if (!only.isEmpty() && only != QLatin1String(engine))
                continue;
            double all = 0.0;
            const double t = timeRun(spec, epochs, QString::fromLatin1(engine), &all);
            if (t < 0) {
                std::fprintf(stderr, "the %s run did not reach its last epoch\n", engine);
                return 1;
            }
            std::printf("round %d, %-8s: %.2f s from Train to the last diagram, %.2f s to the run's end\n", r + 1,
                        engine, t, all);
            std::fflush(stdout);
            (engine[0] == 'n' ? ours : theirs).push_back(t);
            (engine[0] == 'n' ? oursAll : theirsAll).push_back(all);
        }
    if (ours.empty() || theirs.empty())
        return 0;
    const double a = median(ours), b = median(theirs);
    std::printf("%s, %d epochs: netbetti %.2f s, ripser %.2f s (medians of %d): ratio %.2f (target <= 0.33): %s\n",
                qPrintable(QFileInfo(spec).fileName()), epochs, a, b, rounds, a / b, a / b <= 1.0 / 3.0 ? "met" : "NOT met");
    std::printf("to the run's end (the continuity distances too): netbetti %.2f s, ripser %.2f s: ratio %.2f\n",
                median(oursAll), median(theirsAll), median(oursAll) / median(theirsAll));
    return 0;
}
