#include "Sweep.h"

#include "Error.h"
#include "RunPipeline.h"
#include "storage/AtomicFile.h"
#include "topology/PersistenceCost.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStorageInfo>
#include <algorithm>
#include <cmath>
#include <thread>
#include <unistd.h>

namespace netbetti {

namespace {

/// Sets the value at a dotted path, making the objects on the way; false
/// when a field on the way holds something other than an object.
bool setAtPath(QJsonObject &object, const QStringList &parts, const QJsonValue &value)
{
    if (parts.size() == 1) {
        object.insert(parts.first(), value);
        return true;
    }
    QJsonValue child = object.value(parts.first());
    if (!child.isUndefined() && !child.isObject())
        return false;
    QJsonObject inner = child.toObject();
    if (!setAtPath(inner, parts.mid(1), value))
        return false;
    object.insert(parts.first(), inner);
    return true;
}

/// A value as a piece of a folder name: numbers and words as they are,
/// lists joined by '-', anything else a file system or a shell minds as '_'.
QString namePart(const QJsonValue &value)
{
    QString text;
    if (value.isArray()) {
        QStringList items;
        for (const QJsonValue &v : value.toArray())
            items << namePart(v);
        text = items.join(QLatin1Char('-'));
    } else if (value.isDouble()) {
        text = QString::number(value.toDouble(), 'g', 12);
    } else if (value.isString()) {
        text = value.toString();
    } else if (value.isObject()) {
        text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    } else {
        text = describeJsonValue(value);
    }
    for (QChar &c : text)
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('.') && c != QLatin1Char('-')
            && c != QLatin1Char('+'))
            c = QLatin1Char('_');
    return text.left(48);
}

QJsonObject readBase(const QJsonValue &base, const QString &file)
{
    if (base.isObject())
        return base.toObject();
    if (!base.isString())
        throw InputError(file, QStringLiteral("base"), describeJsonValue(base),
                         QStringLiteral("expected a spec (an object) or the path of a spec file"));
    const QString path = QDir(QFileInfo(file).absolutePath()).filePath(base.toString());
    if (!QFileInfo::exists(path))
        throw InputError(file, QStringLiteral("base"), describeJsonValue(base),
                         QStringLiteral("no such spec file: ") + path);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(readWholeFile(path, 16 << 20), &error);
    if (!doc.isObject()) {
        ExperimentSpec::fromFile(path); // names the line at fault
        throw InputError(path, {}, {}, QStringLiteral("a spec must be a JSON object"));
    }
    return doc.object();
}

} // namespace

Sweep Sweep::fromFile(const QString &path)
{
    return fromJson(readWholeFile(path, 16 << 20), path);
}

Sweep Sweep::fromJson(const QByteArray &json, const QString &file)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        throw InputError(file, QStringLiteral("line %1").arg(json.left(error.offset).count('\n') + 1), {},
                         QStringLiteral("invalid JSON: ") + error.errorString());
    if (!doc.isObject())
        throw InputError(file, {}, {}, QStringLiteral("a sweep must be a JSON object with \"base\" and \"vary\""));
    const QJsonObject root = doc.object();
    for (auto it = root.begin(); it != root.end(); ++it)
        if (it.key() != QLatin1String("base") && it.key() != QLatin1String("vary"))
            throw InputError(file, it.key(), describeJsonValue(it.value()),
                             QStringLiteral("unknown key (known here: base, vary)"));

    Sweep sweep;
    sweep.file = file;
    const QJsonObject base = readBase(root.value(QStringLiteral("base")).isUndefined() ? QJsonValue(QJsonObject())
                                                                                        : root.value(QStringLiteral("base")),
                                      file);
    ExperimentSpec::fromJson(QJsonDocument(base).toJson(), file + QStringLiteral(": base"));

    const QJsonValue vary = root.value(QStringLiteral("vary"));
    if (!vary.isObject() || vary.toObject().isEmpty())
        throw InputError(file, QStringLiteral("vary"), describeJsonValue(vary),
                         QStringLiteral("expected an object of spec paths and their lists of values, e.g. "
                                        "{\"seed\": [1, 2, 3]}"));
    const QJsonObject axes = vary.toObject();
    for (auto it = axes.begin(); it != axes.end(); ++it) {
        const QString field = QStringLiteral("vary.") + it.key();
        if (!it.value().isArray() || it.value().toArray().isEmpty())
            throw InputError(file, field, describeJsonValue(it.value()), QStringLiteral("expected a list of values"));
        if (it.key().split(QLatin1Char('.')).contains(QString()))
            throw InputError(file, field, {}, QStringLiteral("not a spec path (fields joined by '.')"));
        sweep.axes.push_back({it.key(), it.value().toArray()});
    }
    sweep.definition = {{QStringLiteral("base"), base}, {QStringLiteral("vary"), vary}};

    // Every value alone first, so that a bad one is named as itself rather
    // than as part of some grid point.
    for (const SweepAxis &axis : sweep.axes) {
        const QString field = QStringLiteral("vary.") + axis.path;
        for (const QJsonValue &value : axis.values) {
            QJsonObject spec = base;
            if (!setAtPath(spec, axis.path.split(QLatin1Char('.')), value))
                throw InputError(file, field, describeJsonValue(value),
                                 QStringLiteral("not a spec path: a field on the way is not an object"));
            try {
                ExperimentSpec::fromJson(QJsonDocument(spec).toJson(), QString());
            } catch (const InputError &e) {
                const bool unknown = QString::fromUtf8(e.what()).contains(QStringLiteral("unknown key"));
                throw InputError(file, field, describeJsonValue(value),
                                 unknown ? QStringLiteral("not a spec path: ") + QString::fromUtf8(e.what())
                                         : QString::fromUtf8(e.what()));
            }
        }
    }

    size_t count = 1;
    for (const SweepAxis &axis : sweep.axes) {
        count *= size_t(axis.values.size());
        if (count > 100000)
            throw InputError(file, QStringLiteral("vary"), {},
                             QStringLiteral("the grid has more than 100000 runs"));
    }
    const int digits = int(QString::number(count - 1).size());
    for (size_t index = 0; index < count; ++index) {
        SweepRun run;
        QJsonObject spec = base;
        QStringList name{QStringLiteral("%1").arg(index, digits, 10, QLatin1Char('0'))};
        size_t rest = index;
        std::vector<int> choice(sweep.axes.size());
        for (size_t a = sweep.axes.size(); a-- > 0;) {
            choice[a] = int(rest % size_t(sweep.axes[a].values.size()));
            rest /= size_t(sweep.axes[a].values.size());
        }
        for (size_t a = 0; a < sweep.axes.size(); ++a) {
            const QJsonValue value = sweep.axes[a].values[choice[a]];
            setAtPath(spec, sweep.axes[a].path.split(QLatin1Char('.')), value);
            run.varied.insert(sweep.axes[a].path, value);
            name << sweep.axes[a].path.split(QLatin1Char('.')).last() + QLatin1Char('=') + namePart(value);
        }
        run.name = name.join(QLatin1Char('_'));
        const QString where = QStringLiteral("%1: run %2").arg(file, run.name);
        // Values fine alone can clash together (an input width against a dataset's dimension).
        run.spec = ExperimentSpec::fromJson(QJsonDocument(spec).toJson(), where);
        const Dataset data = makeDataset(run.spec.dataset, run.spec.seed);
        run.spec.validateAgainst(data, where);
        try {
            checkAffordable(run.spec, int(run.spec.analysedNeurons().size()));
        } catch (const InputError &e) {
            throw InputError(where, {}, {}, QString::fromUtf8(e.what()).remove(QRegularExpression(QStringLiteral("^spec: "))));
        }
        sweep.runs.push_back(std::move(run));
    }
    return sweep;
}

namespace {

qint64 parameterCount(const std::vector<int> &layers)
{
    qint64 count = 0;
    for (size_t i = 1; i < layers.size(); ++i)
        count += qint64(layers[i - 1] + 1) * layers[i];
    return count;
}

/// The process itself: Qt, LibTorch and its thread pools, measured at
/// 170-180 MiB on the smallest nets (README, "Performance").
constexpr double kProcessBytes = 200e6;

} // namespace

double runDiskBytes(const ExperimentSpec &spec)
{
    const double n = double(spec.analysedNeurons().size());
    int analysed = 0;
    for (int epoch = 0; epoch <= spec.training.epochs; ++epoch)
        analysed += spec.analysesEpoch(epoch);
    // A matrix of float32 and its header; a diagram line is ~30 bytes, and
    // there are about as many bars per dimension as points.
    const double epochBytes = 128 + 4 * n * n + 30 * n * (spec.analysis.maxDim + 1);
    // The last epoch's state: float32 parameters, Adam's two moments, and
    // the archives' overhead; and run.json's few hundred bytes an epoch.
    const double stateBytes = 12.0 * double(parameterCount(spec.model.layers)) + 64e3;
    return analysed * epochBytes + stateBytes + 600.0 * (spec.training.epochs + 1) + 100 * n;
}

double runMemoryBytes(const ExperimentSpec &spec, int analysisWorkers)
{
    const int n = int(spec.analysedNeurons().size());
    // Each worker holds a float32 matrix and the reduced copy ripser gets;
    // ripser's own peak is the worst case, within the budget a run allows it.
    const double matrices = 2.0 * 4.0 * double(n) * n;
    const double ripser = std::min(worstCaseCost(n, spec.analysis.maxDim).bytes,
                                   persistenceMemoryBudget() / analysisWorkers);
    const double activations = 4.0 * n * spec.dataset.samples;
    return kProcessBytes + 4.0 * double(parameterCount(spec.model.layers)) * 8 + activations
           + analysisWorkers * (matrices + ripser);
}

int SweepEstimate::defaultJobs(int runs) const
{
    const int byMemory = runMemoryBytes > 0 ? int(availableMemory / runMemoryBytes) : cores;
    return std::max(1, std::min({runs, cores, byMemory}));
}

SweepEstimate estimateSweep(const std::vector<const SweepRun *> &runs, int analysisWorkers)
{
    SweepEstimate e;
    for (const SweepRun *run : runs) {
        e.diskBytes += runDiskBytes(run->spec);
        const double memory = runMemoryBytes(run->spec, analysisWorkers);
        if (memory > e.runMemoryBytes) {
            e.runMemoryBytes = memory;
            e.largestRun = run->name;
        }
    }
    bool ok = false;
    const double mib = qEnvironmentVariable("NETBETTI_SWEEP_MEMORY_MIB").toDouble(&ok);
    e.availableMemory = ok && mib > 0 ? mib * 1024 * 1024
                                      : double(sysconf(_SC_PHYS_PAGES)) * double(sysconf(_SC_PAGESIZE));
    e.cores = std::max(1, int(std::thread::hardware_concurrency()));
    return e;
}

void checkSweepFits(const Sweep &sweep, const std::vector<const SweepRun *> &todo, const QString &outDir, int jobs,
                    int analysisWorkers)
{
    const SweepEstimate e = estimateSweep(todo, analysisWorkers);
    // The nearest folder that exists holds the file system the runs go to.
    QString existing = QFileInfo(outDir).absoluteFilePath();
    while (!QFileInfo::exists(existing) && QFileInfo(existing).absolutePath() != existing)
        existing = QFileInfo(existing).absolutePath();
    const QStorageInfo storage(existing);
    if (storage.isValid() && e.diskBytes > double(storage.bytesAvailable()))
        throw InputError(outDir, {}, {},
                         QStringLiteral("the %1 runs of %2 still to do would write about %3, more than the %4 free "
                                        "there; choose another --out or fewer values")
                             .arg(todo.size())
                             .arg(sweep.file, describeBytes(e.diskBytes), describeBytes(double(storage.bytesAvailable()))));
    if (e.runMemoryBytes > e.availableMemory)
        throw InputError(sweep.file, QStringLiteral("run %1").arg(e.largestRun), {},
                         QStringLiteral("could need about %1 of memory, more than the %2 of this machine")
                             .arg(describeBytes(e.runMemoryBytes), describeBytes(e.availableMemory)));
    if (jobs * e.runMemoryBytes > e.availableMemory)
        throw InputError({}, QStringLiteral("--jobs"), QString::number(jobs),
                         QStringLiteral("%1 runs at once could need about %2 of memory (%3 each for run %4), more "
                                        "than the %5 of this machine; use --jobs %6 or fewer")
                             .arg(jobs)
                             .arg(describeBytes(jobs * e.runMemoryBytes), describeBytes(e.runMemoryBytes), e.largestRun,
                                  describeBytes(e.availableMemory))
                             .arg(std::max(1, int(e.availableMemory / e.runMemoryBytes))));
}

QString describeBytes(double bytes)
{
    if (bytes >= 1e12)
        return QStringLiteral("%1 TB").arg(bytes / 1e12, 0, 'f', 1);
    if (bytes >= 1e9)
        return QStringLiteral("%1 GB").arg(bytes / 1e9, 0, 'f', 1);
    return QStringLiteral("%1 MB").arg(std::max(1.0, std::round(bytes / 1e6)), 0, 'f', 0);
}

} // namespace netbetti
