#pragma once
// Trains one experiment with N seeds for the window (Run › Train Seeds…):
// the seed set is a sweep varying the seed (SeedSet.h), run by the sweep
// machinery from a worker thread, each seed in a netbetti-cli worker
// process. The GUI thread never waits on it; progress and the end arrive as
// queued signals. A cancel kills the workers and leaves their run folders
// unfinished: the same folder started again resumes them.

#include "experiment/ExperimentSpec.h"

#include <QObject>
#include <atomic>

class QThread;

namespace netbetti {

class SeedsController : public QObject
{
    Q_OBJECT
public:
    explicit SeedsController(QObject *parent = nullptr);
    /// Cancels a set still running and waits for its thread.
    ~SeedsController() override;

    /// netbetti-cli, which runs each seed: $NETBETTI_CLI, else the one beside
    /// this program.
    static QString workerProgram();
    /// A new folder for a seed set of spec, beside the window's runs.
    static QString newSeedSetFolder(const ExperimentSpec &spec);

    /// Starts count seeds of spec, from first on, into dir (a new folder, or
    /// a seed set of the same seeds to resume). False, with the reason in
    /// *error, when one is already running or the input is refused before
    /// anything runs (count, the worker program missing).
    bool start(const ExperimentSpec &spec, int count, qint64 first, const QString &dir, QString *error);
    void cancel();
    bool isRunning() const;
    bool wait(int msecs);

Q_SIGNALS:
    /// Runs finished (or failed) of total; epochs trained of all seeds' epochs.
    void progress(int runsDone, int runs, int epochsDone, int epochs);
    /// A line of the sweep's log (a seed finished, failed, the cancel).
    void logLine(const QString &line);
    /// ok: every seed finished; message says what happened either way.
    /// finishedRuns: how many seeds finished, and can be shown.
    void finished(bool ok, const QString &message, const QString &dir, int finishedRuns);

private:
    QThread *m_thread = nullptr;
    std::atomic<bool> m_cancel{false};
};

} // namespace netbetti
