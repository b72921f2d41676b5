#pragma once
// Vietoris–Rips persistence of a distance matrix, behind an interface so
// that other engines can come beside Ripser.

#include "PersistenceDiagram.h"
#include "storage/NpyFile.h"

#include <atomic>
#include <functional>
#include <optional>

namespace netbetti {

struct PersistenceSettings
{
    int maxDim = 1;
    /// Stop the filtration at this scale; none: the whole filtration (ripser
    /// stops at the enclosing radius by itself, which loses nothing).
    std::optional<double> threshold;
    int coefficients = 2; ///< the prime p of Z/p
    /// Threads an in-process engine may use; 0: one per core.
    int threads = 0;
    /// Called now and then from the thread that runs compute() with the
    /// columns dealt with so far and their total (NetBettiEngine; ripser
    /// reports nothing). May be empty.
    std::function<void(qint64 done, qint64 total)> progress;
};

class PersistenceEngine
{
public:
    virtual ~PersistenceEngine() = default;
    virtual QString name() const = 0;
    /// The diagram in dimensions 0..maxDim. H0 holds one bar per point,
    /// counting bars of length zero. Throws RunError with the reason when the
    /// engine fails, Cancelled when *cancel becomes true.
    virtual PersistenceDiagram compute(const FloatMatrix &distances,
                                       const PersistenceSettings &settings,
                                       const std::atomic_bool *cancel = nullptr) const = 0;
};

/// Whether p is a prime (the fields Z/p homology is computed over).
bool isPrime(int p);

/// min over points of the largest distance from that point: beyond it the
/// Rips complex is a cone, so no class is born or dies there.
double enclosingRadius(const FloatMatrix &distances);

} // namespace netbetti

namespace netbetti {
/// Square, finite, non-negative, symmetric, zero diagonal; else InputError
/// naming the file, the entry (i, j) and its value.
void validateDistanceMatrix(const FloatMatrix &distances, const QString &fileName);
} // namespace netbetti
