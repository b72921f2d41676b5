#pragma once
// netbetti-cli summary and compare: data out of run folders.

#include <QStringList>

namespace netbetti::cli {

/// summary RUN [--out DIR] [--scale EPS] [--scale-steps N]: betti.csv,
/// betti-by-scale-H<k>.csv and summary.json (RunTables.h).
int summaryCommand(const QStringList &arguments);
/// compare RUN_A RUN_B [--out FILE.csv]: bottleneck and 1-Wasserstein
/// distances between the two runs' diagrams at each epoch both analysed.
int compareCommand(const QStringList &arguments);

} // namespace netbetti::cli
