#pragma once
// What sweep.json says (SweepFolder.h has the folder's layout): the sweep's
// definition and each run's name, folder, varied values and status. Read
// without the pipeline, so that views and `export` can read sweep folders.

#include <QJsonObject>
#include <QStringList>
#include <vector>

namespace netbetti {

/// One run as sweep.json lists it.
struct SweepEntry
{
    QString name;
    QString folder; ///< relative to the sweep folder: runs/NAME
    QJsonObject values;
    QString status;
    QString error;
    int epochsDone = -1; ///< the last epoch run.json lists, -1 for none
    int epochs = 0;      ///< the spec's
    double testAccuracy = 0; ///< at the last epoch listed

    QJsonObject toJson() const;
};

struct SweepIndex
{
    QString sweepFile;
    QJsonObject definition;
    QString slurmJob; ///< the job array's id, if the sweep was submitted to Slurm
    std::vector<SweepEntry> runs;

    /// Reads DIR/sweep.json; InputError naming the file and field.
    static SweepIndex read(const QString &dir);
    /// The axes' paths, in the order of the definition.
    QStringList variedPaths() const;
};

} // namespace netbetti
