#pragma once
// The LibTorch version NetBetti was built against, for Help › About and bug
// reports; the rest of the program must not include torch headers to know it.

#include <QString>

namespace netbetti {

/// "1.13.0": TORCH_VERSION of <torch/version.h>.
QString libTorchVersion();
/// Which BLAS kernels LibTorch's products use (see BlasKernels.h), in words.
QString blasDescription();

} // namespace netbetti
