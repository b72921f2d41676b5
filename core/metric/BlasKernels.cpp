#include "BlasKernels.h"

#include <dlfcn.h>

#include <cstdlib>
#include <cstring>

namespace netbetti {

namespace {

using CoreName = char *(*)();
using Hook = void (*)();

/// The kernels OpenBLAS falls back to on an x86-64 core it does not know.
bool isFallback(const std::string &core)
{
    return core == "Prescott" || core == "Core2" || core == "Nehalem";
}

const char *bestKernelsForThisCpu()
{
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl"))
        return "SkylakeX";
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return "Haswell";
    return nullptr;
}

BlasKernels choose()
{
    BlasKernels out;
    const auto coreName = reinterpret_cast<CoreName>(dlsym(RTLD_DEFAULT, "openblas_get_corename"));
    const auto quit = reinterpret_cast<Hook>(dlsym(RTLD_DEFAULT, "gotoblas_dynamic_quit"));
    const auto init = reinterpret_cast<Hook>(dlsym(RTLD_DEFAULT, "gotoblas_dynamic_init"));
    if (!coreName)
        return out; // not OpenBLAS
    out.detected = out.used = coreName();
    const char *best = bestKernelsForThisCpu();
    if (std::getenv("OPENBLAS_CORETYPE") || !quit || !init || !best || !isFallback(out.detected))
        return out;
    // OpenBLAS reads OPENBLAS_CORETYPE when it initialises: set it, and
    // initialise its dispatch again (no product has been computed yet).
    setenv("OPENBLAS_CORETYPE", best, 0);
    quit();
    init();
    out.used = coreName();
    return out;
}

// At load, before main() and any matrix product.
const BlasKernels chosen = choose();

} // namespace

const BlasKernels &blasKernels()
{
    return chosen;
}

} // namespace netbetti
