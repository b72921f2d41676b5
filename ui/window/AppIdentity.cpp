#include "window/AppIdentity.h"

#include <QGuiApplication>
#include <QIcon>
#include <QStringList>
#include <algorithm>

namespace netbetti {

QString applicationId()
{
    return QStringLiteral(NETBETTI_APP_ID);
}

void setApplicationIdentity()
{
    const QString id = applicationId();
    const int lastDot = id.lastIndexOf(QLatin1Char('.'));
    const QString organisation = id.left(lastDot); // io.github.netbetti
    QStringList domain = organisation.split(QLatin1Char('.'));
    std::reverse(domain.begin(), domain.end());

    QGuiApplication::setOrganizationName(organisation);
    QGuiApplication::setOrganizationDomain(domain.join(QLatin1Char('.'))); // netbetti.github.io
    QGuiApplication::setApplicationName(id.mid(lastDot + 1));              // NetBetti
    QGuiApplication::setApplicationVersion(QStringLiteral(NETBETTI_VERSION));
    // Lets Wayland compositors and docks match windows to the .desktop file.
    QGuiApplication::setDesktopFileName(id);
    // The installed theme icon when there is one; the built-in SVG when run
    // from the build tree.
    // (Not under --version's QCoreApplication: qGuiApp would be a bad cast.)
    if (qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        QGuiApplication::setWindowIcon(QIcon::fromTheme(id, QIcon(QStringLiteral(":/icons/" NETBETTI_APP_ID ".svg"))));
}

} // namespace netbetti
