#pragma once
// A light and a dark look that follow the desktop. Qt 6.4 (Debian 12) does
// not know the desktop's colour scheme itself, so it is read from the XDG
// desktop portal (org.freedesktop.appearance color-scheme, as GNOME 42+ and
// KDE Plasma publish it), followed when it changes, and otherwise taken from
// the platform palette. The plots keep their white paper in both looks.

#include <QColor>
#include <QObject>
#include <QPalette>

namespace netbetti {

enum class ColorScheme { Light, Dark };

/// Whether a palette is a dark one (light text on a dark window).
bool isDark(const QPalette &palette);
/// A red for error text that is readable on this palette's window colour.
QColor errorTextColor(const QPalette &palette);

/// Applies a colour scheme to the application and keeps following the
/// desktop's. NETBETTI_COLOR_SCHEME=light|dark forces one (screenshots,
/// tests, a desktop that publishes none).
class Appearance : public QObject
{
    Q_OBJECT
public:
    explicit Appearance(QObject *parent = nullptr);

    ColorScheme scheme() const { return m_scheme; }
    /// The desktop's own style and palette if they are of this scheme,
    /// otherwise Fusion with a palette of it.
    void apply(ColorScheme scheme);

Q_SIGNALS:
    void schemeChanged(netbetti::ColorScheme scheme);

private:
    ColorScheme desktopScheme() const;

    ColorScheme m_scheme = ColorScheme::Light;
    bool m_overridden = false;
    QString m_startStyle;
    QPalette m_startPalette;
};

} // namespace netbetti
