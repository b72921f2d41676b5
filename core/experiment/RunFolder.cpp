#include "RunFolder.h"

#include "Error.h"
#include "storage/AtomicFile.h"
#include "storage/NpyFile.h"
#include "topology/DiagramCsv.h"
#include "topology/CycleFile.h"
#include "topology/DiagramMatching.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>
#include <limits>

namespace netbetti {

namespace {

const QString kSpecFile = QStringLiteral("spec.json");
const QString kRunFile = QStringLiteral("run.json");
const QString kNeuronsFile = QStringLiteral("neurons.csv");

QJsonObject timingsToJson(const StageTimings &t)
{
    return {{QStringLiteral("train"), t.train},
            {QStringLiteral("probe"), t.probe},
            {QStringLiteral("metric"), t.metric},
            {QStringLiteral("persistence"), t.persistence},
            {QStringLiteral("write"), t.write},
            {QStringLiteral("distance"), t.distance},
            {QStringLiteral("state"), t.state},
            {QStringLiteral("cycles"), t.cycles}};
}

StageTimings timingsFromJson(const QJsonObject &o)
{
    StageTimings t;
    t.train = o.value(QStringLiteral("train")).toDouble();
    t.probe = o.value(QStringLiteral("probe")).toDouble();
    t.metric = o.value(QStringLiteral("metric")).toDouble();
    t.persistence = o.value(QStringLiteral("persistence")).toDouble();
    t.write = o.value(QStringLiteral("write")).toDouble();
    t.distance = o.value(QStringLiteral("distance")).toDouble();
    t.state = o.value(QStringLiteral("state")).toDouble();
    t.cycles = o.value(QStringLiteral("cycles")).toDouble();
    return t;
}

// JSON has no infinity: an infinite distance is written as null.
QJsonArray valuesToJson(const std::vector<double> &values)
{
    QJsonArray out;
    for (double v : values)
        out.append(std::isfinite(v) ? QJsonValue(v) : QJsonValue());
    return out;
}

std::vector<double> valuesFromJson(const QJsonValue &value)
{
    std::vector<double> out;
    for (const QJsonValue &v : value.toArray())
        out.push_back(v.isDouble() ? v.toDouble() : std::numeric_limits<double>::infinity());
    return out;
}

} // namespace

QJsonObject EpochRecord::toJson() const
{
    QJsonObject o{{QStringLiteral("epoch"), epoch},
                  {QStringLiteral("loss"), loss},
                  {QStringLiteral("train_accuracy"), trainAccuracy},
                  {QStringLiteral("test_accuracy"), testAccuracy},
                  {QStringLiteral("seconds"), timingsToJson(seconds)},
                  {QStringLiteral("analysed"), analysed},
                  {QStringLiteral("neurons"), neurons},
                  {QStringLiteral("constant_neurons"), constantNeurons}};
    if (!analysisError.isEmpty())
        o.insert(QStringLiteral("analysis_error"), analysisError);
    if (previousEpoch >= 0) {
        o.insert(QStringLiteral("previous_epoch"), previousEpoch);
        o.insert(QStringLiteral("bottleneck_to_previous"), valuesToJson(bottleneckToPrevious));
        o.insert(QStringLiteral("wasserstein_to_previous"), valuesToJson(wassersteinToPrevious));
        if (linfToPrevious)
            o.insert(QStringLiteral("linf_to_previous"), *linfToPrevious);
    }
    return o;
}

EpochRecord EpochRecord::fromJson(const QJsonObject &o)
{
    EpochRecord r;
    r.epoch = o.value(QStringLiteral("epoch")).toInt(-1);
    r.loss = o.value(QStringLiteral("loss")).toDouble();
    r.trainAccuracy = o.value(QStringLiteral("train_accuracy")).toDouble();
    r.testAccuracy = o.value(QStringLiteral("test_accuracy")).toDouble();
    r.seconds = timingsFromJson(o.value(QStringLiteral("seconds")).toObject());
    r.analysed = o.value(QStringLiteral("analysed")).toBool();
    r.neurons = o.value(QStringLiteral("neurons")).toInt();
    r.constantNeurons = o.value(QStringLiteral("constant_neurons")).toInt();
    r.analysisError = o.value(QStringLiteral("analysis_error")).toString();
    r.previousEpoch = o.value(QStringLiteral("previous_epoch")).toInt(-1);
    r.bottleneckToPrevious = valuesFromJson(o.value(QStringLiteral("bottleneck_to_previous")));
    r.wassersteinToPrevious = valuesFromJson(o.value(QStringLiteral("wasserstein_to_previous")));
    if (o.value(QStringLiteral("linf_to_previous")).isDouble())
        r.linfToPrevious = o.value(QStringLiteral("linf_to_previous")).toDouble();
    return r;
}

QJsonObject RunRecord::toJson() const
{
    QJsonArray list;
    for (const auto &e : epochs)
        list.append(e.toJson());
    return {{QStringLiteral("format"), 1},
            {QStringLiteral("engine"), engine},
            {QStringLiteral("threshold"), threshold ? QJsonValue(*threshold) : QJsonValue()},
            {QStringLiteral("finished"), finished},
            {QStringLiteral("epochs"), list}};
}

const EpochRecord *RunRecord::find(int epoch) const
{
    for (const auto &e : epochs)
        if (e.epoch == epoch)
            return &e;
    return nullptr;
}

RunRecord RunRecord::fromJson(const QByteArray &json, const QString &file)
{
    RunRecord record;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        throw InputError(file, {}, {},
                         QStringLiteral("damaged run record: ")
                             + (error.error != QJsonParseError::NoError
                                    ? QStringLiteral("%1 at offset %2").arg(error.errorString()).arg(error.offset)
                                    : QStringLiteral("not a JSON object")));
    const QJsonObject o = doc.object();
    record.engine = o.value(QStringLiteral("engine")).toString();
    if (o.value(QStringLiteral("threshold")).isDouble())
        record.threshold = o.value(QStringLiteral("threshold")).toDouble();
    record.finished = o.value(QStringLiteral("finished")).toBool();
    const QJsonValue epochs = o.value(QStringLiteral("epochs"));
    if (!epochs.isArray() && !epochs.isUndefined())
        throw InputError(file, QStringLiteral("epochs"), {}, QStringLiteral("expected a list of epochs"));
    const QJsonArray list = epochs.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!list[i].isObject())
            throw InputError(file, QStringLiteral("epochs[%1]").arg(i), {}, QStringLiteral("expected an object"));
        EpochRecord e = EpochRecord::fromJson(list[i].toObject());
        const QJsonValue number = list[i].toObject().value(QStringLiteral("epoch"));
        if (e.epoch < 0)
            throw InputError(file, QStringLiteral("epochs[%1].epoch").arg(i),
                             number.isUndefined() ? QString() : QString::number(number.toDouble(), 'g', 17),
                             QStringLiteral("missing, negative or not a whole number"));
        if (!record.epochs.empty() && e.epoch <= record.epochs.back().epoch)
            throw InputError(file, QStringLiteral("epochs[%1].epoch").arg(i), QString::number(e.epoch),
                             QStringLiteral("epochs must be listed in increasing order"));
        record.epochs.push_back(e);
    }
    return record;
}

RunFolder::RunFolder(QString dir) : m_dir(std::move(dir)) {}

QString RunFolder::path() const
{
    return m_dir;
}

QString RunFolder::epochDir(int epoch) const
{
    return m_dir + QStringLiteral("/epochs/") + QStringLiteral("%1").arg(epoch, 4, 10, QLatin1Char('0'));
}

QString RunFolder::stagingDir(int epoch) const
{
    return m_dir + QStringLiteral("/staging-") + QStringLiteral("%1").arg(epoch, 4, 10, QLatin1Char('0'));
}

QString RunFolder::distancePath(int epoch) const
{
    return epochDir(epoch) + QStringLiteral("/distance.npy");
}

QString RunFolder::cyclesPath(int epoch) const
{
    return epochDir(epoch) + QStringLiteral("/cycles.json");
}

QString RunFolder::matchingPath(int epoch) const
{
    return epochDir(epoch) + QStringLiteral("/matching.csv");
}

QString RunFolder::diagramPath(int epoch) const
{
    return epochDir(epoch) + QStringLiteral("/diagram.csv");
}

QString RunFolder::modelStatePath(int epoch) const
{
    return m_dir + QStringLiteral("/state/model-%1.pt").arg(epoch, 4, 10, QLatin1Char('0'));
}

QString RunFolder::optimizerStatePath(int epoch) const
{
    return m_dir + QStringLiteral("/state/optimizer-%1.pt").arg(epoch, 4, 10, QLatin1Char('0'));
}

void RunFolder::create(const ExperimentSpec &spec, const std::vector<NeuronId> &neurons) const
{
    const QDir dir(m_dir);
    if (dir.exists(kRunFile) || dir.exists(kSpecFile))
        throw InputError(m_dir, {}, {},
                         QStringLiteral("this folder already holds a run; choose another output folder"));
    QByteArray csv = "index,layer,unit,label\n";
    const int layerCount = int(spec.model.layers.size());
    for (size_t i = 0; i < neurons.size(); ++i)
        csv += QStringLiteral("%1,%2,%3,%4\n")
                   .arg(i)
                   .arg(neurons[i].layer)
                   .arg(neurons[i].unit)
                   .arg(neuronLabel(neurons[i], layerCount))
                   .toUtf8();
    writeFileAtomically(dir.filePath(kNeuronsFile), csv);
    // spec.json last: it is what makes the folder a run (readers and
    // --resume look for it), so a run that has it has its neurons too.
    writeFileAtomically(dir.filePath(kSpecFile), spec.toJsonBytes());
}

FolderLock RunFolder::lock() const
{
    return FolderLock::acquire(m_dir);
}

void RunFolder::stageDistance(int epoch, const FloatMatrix &distances) const
{
    writeNpy(stagingDir(epoch) + QStringLiteral("/distance.npy"), distances);
}

void RunFolder::stageDiagram(int epoch, const PersistenceDiagram &diagram) const
{
    writeDiagramCsv(stagingDir(epoch) + QStringLiteral("/diagram.csv"), diagram);
}

void RunFolder::stageCycles(int epoch, const CycleSet &cycles) const
{
    writeCyclesJson(stagingDir(epoch) + QStringLiteral("/cycles.json"), cycles);
}

void RunFolder::publishEpoch(int epoch) const
{
    const QString staged = stagingDir(epoch), published = epochDir(epoch);
    // An epoch folder run.json does not list (a kill came between this
    // rename and run.json) is replaced: rename(2) does not replace a folder
    // that holds files.
    if (QFileInfo::exists(published))
        QDir(published).removeRecursively();
    if (!QDir().mkpath(m_dir + QStringLiteral("/epochs")) || !QDir().rename(staged, published))
        throw RunError(QStringLiteral("%1: cannot rename to %2").arg(staged, published));
}

void RunFolder::writeRecord(const RunRecord &record) const
{
    writeFileAtomically(QDir(m_dir).filePath(kRunFile),
                        QJsonDocument(record.toJson()).toJson(QJsonDocument::Indented));
}

void RunFolder::writeSpec(const ExperimentSpec &spec) const
{
    writeFileAtomically(QDir(m_dir).filePath(kSpecFile), spec.toJsonBytes());
}

void RunFolder::writeState(int epoch, const TrainerState &state) const
{
    writeFileAtomically(modelStatePath(epoch), state.model);
    if (!state.optimizer.isEmpty())
        writeFileAtomically(optimizerStatePath(epoch), state.optimizer);
}

int RunFolder::removeStatesExcept(int epoch) const
{
    QDir states(m_dir + QStringLiteral("/state"));
    // Every epoch's network, for analysing the run again; the optimizer
    // (twice the network's size with Adam) only for resuming after the last.
    QStringList keep{QFileInfo(optimizerStatePath(epoch)).fileName()};
    for (int k = 0; k <= epoch; ++k)
        keep.append(QFileInfo(modelStatePath(k)).fileName());
    int removed = 0;
    // Temporaries of interrupted writes ("model-0003.pt.XXXXXX") included.
    for (const QString &name : states.entryList({QStringLiteral("model-*"), QStringLiteral("optimizer-*")},
                                                QDir::Files | QDir::Hidden))
        if (!keep.contains(name) && states.remove(name))
            ++removed;
    return removed;
}

TrainerState RunFolder::readState(int epoch) const
{
    for (const QString &file : {modelStatePath(epoch), optimizerStatePath(epoch)})
        if (!QFileInfo::exists(file))
            throw InputError(file, {}, {},
                             QStringLiteral("no such file: the trainer's state after epoch %1, which resuming "
                                            "needs (runs written before NetBetti saved it cannot be resumed)")
                                 .arg(epoch));
    // Small files, but a damaged one must not read gigabytes.
    constexpr qint64 kMaxStateBytes = qint64(1) << 33;
    return {readWholeFile(modelStatePath(epoch), kMaxStateBytes),
            readWholeFile(optimizerStatePath(epoch), kMaxStateBytes)};
}

int RunFolder::removeUnlisted(const RunRecord &record) const
{
    // QSaveFile writes "name.XXXXXX" beside "name" (unless the file system
    // offers unnamed temporary files); a kill between its write and its
    // rename leaves that behind, and an epoch's files may be complete on disk
    // without run.json listing it yet. Neither is data: remove both.
    int removed = 0;
    auto removeFile = [&removed](QDir &dir, const QString &name) {
        if (dir.remove(name))
            ++removed;
    };
    QDir root(m_dir);
    for (const QString &name : root.entryList(QDir::Files | QDir::Hidden))
        for (const QString &known : {kSpecFile, kRunFile, kNeuronsFile})
            if (name.startsWith(known + QLatin1Char('.')))
                removeFile(root, name);

    // Staged epochs are never data: the kill came before they were complete.
    for (const QString &name : root.entryList({QStringLiteral("staging-*")}, QDir::Dirs | QDir::Hidden)) {
        QDirIterator staged(root.filePath(name), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (staged.hasNext()) {
            staged.next();
            ++removed;
        }
        QDir(root.filePath(name)).removeRecursively();
    }

    QDir epochs(m_dir + QStringLiteral("/epochs"));
    for (const QString &sub : epochs.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool isNumber = false;
        const int epoch = sub.toInt(&isNumber);
        if (!isNumber || sub != QFileInfo(epochDir(epoch)).fileName())
            continue; // not ours: leave it alone
        const EpochRecord *listed = record.find(epoch);
        QDir dir(epochs.filePath(sub));
        for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden)) {
            bool data = false, temporary = false;
            for (QLatin1String file : {QLatin1String("distance.npy"), QLatin1String("diagram.csv"),
                                       QLatin1String("matching.csv"), QLatin1String("cycles.json")}) {
                data = data || name == file;
                temporary = temporary || name.startsWith(file + QLatin1Char('.'));
            }
            if (temporary || (data && !listed))
                removeFile(dir, name);
        }
        if (!listed)
            epochs.rmdir(sub); // only if empty
    }

    removed += removeStatesExcept(record.epochs.empty() ? -1 : record.epochs.back().epoch);
    return removed;
}

ExperimentSpec RunFolder::readSpec() const
{
    const QString file = QDir(m_dir).filePath(kSpecFile);
    if (!QFileInfo::exists(file))
        throw InputError(m_dir, {}, {}, QStringLiteral("not a run folder (no spec.json)"));
    return ExperimentSpec::fromFile(file);
}

RunRecord RunFolder::readRecord() const
{
    const QString file = QDir(m_dir).filePath(kRunFile);
    if (!QFileInfo::exists(file))
        return {}; // created, killed before its first epoch: an empty run
    return RunRecord::fromJson(readWholeFile(file, 256 << 20), file);
}

std::vector<NeuronId> RunFolder::readNeurons() const
{
    const QString file = QDir(m_dir).filePath(kNeuronsFile);
    const QList<QByteArray> lines = readWholeFile(file, 64 << 20).split('\n');
    std::vector<NeuronId> neurons;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (lines[i].trimmed().isEmpty())
            continue;
        const QList<QByteArray> f = lines[i].split(',');
        bool okLayer = false, okUnit = false;
        NeuronId n;
        if (f.size() >= 3) {
            n.layer = f[1].toInt(&okLayer);
            n.unit = f[2].toInt(&okUnit);
        }
        if (!okLayer || !okUnit)
            throw InputError(file, QStringLiteral("line %1").arg(i + 1), QString::fromUtf8(lines[i].left(60)),
                             QStringLiteral("expected index,layer,unit,label"));
        neurons.push_back(n);
    }
    return neurons;
}

FloatMatrix RunFolder::readDistance(int epoch) const
{
    return readNpy(distancePath(epoch));
}

PersistenceDiagram RunFolder::readDiagram(int epoch, std::optional<double> threshold) const
{
    PersistenceDiagram diagram = readDiagramCsv(diagramPath(epoch));
    diagram.threshold = threshold;
    return diagram;
}

void RunFolder::writeMatching(int epoch, const std::vector<BarMatch> &matching) const
{
    writeFileAtomically(matchingPath(epoch), matchingToCsv(matching));
}

std::optional<std::vector<BarMatch>> RunFolder::readMatching(int epoch) const
{
    const QString path = matchingPath(epoch);
    if (!QFileInfo::exists(path))
        return std::nullopt;
    return matchingFromCsv(readWholeFile(path, qint64(1) << 30), path);
}

std::optional<CycleSet> RunFolder::readCycles(int epoch, int points) const
{
    const QString path = cyclesPath(epoch);
    if (!QFileInfo::exists(path))
        return std::nullopt;
    return readCyclesJson(path, points);
}

} // namespace netbetti
