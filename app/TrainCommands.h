#pragma once
// The subcommands that train, and so load LibTorch: they run in the
// netbetti-train program, to which netbetti-cli hands them over (exec).

#include <QStringList>

namespace netbetti::cli {

int runCommand(const QStringList &arguments);
int reanalyseCommand(const QStringList &arguments);

} // namespace netbetti::cli
