#pragma once
// Every persistent setting of the GUI, declared once with its type, so that
// no string key is repeated across the UI. A value of the wrong type, from an
// older or newer NetBetti or a damaged file, reads as the default.

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

namespace netbetti::settings {

/// How many recent runs and recent experiments are remembered.
constexpr int kMaxRecent = 10;

QByteArray windowGeometry();
void setWindowGeometry(const QByteArray &value);
QByteArray windowState();
void setWindowState(const QByteArray &value);
QString lastRunFolder();
void setLastRunFolder(const QString &value);

/// Run folders opened or trained, newest first; folders that no longer
/// exist are left out.
QStringList recentRuns();
void addRecentRun(const QString &folder);
void clearRecentRuns();
/// Experiment spec files loaded or saved, newest first; missing files are
/// left out.
QStringList recentExperiments();
void addRecentExperiment(const QString &path);
void clearRecentExperiments();

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
