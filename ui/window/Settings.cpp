#include "window/Settings.h"

#include <QDir>
#include <QFileInfo>

namespace netbetti::settings {

namespace {
const QString kWindowGeometry = QStringLiteral("window/geometry");
const QString kWindowState = QStringLiteral("window/state");
const QString kLastRunFolder = QStringLiteral("files/lastRunFolder");
const QString kRecentRuns = QStringLiteral("files/recentRuns");
const QString kRecentExperiments = QStringLiteral("files/recentExperiments");
const QString kLastExportPreset = QStringLiteral("export/lastPreset");
const QString kLastExportFormat = QStringLiteral("export/format");
const QString kLastExportDpi = QStringLiteral("export/dpi");
const QString kLastExportFolder = QStringLiteral("export/folder");

template<typename T>
T read(const QString &key)
{
    // A damaged or foreign value reads as the default rather than failing.
    const QVariant v = QSettings().value(key);
    return v.canConvert<T>() ? v.value<T>() : T();
}

enum class Kind { Folder, File };

bool exists(const QString &path, Kind kind)
{
    const QFileInfo info(path);
    return kind == Kind::Folder ? info.isDir() : info.isFile();
}

/// The list under `key` as far as it makes sense: strings only, existing
/// paths only, no duplicates, at most kMaxRecent.
QStringList readRecent(const QString &key, Kind kind)
{
    const QVariant v = QSettings().value(key);
    QVariantList items;
    if (v.typeId() == QMetaType::QString) // how an INI file stores a list of one
        items = {v};
    else if (v.typeId() == QMetaType::QStringList || v.typeId() == QMetaType::QVariantList)
        items = v.toList();
    QStringList paths;
    for (const QVariant &item : items) {
        const QString path = item.toString();
        if (item.typeId() == QMetaType::QString && !path.isEmpty() && !paths.contains(path) && exists(path, kind))
            paths << path;
        if (paths.size() == kMaxRecent)
            break;
    }
    return paths;
}

void addRecent(const QString &key, Kind kind, const QString &path)
{
    const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    QStringList paths = readRecent(key, kind);
    paths.removeAll(clean);
    paths.prepend(clean);
    QSettings().setValue(key, paths.mid(0, kMaxRecent));
}
} // namespace

QByteArray windowGeometry() { return read<QByteArray>(kWindowGeometry); }
void setWindowGeometry(const QByteArray &value) { QSettings().setValue(kWindowGeometry, value); }
QByteArray windowState() { return read<QByteArray>(kWindowState); }
void setWindowState(const QByteArray &value) { QSettings().setValue(kWindowState, value); }
QString lastRunFolder() { return read<QString>(kLastRunFolder); }
void setLastRunFolder(const QString &value) { QSettings().setValue(kLastRunFolder, value); }
QString lastExportPreset() { return read<QString>(kLastExportPreset); }
void setLastExportPreset(const QString &value) { QSettings().setValue(kLastExportPreset, value); }
QString lastExportFormat() { return read<QString>(kLastExportFormat); }
void setLastExportFormat(const QString &value) { QSettings().setValue(kLastExportFormat, value); }
int lastExportDpi() { return read<int>(kLastExportDpi); }
void setLastExportDpi(int value) { QSettings().setValue(kLastExportDpi, value); }
QString lastExportFolder() { return read<QString>(kLastExportFolder); }
void setLastExportFolder(const QString &value) { QSettings().setValue(kLastExportFolder, value); }

QStringList recentRuns() { return readRecent(kRecentRuns, Kind::Folder); }
void addRecentRun(const QString &folder) { addRecent(kRecentRuns, Kind::Folder, folder); }
void clearRecentRuns() { QSettings().remove(kRecentRuns); }
QStringList recentExperiments() { return readRecent(kRecentExperiments, Kind::File); }
void addRecentExperiment(const QString &path) { addRecent(kRecentExperiments, Kind::File, path); }
void clearRecentExperiments() { QSettings().remove(kRecentExperiments); }


} // namespace netbetti::settings
