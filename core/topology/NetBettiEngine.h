#pragma once
// NetBetti's own Vietoris–Rips persistence, in-process and on several
// threads. The algorithm is persistent cohomology as Bauer's Ripser does it
// (arXiv 1908.02518): simplices named by the combinatorial number system,
// coboundary columns reduced in reverse filtration order, clearing of the
// pivots of the dimension below, and the zero-persistence pairs found
// without reduction. What differs:
// - apparent pairs (σ, τ: τ the first coface of σ and σ the last facet of τ)
//   are recognised from σ alone, on all threads, and never stored: a pivot
//   met during a reduction, or a simplex of the next dimension, is checked
//   for being one when it is met (as giotto-ph and ripser++ do);
// - the columns that remain are reduced with their coboundaries generated
//   lazily in filtration order (RipsFiltration.h's CofaceStream, after
//   "Generating cofaces in VR filtration order", arXiv 2411.05495), so a
//   reduction touches the cofaces up to its pivot, not whole coboundaries.
// H0 is a minimum spanning forest (Prim, O(n²) on the dense matrix).
//
// Ties: the filtration order of RipsFiltration.h (diameter, then index
// descending, as ripser); the result depends on the matrix alone.

#include "PersistenceEngine.h"

#include <memory>

namespace netbetti {

class NetBettiEngine : public PersistenceEngine
{
public:
    /// The primes the engine computes over are p <= kMaxPrime.
    static constexpr int kMaxPrime = 97;
    static constexpr int kMaxDimension = 3;

    QString name() const override;
    /// Throws RunError for coefficients that are not a prime <= 97 or a
    /// dimension above 3, and for an out-of-memory (with its size).
    PersistenceDiagram compute(const FloatMatrix &distances, const PersistenceSettings &settings,
                               const std::atomic_bool *cancel = nullptr) const override;
};

/// Runs the primary engine; when it fails with anything but a RunError (a
/// refusal or a reason it gives) or a cancellation, logs the failure and
/// computes the epoch with the fallback (ripser) instead.
class FallbackEngine : public PersistenceEngine
{
public:
    FallbackEngine(std::shared_ptr<const PersistenceEngine> primary, std::shared_ptr<const PersistenceEngine> fallback);
    QString name() const override;
    PersistenceDiagram compute(const FloatMatrix &distances, const PersistenceSettings &settings,
                               const std::atomic_bool *cancel = nullptr) const override;

private:
    std::shared_ptr<const PersistenceEngine> m_primary, m_fallback;
};

/// The engine a spec or a command line names ("netbetti" or "ripser"), with
/// cone points and duplicates removed first; netbetti falls back on ripser.
/// Throws InputError for another name.
std::shared_ptr<PersistenceEngine> makePersistenceEngine(const QString &name);

} // namespace netbetti
