#pragma once
// The shape of a fully-connected network, and which of its neurons enter
// the neuron metric space. No LibTorch here: the UI edits this freely.

#include <QString>
#include <QStringList>
#include <vector>

namespace netbetti {

/// Largest width the editor and the spec accept for one layer.
constexpr int kMaxLayerWidth = 16384;
/// Most layers (input and output included) a spec may have.
constexpr int kMaxLayers = 64;

struct ModelSpec
{
    /// Input dimension, hidden widths, number of classes.
    std::vector<int> layers{4, 64, 64, 2};
    QString activation = QStringLiteral("relu");
};

QStringList activationNames(); ///< relu, tanh, sigmoid

/// The widths joined by dashes, e.g. "4-512-512-2": how users name a net.
QString architectureName(const std::vector<int> &layers);

/// Throws InputError (file, "model.layers[i]" or "model.activation", value)
/// for fewer than two layers, a width outside 1..kMaxLayerWidth, or an
/// unknown activation.
void validateModel(const ModelSpec &model, const QString &file);

/// One point of the neuron space: unit `unit` of layer `layer` (0 = input).
struct NeuronId
{
    int layer = 0;
    int unit = 0;
};

/// Human-readable name, e.g. "in 3", "h1 17", "out 1".
QString neuronLabel(const NeuronId &neuron, int layerCount);

/// The neurons of the chosen layers, in layer order then unit order: the
/// order of the rows and columns of every distance matrix.
std::vector<NeuronId> neuronsOf(const std::vector<int> &layers, const std::vector<int> &chosenLayers);

} // namespace netbetti
