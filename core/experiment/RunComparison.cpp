#include "RunComparison.h"

#include "Error.h"
#include "topology/DiagramDistance.h"

#include <algorithm>

namespace netbetti {

int lastCommonEpoch(const RunData &a, const RunData &b)
{
    int common = -1;
    for (const auto &entry : a.diagrams)
        if (b.diagrams.count(entry.first))
            common = entry.first;
    return common;
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
