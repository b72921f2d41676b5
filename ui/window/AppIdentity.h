#pragma once
// Who the application is to the desktop and to QSettings: one reverse-DNS id
// (NETBETTI_APP_ID, set once in the top CMakeLists.txt) names the desktop
// file, the AppStream metainfo and the icon, and splits into QSettings'
// organisation and application, so the settings live in
// ~/.config/io.github.netbetti/NetBetti.conf.

#include <QString>

namespace netbetti {

/// "io.github.netbetti.NetBetti"
QString applicationId();

/// Sets organisation, domain, application name, version and desktop file
/// name from applicationId(), and the window icon. Call before any QSettings
/// or QStandardPaths is used.
void setApplicationIdentity();

} // namespace netbetti
