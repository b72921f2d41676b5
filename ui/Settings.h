#pragma once
// Every persistent setting of the GUI, declared once with its type, so that
// no string key is repeated across the UI.

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

namespace netbetti::settings {

QByteArray windowGeometry();
void setWindowGeometry(const QByteArray &value);
QByteArray windowState();
void setWindowState(const QByteArray &value);
QString lastRunFolder();
void setLastRunFolder(const QString &value);

/// The Export Figure dialog's last choices: preset id, format suffix,
/// PNG resolution and folder.
QString lastExportPreset();
void setLastExportPreset(const QString &value);
QString lastExportFormat();
void setLastExportFormat(const QString &value);
int lastExportDpi();
void setLastExportDpi(int value);
QString lastExportFolder();
void setLastExportFolder(const QString &value);

} // namespace netbetti::settings
