#pragma once

#include <QStringList>

namespace netbetti::cli {

/// `sweep SWEEP.json --out DIR [--jobs N] [--slurm [--sbatch ARGS] [--detach]]`,
/// and `sweep --task K --out DIR`, one run of a sweep (what its workers and
/// Slurm's tasks run).
int sweepCommand(const QStringList &arguments);

/// `seeds SPEC.json --count N [--first-seed S] --out DIR [--jobs N] [--slurm ...]`:
/// the sweep {"base": SPEC, "vary": {"seed": [S, ..., S + N − 1]}}.
int seedsCommand(const QStringList &arguments);

} // namespace netbetti::cli
