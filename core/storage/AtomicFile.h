#pragma once
// Every file NetBetti writes goes through here: a temporary file, then a
// rename, so that a run killed at any moment leaves either the old file or
// the new one, never half of one.

#include <QByteArray>
#include <QString>

namespace netbetti {

/// Writes bytes to path atomically (QSaveFile), creating missing parent
/// folders. Throws RunError naming the file and the cause.
void writeFileAtomically(const QString &path, const QByteArray &bytes);

/// Reads a whole file; throws InputError naming the file when it cannot.
/// maxBytes guards against reading something absurd by mistake.
QByteArray readWholeFile(const QString &path, qint64 maxBytes = qint64(1) << 34);

} // namespace netbetti
