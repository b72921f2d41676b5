#pragma once
// The reduction behind NetBettiEngine (see NetBettiEngine.h for the method).

#include "PersistenceEngine.h"

#include <vector>

namespace netbetti::rips {

/// Bars of dimensions 0..settings.maxDim of the Rips filtration cut at
/// threshold (simplices of diameter <= threshold): H0 with one bar per
/// point, higher dimensions without bars of length zero. Classes alive at
/// the threshold are infinite. Throws Cancelled when *cancel becomes true.
std::vector<PersistenceBar> persistentCohomology(const FloatMatrix &distances, double threshold,
                                                 const PersistenceSettings &settings,
                                                 const std::atomic_bool *cancel);

} // namespace netbetti::rips
