#include "RunPipeline.h"

#include "BackgroundQueue.h"
#include "Error.h"
#include "storage/AtomicFile.h"
#include "topology/DiagramDistance.h"
#include "topology/DiagramMatching.h"
#include "topology/NetBettiEngine.h"
#include "topology/PersistenceCost.h"
#include "train/Trainer.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonObject>
#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace netbetti {

namespace {
/// Trained epochs that may wait for analysis before training waits too.
constexpr size_t kMaxWaitingEpochs = 8;
} // namespace

namespace {

double secondsSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) * 1e-9;
}

} // namespace

struct RunPipeline::Impl
{
    ExperimentSpec spec;
    QString specSource = QStringLiteral("spec");
    RunFolder folder;
    std::shared_ptr<PersistenceEngine> engine;
    std::atomic_bool stop{false};
    bool paused = false;  // guarded by mutex
    int stepsAllowed = 0; // guarded by mutex
    bool waitingForResume = false; // guarded by mutex

    mutable std::mutex mutex;
    std::condition_variable wake;
    std::deque<PendingEpoch> queue;
    bool trainingDone = false;
    std::atomic_int backlog{0};
    std::optional<RunError> analysisFailure; // a write that failed: the run cannot go on
    std::mutex recordMutex; // the analysis and continuity threads both update the record
    RunRecord record;
    int dequeued = 0;  // guarded by mutex: epochs taken by analysis workers, in order
    int committed = 0; // guarded by mutex: epochs written to the record, in order
    // Touched only by the worker whose turn it is to commit.
    std::optional<std::pair<int, PersistenceDiagram>> previous; // the last diagram, for continuity
    BackgroundQueue continuity; // each epoch's measurement, independent of the others; finished before the run ends
    // Analysing again (reanalyse()): the run whose saved networks are replayed.
    std::optional<RunFolder> source;
    RunRecord sourceRecord;

    Impl(ExperimentSpec s, QString dir, std::shared_ptr<PersistenceEngine> e)
        : spec(std::move(s)), folder(std::move(dir)), engine(std::move(e))
    {
        if (!engine)
            engine = makePersistenceEngine(spec.analysis.engine);
    }
};

RunPipeline::RunPipeline(ExperimentSpec spec, QString outDir, std::shared_ptr<PersistenceEngine> engine)
    : d(std::make_unique<Impl>(std::move(spec), std::move(outDir), std::move(engine)))
{
}

RunPipeline::~RunPipeline() = default;

const ExperimentSpec &RunPipeline::spec() const
{
    return d->spec;
}

void RunPipeline::setSpecSource(const QString &path)
{
    d->specSource = path;
}

QString RunPipeline::outDir() const
{
    return d->folder.path();
}

void RunPipeline::requestStop()
{
    {
        // Under the lock, so that a thread about to wait cannot miss it.
        std::lock_guard<std::mutex> lock(d->mutex);
        d->stop = true;
    }
    d->wake.notify_all();
}

bool RunPipeline::stopRequested() const
{
    return d->stop;
}

int RunPipeline::analysisBacklog() const
{
    return d->backlog;
}

void RunPipeline::setPaused(bool paused)
{
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        d->paused = paused;
        d->stepsAllowed = 0;
    }
    d->wake.notify_all();
}

void RunPipeline::step()
{
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        d->paused = true;
        ++d->stepsAllowed;
    }
    d->wake.notify_all();
}

bool RunPipeline::isPaused() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->paused;
}

bool RunPipeline::isIdle() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->waitingForResume && d->backlog == 0;
}

void RunPipeline::run()
{
    const ExperimentSpec &spec = d->spec;
    const Dataset data = makeDataset(spec.dataset, spec.seed);
    spec.validateAgainst(data, d->specSource);
    const std::vector<NeuronId> neurons = spec.analysedNeurons();
    checkAffordable(spec, int(neurons.size()));
    const FolderLock lock = d->folder.lock();
    d->folder.create(spec, neurons);
    d->record.engine = d->engine->name();
    d->record.threshold = spec.analysis.threshold;
    d->folder.writeRecord(d->record);
    execute(data, -1);
}

void RunPipeline::reanalyse(const QString &sourceDir)
{
    ExperimentSpec &spec = d->spec;
    const RunFolder source(sourceDir);
    const ExperimentSpec trained = source.readSpec();
    // The networks are the source's: only what is analysed may differ.
    const auto networkOf = [](const ExperimentSpec &s) {
        QJsonObject o = s.toJson();
        o.remove(QStringLiteral("analysis"));
        o.remove(QStringLiteral("name"));
        QJsonObject training = o.value(QStringLiteral("training")).toObject();
        training.remove(QStringLiteral("epochs"));
        o.insert(QStringLiteral("training"), training);
        return o;
    };
    if (networkOf(trained) != networkOf(spec))
        throw InputError(source.path() + QStringLiteral("/spec.json"), QStringLiteral("analysis"), {},
                         QStringLiteral("reanalysis changes only the analysis settings; the seed, dataset, "
                                        "model and training must be the run's"));
    d->sourceRecord = source.readRecord();
    if (d->sourceRecord.epochs.empty())
        throw InputError(source.path() + QStringLiteral("/run.json"), QStringLiteral("epochs"), QStringLiteral("[]"),
                         QStringLiteral("the run has no epoch to analyse again"));
    // A stopped run is analysed as far as it went; every network is needed
    // before anything is written.
    spec.training.epochs = d->sourceRecord.epochs.back().epoch;
    for (const EpochRecord &e : d->sourceRecord.epochs)
        if (!QFileInfo::exists(source.modelStatePath(e.epoch)))
            throw InputError(source.modelStatePath(e.epoch), {}, {},
                             QStringLiteral("no such file: the network after epoch %1, which analysing again "
                                            "needs (runs written before NetBetti kept every epoch's network "
                                            "cannot be analysed again)")
                                 .arg(e.epoch));
    d->source = source;
    run();
}

EpochStats RunPipeline::replayEpoch(Trainer &trainer, int epoch, TrainerState *state) const
{
    const EpochRecord *original = d->sourceRecord.find(epoch);
    if (!original)
        throw InputError(d->source->path() + QStringLiteral("/run.json"), QStringLiteral("epochs"),
                         QString::number(epoch), QStringLiteral("the run does not list this epoch"));
    const QString file = d->source->modelStatePath(epoch);
    state->model = readWholeFile(file, qint64(1) << 33);
    // The optimizer only where the source kept it (its last epoch), so that
    // the new run can be resumed and trained on like the source.
    const QString optimizer = d->source->optimizerStatePath(epoch);
    state->optimizer = QFileInfo::exists(optimizer) ? readWholeFile(optimizer, qint64(1) << 33) : QByteArray();
    trainer.restoreState({state->model, {}}, epoch, file);
    return {original->loss, original->trainAccuracy, original->testAccuracy};
}

int RunPipeline::resume()
{
    const FolderLock lock = d->folder.lock();
    const ExperimentSpec &spec = d->spec;
    const RunRecord record = d->folder.readRecord();
    const int lastDone = record.epochs.empty() ? -1 : record.epochs.back().epoch;
    if (lastDone > spec.training.epochs)
        throw InputError(d->folder.path(), QStringLiteral("training.epochs"), QString::number(spec.training.epochs),
                         QStringLiteral("the run already has %1 epochs").arg(lastDone));
    d->record = record; // empty when killed before its first run.json
    if (lastDone == spec.training.epochs) {
        // All epochs are listed, but a kill may have come before the last
        // one's continuity was written.
        d->folder.removeUnlisted(record);
        restoreContinuity(spec.analysis.maxDim);
        if (d->analysisFailure)
            throw *d->analysisFailure;
        return lastDone;
    }
    const Dataset data = makeDataset(spec.dataset, spec.seed);
    spec.validateAgainst(data, d->folder.path() + QStringLiteral("/spec.json"));
    checkAffordable(spec, int(spec.analysedNeurons().size()));
    if (lastDone >= 0)
        d->folder.readState(lastDone); // refuse now, before anything in the folder changes
    d->folder.removeUnlisted(record);
    if (d->folder.readSpec().training.epochs != spec.training.epochs)
        d->folder.writeSpec(spec);
    d->record.finished = false;
    d->record.engine = d->engine->name();
    d->record.threshold = spec.analysis.threshold;
    restoreContinuity(spec.analysis.maxDim);
    execute(data, lastDone);
    return lastDone;
}

void RunPipeline::restoreContinuity(int maxDim)
{
    // A kill can come before the distances of the last epochs to their
    // predecessors were written; and the next epoch measures its own against
    // the last analysed diagram.
    std::optional<std::pair<int, PersistenceDiagram>> last;
    const std::vector<EpochRecord> epochs = d->record.epochs;
    for (const EpochRecord &e : epochs) {
        if (!e.analysed || !e.analysisError.isEmpty())
            continue;
        std::pair<int, PersistenceDiagram> current{e.epoch, d->folder.readDiagram(e.epoch, d->record.threshold)};
        if (last && e.previousEpoch < 0)
            measureContinuity(*last, current, maxDim);
        last = std::move(current);
    }
    d->previous = std::move(last);
}

void RunPipeline::execute(const Dataset &data, int lastDone)
{
    // The first failure ends the run: everything stops, and run() throws it
    // once the threads are joined.
    auto fail = [this](const RunError &e) {
        {
            std::lock_guard<std::mutex> lock(d->mutex);
            if (!d->analysisFailure)
                d->analysisFailure = e;
            d->stop = true;
        }
        d->wake.notify_all();
    };
    const ExperimentSpec &spec = d->spec;
    Q_EMIT started(d->folder.path(), int(spec.analysedNeurons().size()));

    // Training keeps to one thread; the analysis workers below use the rest.
    Trainer::setThreads(1);
    Trainer trainer(spec.model, spec.training, data, spec.seed);
    if (lastDone >= 0)
        trainer.restoreState(d->folder.readState(lastDone), lastDone, d->folder.modelStatePath(lastDone));
    const ProbeSettings probe = spec.probeSettings();
    const MetricKind metric = spec.metricKind();
    const PersistenceSettings persistence = spec.persistenceSettings();

    // Analysis workers: each takes the next trained epoch, computes its metric
    // and persistence (ripser runs as a child process, so two workers use both
    // cores while training, which needs a fraction of one, goes on), then
    // commits it in epoch order.
    const int workers = analysisThreads();
    std::vector<std::thread> analysis;
    for (int w = 0; w < workers; ++w)
        analysis.emplace_back([this, metric, persistence, workers, fail] {
            for (;;) {
                PendingEpoch pending;
                int turn = 0;
                {
                    std::unique_lock<std::mutex> lock(d->mutex);
                    d->wake.wait(lock, [this] { return d->stop || !d->queue.empty() || d->trainingDone; });
                    if (d->stop || d->queue.empty())
                        return;
                    pending = std::move(d->queue.front());
                    d->queue.pop_front();
                    turn = d->dequeued++;
                }
                try {
                    PersistenceDiagram diagram;
                    const bool measured = analyse(pending, metric, persistence, workers, &diagram);
                    {
                        std::unique_lock<std::mutex> lock(d->mutex);
                        d->wake.wait(lock, [this, turn] { return d->stop || d->committed == turn; });
                        if (d->stop)
                            return; // stopped: this epoch is not recorded
                    }
                    commit(pending, diagram, measured, persistence.maxDim);
                    {
                        std::lock_guard<std::mutex> lock(d->mutex);
                        ++d->committed;
                    }
                    d->wake.notify_all();
                } catch (const Cancelled &) {
                    return; // stopped: this epoch is not recorded
                } catch (const RunError &e) {
                    fail(e);
                    return;
                } catch (const std::exception &e) {
                    // Out of memory, a LibTorch error: a failed run, not a
                    // terminated program.
                    fail(RunError(QString::fromUtf8(e.what())));
                    return;
                }
            }
        });

    auto enqueue = [this](PendingEpoch pending) {
        ++d->backlog;
        {
            std::lock_guard<std::mutex> lock(d->mutex);
            d->queue.push_back(std::move(pending));
        }
        d->wake.notify_all();
    };

    try {
        for (int epoch = lastDone + 1; epoch <= spec.training.epochs && !d->stop; ++epoch) {
            if (epoch > 0) {
                std::unique_lock<std::mutex> lock(d->mutex);
                d->waitingForResume = true;
                d->wake.wait(lock, [this] { return d->stop || !d->paused || d->stepsAllowed > 0; });
                d->waitingForResume = false;
                if (d->stop)
                    break;
                if (d->paused)
                    --d->stepsAllowed;
            }
            PendingEpoch pending;
            pending.record.epoch = epoch;
            QElapsedTimer timer;
            timer.start();
            const EpochStats stats = d->source   ? replayEpoch(trainer, epoch, &pending.state)
                                     : epoch == 0 ? trainer.evaluate()
                                                  : trainer.trainEpoch(&d->stop);
            pending.record.seconds.train = secondsSince(timer);
            pending.record.loss = stats.loss;
            pending.record.trainAccuracy = stats.trainAccuracy;
            pending.record.testAccuracy = stats.testAccuracy;
            timer.restart();
            if (!d->source)
                pending.state = trainer.saveState();
            pending.record.seconds.state = secondsSince(timer);
            if (spec.analysesEpoch(epoch)) {
                timer.restart();
                pending.activations = trainer.probe(probe);
                pending.record.seconds.probe = secondsSince(timer);
            }
            const EpochRecord trained = pending.record;
            {
                // Each waiting epoch holds its model and optimizer state (12
                // bytes a parameter with Adam) and its activations until it
                // is committed: when analysis falls this far behind, training
                // waits for it rather than fill the memory.
                std::unique_lock<std::mutex> lock(d->mutex);
                d->wake.wait(lock, [this] { return d->stop || d->queue.size() < kMaxWaitingEpochs; });
            }
            enqueue(std::move(pending));
            Q_EMIT epochTrained(trained, d->backlog);
        }
    } catch (const Cancelled &) {
        // Stop requested mid-epoch: that epoch is not recorded.
    } catch (const std::exception &e) {
        // Training or probing failed (out of memory, a LibTorch error): the
        // analysis threads are joined below before the failure is thrown.
        fail(RunError(QString::fromUtf8(e.what())));
    }
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        d->trainingDone = true;
    }
    d->wake.notify_all();
    for (std::thread &worker : analysis)
        worker.join();
    d->continuity.finish();
    if (d->analysisFailure)
        throw *d->analysisFailure;
}

bool RunPipeline::analyse(PendingEpoch &pending, MetricKind metric, const PersistenceSettings &persistence,
                          int workers, PersistenceDiagram *diagram)
{
    EpochRecord &rec = pending.record;
    if (!pending.activations)
        return false;
    QElapsedTimer timer;
    timer.start();
    const NeuronDistances distances = neuronDistances(*pending.activations, metric);
    pending.activations.reset();
    rec.seconds.metric = secondsSince(timer);
    rec.neurons = int(distances.distance.rows());
    rec.constantNeurons = distances.constantCount();
    timer.restart();
    d->folder.stageDistance(rec.epoch, distances.distance);
    rec.seconds.write = secondsSince(timer);
    rec.analysed = true;
    timer.restart();
    try {
        // Refused with the estimate, never by running out of memory; the
        // workers' computations share the budget.
        const PersistenceCost cost = estimateCost(distances.distance, persistence, 100000, d->engine->name());
        const double budget = persistenceMemoryBudget() / workers;
        if (cost.bytes > budget)
            throw RunError(QStringLiteral("persistence not run: it would need %1, more than the %2 GB allowed "
                                          "(lower analysis.max_dim or analysis.threshold)")
                               .arg(cost.describe())
                               .arg(budget / 1e9, 0, 'f', 1));
        PersistenceSettings settings = persistence;
        // Unless the spec says, the workers share the cores between them.
        if (settings.threads == 0)
            settings.threads = std::max(1, int(std::thread::hardware_concurrency()) / workers);
        QElapsedTimer sinceStart;
        sinceStart.start();
        settings.progress = [this, &sinceStart, epoch = rec.epoch](qint64 done, qint64 total) {
            if (sinceStart.elapsed() > 500)
                Q_EMIT persistenceProgress(epoch, done, total);
        };
        *diagram = d->engine->compute(distances.distance, settings, &d->stop);
        rec.seconds.persistence = secondsSince(timer);
    } catch (const Cancelled &) {
        throw;
    } catch (const RunError &e) {
        // This epoch's persistence failed; the run goes on.
        rec.seconds.persistence = secondsSince(timer);
        rec.analysisError = QString::fromStdString(e.what());
        return false;
    }
    timer.restart();
    d->folder.stageDiagram(rec.epoch, *diagram);
    rec.seconds.write += secondsSince(timer);
    if (d->spec.analysis.cycles > 0) {
        // Inside the staged epoch, so that it appears with its diagram.
        timer.restart();
        CycleSettings cycles;
        cycles.perDimension = d->spec.analysis.cycles;
        // A live run keeps up with training: of H2 and up, the most
        // persistent class only (`homology --cycles` gives all N).
        cycles.perHigherDimension = 1;
        cycles.coefficients = persistence.coefficients;
        d->folder.stageCycles(rec.epoch, representativeCycles(distances.distance, *diagram, cycles, &d->stop));
        rec.seconds.cycles = secondsSince(timer);
    }
    return true;
}

void RunPipeline::commit(const PendingEpoch &pending, const PersistenceDiagram &diagram, bool measured, int maxDim)
{
    EpochRecord rec = pending.record;
    // The state first, then the record that lists the epoch: whatever moment
    // a kill comes, the last epoch run.json lists has its state on disk.
    QElapsedTimer timer;
    timer.start();
    d->folder.writeState(rec.epoch, pending.state);
    rec.seconds.state += secondsSince(timer);
    if (rec.analysed)
        d->folder.publishEpoch(rec.epoch); // complete (a failed persistence leaves its matrix alone)
    {
        std::lock_guard<std::mutex> lock(d->recordMutex);
        d->record.epochs.push_back(rec);
        d->record.finished = rec.epoch == d->spec.training.epochs;
        d->folder.writeRecord(d->record);
    }
    d->folder.removeStatesExcept(rec.epoch);
    if (measured) {
        // Continuity with the previous diagram is measured beside the next
        // epochs' persistence, below its priority: the epoch is shown at
        // once, its distances follow.
        if (d->previous)
            d->continuity.push([this, previous = std::move(*d->previous), current = std::make_pair(rec.epoch, diagram),
                                maxDim]() mutable { measureContinuity(std::move(previous), std::move(current), maxDim); });
        d->previous.emplace(rec.epoch, diagram);
    }
    // Posted before the backlog drops, so that "idle" means delivered too.
    Q_EMIT epochAnalysed(rec, diagram);
    --d->backlog;
}

int analysisThreads()
{
    bool ok = false;
    const int wanted = qEnvironmentVariableIntValue("NETBETTI_ANALYSIS_THREADS", &ok);
    if (ok && wanted >= 1)
        return std::min(wanted, 8);
    return std::clamp(int(std::thread::hardware_concurrency()), 1, 2);
}

void checkAffordable(const ExperimentSpec &spec, int neurons)
{
    // Without a threshold every simplex may enter: refuse what the worst case
    // cannot afford. With one, each epoch is estimated from its own matrix.
    if (spec.analysis.threshold)
        return;
    const PersistenceCost worst = worstCaseCost(neurons, spec.analysis.maxDim);
    const double budget = persistenceMemoryBudget();
    if (worst.bytes > budget)
        throw InputError(QStringLiteral("spec"), QStringLiteral("analysis.max_dim"),
                         QString::number(spec.analysis.maxDim),
                         QStringLiteral("H%1 of %2 neurons could need %3, more than the %4 GB one persistence "
                                        "computation may use; set analysis.threshold or lower analysis.max_dim")
                             .arg(spec.analysis.maxDim)
                             .arg(neurons)
                             .arg(worst.describe())
                             .arg(budget / 1e9, 0, 'f', 1));
}

void RunPipeline::measureContinuity(std::pair<int, PersistenceDiagram> previous,
                                     std::pair<int, PersistenceDiagram> current, int maxDim)
{
    QElapsedTimer timer;
    timer.start();
    // One pass gives the distances and the matching (hera once per distance).
    DiagramDistances distances;
    std::vector<BarMatch> matching;
    try {
        for (DimensionContinuity &dim : diagramContinuity(previous.second, current.second, maxDim)) {
            distances.bottleneck.push_back(dim.bottleneck);
            distances.wasserstein.push_back(dim.wasserstein);
            matching.insert(matching.end(), dim.matching.begin(), dim.matching.end());
        }
    } catch (const std::exception &) {
        return; // hera gave up (it bounds its iterations): the epoch keeps no distances, its tracks end
    }
    // The bound the distances must keep: the two epochs' matrices are on disk
    // (written before their diagrams), over the same neurons.
    std::optional<double> linf;
    try {
        linf = supDistance(d->folder.readDistance(previous.first), d->folder.readDistance(current.first));
    } catch (const std::exception &) {
        // An unreadable matrix leaves the epoch without its bound, not the run.
    }
    EpochRecord updated;
    try {
        d->folder.writeMatching(current.first, matching); // the epoch is published: its folder exists
        std::lock_guard<std::mutex> lock(d->recordMutex);
        auto it = std::find_if(d->record.epochs.begin(), d->record.epochs.end(),
                               [&](const EpochRecord &e) { return e.epoch == current.first; });
        if (it == d->record.epochs.end())
            return;
        it->previousEpoch = previous.first;
        it->bottleneckToPrevious = distances.bottleneck;
        it->wassersteinToPrevious = distances.wasserstein;
        it->linfToPrevious = linf;
        it->seconds.distance = secondsSince(timer);
        updated = *it;
        d->folder.writeRecord(d->record);
    } catch (const RunError &e) {
        std::lock_guard<std::mutex> lock(d->mutex);
        d->analysisFailure = e;
        d->stop = true;
        d->wake.notify_all();
        return;
    }
    Q_EMIT continuityMeasured(updated);
}

} // namespace netbetti
