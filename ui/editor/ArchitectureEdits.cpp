#include "editor/ArchitectureEdits.h"

#include "Error.h"

#include <algorithm>
#include <numeric>

namespace netbetti::architecture {

namespace {

/// `newIndexOf[i]`: where old layer i went (−1: removed).
ExperimentSpec withLayers(const ExperimentSpec &spec, const std::vector<int> &layers,
                          const std::vector<int> &newIndexOf)
{
    ExperimentSpec next = spec;
    const QString oldName = architectureName(spec.model.layers);
    if (next.name.endsWith(oldName))
        next.name = next.name.left(next.name.size() - oldName.size()) + architectureName(layers);
    next.model.layers = layers;
    if (next.analysis.neurons == QLatin1String("layers")) {
        std::vector<int> chosen;
        for (int old : spec.analysis.layers)
            if (newIndexOf[size_t(old)] >= 0)
                chosen.push_back(newIndexOf[size_t(old)]);
        std::sort(chosen.begin(), chosen.end());
        if (chosen.empty())
            throw InputError(QStringLiteral(
                "No layer would be left in the metric space: choose other neurons under Analysis first."));
        next.analysis.layers = chosen;
    }
    ExperimentSpec::fromJson(next.toJsonBytes(), {}); // every rule of a spec file holds
    return next;
}

std::vector<int> unchanged(size_t count)
{
    std::vector<int> same(count);
    std::iota(same.begin(), same.end(), 0);
    return same;
}

} // namespace

ExperimentSpec withWidth(const ExperimentSpec &spec, int layer, int neurons)
{
    if (neurons < 1 || neurons > kMaxLayerWidth)
        throw InputError(QStringLiteral("A layer has 1 to %1 neurons; %2 is refused and the layer keeps its width.")
                             .arg(kMaxLayerWidth)
                             .arg(neurons));
    std::vector<int> layers = spec.model.layers;
    layers.at(size_t(layer)) = neurons;
    return withLayers(spec, layers, unchanged(layers.size()));
}

ExperimentSpec withInsertedLayer(const ExperimentSpec &spec, int index, int neurons)
{
    std::vector<int> layers = spec.model.layers;
    if (int(layers.size()) >= kMaxLayers)
        throw InputError(QStringLiteral("A network has at most %1 layers.").arg(kMaxLayers));
    std::vector<int> newIndexOf(layers.size());
    for (int i = 0; i < int(layers.size()); ++i)
        newIndexOf[size_t(i)] = i < index ? i : i + 1;
    layers.insert(layers.begin() + index, neurons);
    return withLayers(spec, layers, newIndexOf);
}

ExperimentSpec withoutLayer(const ExperimentSpec &spec, int layer)
{
    std::vector<int> layers = spec.model.layers;
    std::vector<int> newIndexOf(layers.size());
    for (int i = 0; i < int(layers.size()); ++i)
        newIndexOf[size_t(i)] = i < layer ? i : i == layer ? -1 : i - 1;
    layers.erase(layers.begin() + layer);
    return withLayers(spec, layers, newIndexOf);
}

ExperimentSpec withMovedLayer(const ExperimentSpec &spec, int from, int to)
{
    const std::vector<int> &layers = spec.model.layers;
    std::vector<int> order = unchanged(layers.size()); // order[new index] = old index
    order.erase(order.begin() + from);
    order.insert(order.begin() + to, from);
    std::vector<int> newIndexOf(layers.size()), moved(layers.size());
    for (int i = 0; i < int(order.size()); ++i) {
        newIndexOf[size_t(order[size_t(i)])] = i;
        moved[size_t(i)] = layers[size_t(order[size_t(i)])];
    }
    return withLayers(spec, moved, newIndexOf);
}

} // namespace netbetti::architecture
