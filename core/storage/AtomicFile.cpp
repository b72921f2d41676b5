#include "AtomicFile.h"

#include "Error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace netbetti {

void writeFileAtomically(const QString &path, const QByteArray &bytes)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        throw RunError(QStringLiteral("%1: cannot create the folder").arg(info.absolutePath()));
    QSaveFile file(path);
    // Unbuffered, and every byte checked: Qt 6.4's QSaveFile::commit()
    // ignores a failing flush of its buffer, so on a full disk a buffered
    // write commits a truncated file in place of the old one.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        throw RunError(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    for (qint64 written = 0; written < bytes.size();) {
        // A short write is retried: the retry reports why (e.g. "No space left").
        const qint64 n = file.write(bytes.constData() + written, bytes.size() - written);
        if (n <= 0) {
            const QString reason = file.errorString();
            file.cancelWriting();
            throw RunError(QStringLiteral("%1: write failed: %2").arg(path, reason));
        }
        written += n;
    }
    if (!file.commit())
        throw RunError(QStringLiteral("%1: write failed: %2").arg(path, file.errorString()));
}

QByteArray readWholeFile(const QString &path, qint64 maxBytes)
{
    QFile file(path);
    if (!file.exists())
        throw InputError(path, {}, {}, QStringLiteral("no such file"));
    if (!file.open(QIODevice::ReadOnly))
        throw InputError(path, {}, {}, QStringLiteral("cannot read: ") + file.errorString());
    if (file.size() > maxBytes)
        throw InputError(path, {}, {},
                         QStringLiteral("file is %1 bytes, more than the %2 allowed")
                             .arg(file.size())
                             .arg(maxBytes));
    return file.readAll();
}

} // namespace netbetti
