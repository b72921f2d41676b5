#include "Settings.h"

namespace netbetti::settings {

namespace {
const QString kWindowGeometry = QStringLiteral("window/geometry");
const QString kWindowState = QStringLiteral("window/state");
const QString kLastRunFolder = QStringLiteral("files/lastRunFolder");
const QString kRecentExperiments = QStringLiteral("files/recentExperiments");

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
QStringList recentExperiments() { return read<QStringList>(kRecentExperiments); }
void setRecentExperiments(const QStringList &value) { QSettings().setValue(kRecentExperiments, value); }

} // namespace netbetti::settings
