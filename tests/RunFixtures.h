#pragma once
// Run folders written directly, for the GUI suites: a spec, and a diagram
// per epoch chosen by the test, so that what a panel shows can be worked
// out by hand.

#include "TestSupport.h"
#include "experiment/RunFolder.h"
#include "topology/PersistenceDiagram.h"

#include <QCoreApplication>
#include <QStandardPaths>
#include <QString>
#include <functional>
#include <vector>

namespace netbetti::test {

/// A finished run folder at dir: `diagrams[k]` is epoch k's; `change` edits
/// the spec (metric, seed, ...) before it is written.
inline QString writeRun(const QString &dir, const std::vector<int> &layers,
                        const std::vector<PersistenceDiagram> &diagrams,
                        const std::function<void(ExperimentSpec &)> &change = {})
{
    ExperimentSpec spec;
    spec.model.layers = layers;
    if (change)
        change(spec);
    spec.training.epochs = int(diagrams.size()) - 1;
    const RunFolder folder(dir);
    folder.create(spec, spec.analysedNeurons());
    RunRecord record;
    for (size_t k = 0; k < diagrams.size(); ++k) {
        folder.stageDiagram(int(k), diagrams[k]);
        folder.publishEpoch(int(k));
        EpochRecord e;
        e.epoch = int(k);
        e.analysed = true;
        e.neurons = int(spec.analysedNeurons().size());
        record.epochs.push_back(e);
    }
    record.finished = true;
    folder.writeRecord(record);
    return dir;
}

/// A GUI suite's settings in a test location, its runs under dir/runs.
inline void isolateWindowTest(const QTemporaryDir &dir)
{
    QCoreApplication::setOrganizationName(QStringLiteral("NetBettiTests"));
    QStandardPaths::setTestModeEnabled(true);
    qputenv("NETBETTI_RUNS_DIR", dir.filePath(QStringLiteral("runs")).toUtf8());
}

/// A run trained by `netbetti-cli run` from the spec `json`, into dir/name;
/// empty (and the CLI's message as a warning) when it fails.
inline QString trainRun(const QTemporaryDir &dir, const QString &name, const QString &json)
{
    const QString spec = writeTestFile(dir, name + QStringLiteral(".json"), json.toUtf8());
    const QString out = dir.filePath(name);
    const ProcessResult r = runCli({QStringLiteral("run"), spec, QStringLiteral("--out"), out});
    if (r.exitCode != 0)
        qWarning("%s", qPrintable(r.err));
    return r.exitCode == 0 ? out : QString();
}

} // namespace netbetti::test
