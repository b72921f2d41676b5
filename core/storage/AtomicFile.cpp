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
    if (!file.open(QIODevice::WriteOnly))
        throw RunError(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        throw RunError(QStringLiteral("%1: write failed: %2").arg(path, reason));
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
