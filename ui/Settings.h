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
/// Experiment files opened or saved, most recent first.
QStringList recentExperiments();
void setRecentExperiments(const QStringList &value);

} // namespace netbetti::settings
