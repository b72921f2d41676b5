#include "RunController.h"

#include "Error.h"
#include "RunModel.h"

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

bool RunController::start(const ExperimentSpec &spec, const QString &outDir, QString *error)
{
    if (isRunning()) {
        if (error)
            *error = tr("A run is already in progress.");
        return false;
    }
    auto pipeline = std::make_shared<RunPipeline>(spec, outDir);
    m_pipeline = pipeline;

    // The pipeline emits from its two threads; queued to this (GUI) thread.
    connect(pipeline.get(), &RunPipeline::started, this,
            [this, spec](const QString &folder, int) {
                m_model->setRun(spec, spec.analysedNeurons(), folder);
                Q_EMIT started(folder);
            },
            Qt::QueuedConnection);
    connect(pipeline.get(), &RunPipeline::epochTrained, this, &RunController::epochTrained, Qt::QueuedConnection);
    connect(pipeline.get(), &RunPipeline::epochAnalysed, this,
            [this](const EpochRecord &record, const PersistenceDiagram &diagram) {
                m_model->addEpoch(record, diagram);
                Q_EMIT epochAnalysed(record);
            },
            Qt::QueuedConnection);
    connect(pipeline.get(), &RunPipeline::continuityMeasured, m_model, &RunModel::updateRecord, Qt::QueuedConnection);

    m_thread = QThread::create([this, pipeline] {
        QString message;
        bool ok = true;
        try {
            pipeline->run();
        } catch (const std::exception &e) {
            ok = false;
            message = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(
            this, [this, ok, message] {
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
    }
    return done;
}

} // namespace netbetti
