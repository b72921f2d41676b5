// The look follows the desktop's colour scheme as the XDG desktop portal
// publishes it: read at start, followed when it changes. A private D-Bus
// session bus carries a stand-in portal, answering from its own thread as
// the real one answers from its own process.

#include "window/Appearance.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusVariant>
#include <QProcess>
#include <QThread>
#include <QtTest>
#include <csignal>
#include <sys/prctl.h>

using namespace netbetti;

namespace {

const QString kPortalService = QStringLiteral("org.freedesktop.portal.Desktop");
const QString kPortalPath = QStringLiteral("/org/freedesktop/portal/desktop");

class FakePortal : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.portal.Settings")
public:
    std::atomic<uint> colorScheme{0};

public Q_SLOTS:
    QDBusVariant Read(const QString &group, const QString &key)
    {
        if (group == QLatin1String("org.freedesktop.appearance") && key == QLatin1String("color-scheme"))
            return QDBusVariant(QVariant::fromValue(colorScheme.load()));
        return QDBusVariant(QString());
    }
    void announce(uint scheme)
    {
        colorScheme = scheme;
        Q_EMIT SettingChanged(QStringLiteral("org.freedesktop.appearance"), QStringLiteral("color-scheme"),
                              QDBusVariant(QVariant::fromValue(scheme)));
    }

Q_SIGNALS:
    void SettingChanged(const QString &group, const QString &key, const QDBusVariant &value);
};

} // namespace

class TestAppearance : public QObject
{
    Q_OBJECT
    QProcess m_bus;
    QThread m_portalThread;
    FakePortal *m_portal = nullptr;
    QPalette m_startPalette;

private Q_SLOTS:
    void initTestCase()
    {
        m_startPalette = QApplication::palette();
        QVERIFY(!isDark(m_startPalette));
        qunsetenv("NETBETTI_COLOR_SCHEME");
        // The bus ends with the test, even when the test crashes.
        m_bus.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
        m_bus.start(QStringLiteral("dbus-daemon"), {QStringLiteral("--session"), QStringLiteral("--nofork"),
                                                    QStringLiteral("--print-address")});
        if (!m_bus.waitForStarted(5000))
            QSKIP("dbus-daemon is not installed (Debian package dbus-daemon)");
        QVERIFY(m_bus.waitForReadyRead(5000));
        const QByteArray address = m_bus.readLine().trimmed();
        // Before anything asks for the session bus.
        qputenv("DBUS_SESSION_BUS_ADDRESS", address);

        // Registered first (QtDBus gives it a child for its signals), then
        // moved: calls are delivered in the thread the object lives in.
        m_portal = new FakePortal;
        QDBusConnection portalBus = QDBusConnection::connectToBus(QString::fromUtf8(address), QStringLiteral("portal"));
        QVERIFY(portalBus.isConnected());
        QVERIFY(portalBus.registerObject(kPortalPath, m_portal,
                                         QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals));
        QVERIFY(portalBus.registerService(kPortalService));
        m_portal->moveToThread(&m_portalThread);
        m_portalThread.start();
        QVERIFY(QDBusConnection::sessionBus().isConnected());
    }

    void startsInTheDesktopsSchemeAndFollowsIt()
    {
        m_portal->colorScheme = 1; // prefer dark
        Appearance appearance;
        QCOMPARE(appearance.scheme(), ColorScheme::Dark);
        QVERIFY(isDark(QApplication::palette()));

        QSignalSpy changed(&appearance, &Appearance::schemeChanged);
        QMetaObject::invokeMethod(m_portal, "announce", Qt::QueuedConnection, Q_ARG(uint, 2)); // prefer light
        QTRY_COMPARE(appearance.scheme(), ColorScheme::Light);
        QCOMPARE(changed.size(), 1);
        QVERIFY(!isDark(QApplication::palette()));
        QCOMPARE(QApplication::palette().color(QPalette::Window), m_startPalette.color(QPalette::Window));

        QMetaObject::invokeMethod(m_portal, "announce", Qt::QueuedConnection, Q_ARG(uint, 1));
        QTRY_COMPARE(appearance.scheme(), ColorScheme::Dark);
        QVERIFY(isDark(QApplication::palette()));
        appearance.apply(ColorScheme::Light);
    }

    void noPreferenceKeepsThePlatformLook()
    {
        m_portal->colorScheme = 0;
        Appearance appearance;
        QCOMPARE(appearance.scheme(), ColorScheme::Light);
        QCOMPARE(QApplication::palette().color(QPalette::Window), m_startPalette.color(QPalette::Window));
    }

    void cleanupTestCase()
    {
        QDBusConnection::disconnectFromBus(QStringLiteral("portal"));
        QMetaObject::invokeMethod(m_portal, [this] { delete m_portal; }, Qt::BlockingQueuedConnection);
        m_portalThread.quit();
        m_portalThread.wait();
        m_bus.kill();
        m_bus.waitForFinished();
    }
};

QTEST_MAIN(TestAppearance)
#include "tst_appearance.moc"
