#include "NetBettiEngine.h"

#include "ConeReduction.h"
#include "Error.h"
#include "RipserEngine.h"
#include "RipsFiltration.h"
#include "RipsReduction.h"

#include <QDebug>
#include <algorithm>
#include <new>

namespace netbetti {

QString NetBettiEngine::name() const
{
    return QStringLiteral("netbetti");
}

PersistenceDiagram NetBettiEngine::compute(const FloatMatrix &distances, const PersistenceSettings &settings,
                                           const std::atomic_bool *cancel) const
{
    if (!isPrime(settings.coefficients) || settings.coefficients > kMaxPrime)
        throw RunError(QStringLiteral("the netbetti engine computes over Z/p for a prime p <= %1, not Z/%2 "
                                      "(use analysis.engine \"ripser\" for larger primes)")
                           .arg(kMaxPrime)
                           .arg(settings.coefficients));
    if (settings.maxDim < 0 || settings.maxDim > kMaxDimension)
        throw RunError(QStringLiteral("the netbetti engine computes H0..H%1, not H%2")
                           .arg(kMaxDimension)
                           .arg(settings.maxDim));
    PersistenceDiagram diagram;
    diagram.maxDim = settings.maxDim;
    diagram.pointCount = int(distances.rows());
    if (distances.rows() == 0)
        return diagram;
    const double enclosing = enclosingRadius(distances);
    const bool userCut = settings.threshold && *settings.threshold < enclosing;
    try {
        diagram.bars = rips::persistentCohomology(distances, userCut ? *settings.threshold : enclosing, settings, cancel);
    } catch (const std::bad_alloc &) {
        throw RunError(QStringLiteral("the netbetti engine ran out of memory (%1 points, H%2)")
                           .arg(distances.rows())
                           .arg(settings.maxDim));
    } catch (const std::length_error &) {
        throw RunError(QStringLiteral("the netbetti engine ran out of memory (%1 points, H%2)")
                           .arg(distances.rows())
                           .arg(settings.maxDim));
    }
    // As RipserEngine: H0 alone marks the threshold only when it left the
    // space disconnected (zeroDimensionalPersistence's rule).
    const auto infinite = std::count_if(diagram.bars.begin(), diagram.bars.end(),
                                        [](const PersistenceBar &b) { return b.isInfinite(); });
    if (userCut && (settings.maxDim > 0 || infinite > 1))
        diagram.threshold = *settings.threshold;
    diagram.normalise();
    return diagram;
}

FallbackEngine::FallbackEngine(std::shared_ptr<const PersistenceEngine> primary,
                               std::shared_ptr<const PersistenceEngine> fallback)
    : m_primary(std::move(primary)), m_fallback(std::move(fallback))
{
}

QString FallbackEngine::name() const
{
    return m_primary->name();
}

PersistenceDiagram FallbackEngine::compute(const FloatMatrix &distances, const PersistenceSettings &settings,
                                           const std::atomic_bool *cancel) const
{
    try {
        return m_primary->compute(distances, settings, cancel);
    } catch (const RunError &) {
        throw; // a reason the engine gives (and Cancelled) is the epoch's result
    } catch (const std::exception &e) {
        qWarning("persistence: the %s engine failed (%s); computing with %s instead",
                 qPrintable(m_primary->name()), e.what(), qPrintable(m_fallback->name()));
    }
    return m_fallback->compute(distances, settings, cancel);
}

std::shared_ptr<PersistenceEngine> makePersistenceEngine(const QString &name)
{
    auto ripser = std::make_shared<RipserEngine>();
    if (name == QLatin1String("ripser"))
        return std::make_shared<ConeReducingEngine>(ripser);
    if (name == QLatin1String("netbetti"))
        return std::make_shared<ConeReducingEngine>(
            std::make_shared<FallbackEngine>(std::make_shared<NetBettiEngine>(), ripser));
    throw InputError({}, QStringLiteral("engine"), name, QStringLiteral("must be \"netbetti\" or \"ripser\""));
}

} // namespace netbetti
