#include "run/SeedsController.h"

#include "experiment/SeedSet.h"
#include "experiment/SweepRunner.h"
#include "run/RunController.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QThread>

namespace netbetti {

SeedsController::SeedsController(QObject *parent) : QObject(parent) {}

SeedsController::~SeedsController()
{
    cancel();
    wait(-1);
    delete m_thread;
}

QString SeedsController::workerProgram()
{
    const QString chosen = qEnvironmentVariable("NETBETTI_CLI");
    return !chosen.isEmpty() ? chosen
                             : QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("netbetti-cli"));
}

QString SeedsController::newSeedSetFolder(const ExperimentSpec &spec)
{
    QString folder = RunController::newRunFolder(spec) + QStringLiteral("-seeds");
    for (int k = 2; QFileInfo::exists(folder); ++k)
        folder = RunController::newRunFolder(spec) + QStringLiteral("-seeds-%1").arg(k);
    return folder;
}

bool SeedsController::isRunning() const
{
    return m_thread && m_thread->isRunning();
}

bool SeedsController::wait(int msecs)
{
    if (!m_thread)
        return true;
    return msecs < 0 ? m_thread->wait() : m_thread->wait(QDeadlineTimer(msecs));
}

void SeedsController::cancel()
{
    m_cancel = true;
}

bool SeedsController::start(const ExperimentSpec &spec, int count, qint64 first, const QString &dir, QString *error)
{
    auto refuse = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (isRunning())
        return refuse(tr("Train Seeds: a seed set is being trained; cancel it or wait for it"));
    QJsonObject definition;
    try {
        definition = seedSweepDefinition(spec.toJson(), count, first, tr("number of seeds"), tr("first seed"));
    } catch (const std::exception &e) {
        return refuse(tr("Train Seeds: %1").arg(QString::fromUtf8(e.what())));
    }
    const QString program = workerProgram();
    if (!QFileInfo(program).isExecutable())
        return refuse(tr("Train Seeds: cannot run %1, which trains each seed (set NETBETTI_CLI to netbetti-cli)")
                          .arg(program));
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
    m_cancel = false;
    m_thread = QThread::create([this, definition, dir, program, count] {
        SweepOptions options;
        options.program = program;
        const QString sweepFile = QDir(dir).filePath(QStringLiteral("sweep.json"));
        try {
            const Sweep sweep = Sweep::fromJson(QJsonDocument(definition).toJson(), sweepFile);
            const SweepFolder folder(dir);
            int epochs = 0;
            for (const SweepRun &run : sweep.runs)
                epochs += run.spec.training.epochs + 1; // epoch 0 is the net before training
            int polls = 0, runsDone = 0;
            options.keepGoing = [&] {
                // Every second: how far each seed's run.json has got.
                if (polls++ % 4 == 0) {
                    int done = 0;
                    for (const SweepRun &run : sweep.runs)
                        done += folder.entry(run).epochsDone + 1;
                    Q_EMIT progress(runsDone, count, done, epochs);
                }
                return !m_cancel.load();
            };
            const SweepOutcome outcome = runSweep(sweep, dir, options, [&](const QString &line) {
                runsDone += line.startsWith(QLatin1Char('['));
                Q_EMIT logLine(line);
            });
            Q_EMIT progress(outcome.finished + outcome.failed, count, outcome.finished == count ? epochs : 0, epochs);
            const QString summary = tr("%1 of %2 seeds finished%3%4")
                                        .arg(outcome.finished)
                                        .arg(count)
                                        .arg(outcome.failed ? tr(", %1 failed").arg(outcome.failed) : QString())
                                        .arg(outcome.other ? tr(", %1 not finished (start again to resume)")
                                                                 .arg(outcome.other)
                                                           : QString());
            Q_EMIT finished(outcome.finished == count, summary, dir, outcome.finished);
        } catch (const std::exception &e) {
            Q_EMIT finished(false, QString::fromUtf8(e.what()), dir, 0);
        }
    });
    m_thread->start();
    return true;
}

} // namespace netbetti
