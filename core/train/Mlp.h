#pragma once
// The LibTorch module. Private to core/train: only Trainer.cpp and Mlp.cpp
// include it, since every file that includes torch costs many seconds.

#include <torch/torch.h>

#include <vector>

namespace netbetti {

struct MlpImpl : torch::nn::Module
{
    MlpImpl(const std::vector<int> &layers, const std::string &activation);

    /// Logits.
    torch::Tensor forward(torch::Tensor x);
    /// The output of every layer: [input, hidden 1 (after activation), ...,
    /// logits], so that a probe reads any layer from one forward pass.
    std::vector<torch::Tensor> forwardAll(torch::Tensor x);

private:
    torch::Tensor activate(const torch::Tensor &x) const;

    std::vector<torch::nn::Linear> m_linears;
    std::string m_activation;
};
TORCH_MODULE(Mlp);

} // namespace netbetti
