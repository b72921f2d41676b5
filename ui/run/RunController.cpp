#include "run/RunController.h"

#include "Error.h"
#include "run/RunModel.h"

#include <QDateTime>
#include <QDir>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QThread>

namespace netbetti {

RunController::RunController(RunModel *model, QObject *parent) : QObject(parent), m_model(model)
{
    qRegisterMetaType<netbetti::EpochRecord>();
    qRegisterMetaType<netbetti::PersistenceDiagram>();
}

RunController::~RunController()
{
    stop();
    wait(30000);
}

bool RunController::isRunning() const
{
    return m_thread != nullptr;
}

bool RunController::isPaused() const
{
    return m_pipeline && m_pipeline->isPaused();
}

int RunController::analysisBacklog() const
{
    return m_pipeline ? m_pipeline->analysisBacklog() : 0;
}

bool RunController::isIdle() const
{
    return m_pipeline && m_pipeline->isIdle();
}

QString RunController::newRunFolder(const ExperimentSpec &spec)
{
    QString root = QProcessEnvironment::systemEnvironment().value(QStringLiteral("NETBETTI_RUNS_DIR"));
    if (root.isEmpty())
        // ~/.local/share/NetBetti/runs, where netbetti-cli's examples go too:
        // a folder users look for, not the application id's.
        root = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
               + QStringLiteral("/NetBetti/runs");
    QString name = spec.name;
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]+")), QStringLiteral("-"));
    const QString base = QDir(root).filePath(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-"))
                                             + name.left(60));
    QString folder = base;
    for (int k = 2; QFileInfo::exists(folder); ++k)
        folder = base + QStringLiteral("-%1").arg(k);
    return folder;
}

bool RunController::start(const ExperimentSpec &spec, const QString &outDir, QString *error,
                          const QString &reanalyseFrom)
{
    if (isRunning()) {
        if (error)
            *error = tr("A run is already in progress.");
        return false;
    }
    auto pipeline = std::make_shared<RunPipeline>(spec, outDir);
    m_pipeline = pipeline;

    // The pipeline emits from its threads; queued to this (GUI) thread. What
    // a run still had queued when the controller let go of it (waited for it
    // to load another folder) is stale: it must not reach the model, which
    // by then shows something else.
    const RunPipeline *run = pipeline.get();
    auto current = [this, run] { return m_pipeline.get() == run; };
    connect(pipeline.get(), &RunPipeline::started, this,
            [this, run, current](const QString &folder, int) {
                if (!current())
                    return;
                // The pipeline's spec: analysing again takes the source's epochs.
                const ExperimentSpec &spec = run->spec();
                m_model->setRun(spec, spec.analysedNeurons(), folder);
                Q_EMIT started(folder);
            },
            Qt::QueuedConnection);
    connect(pipeline.get(), &RunPipeline::epochTrained, this,
            [this, current](const EpochRecord &record, int backlog) {
                if (current())
                    Q_EMIT epochTrained(record, backlog);
            },
            Qt::QueuedConnection);
    connect(pipeline.get(), &RunPipeline::epochAnalysed, this,
            [this, current](const EpochRecord &record, const PersistenceDiagram &diagram) {
                if (!current())
                    return;
                m_model->addEpoch(record, diagram);
                Q_EMIT epochAnalysed(record);
            },
            Qt::QueuedConnection);
    connect(pipeline.get(), &RunPipeline::persistenceProgress, this,
            [this, current](int epoch, qint64 done, qint64 total) {
                if (current())
                    Q_EMIT persistenceProgress(epoch, done, total);
            },
            Qt::QueuedConnection);
    connect(pipeline.get(), &RunPipeline::continuityMeasured, this,
            [this, current](const EpochRecord &record) {
                if (current())
                    m_model->updateRecord(record);
            },
            Qt::QueuedConnection);

    m_thread = QThread::create([this, pipeline, current, reanalyseFrom] {
        QString message;
        bool ok = true;
        try {
            if (reanalyseFrom.isEmpty())
                pipeline->run();
            else
                pipeline->reanalyse(reanalyseFrom);
        } catch (const std::exception &e) {
            ok = false;
            message = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(
            this, [this, ok, message, current] {
                if (!current())
                    return; // wait() saw it end and cleaned up; another run may be going now
                if (m_thread) {
                    m_thread->wait();
                    m_thread->deleteLater();
                    m_thread = nullptr;
                }
                Q_EMIT finished(ok, message);
            },
            Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("training"));
    m_thread->start();
    return true;
}

void RunController::stop()
{
    if (m_pipeline)
        m_pipeline->requestStop();
}

void RunController::setPaused(bool paused)
{
    if (m_pipeline) {
        m_pipeline->setPaused(paused);
        Q_EMIT pausedChanged(paused);
    }
}

void RunController::step()
{
    if (m_pipeline) {
        m_pipeline->step();
        Q_EMIT pausedChanged(true);
    }
}

bool RunController::wait(int msecs)
{
    if (!m_thread)
        return true;
    const bool done = m_thread->wait(QDeadlineTimer(msecs));
    if (done) {
        delete m_thread;
        m_thread = nullptr;
        m_pipeline.reset(); // what it still has queued is stale now
    }
    return done;
}

} // namespace netbetti
