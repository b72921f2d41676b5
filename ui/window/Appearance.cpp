#include "window/Appearance.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusVariant>
#include <QPalette>
#include <QProcessEnvironment>
#include <QStyle>
#include <QStyleFactory>

namespace netbetti {

namespace {

const QString kPortalService = QStringLiteral("org.freedesktop.portal.Desktop");
const QString kPortalPath = QStringLiteral("/org/freedesktop/portal/desktop");
const QString kPortalSettings = QStringLiteral("org.freedesktop.portal.Settings");
const QString kAppearanceGroup = QStringLiteral("org.freedesktop.appearance");
const QString kColorSchemeKey = QStringLiteral("color-scheme");
// The portal's values of color-scheme: 0 no preference, 1 dark, 2 light.
constexpr uint kPrefersDark = 1;
// Asked once at start, before the window shows; a portal that does not
// answer this fast is treated as absent (a later change still arrives).
constexpr int kPortalTimeoutMs = 250;

/// The portal's color-scheme, or -1 when there is no portal to ask.
int portalColorScheme()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return -1;
    QDBusMessage call = QDBusMessage::createMethodCall(kPortalService, kPortalPath, kPortalSettings,
                                                       QStringLiteral("Read"));
    call << kAppearanceGroup << kColorSchemeKey;
    const QDBusMessage reply = bus.call(call, QDBus::Block, kPortalTimeoutMs);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
        return -1;
    // Read() returns the value wrapped in a variant, sometimes twice.
    QVariant value = reply.arguments().first();
    while (value.canConvert<QDBusVariant>() && value.userType() == qMetaTypeId<QDBusVariant>())
        value = value.value<QDBusVariant>().variant();
    bool ok = false;
    const uint scheme = value.toUInt(&ok);
    return ok ? int(scheme) : -1;
}

QPalette darkPalette()
{
    const QColor window(0x2d, 0x2d, 0x30), base(0x1e, 0x1e, 0x1e), text(0xe8, 0xe8, 0xe8),
        disabled(0x80, 0x80, 0x80), highlight(0x3d, 0x7e, 0xd6);
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, window.lighter(150));
    p.setColor(QPalette::Midlight, window.lighter(125));
    p.setColor(QPalette::Mid, window.darker(120));
    p.setColor(QPalette::Dark, window.darker(160));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xf5));
    p.setColor(QPalette::LinkVisited, QColor(0xb4, 0x8c, 0xf0));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Highlight, window.lighter(130));
    return p;
}

/// Forwards the portal's SettingChanged signal, which needs a slot with
/// D-Bus types: kept out of the header.
class PortalListener : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
Q_SIGNALS:
    void colorSchemeChanged(int scheme);
public Q_SLOTS:
    void settingChanged(const QString &group, const QString &key, const QDBusVariant &value)
    {
        if (group == kAppearanceGroup && key == kColorSchemeKey)
            Q_EMIT colorSchemeChanged(value.variant().toInt());
    }
};

} // namespace

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < palette.color(QPalette::WindowText).lightnessF();
}

QColor errorTextColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x00, 0x20);
}

Appearance::Appearance(QObject *parent)
    : QObject(parent), m_startStyle(QApplication::style()->name()), m_startPalette(QApplication::palette())
{
    const QString forced = QProcessEnvironment::systemEnvironment().value(QStringLiteral("NETBETTI_COLOR_SCHEME"));
    if (forced == QLatin1String("dark") || forced == QLatin1String("light")) {
        apply(forced == QLatin1String("dark") ? ColorScheme::Dark : ColorScheme::Light);
        return;
    }
    apply(desktopScheme());
    auto *listener = new PortalListener(this);
    QDBusConnection::sessionBus().connect(kPortalService, kPortalPath, kPortalSettings,
                                          QStringLiteral("SettingChanged"), listener,
                                          SLOT(settingChanged(QString, QString, QDBusVariant)));
    connect(listener, &PortalListener::colorSchemeChanged, this, [this](int scheme) {
        apply(scheme == int(kPrefersDark) ? ColorScheme::Dark : ColorScheme::Light);
    });
}

ColorScheme Appearance::desktopScheme() const
{
    const int portal = portalColorScheme();
    if (portal == int(kPrefersDark))
        return ColorScheme::Dark;
    if (portal > 0)
        return ColorScheme::Light;
    // No portal, or no preference: a platform theme (KDE's, GTK's with a dark
    // theme) may have given a dark palette already.
    return isDark(QApplication::palette()) ? ColorScheme::Dark : ColorScheme::Light;
}

void Appearance::apply(ColorScheme scheme)
{
    // The desktop's own style and palette whenever they have the wanted
    // scheme; otherwise Fusion, which draws everything from the palette
    // (native styles may not), with a palette of that scheme.
    const bool ownLookFits = isDark(m_startPalette) == (scheme == ColorScheme::Dark);
    if (ownLookFits && m_overridden) {
        QApplication::setStyle(QStyleFactory::create(m_startStyle));
        QApplication::setPalette(m_startPalette);
        m_overridden = false;
    } else if (!ownLookFits) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(scheme == ColorScheme::Dark ? darkPalette() : QApplication::style()->standardPalette());
        m_overridden = true;
    }
    const bool changed = scheme != m_scheme;
    m_scheme = scheme;
    if (changed)
        Q_EMIT schemeChanged(scheme);
}

} // namespace netbetti

#include "Appearance.moc"
