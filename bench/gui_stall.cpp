// Benchmark, not a test: the longest event-loop stall of the real main
// window while a network trains and is analysed. A 2 ms timer records the
// gaps between its firings; the target is a longest stall under 50 ms.
//   build/bench/netbetti-bench-gui-stall [SPEC.json] [EPOCHS]

#include "editor/ExperimentPanel.h"
#include "window/MainWindow.h"
#include "run/RunController.h"
#include "run/RunModel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <cstdio>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QTemporaryDir runs;
    qputenv("NETBETTI_RUNS_DIR", runs.path().toUtf8());
    const QString spec = argc > 1 ? QString::fromLocal8Bit(argv[1])
                                  : QStringLiteral(NETBETTI_SOURCE_DIR "/resources/examples/d4-ball-4-512-512-2.json");
    const int epochs = argc > 2 ? std::atoi(argv[2]) : 10;

    netbetti::MainWindow window;
    window.resize(1600, 1000);
    window.show();
    if (!window.loadSpec(spec))
        return 2;
    netbetti::ExperimentSpec s = window.experimentPanel()->spec();
    s.training.epochs = epochs;

    std::vector<double> gaps;
    QElapsedTimer clock;
    QTimer tick;
    tick.setInterval(2);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        gaps.push_back(double(clock.nsecsElapsed()) * 1e-6);
        clock.restart();
    });
    QObject::connect(window.controller(), &netbetti::RunController::finished, &app, &QApplication::quit);
    QElapsedTimer wall;
    wall.start();
    clock.start();
    tick.start();
    window.startRun(s);
    app.exec();

    std::sort(gaps.begin(), gaps.end());
    const double longest = gaps.empty() ? 0.0 : gaps.back();
    const double p99 = gaps.empty() ? 0.0 : gaps[size_t(double(gaps.size() - 1) * 0.99)];
    std::printf("spec %s, %d epochs, %zu neurons, %.1f s wall\n", qPrintable(s.name), epochs,
                window.model()->neurons().size(), double(wall.elapsed()) / 1000.0);
    std::printf("event loop: %zu timer ticks, longest stall %.1f ms, 99th percentile %.1f ms (target < 50 ms): %s\n",
                gaps.size(), longest, p99, longest < 50.0 ? "met" : "NOT met");
    return 0;
}
