#include "Settings.h"

namespace netbetti::settings {

namespace {
const QString kWindowGeometry = QStringLiteral("window/geometry");
const QString kWindowState = QStringLiteral("window/state");
const QString kLastRunFolder = QStringLiteral("files/lastRunFolder");
const QString kLastExportPreset = QStringLiteral("export/preset");
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

} // namespace netbetti::settings
