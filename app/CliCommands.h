#pragma once
// The subcommands of netbetti-cli. Each returns the process's exit code and
// throws InputError/RunError for main() to report as one line.

#include <QStringList>

class QCommandLineParser;

namespace netbetti::cli {

/// Parses a command's options; prints help and returns false for --help.
/// Errors in the options are InputErrors naming the option.
bool parse(QCommandLineParser &parser, const QStringList &arguments, const QString &description);
/// The value of --name as a number in [min, max], or an InputError naming it.
double numberOption(const QCommandLineParser &parser, const QString &name, double min, double max);
int intOption(const QCommandLineParser &parser, const QString &name, int min, int max);

int homologyCommand(const QStringList &arguments);

} // namespace netbetti::cli
