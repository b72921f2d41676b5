#include "SweepIndex.h"

#include "Error.h"
#include "ExperimentSpec.h"
#include "storage/AtomicFile.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace netbetti {

QJsonObject SweepEntry::toJson() const
{
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("folder"), folder},
                  {QStringLiteral("values"), values},
                  {QStringLiteral("status"), status},
                  {QStringLiteral("epochs_done"), epochsDone},
                  {QStringLiteral("epochs"), epochs}};
    if (epochsDone >= 0)
        o.insert(QStringLiteral("test_accuracy"), testAccuracy);
    if (!error.isEmpty())
        o.insert(QStringLiteral("error"), error);
    return o;
}

SweepIndex SweepIndex::read(const QString &dir)
{
    const QString file = QDir(dir).filePath(QStringLiteral("sweep.json"));
    if (!QFileInfo::exists(file))
        throw InputError(dir, {}, {}, QStringLiteral("not a sweep folder (no sweep.json)"));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(readWholeFile(file, 256 << 20), &error);
    if (!doc.isObject())
        throw InputError(file, {}, {}, QStringLiteral("damaged sweep index: ") + error.errorString());
    const QJsonObject o = doc.object();
    SweepIndex index;
    index.sweepFile = o.value(QStringLiteral("sweep")).toString();
    index.definition = o.value(QStringLiteral("definition")).toObject();
    index.slurmJob = o.value(QStringLiteral("slurm_job")).toString();
    const QJsonArray runs = o.value(QStringLiteral("runs")).toArray();
    for (qsizetype i = 0; i < runs.size(); ++i) {
        const QJsonObject r = runs[i].toObject();
        SweepEntry e;
        e.name = r.value(QStringLiteral("name")).toString();
        e.folder = r.value(QStringLiteral("folder")).toString();
        // A folder outside the sweep would let a damaged index point writes anywhere.
        if (e.name.isEmpty() || e.folder != QStringLiteral("runs/") + e.name || e.name.contains(QLatin1Char('/')))
            throw InputError(file, QStringLiteral("runs[%1]").arg(i), describeJsonValue(r),
                             QStringLiteral("expected a name and the folder runs/NAME"));
        e.values = r.value(QStringLiteral("values")).toObject();
        e.status = r.value(QStringLiteral("status")).toString();
        e.error = r.value(QStringLiteral("error")).toString();
        e.epochsDone = r.value(QStringLiteral("epochs_done")).toInt(-1);
        e.epochs = r.value(QStringLiteral("epochs")).toInt();
        e.testAccuracy = r.value(QStringLiteral("test_accuracy")).toDouble();
        index.runs.push_back(e);
    }
    return index;
}

QStringList SweepIndex::variedPaths() const
{
    QStringList paths;
    for (const SweepEntry &e : runs)
        for (auto it = e.values.begin(); it != e.values.end(); ++it)
            if (!paths.contains(it.key()))
                paths << it.key();
    return paths;
}

} // namespace netbetti
