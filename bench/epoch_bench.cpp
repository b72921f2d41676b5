// Benchmark, not a test (issue 7): one reference architecture on D^4, 2,000
// probe samples, H0+H1, default threshold. Per epoch it prints NetBetti's
// stages (train, probe, metric, persistence, write) and wall time; then, on
// the same inputs, ripser alone on the same distance matrices, Eigen's
// float32 GEMM of the metric's shape (the practical peak for the metric),
// and the plain script of bench/reference_script.py; then the ratios.
//
//   build/bench/netbetti-bench-epoch --layers 4-512-512-2 [--epochs 5] [--no-script]
//   bench/run.sh   all four reference architectures, the README's table

#include "Error.h"
#include "experiment/RunPipeline.h"
#include "model/Architecture.h"
#include "storage/NpyFile.h"
#include "topology/RipserEngine.h"

#include <Eigen/Core>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <sys/resource.h>

using namespace netbetti;

namespace {

double median(std::vector<double> v)
{
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    const size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

double peakMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

// int64 labels as .npy (NpyFile writes float32 matrices only).
void writeLabels(const QString &path, const LabelVector &y)
{
    QByteArray header = QStringLiteral("{'descr': '<i8', 'fortran_order': False, 'shape': (%1,), }").arg(y.size()).toLatin1();
    while ((10 + header.size() + 1) % 64)
        header += ' ';
    header += '\n';
    QByteArray bytes("\x93NUMPY\x01\x00", 8);
    const quint16 len = quint16(header.size());
    bytes.append(char(len & 0xff)).append(char(len >> 8)).append(header);
    bytes.append(reinterpret_cast<const char *>(y.data()), qsizetype(y.size() * 8));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        throw RunError(QStringLiteral("%1: cannot write").arg(path));
}

struct ScriptEpoch
{
    double train, probe, metric, persistence, total, peak;
};

std::vector<ScriptEpoch> runScript(const QString &data, const ExperimentSpec &spec)
{
    QStringList widths;
    for (int w : spec.model.layers)
        widths << QString::number(w);
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start(QStringLiteral("/usr/bin/python3"),
            {QStringLiteral(NETBETTI_SOURCE_DIR "/bench/reference_script.py"), data, QStringLiteral("--layers"),
             widths.join(QLatin1Char(',')), QStringLiteral("--epochs"), QString::number(spec.training.epochs),
             QStringLiteral("--batch-size"), QString::number(spec.training.batchSize)});
    if (!p.waitForFinished(-1) || p.exitCode() != 0)
        throw RunError(QStringLiteral("bench/reference_script.py failed (exit %1)").arg(p.exitCode()));
    std::vector<ScriptEpoch> out;
    for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.isEmpty())
            continue;
        out.push_back({o[QStringLiteral("train")].toDouble(), o[QStringLiteral("probe")].toDouble(),
                       o[QStringLiteral("metric")].toDouble(), o[QStringLiteral("persistence")].toDouble(),
                       o[QStringLiteral("total")].toDouble(), o[QStringLiteral("peak_rss_mib")].toDouble()});
    }
    return out;
}

/// ripser on the whole matrix, as a script would run it (from a file).
double ripserAlone(const FloatMatrix &d, const PersistenceSettings &s, const QString &dir, double *peakMiB)
{
    const QString path = QDir(dir).filePath(QStringLiteral("alone.dipha"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(toDipha(d)) < 0)
        throw RunError(path + QStringLiteral(": cannot write"));
    f.close();
    QStringList args{QStringLiteral("--format"), QStringLiteral("dipha"), QStringLiteral("--dim"),
                     QString::number(s.maxDim), path};
    // GNU time reports ripser's own peak memory (getrusage of children would
    // count the parent's pages copied at fork).
    args.prepend(QStringLiteral("ripser"));
    args = QStringList{QStringLiteral("-f"), QStringLiteral("%M")} + args;
    QProcess p;
    QElapsedTimer timer;
    timer.start();
    p.start(QStringLiteral("/usr/bin/time"), args);
    if (!p.waitForFinished(-1) || p.exitCode() != 0)
        throw RunError(QStringLiteral("ripser alone failed: ") + QString::fromUtf8(p.readAllStandardError()));
    const double seconds = double(timer.nsecsElapsed()) * 1e-9;
    *peakMiB = p.readAllStandardError().trimmed().split('\n').last().toDouble() / 1024.0;
    return seconds;
}

/// Best of three: C = AᵀA with A samples × n, float32 (Eigen, one thread).
double gemmSeconds(Eigen::Index samples, Eigen::Index n)
{
    const Eigen::MatrixXf a = Eigen::MatrixXf::Random(samples, n);
    Eigen::MatrixXf c(n, n);
    double best = 1e9;
    for (int i = 0; i < 3; ++i) {
        QElapsedTimer timer;
        timer.start();
        c.noalias() = a.transpose() * a;
        best = std::min(best, double(timer.nsecsElapsed()) * 1e-9);
    }
    if (!std::isfinite(c(0, 0)))
        std::printf("?");
    return best;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("NetBetti against the usual script, per epoch."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("layers"), QStringLiteral("Widths, e.g. 4-512-512-2."), QStringLiteral("W"),
                      QStringLiteral("4-512-512-2")});
    parser.addOption({QStringLiteral("epochs"), QStringLiteral("Epochs to train (default 5)."), QStringLiteral("N"),
                      QStringLiteral("5")});
    parser.addOption({QStringLiteral("probe"), QStringLiteral("Probe samples (default 2000)."), QStringLiteral("N"),
                      QStringLiteral("2000")});
    parser.addOption({QStringLiteral("no-script"), QStringLiteral("Skip the Python script.")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Append the medians as one JSON line to FILE."),
                      QStringLiteral("FILE")});
    parser.process(app);

    try {
        ExperimentSpec spec = builtInExample();
        spec.model.layers.clear();
        for (const QString &w : parser.value(QStringLiteral("layers")).split(QLatin1Char('-')))
            spec.model.layers.push_back(w.toInt());
        validateModel(spec.model, QStringLiteral("--layers"));
        const int probe = parser.value(QStringLiteral("probe")).toInt();
        spec.name = QStringLiteral("bench ") + architectureName(spec.model.layers);
        spec.dataset.samples = 2 * probe; // half trains, the other half is the probe set
        spec.dataset.testFraction = 0.5;
        spec.training.epochs = parser.value(QStringLiteral("epochs")).toInt();
        spec.analysis.probe = QStringLiteral("test");
        spec.analysis.maxDim = 1;
        spec.analysis.threshold.reset();

        QTemporaryDir tmp;
        const QString runDir = tmp.filePath(QStringLiteral("run"));
        RunPipeline pipeline(spec, runDir);
        std::vector<double> analysedAt; // seconds since the start, per epoch
        std::vector<EpochRecord> records;
        QElapsedTimer clock;
        QObject::connect(&pipeline, &RunPipeline::epochAnalysed, &pipeline,
                         [&](const EpochRecord &r, const PersistenceDiagram &) {
                             analysedAt.push_back(double(clock.nsecsElapsed()) * 1e-9);
                             records.push_back(r);
                         },
                         Qt::DirectConnection);
        clock.start();
        pipeline.run();
        const double runWall = double(clock.nsecsElapsed()) * 1e-9;
        const double peak = peakMiB();
        double ripserPeak = 0.0; // of ripser alone on the whole matrix

        const RunFolder folder(runDir);
        const RunRecord written = folder.readRecord(); // with the continuity measured after each epoch
        const int n = records.empty() ? 0 : records.front().neurons;
        std::printf("\n%s on D^4: %d neurons, %d probe samples, H0+H1, %d epochs\n",
                    qPrintable(architectureName(spec.model.layers)), n, probe, spec.training.epochs);
        std::printf("%5s %7s %7s %7s %11s %7s %9s %9s %10s %9s\n", "epoch", "train", "probe", "metric", "persistence",
                    "write", "wall", "constant", "ripser", "distance");
        std::vector<double> train, probeT, metric, persistence, alone, training, analysis;
        for (size_t i = 0; i < records.size(); ++i) {
            const EpochRecord &r = records[i];
            // Between commits; with two analysis workers epochs finish in pairs,
            // so the per-epoch wall below is the steady-state throughput.
            const double w = i == 0 ? analysedAt[0] : analysedAt[i] - analysedAt[i - 1];
            double ripserMiB = 0.0;
            const double a = ripserAlone(folder.readDistance(r.epoch), spec.persistenceSettings(), tmp.path(), &ripserMiB);
            ripserPeak = std::max(ripserPeak, ripserMiB);
            std::printf("%5d %7.3f %7.3f %7.3f %11.3f %7.3f %9.3f %9d %10.3f %9.3f\n", r.epoch, r.seconds.train,
                        r.seconds.probe, r.seconds.metric, r.seconds.persistence, r.seconds.write, w,
                        r.constantNeurons, a, written.find(r.epoch) ? written.find(r.epoch)->seconds.distance : 0.0);
            if (r.epoch == 0)
                continue; // no training in epoch 0: steady state from epoch 1
            train.push_back(r.seconds.train);
            probeT.push_back(r.seconds.probe);
            metric.push_back(r.seconds.metric);
            persistence.push_back(r.seconds.persistence);
            alone.push_back(a);
            training.push_back(r.seconds.train + r.seconds.probe);
            analysis.push_back(r.seconds.metric + r.seconds.persistence + r.seconds.write);
        }
        const double throughput =
            records.size() > 1 ? (analysedAt.back() - analysedAt.front()) / double(records.size() - 1) : 0.0;
        const double gemm = gemmSeconds(probe, n);
        const double gflops = 2.0 * probe * double(n) * double(n) / gemm * 1e-9;
        std::printf("medians (epochs 1..%d): train %.3f  probe %.3f  metric %.3f  persistence %.3f  wall/epoch %.3f s\n",
                    spec.training.epochs, median(train), median(probeT), median(metric), median(persistence),
                    throughput);
        std::printf("whole run %.1f s; peak memory %.0f MiB (NetBetti, without its ripser child)\n", runWall, peak);
        std::printf("ripser alone on the same matrices: %.3f s, peak %.0f MiB -> NetBetti's persistence is %.2fx its "
                    "speed (target >= 1)\n",
                    median(alone), ripserPeak, median(alone) / median(persistence));
        std::printf("GEMM %dx%d float32 (Eigen, 1 thread): %.4f s, %.1f GFLOP/s -> metric at %.0f%% of it (target >= 60%%)\n",
                    probe, n, gemm, gflops, 100.0 * gemm / median(metric));
        std::printf("wall per epoch / max(training, analysis): %.3f / max(%.3f, %.3f) = %.2f (target <= 1.1; %d analysis "
                    "workers)\n",
                    throughput, median(training), median(analysis),
                    throughput / std::max(median(training), median(analysis)), analysisThreads());

        QJsonObject json{{QStringLiteral("layers"), architectureName(spec.model.layers)},
                         {QStringLiteral("neurons"), n},
                         {QStringLiteral("train"), median(train)},
                         {QStringLiteral("probe"), median(probeT)},
                         {QStringLiteral("metric"), median(metric)},
                         {QStringLiteral("persistence"), median(persistence)},
                         {QStringLiteral("wall"), throughput},
                         {QStringLiteral("peak_mib"), peak},
                         {QStringLiteral("ripser_alone"), median(alone)},
                         {QStringLiteral("ripser_alone_mib"), ripserPeak},
                         {QStringLiteral("gemm"), gemm},
                         {QStringLiteral("overlap"), throughput / std::max(median(training), median(analysis))}};
        if (!parser.isSet(QStringLiteral("no-script"))) {
            const Dataset data = makeDataset(spec.dataset, spec.seed);
            const QString dataDir = tmp.filePath(QStringLiteral("data"));
            QDir().mkpath(dataDir);
            writeNpy(dataDir + QStringLiteral("/train_x.npy"), data.trainX);
            writeLabels(dataDir + QStringLiteral("/train_y.npy"), data.trainY);
            writeNpy(dataDir + QStringLiteral("/probe_x.npy"), data.testX);
            const std::vector<ScriptEpoch> script = runScript(dataDir, spec);
            std::vector<double> sTrain, sProbe, sMetric, sPers, sTotal;
            double sPeak = 0;
            for (size_t i = 1; i < script.size(); ++i) {
                sTrain.push_back(script[i].train);
                sProbe.push_back(script[i].probe);
                sMetric.push_back(script[i].metric);
                sPers.push_back(script[i].persistence);
                sTotal.push_back(script[i].total);
                sPeak = std::max(sPeak, script[i].peak);
            }
            std::printf("script (PyTorch, NumPy corrcoef, ripser): train %.3f  probe %.3f  corrcoef %.3f  ripser %.3f  "
                        "total %.3f s/epoch; peak %.0f MiB\n",
                        median(sTrain), median(sProbe), median(sMetric), median(sPers), median(sTotal), sPeak);
            std::printf("NetBetti is %.2fx faster per epoch than the script (target >= 5); metric %.1fx, persistence %.1fx\n",
                        median(sTotal) / throughput, median(sMetric) / median(metric), median(sPers) / median(persistence));
            json.insert(QStringLiteral("script_total"), median(sTotal));
            json.insert(QStringLiteral("script_train"), median(sTrain));
            json.insert(QStringLiteral("script_metric"), median(sMetric));
            json.insert(QStringLiteral("script_persistence"), median(sPers));
        }
        if (parser.isSet(QStringLiteral("json"))) {
            QFile out(parser.value(QStringLiteral("json")));
            if (out.open(QIODevice::Append))
                out.write(QJsonDocument(json).toJson(QJsonDocument::Compact) + '\n');
        }
        return 0;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "netbetti-bench-epoch: %s\n", e.what());
        return 2;
    }
}
