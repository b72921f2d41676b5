#pragma once
// The way the data flows (DESIGN.md): spec -> dataset -> trainer, and for
// each analysed epoch activations -> neuron metric -> persistence -> run
// folder. Training runs on the caller's thread; the metric and persistence
// of epoch k run on a second thread while epoch k+1 trains. Epochs that
// wait for analysis queue up in order; nothing an epoch produced is dropped.

#include "RunFolder.h"
#include "metric/NeuronMetric.h"
#include "topology/PersistenceEngine.h"

#include <QObject>
#include <atomic>
#include <memory>
#include <optional>

namespace netbetti {

class PersistenceEngine;
class Trainer;

struct PendingEpoch
{
    EpochRecord record;
    std::optional<ActivationMatrix> activations; // none: not an analysed epoch
    TrainerState state; // saved with the epoch, so that a run can resume after it
};

/// Analysis workers a run uses: $NETBETTI_ANALYSIS_THREADS, else one per
/// core up to two (ripser runs in its own process, so two use both cores).
int analysisThreads();

/// Throws InputError (analysis.max_dim, with the estimate) when the spec's
/// persistence could exhaust memory even before any epoch is seen.
void checkAffordable(const ExperimentSpec &spec, int neurons);

class RunPipeline : public QObject
{
    Q_OBJECT
public:
    /// engine: null for the spec's analysis.engine.
    RunPipeline(ExperimentSpec spec, QString outDir, std::shared_ptr<PersistenceEngine> engine = {});
    ~RunPipeline() override;

    const ExperimentSpec &spec() const;
    /// The file the spec was read from, named in messages about it.
    void setSpecSource(const QString &path);
    QString outDir() const;

    /// Runs to the end, or until requestStop(). Throws InputError for a spec
    /// that cannot run (e.g. the dataset does not fit the layers) and
    /// RunError when the run folder cannot be written; a failed persistence
    /// is recorded for its epoch and the run goes on.
    void run();
    /// Continues the run in outDir after the last epoch its run.json lists,
    /// from the model and optimizer state saved with that epoch (the spec
    /// given may ask for more epochs than the folder's). Files of epochs
    /// not listed and temporaries of interrupted writes are removed first.
    /// Returns the last epoch found done (-1 for none); throws InputError
    /// when the folder cannot be resumed.
    int resume();
    /// Analyses again the run in sourceDir, without training: every epoch's
    /// network is the one the source saved with it, and this pipeline's spec
    /// (the source's, with other analysis settings) says how to analyse it.
    /// Writes outDir as run() does; equal to a run trained with this spec.
    /// Throws InputError naming the source's file when a network is missing
    /// or the spec changes more than the analysis.
    void reanalyse(const QString &sourceDir);
    /// Thread-safe; run() returns soon after (a running ripser is killed).
    void requestStop();
    bool stopRequested() const;
    /// Epochs trained but not yet analysed.
    int analysisBacklog() const;
    /// Thread-safe. While paused, training waits before its next epoch;
    /// step() lets exactly one more epoch through.
    void setPaused(bool paused);
    void step();
    bool isPaused() const;
    /// Paused, training waiting for the next epoch, and nothing left to analyse.
    bool isIdle() const;

Q_SIGNALS:
    /// From the training thread, when an epoch's training and probe are done.
    void epochTrained(const netbetti::EpochRecord &record, int backlog);
    /// From the analysis thread, once the epoch's files are on disk.
    void epochAnalysed(const netbetti::EpochRecord &record, const netbetti::PersistenceDiagram &diagram);
    /// From a helper thread, after epochAnalysed: the record of an epoch with
    /// its diagram's distances to the previous analysed epoch's.
    void continuityMeasured(const netbetti::EpochRecord &record);
    /// From an analysis thread, while an epoch's persistence has run for
    /// more than half a second: the engine's columns done of total.
    void persistenceProgress(int epoch, qint64 done, qint64 total);
    /// The run folder is set up: neurons are known, epoch 0 follows.
    void started(const QString &outDir, int neuronCount);

private:
    void execute(const Dataset &data, int lastDone);
    /// reanalyse(): the source's network after `epoch` into trainer and
    /// *state, and the source's numbers for it.
    EpochStats replayEpoch(Trainer &trainer, int epoch, TrainerState *state) const;
    /// Recomputes the continuity a kill interrupted, and returns the last
    /// analysed diagram, for the next epoch's continuity.
    void restoreContinuity(int maxDim);
    /// Metric, persistence and files of one epoch; false when no diagram
    /// came of it (not an analysed epoch, or its persistence failed).
    bool analyse(PendingEpoch &pending, MetricKind metric, const PersistenceSettings &persistence, int workers,
                 PersistenceDiagram *diagram);
    /// Records the epoch in run.json, starts its continuity, tells the UI.
    void commit(const PendingEpoch &pending, const PersistenceDiagram &diagram, bool measured, int maxDim);
    void measureContinuity(std::pair<int, PersistenceDiagram> previous, std::pair<int, PersistenceDiagram> current,
                           int maxDim);

    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace netbetti
