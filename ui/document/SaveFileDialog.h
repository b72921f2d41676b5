#pragma once
// The save-file question every "Save As" and "Export" asks. The suffix is
// the dialog's default suffix, so that typing "net" asks before replacing an
// existing "net.json", not after.

#include <QString>

class QWidget;

namespace netbetti {

/// The path chosen, with `suffix` when none was typed; empty when cancelled.
QString askSavePath(QWidget *parent, const QString &caption, const QString &suggestedPath, const QString &filter,
                    const QString &suffix);

} // namespace netbetti
