#include "plots/Comparison.h"

#include "Error.h"
#include "plots/RunNames.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <algorithm>

namespace netbetti {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Comparison", text);
}

} // namespace

ComparedRun readComparedRun(const QString &folder)
{
    return {QFileInfo(folder).absoluteFilePath(), std::make_shared<const RunData>(RunData::read(RunFolder(folder)))};
}

QStringList comparedNames(const ComparisonState &state)
{
    if (state.comparesEpochs())
        return state.runs.empty() ? QStringList() : QStringList{runTitle(state.runs.front().data->spec)};
    std::vector<ExperimentSpec> specs;
    for (const ComparedRun &run : state.runs)
        specs.push_back(run.data->spec);
    return distinguishingNames(specs);
}

std::vector<NamedRun> namedRuns(const ComparisonState &state)
{
    const QStringList names = comparedNames(state);
    std::vector<NamedRun> runs;
    for (qsizetype i = 0; i < names.size(); ++i)
        runs.push_back({names[i], *state.runs[size_t(i)].data});
    return runs;
}

int comparedMaxDim(const ComparisonState &state)
{
    int maxDim = kMaxHomologyDim;
    for (const ComparedRun &run : state.runs)
        maxDim = std::min(maxDim, run.data->maxDim());
    return state.runs.empty() ? 0 : maxDim;
}

std::vector<int> scrubbedEpochs(const ComparisonState &state)
{
    std::vector<const RunData *> runs;
    for (const ComparedRun &run : state.runs) {
        runs.push_back(run.data.get());
        if (state.comparesEpochs())
            break;
    }
    return commonEpochs(runs);
}

int shownEpoch(const ComparisonState &state)
{
    const std::vector<int> epochs = scrubbedEpochs(state);
    if (epochs.empty())
        return -1;
    return std::find(epochs.begin(), epochs.end(), state.epoch) != epochs.end() ? state.epoch : epochs.back();
}

QString comparisonProblem(const ComparisonState &state)
{
    if (state.comparesEpochs()) {
        if (state.runs.empty())
            return tr("Open a run to compare two of its epochs.");
        const RunData &run = *state.runs.front().data;
        if (!run.diagrams.count(state.referenceEpoch))
            return tr("%1 has no analysed epoch %2 to compare with.")
                .arg(runTitle(run.spec))
                .arg(state.referenceEpoch);
        return run.diagrams.size() < 2 ? tr("%1 has a single analysed epoch: there is nothing to compare it with.")
                                             .arg(runTitle(run.spec))
                                       : QString();
    }
    if (state.runs.size() < 2)
        return tr("Add a second run to compare: Add Runs… (runs trained on the same dataset).");
    const std::vector<NamedRun> runs = namedRuns(state);
    const QString datasets = whyNotComparable(runs);
    if (!datasets.isEmpty())
        return datasets + QLatin1Char('.');
    if (scrubbedEpochs(state).empty()) {
        // Name a pair with nothing in common, or say that the whole set has not.
        for (size_t i = 0; i < runs.size(); ++i)
            for (size_t j = i + 1; j < runs.size(); ++j)
                if (lastCommonEpoch(runs[i].data, runs[j].data) < 0)
                    return tr("%1 and %2 have no analysed epoch in common: there is no epoch at which to "
                              "compare their diagrams.")
                        .arg(runs[i].name, runs[j].name);
        return tr("The runs have no analysed epoch in common to all of them.");
    }
    return QString();
}

double sharedScaleRange(const ComparisonState &state)
{
    double range = 0.0;
    for (const ComparedRun &run : state.runs) {
        for (const auto &entry : run.data->diagrams)
            range = std::max(range, entry.second.largestFiniteValue());
        if (run.data->spec.analysis.threshold)
            range = std::max(range, *run.data->spec.analysis.threshold);
    }
    return range;
}

QString distanceName(bool wasserstein)
{
    return wasserstein ? tr("1-Wasserstein") : tr("bottleneck");
}

} // namespace netbetti
