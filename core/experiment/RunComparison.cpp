#include "RunComparison.h"

#include "Error.h"

#include <algorithm>
#include <functional>

namespace netbetti {

int lastCommonEpoch(const RunData &a, const RunData &b)
{
    int common = -1;
    for (const auto &entry : a.diagrams)
        if (b.diagrams.count(entry.first))
            common = entry.first;
    return common;
}

std::vector<int> commonEpochs(const std::vector<const RunData *> &runs)
{
    std::vector<int> common;
    if (runs.empty())
        return common;
    for (const auto &entry : runs.front()->diagrams) {
        bool everywhere = true;
        for (const RunData *run : runs)
            everywhere = everywhere && run->diagrams.count(entry.first);
        if (everywhere)
            common.push_back(entry.first);
    }
    return common;
}

namespace {

/// A dataset setting, as a message says it: `what` of one run against another's.
struct DatasetField
{
    const char *name;
    std::function<QString(const DatasetSpec &)> value;
};

const std::vector<DatasetField> &datasetFields()
{
    static const std::vector<DatasetField> fields{
        {"dataset.kind", [](const DatasetSpec &d) { return d.kind; }},
        {"dataset.dim", [](const DatasetSpec &d) { return QString::number(d.dim); }},
        {"dataset.samples", [](const DatasetSpec &d) { return QString::number(d.samples); }},
        {"dataset.test_fraction", [](const DatasetSpec &d) { return QString::number(d.testFraction); }},
        {"dataset.noise", [](const DatasetSpec &d) { return QString::number(d.noise); }},
        {"dataset.classes", [](const DatasetSpec &d) { return QString::number(d.classes); }},
        {"dataset.path", [](const DatasetSpec &d) { return d.path; }},
        {"dataset.images", [](const DatasetSpec &d) { return d.images; }},
        {"dataset.test_images", [](const DatasetSpec &d) { return d.testImages; }},
    };
    return fields;
}

} // namespace

QString whyNotComparable(const std::vector<NamedRun> &runs)
{
    for (size_t i = 1; i < runs.size(); ++i)
        for (const DatasetField &field : datasetFields()) {
            const QString first = field.value(runs.front().data.spec.dataset);
            const QString other = field.value(runs[i].data.spec.dataset);
            if (first != other)
                return QStringLiteral("%1 and %2 were trained on different datasets (%3: %4 against %5); "
                                      "their diagrams are not comparable")
                    .arg(runs.front().name, runs[i].name, QLatin1String(field.name), first, other);
        }
    return QString();
}

std::vector<EpochDistances> distancesByEpoch(const RunData &a, const RunData &b, int maxDim)
{
    std::vector<EpochDistances> out;
    for (const auto &[epoch, da] : a.diagrams) {
        const auto other = b.diagrams.find(epoch);
        if (other != b.diagrams.end())
            out.push_back({epoch, diagramDistances(da, other->second, maxDim)});
    }
    return out;
}

RunDistanceMatrix runDistanceMatrix(const std::vector<NamedRun> &runs, std::optional<int> epoch)
{
    RunDistanceMatrix m;
    const Eigen::Index n = Eigen::Index(runs.size());
    m.maxDim = kMaxHomologyDim;
    for (const NamedRun &run : runs) {
        m.names.push_back(run.name);
        m.maxDim = std::min(m.maxDim, run.data.maxDim());
        if (epoch && !run.data.diagrams.count(*epoch))
            throw InputError(run.name, QStringLiteral("epoch"), QString::number(*epoch),
                             QStringLiteral("this run has no diagram of that epoch"));
    }
    m.epochs = Eigen::MatrixXi::Constant(n, n, -1);
    m.bottleneck.assign(size_t(m.maxDim + 1), Eigen::MatrixXd::Zero(n, n));
    m.wasserstein = m.bottleneck;
    for (Eigen::Index i = 0; i < n; ++i) {
        const RunData &a = runs[size_t(i)].data;
        m.epochs(i, i) = epoch.value_or(a.diagrams.empty() ? -1 : a.diagrams.rbegin()->first);
        for (Eigen::Index j = i + 1; j < n; ++j) {
            const RunData &b = runs[size_t(j)].data;
            const int at = epoch.value_or(lastCommonEpoch(a, b));
            if (at < 0)
                throw InputError(runs[size_t(i)].name, QStringLiteral("epochs"), runs[size_t(j)].name,
                                 QStringLiteral("the two runs have no analysed epoch in common"));
            const DiagramDistances d = diagramDistances(a.diagrams.at(at), b.diagrams.at(at), m.maxDim);
            m.epochs(i, j) = m.epochs(j, i) = at;
            for (size_t dim = 0; dim <= size_t(m.maxDim); ++dim) {
                m.bottleneck[dim](i, j) = m.bottleneck[dim](j, i) = d.bottleneck[dim];
                m.wasserstein[dim](i, j) = m.wasserstein[dim](j, i) = d.wasserstein[dim];
            }
        }
    }
    return m;
}

namespace {

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')))
        return text;
    QString quoted = text;
    return QLatin1Char('"') + quoted.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
}

} // namespace

QByteArray RunDistanceMatrix::toCsv() const
{
    QByteArray csv = "run_a,run_b,epoch,dim,bottleneck,wasserstein\n";
    const Eigen::Index n = Eigen::Index(names.size());
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < n; ++j)
            for (size_t dim = 0; dim < bottleneck.size(); ++dim)
                csv += QStringLiteral("%1,%2,%3,%4,%5,%6\n")
                           .arg(csvField(names[size_t(i)]), csvField(names[size_t(j)]))
                           .arg(epochs(i, j))
                           .arg(dim)
                           .arg(bottleneck[dim](i, j), 0, 'g', 10)
                           .arg(wasserstein[dim](i, j), 0, 'g', 10)
                           .toUtf8();
    return csv;
}

} // namespace netbetti
