#pragma once
// netbetti-cli export: a run's figures without a window, drawn offscreen by
// the GUI's own panels (ui/RunFigures.h), so that they match the GUI's.

#include <QStringList>

namespace netbetti::cli {

/// export RUN --figure NAME --out FILE [--epoch K | --all-epochs] [--format F]
///        [--preset P] [--dpi N] [--scale EPS]. Needs a QApplication.
int exportCommand(const QStringList &arguments);

} // namespace netbetti::cli
