#include "RunTables.h"

#include "Error.h"
#include "storage/AtomicFile.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>

namespace netbetti {

namespace {

QJsonValue finiteOrNull(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue();
}

QString number(double v)
{
    return QString::number(v, 'g', 10);
}

} // namespace

RunData RunData::read(const RunFolder &folder)
{
    RunData run;
    run.spec = folder.readSpec();
    run.record = folder.readRecord();
    for (const EpochRecord &e : run.record.epochs)
        if (e.analysed && e.analysisError.isEmpty())
            run.diagrams.emplace(e.epoch, folder.readDiagram(e.epoch, run.record.threshold));
    return run;
}

int RunData::maxDim() const
{
    return spec.analysis.maxDim;
}

QByteArray bettiAtScaleCsv(const RunData &run, double scale)
{
    QByteArray out = "epoch";
    for (int dim = 0; dim <= run.maxDim(); ++dim)
        out += ",beta" + QByteArray::number(dim);
    out += '\n';
    for (const auto &[epoch, diagram] : run.diagrams) {
        out += QByteArray::number(epoch);
        for (int dim = 0; dim <= run.maxDim(); ++dim)
            out += ',' + QByteArray::number(diagram.bettiAt(dim, scale));
        out += '\n';
    }
    return out;
}

QByteArray bettiByScaleCsv(const RunData &run, int dim, const std::vector<double> &scales)
{
    QByteArray out = "epoch";
    for (double eps : scales)
        out += ',' + number(eps).toUtf8();
    out += '\n';
    for (const auto &[epoch, diagram] : run.diagrams) {
        out += QByteArray::number(epoch);
        for (double eps : scales)
            out += ',' + QByteArray::number(diagram.bettiAt(dim, eps));
        out += '\n';
    }
    return out;
}

std::vector<double> scaleGrid(const RunData &run, int steps)
{
    double top = 0.0;
    for (const auto &entry : run.diagrams)
        top = std::max(top, entry.second.largestFiniteValue());
    if (top <= 0.0)
        top = 1.0;
    std::vector<double> grid;
    for (int i = 0; i <= steps; ++i)
        grid.push_back(top * i / steps);
    return grid;
}

QJsonObject runSummary(const RunData &run, double scale)
{
    QJsonArray epochs;
    for (const EpochRecord &e : run.record.epochs) {
        QJsonObject row{{QStringLiteral("epoch"), e.epoch},
                        {QStringLiteral("loss"), e.loss},
                        {QStringLiteral("train_accuracy"), e.trainAccuracy},
                        {QStringLiteral("test_accuracy"), e.testAccuracy},
                        {QStringLiteral("neurons"), e.neurons},
                        {QStringLiteral("constant_neurons"), e.constantNeurons},
                        {QStringLiteral("previous_epoch"), e.previousEpoch >= 0 ? QJsonValue(e.previousEpoch) : QJsonValue()},
                        {QStringLiteral("linf_to_previous"), e.linfToPrevious ? QJsonValue(*e.linfToPrevious) : QJsonValue()}};
        const auto found = run.diagrams.find(e.epoch);
        if (found == run.diagrams.end()) {
            row.insert(QStringLiteral("analysis_error"), e.analysisError);
            epochs.append(row);
            continue;
        }
        const PersistenceDiagram &diagram = found->second;
        QJsonArray dims;
        for (int dim = 0; dim <= run.maxDim(); ++dim) {
            const size_t k = size_t(dim);
            dims.append(QJsonObject{
                {QStringLiteral("dim"), dim},
                {QStringLiteral("bars"), diagram.count(dim)},
                {QStringLiteral("total_persistence"), diagram.totalPersistence(dim)},
                {QStringLiteral("max_persistence"), diagram.maxPersistence(dim)},
                {QStringLiteral("betti"), diagram.bettiAt(dim, scale)},
                {QStringLiteral("bottleneck_to_previous"),
                 k < e.bottleneckToPrevious.size() ? finiteOrNull(e.bottleneckToPrevious[k]) : QJsonValue()},
                {QStringLiteral("wasserstein_to_previous"),
                 k < e.wassersteinToPrevious.size() ? finiteOrNull(e.wassersteinToPrevious[k]) : QJsonValue()}});
        }
        row.insert(QStringLiteral("dimensions"), dims);
        epochs.append(row);
    }
    return {{QStringLiteral("name"), run.spec.name},
            {QStringLiteral("layers"), architectureName(run.spec.model.layers)},
            {QStringLiteral("scale"), scale},
            {QStringLiteral("threshold"), run.record.threshold ? QJsonValue(*run.record.threshold) : QJsonValue()},
            {QStringLiteral("finished"), run.record.finished},
            {QStringLiteral("epochs"), epochs}};
}

QStringList writeRunTables(const RunData &run, const QString &dir, double scale, int scaleSteps)
{
    if (!QDir().mkpath(dir))
        throw RunError(QStringLiteral("%1: cannot make the folder").arg(dir));
    QStringList written;
    auto write = [&](const QString &name, const QByteArray &bytes) {
        const QString path = QDir(dir).filePath(name);
        writeFileAtomically(path, bytes);
        written << path;
    };
    write(QStringLiteral("betti.csv"), bettiAtScaleCsv(run, scale));
    const std::vector<double> grid = scaleGrid(run, scaleSteps);
    for (int dim = 0; dim <= run.maxDim(); ++dim)
        write(QStringLiteral("betti-by-scale-H%1.csv").arg(dim), bettiByScaleCsv(run, dim, grid));
    write(QStringLiteral("summary.json"), QJsonDocument(runSummary(run, scale)).toJson(QJsonDocument::Indented));
    return written;
}

} // namespace netbetti
