#pragma once
// The edits of the architecture editor as functions from spec to spec: what
// each does to the layer widths, to a list of analysed layers (which
// follows its layers when others are inserted, moved or removed) and to a
// name that ends with the architecture ("…, 4-64-64-2"). Each throws
// InputError, with a reason the user can act on, when the result would not
// be a valid spec; the spec passed in is never changed.

#include "experiment/ExperimentSpec.h"

namespace netbetti::architecture {

ExperimentSpec withWidth(const ExperimentSpec &spec, int layer, int neurons);
/// A new layer at `index` (1 … layers − 1: after the input, before the output).
ExperimentSpec withInsertedLayer(const ExperimentSpec &spec, int index, int neurons);
ExperimentSpec withoutLayer(const ExperimentSpec &spec, int layer);
/// Layer `from` taken out and put back at index `to`.
ExperimentSpec withMovedLayer(const ExperimentSpec &spec, int from, int to);

} // namespace netbetti::architecture
