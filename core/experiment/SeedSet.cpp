#include "SeedSet.h"

#include "Error.h"
#include "SweepIndex.h"
#include "storage/AtomicFile.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace netbetti {

namespace {

/// The first dotted path at which a and b differ, empty when they are equal.
QString firstDifference(const QJsonObject &a, const QJsonObject &b, const QString &prefix = {})
{
    QStringList keys = a.keys();
    for (const QString &key : b.keys())
        if (!keys.contains(key))
            keys << key;
    std::sort(keys.begin(), keys.end());
    for (const QString &key : keys) {
        const QJsonValue x = a.value(key), y = b.value(key);
        if (x == y)
            continue;
        const QString path = prefix.isEmpty() ? key : prefix + QLatin1Char('.') + key;
        if (x.isObject() && y.isObject())
            return firstDifference(x.toObject(), y.toObject(), path);
        return path;
    }
    return {};
}

/// The spec without what seeds of one experiment may differ in.
QJsonObject experimentOf(const ExperimentSpec &spec)
{
    QJsonObject o = spec.toJson();
    o.remove(QStringLiteral("seed"));
    o.remove(QStringLiteral("name"));
    return o;
}

/// The value at a dotted path, for a message.
QString valueAt(QJsonObject o, const QString &path)
{
    const QStringList parts = path.split(QLatin1Char('.'));
    for (qsizetype i = 0; i + 1 < parts.size(); ++i)
        o = o.value(parts[i]).toObject();
    return describeJsonValue(o.value(parts.last()));
}

} // namespace

QJsonObject seedSweepDefinition(const QJsonObject &spec, int count, qint64 first, const QString &countField,
                                const QString &firstField)
{
    if (count < 1)
        throw InputError({}, countField, QString::number(count),
                         QStringLiteral("a seed set needs at least one seed"));
    constexpr qint64 kLargest = qint64(1) << 53; // whole numbers JSON keeps exactly
    if (first < 0 || first > kLargest - count)
        throw InputError({}, firstField, QString::number(first),
                         QStringLiteral("expected a seed from 0 to %1 for %2 seeds").arg(kLargest - count).arg(count));
    QJsonArray seeds;
    for (int k = 0; k < count; ++k)
        seeds.append(first + k);
    return {{QStringLiteral("base"), spec}, {QStringLiteral("vary"), QJsonObject{{QStringLiteral("seed"), seeds}}}};
}

void checkOneExperiment(const std::vector<ExperimentSpec> &specs, const QStringList &where)
{
    if (specs.empty())
        return;
    const QJsonObject first = experimentOf(specs.front());
    for (size_t i = 1; i < specs.size(); ++i) {
        const QJsonObject other = experimentOf(specs[i]);
        const QString path = firstDifference(first, other);
        if (!path.isEmpty())
            throw InputError(where.value(qsizetype(i)), path, valueAt(other, path),
                             QStringLiteral("not the experiment of %1 (%2 there): seeds of one experiment may "
                                            "differ in their seed only")
                                 .arg(where.value(0), valueAt(first, path)));
    }
}

bool SeedSet::isSweepFolder(const QString &dir)
{
    return QFileInfo::exists(QDir(dir).filePath(QStringLiteral("sweep.json")));
}

void SeedSet::checkVariesSeedOnly(const SweepIndex &index, const QString &folder)
{
    const QString indexFile = QDir(folder).filePath(QStringLiteral("sweep.json"));
    const QJsonObject vary = index.definition.value(QStringLiteral("vary")).toObject();
    for (auto it = vary.begin(); it != vary.end(); ++it)
        if (it.key() != QLatin1String("seed"))
            throw InputError(indexFile, QStringLiteral("vary.") + it.key(), describeJsonValue(it.value()),
                             QStringLiteral("a seed set varies the seed only; this sweep's runs are different "
                                            "experiments (File › Open Sweep shows them side by side)"));
    if (!vary.contains(QStringLiteral("seed")))
        throw InputError(indexFile, QStringLiteral("vary"), describeJsonValue(vary),
                         QStringLiteral("a seed set varies the seed"));
}

SeedSet SeedSet::read(const QString &dir)
{
    SeedSet set;
    set.folder = QFileInfo(dir).absoluteFilePath();
    if (!isSweepFolder(dir))
        throw InputError(set.folder, {}, {},
                         QStringLiteral("not a seed set (no sweep.json); Run › Train Seeds… or netbetti-cli seeds "
                                        "makes one"));
    const SweepIndex index = SweepIndex::read(set.folder);
    checkVariesSeedOnly(index, set.folder);

    std::vector<ExperimentSpec> specs;
    QStringList where;
    for (const SweepEntry &e : index.runs) {
        SeedRun r;
        r.name = e.name;
        r.seed = e.values.value(QStringLiteral("seed")).toInteger();
        r.folder = QDir(set.folder).filePath(e.folder);
        const QString errorFile = QDir(set.folder).filePath(QStringLiteral("errors/%1.txt").arg(e.name));
        const bool hasRun = QFileInfo::exists(QDir(r.folder).filePath(QStringLiteral("spec.json")));
        try {
            if (hasRun) {
                auto run = std::make_shared<const RunData>(RunData::read(RunFolder(r.folder)));
                const int last = run->record.epochs.empty() ? -1 : run->record.epochs.back().epoch;
                if (run->record.finished && last == run->spec.training.epochs) {
                    r.status = QStringLiteral("finished");
                    r.run = std::move(run);
                } else {
                    r.status = QStringLiteral("unfinished");
                    r.problem = last < 0 ? QStringLiteral("unfinished, no epoch yet")
                                         : QStringLiteral("unfinished after epoch %1 of %2")
                                               .arg(last)
                                               .arg(run->spec.training.epochs);
                }
            }
        } catch (const InputError &error) {
            r.status = QStringLiteral("damaged");
            r.problem = QStringLiteral("damaged: ") + QString::fromUtf8(error.what());
        }
        if (r.status != QLatin1String("finished") && QFileInfo::exists(errorFile)) {
            r.status = QStringLiteral("failed");
            r.problem = QStringLiteral("failed: ")
                        + QString::fromUtf8(readWholeFile(errorFile, 1 << 20)).trimmed().section(QLatin1Char('\n'), 0, 0);
        } else if (r.status.isEmpty()) {
            r.status = QStringLiteral("missing");
            r.problem = QStringLiteral("missing: no run in %1").arg(e.folder);
        }
        if (r.run) {
            specs.push_back(r.run->spec);
            where << r.folder;
        }
        set.runs.push_back(std::move(r));
    }
    if (specs.empty())
        throw InputError(set.folder, {}, {},
                         QStringLiteral("no seed of this set has finished (%1)")
                             .arg(set.problems().join(QStringLiteral("; "))));
    checkOneExperiment(specs, where);
    set.spec = specs.front();
    return set;
}

std::vector<const RunData *> SeedSet::finished() const
{
    std::vector<const RunData *> out;
    for (const SeedRun &r : runs)
        if (r.run)
            out.push_back(r.run.get());
    return out;
}

QString SeedSet::firstFinished() const
{
    for (const SeedRun &r : runs)
        if (r.run)
            return r.folder;
    return {};
}

QStringList SeedSet::problems() const
{
    QStringList lines;
    for (const SeedRun &r : runs)
        if (!r.run)
            lines << QStringLiteral("seed %1 (runs/%2): %3").arg(r.seed).arg(r.name, r.problem);
    return lines;
}

int SeedSet::maxDim() const
{
    return spec.analysis.maxDim;
}

double quantileOfSorted(const std::vector<double> &values, double q)
{
    if (values.empty())
        return std::numeric_limits<double>::quiet_NaN();
    const double position = double(values.size() - 1) * std::clamp(q, 0.0, 1.0);
    const size_t below = size_t(std::floor(position));
    const size_t above = std::min(below + 1, values.size() - 1);
    const double t = position - double(below);
    return values[below] + t * (values[above] - values[below]);
}

BettiBand bettiBand(const std::vector<const RunData *> &runs, int dim, double eps)
{
    BettiBand band;
    band.dim = dim;
    std::set<int> epochs;
    for (const RunData *run : runs)
        for (const auto &entry : run->diagrams)
            epochs.insert(entry.first);
    for (int epoch : epochs) {
        std::vector<double> values;
        for (const RunData *run : runs) {
            const auto it = run->diagrams.find(epoch);
            if (it != run->diagrams.end())
                values.push_back(it->second.bettiAt(dim, eps));
        }
        std::sort(values.begin(), values.end());
        band.epochs.push_back(epoch);
        band.runs.push_back(int(values.size()));
        band.min.push_back(values.front());
        band.lowerQuartile.push_back(quantileOfSorted(values, 0.25));
        band.median.push_back(quantileOfSorted(values, 0.5));
        band.upperQuartile.push_back(quantileOfSorted(values, 0.75));
        band.max.push_back(values.back());
    }
    return band;
}

} // namespace netbetti
