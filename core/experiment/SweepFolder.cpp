#include "SweepFolder.h"

#include "Error.h"
#include "RunComparison.h"
#include "RunTables.h"
#include "storage/AtomicFile.h"
#include "topology/DiagramDistance.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace netbetti {

SweepFolder::SweepFolder(QString dir) : m_dir(std::move(dir)) {}

QString SweepFolder::path() const
{
    return m_dir;
}

QString SweepFolder::runDir(const QString &name) const
{
    return m_dir + QStringLiteral("/runs/") + name;
}

QString SweepFolder::specPath(const QString &name) const
{
    return m_dir + QStringLiteral("/specs/") + name + QStringLiteral(".json");
}

QString SweepFolder::errorPath(const QString &name) const
{
    return m_dir + QStringLiteral("/errors/") + name + QStringLiteral(".txt");
}

QString SweepFolder::logDir() const
{
    return m_dir + QStringLiteral("/logs");
}

QString SweepFolder::indexPath() const
{
    return m_dir + QStringLiteral("/sweep.json");
}

QString SweepFolder::distancesPath() const
{
    return m_dir + QStringLiteral("/distances.csv");
}

void SweepFolder::checkHolds(const Sweep &sweep) const
{
    if (QFileInfo::exists(indexPath())) {
        const SweepIndex existing = SweepIndex::read(m_dir);
        if (existing.definition != sweep.definition)
            throw InputError(m_dir, {}, {},
                             QStringLiteral("this folder holds another sweep (from %1: its base or its values "
                                            "differ); choose another --out")
                                 .arg(existing.sweepFile));
        return;
    }
    // No sweep.json yet: empty, or what a sweep killed before writing it left.
    static const QStringList layout{QStringLiteral("lock"), QStringLiteral("runs"), QStringLiteral("specs"),
                                    QStringLiteral("logs"), QStringLiteral("errors"), QStringLiteral("slurm")};
    for (const QString &entry : QDir(m_dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot))
        if (!layout.contains(entry))
            throw InputError(m_dir, {}, {},
                             QStringLiteral("holds %1 and is not a sweep folder; choose another --out").arg(entry));
}

void SweepFolder::prepare(const Sweep &sweep) const
{
    checkHolds(sweep);
    if (!QDir().mkpath(m_dir + QStringLiteral("/runs")) || !QDir().mkpath(logDir()))
        throw RunError(QStringLiteral("%1: cannot make the sweep folder").arg(m_dir));
    for (const SweepRun &run : sweep.runs) {
        const QByteArray spec = run.spec.toJsonBytes();
        QFile existing(specPath(run.name));
        if (!existing.open(QIODevice::ReadOnly) || existing.readAll() != spec)
            writeFileAtomically(specPath(run.name), spec);
    }
}

SweepEntry SweepFolder::entry(const SweepRun &run) const
{
    SweepEntry e;
    e.name = run.name;
    e.folder = QStringLiteral("runs/") + run.name;
    e.values = run.varied;
    e.epochs = run.spec.training.epochs;
    e.status = QStringLiteral("pending");
    const RunFolder folder(runDir(run.name));
    if (QFileInfo::exists(folder.path() + QStringLiteral("/spec.json"))) {
        e.status = QStringLiteral("unfinished");
        try {
            const RunRecord record = folder.readRecord();
            if (!record.epochs.empty()) {
                e.epochsDone = record.epochs.back().epoch;
                e.testAccuracy = record.epochs.back().testAccuracy;
            }
            if (record.finished && e.epochsDone == e.epochs)
                e.status = QStringLiteral("finished");
        } catch (const InputError &error) {
            e.error = QString::fromUtf8(error.what());
        }
    }
    if (e.status != QLatin1String("finished") && QFileInfo::exists(errorPath(run.name))) {
        e.status = QStringLiteral("failed");
        e.error = QString::fromUtf8(readWholeFile(errorPath(run.name), 1 << 20)).trimmed();
    }
    return e;
}

SweepIndex SweepFolder::writeIndex(const Sweep &sweep, const std::map<QString, QString> &statuses,
                                   const QString &slurmJob) const
{
    SweepIndex index;
    index.sweepFile = QFileInfo(sweep.file).absoluteFilePath();
    index.definition = sweep.definition;
    index.slurmJob = slurmJob;
    QJsonArray runs;
    QJsonObject counts;
    for (const SweepRun &run : sweep.runs) {
        SweepEntry e = entry(run);
        const auto override = statuses.find(run.name);
        if (override != statuses.end() && e.status != QLatin1String("finished"))
            e.status = override->second;
        counts.insert(e.status, counts.value(e.status).toInt() + 1);
        runs.append(e.toJson());
        index.runs.push_back(e);
    }
    QJsonObject o{{QStringLiteral("format"), 1},
                  {QStringLiteral("sweep"), index.sweepFile},
                  {QStringLiteral("definition"), sweep.definition},
                  {QStringLiteral("counts"), counts},
                  {QStringLiteral("runs"), runs}};
    if (!slurmJob.isEmpty())
        o.insert(QStringLiteral("slurm_job"), slurmJob);
    writeFileAtomically(indexPath(), QJsonDocument(o).toJson(QJsonDocument::Indented));
    return index;
}

void SweepFolder::writeError(const QString &name, const QString &message) const
{
    writeFileAtomically(errorPath(name), message.toUtf8() + '\n');
}

void SweepFolder::clearError(const QString &name) const
{
    QFile::remove(errorPath(name));
}

int SweepFolder::writeDistances(const Sweep &sweep) const
{
    // Runs that have diagrams; a run that failed before its first analysed
    // epoch has nothing to compare.
    std::vector<std::pair<QString, RunData>> runs;
    for (const SweepRun &run : sweep.runs) {
        const QString dir = runDir(run.name);
        if (!QFileInfo::exists(dir + QStringLiteral("/spec.json")))
            continue;
        try {
            RunData data = RunData::read(RunFolder(dir));
            if (!data.diagrams.empty())
                runs.emplace_back(run.name, std::move(data));
        } catch (const InputError &) {
            continue; // damaged: sweep.json says so through its status
        }
    }
    QByteArray csv = "run_a,run_b,epoch,dim,bottleneck,wasserstein\n";
    int pairs = 0;
    for (size_t i = 0; i < runs.size(); ++i)
        for (size_t j = i + 1; j < runs.size(); ++j) {
            const RunData &a = runs[i].second, &b = runs[j].second;
            const int common = lastCommonEpoch(a, b);
            if (common < 0)
                continue;
            ++pairs;
            const int maxDim = std::min(a.maxDim(), b.maxDim());
            const DiagramDistances d = diagramDistances(a.diagrams.at(common), b.diagrams.at(common), maxDim);
            for (int dim = 0; dim <= maxDim; ++dim)
                csv += QStringLiteral("%1,%2,%3,%4,%5,%6\n")
                           .arg(runs[i].first, runs[j].first)
                           .arg(common)
                           .arg(dim)
                           .arg(d.bottleneck[size_t(dim)], 0, 'g', 10)
                           .arg(d.wasserstein[size_t(dim)], 0, 'g', 10)
                           .toUtf8();
        }
    writeFileAtomically(distancesPath(), csv);
    return pairs;
}

} // namespace netbetti
