#pragma once
// Persistence by the Debian `ripser` program (and `ripser-coeff` for Z/p,
// p != 2), run as a child process so that it can be cancelled at any moment
// and so that a crash or an out-of-memory cannot take the application down.

#include "PersistenceEngine.h"

#include <QByteArray>
#include <QStringList>

namespace netbetti {

class RipserEngine : public PersistenceEngine
{
public:
    /// Programs to run; empty: $NETBETTI_RIPSER / $NETBETTI_RIPSER_COEFF,
    /// else `ripser` / `ripser-coeff` on the PATH.
    explicit RipserEngine(QString ripser = {}, QString ripserCoeff = {});

    QString name() const override;
    PersistenceDiagram compute(const FloatMatrix &distances, const PersistenceSettings &settings,
                               const std::atomic_bool *cancel = nullptr) const override;

    /// The program compute() would run for these coefficients, or an empty
    /// string when it cannot be found.
    QString programFor(int coefficients) const;
    QStringList argumentsFor(const PersistenceSettings &settings, double enclosing) const;

private:
    QString m_ripser, m_ripserCoeff;
};

/// The distance matrix as DIPHA (magic 8067171840, type 7, n, then n×n
/// float64): the input format that works in ripser 1.2.1.
QByteArray toDipha(const FloatMatrix &distances);

/// Parses ripser's output ("persistence intervals in dim k:" then " [b,d)" or
/// " [b, )" lines). Ripser prints 6 significant digits; when snapTo is given
/// (the sorted distinct entries of the matrix), each value is replaced by the
/// nearest entry, which is the exact value ripser meant: every birth and death
/// of a Rips filtration is an entry of the matrix. Throws RunError on text
/// that is not ripser's output.
PersistenceDiagram parseRipserOutput(const QByteArray &output, int maxDim,
                                     const std::vector<float> *snapTo = nullptr);

/// Sorted distinct values of the matrix's upper triangle, and 0.
std::vector<float> distinctEntries(const FloatMatrix &distances);

} // namespace netbetti
