#pragma once
// The neurons of the selected class's representative cycle (cycles.json) in
// the epoch shown: what the heatmap, the architecture view and the cycle
// panel highlight, and the reason when there is nothing to highlight.

#include "topology/RepresentativeCycles.h"

#include <QString>
#include <optional>
#include <vector>

namespace netbetti {

class RunModel;
struct NeuronId;

struct SelectedCycle
{
    std::optional<RepresentativeCycle> cycle;
    std::vector<int> neurons; ///< the cycle's vertices: indices into neurons.csv
    QString why;              ///< when there is no cycle: why not
};

/// The selected class's cycle in `epoch`.
SelectedCycle cycleOfClass(const RunModel &model, int epoch, const std::optional<PersistenceBar> &bar);
/// The selected class's cycle in the current epoch.
SelectedCycle selectedCycle(const RunModel &model);
/// How many of the neurons each layer holds: "layer 1: 4, layer 2: 3".
QString neuronsPerLayer(const RunModel &model, const std::vector<int> &neurons);
/// One line a bar's tooltip adds: the cycle's neurons per layer, or why it has none.
QString cycleTooltip(const RunModel &model, int epoch, const PersistenceBar &bar);
/// Per layer of the architecture (index 0 = input): how many of the neurons lie in it.
std::vector<int> countsPerLayer(const RunModel &model, const std::vector<int> &neurons);

} // namespace netbetti
