#pragma once
// The subcommands of netbetti-cli. Each returns the process's exit code and
// throws InputError/RunError for main() to report as one line.

#include <QStringList>

namespace netbetti::cli {

int runCommand(const QStringList &arguments);
int homologyCommand(const QStringList &arguments);

} // namespace netbetti::cli
