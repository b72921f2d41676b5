#pragma once
// Runs a RunPipeline on a worker thread and feeds the RunModel through
// queued signals: the GUI thread never trains and never waits on ripser.

#include "experiment/RunPipeline.h"

#include <QObject>
#include <QPointer>
#include <memory>

class QThread;

namespace netbetti {

class RunModel;

class RunController : public QObject
{
    Q_OBJECT
public:
    explicit RunController(RunModel *model, QObject *parent = nullptr);
    ~RunController() override;

    bool isRunning() const;
    bool isPaused() const;
    /// Epochs trained and waiting for their analysis.
    int analysisBacklog() const;
    /// Paused with every trained epoch analysed.
    bool isIdle() const;
    /// Starts a run writing to outDir (a new folder); with reanalyseFrom, the
    /// run in that folder analysed again with spec's analysis, no training
    /// (RunPipeline::reanalyse). Returns false, with the reason in *error,
    /// when one is already running.
    bool start(const ExperimentSpec &spec, const QString &outDir, QString *error = nullptr,
               const QString &reanalyseFrom = {});
    /// Asks the run to stop; finished() follows soon (a running ripser is killed).
    void stop();
    void setPaused(bool paused);
    void step();
    /// Blocks until the worker thread ended, at most msecs; for shutdown and
    /// before loading another run. Once it has ended, what the run still had
    /// queued for the model is dropped.
    bool wait(int msecs);

    /// Where the GUI's runs go: $NETBETTI_RUNS_DIR, else the user's data
    /// folder, in a new subfolder named by the date and the experiment.
    static QString newRunFolder(const ExperimentSpec &spec);

Q_SIGNALS:
    void started(const QString &folder);
    void epochTrained(const netbetti::EpochRecord &record, int backlog);
    void epochAnalysed(const netbetti::EpochRecord &record);
    void persistenceProgress(int epoch, qint64 done, qint64 total);
    /// ok false: message says why the run could not go on.
    void finished(bool ok, const QString &message);
    void pausedChanged(bool paused);

private:
    RunModel *m_model;
    QThread *m_thread = nullptr;
    std::shared_ptr<RunPipeline> m_pipeline;
};

} // namespace netbetti
