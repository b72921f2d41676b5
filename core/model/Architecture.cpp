#include "Architecture.h"

#include "Error.h"

namespace netbetti {

QStringList activationNames()
{
    return {QStringLiteral("relu"), QStringLiteral("tanh"), QStringLiteral("sigmoid")};
}

void validateModel(const ModelSpec &model, const QString &file)
{
    const auto &layers = model.layers;
    if (layers.size() < 2 || layers.size() > size_t(kMaxLayers))
        throw InputError(file, QStringLiteral("model.layers"),
                         QStringLiteral("%1 layers").arg(layers.size()),
                         QStringLiteral("a network needs 2 to %1 layers (input, hidden..., classes)")
                             .arg(kMaxLayers));
    for (size_t i = 0; i < layers.size(); ++i)
        if (layers[i] < 1 || layers[i] > kMaxLayerWidth)
            throw InputError(file, QStringLiteral("model.layers[%1]").arg(i),
                             QString::number(layers[i]),
                             QStringLiteral("a layer width must be between 1 and %1").arg(kMaxLayerWidth));
    if (layers.back() < 2)
        throw InputError(file, QStringLiteral("model.layers[%1]").arg(layers.size() - 1),
                         QString::number(layers.back()),
                         QStringLiteral("the output layer needs one neuron per class, at least 2"));
    if (!activationNames().contains(model.activation))
        throw InputError(file, QStringLiteral("model.activation"), model.activation,
                         QStringLiteral("unknown activation (known: %1)")
                             .arg(activationNames().join(QStringLiteral(", "))));
}

QString neuronLabel(const NeuronId &neuron, int layerCount)
{
    if (neuron.layer == 0)
        return QStringLiteral("in %1").arg(neuron.unit);
    if (neuron.layer == layerCount - 1)
        return QStringLiteral("out %1").arg(neuron.unit);
    return QStringLiteral("h%1 %2").arg(neuron.layer).arg(neuron.unit);
}

std::vector<NeuronId> neuronsOf(const std::vector<int> &layers, const std::vector<int> &chosenLayers)
{
    std::vector<NeuronId> neurons;
    for (int layer : chosenLayers)
        for (int unit = 0; unit < layers[size_t(layer)]; ++unit)
            neurons.push_back({layer, unit});
    return neurons;
}

QString architectureName(const std::vector<int> &layers)
{
    QStringList parts;
    for (int width : layers)
        parts << QString::number(width);
    return parts.join(QLatin1Char('-'));
}

} // namespace netbetti
