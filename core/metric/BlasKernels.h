#pragma once
// Debian 12's OpenBLAS (0.3.21, built for every x86 core it knows) does not
// recognise recent Intel cores (Sapphire Rapids and later: "Intel(R) Xeon(R)
// Processor" on this project's machines) and falls back to its Prescott
// kernels, plain SSE3: LibTorch's matrix products in training, and the
// neuron metric's correlation product (NeuronMetric.cpp), then run 1.5-4
// times slower than the core allows. When OpenBLAS has fallen back like that
// and the CPU has AVX-512 (or AVX2 and FMA), NetBetti switches OpenBLAS to
// its SkylakeX (or Haswell) kernels, exactly as OPENBLAS_CORETYPE would,
// before the first product is computed. A user's own OPENBLAS_CORETYPE is
// left alone, as is any BLAS that is not OpenBLAS.

#include <string>

namespace netbetti {

struct BlasKernels
{
    std::string detected; ///< what OpenBLAS chose by itself ("" when not OpenBLAS)
    std::string used;     ///< what it uses now
};

/// Done once, when a program that computes the metric or trains is loaded;
/// returns what was done.
const BlasKernels &blasKernels();

} // namespace netbetti
