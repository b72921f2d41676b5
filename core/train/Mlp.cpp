#include "Mlp.h"

namespace netbetti {

MlpImpl::MlpImpl(const std::vector<int> &layers, const std::string &activation)
    : m_activation(activation)
{
    for (size_t i = 0; i + 1 < layers.size(); ++i)
        m_linears.push_back(register_module("fc" + std::to_string(i + 1),
                                            torch::nn::Linear(layers[i], layers[i + 1])));
}

torch::Tensor MlpImpl::activate(const torch::Tensor &x) const
{
    if (m_activation == "tanh")
        return torch::tanh(x);
    if (m_activation == "sigmoid")
        return torch::sigmoid(x);
    return torch::relu(x);
}

torch::Tensor MlpImpl::forward(torch::Tensor x)
{
    for (size_t i = 0; i < m_linears.size(); ++i) {
        x = m_linears[i]->forward(x);
        if (i + 1 < m_linears.size())
            x = activate(x);
    }
    return x;
}

std::vector<torch::Tensor> MlpImpl::forwardAll(torch::Tensor x)
{
    std::vector<torch::Tensor> outputs{x};
    for (size_t i = 0; i < m_linears.size(); ++i) {
        x = m_linears[i]->forward(x);
        if (i + 1 < m_linears.size())
            x = activate(x);
        outputs.push_back(x);
    }
    return outputs;
}

} // namespace netbetti
