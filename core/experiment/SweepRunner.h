#pragma once
// Runs what is left of a sweep: each run in a worker process of its own
// (`netbetti-cli sweep --task K --out DIR`, which runs or resumes runs/NAME),
// either N at a time on this machine or as one Slurm job array. Finished
// runs are kept, unfinished ones resumed, the rest started; a run that fails
// is marked failed in sweep.json with its message and the others go on.

#include "SweepFolder.h"

#include <functional>

namespace netbetti {

struct SweepOptions
{
    QString program;    ///< netbetti-cli, run for every task
    int jobs = 0;       ///< local worker processes; 0: as cores and memory allow
    bool slurm = false;
    QString sbatchArgs; ///< extra sbatch arguments, split as a shell would
    bool detach = false; ///< with slurm: return once the job array is submitted
    double pollSeconds = 10; ///< with slurm: between two looks at squeue
    /// Local runs only: asked a few times a second while runs go; false
    /// stops the sweep (its worker processes are killed; their run folders
    /// stay as a kill leaves them, unfinished, and the same sweep again
    /// resumes them). The window's Train Seeds cancels through it.
    std::function<bool()> keepGoing;
};

struct SweepOutcome
{
    SweepIndex index;
    int finished = 0, failed = 0, other = 0;
    int pairs = -1;     ///< rows of distances.csv; -1: not written (detached)
    QString slurmJob;
};

/// Progress, one line at a time (a finished or failed run, a submission).
using SweepLog = std::function<void(const QString &line)>;

/// Locks the sweep folder, prepares it, checks that what is left fits (disk,
/// memory), runs it and writes sweep.json and distances.csv. InputError for
/// what cannot start (bad options, a grid too large, another sweep in the
/// folder); RunError when sbatch is missing or refuses the job, naming its
/// output.
SweepOutcome runSweep(const Sweep &sweep, const QString &dir, const SweepOptions &options, const SweepLog &log);

/// The sweep a folder holds, as sweep.json defines it (for the tasks, which
/// get only the folder).
Sweep sweepOfFolder(const QString &dir);

} // namespace netbetti
