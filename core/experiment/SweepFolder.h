#pragma once
// A sweep on disk (DESIGN.md, "A sweep folder"):
//
//   sweep.json         the sweep's definition and every run: name, folder,
//                      the values it varies, status (pending, running,
//                      submitted, unfinished, finished, failed), error
//   specs/NAME.json    each run's spec, complete
//   runs/NAME/         ordinary run folders, as `netbetti-cli run` writes them
//   logs/              what each run printed
//   errors/NAME.txt    why a run failed (removed when it is tried again)
//   distances.csv      every pair of runs: bottleneck and 1-Wasserstein per
//                      dimension at their last common analysed epoch
//
// A run's status is read from its folder (run.json says whether it is
// finished), so a sweep killed at any moment is told correctly next time.

#include "Sweep.h"
#include "SweepIndex.h"

#include <map>

namespace netbetti {

class SweepFolder
{
public:
    explicit SweepFolder(QString dir);
    QString path() const;
    QString runDir(const QString &name) const;
    QString specPath(const QString &name) const;
    QString errorPath(const QString &name) const;
    QString logDir() const;
    QString indexPath() const;
    QString distancesPath() const;

    /// InputError naming the folder unless it is empty, missing, or holds
    /// this very sweep (a different grid would mix with its runs).
    void checkHolds(const Sweep &sweep) const;
    /// checkHolds(), then makes the folder and writes every run's spec.
    void prepare(const Sweep &sweep) const;
    /// From the run's folder and error file: finished, failed, unfinished
    /// (started, not done) or pending.
    SweepEntry entry(const SweepRun &run) const;
    /// Writes sweep.json; statuses[name] overrides what the folders say
    /// (running, submitted).
    SweepIndex writeIndex(const Sweep &sweep, const std::map<QString, QString> &statuses = {},
                          const QString &slurmJob = {}) const;
    void writeError(const QString &name, const QString &message) const;
    void clearError(const QString &name) const;

    /// Every pair of runs that share an analysed epoch, at the last one:
    /// run_a,run_b,epoch,dim,bottleneck,wasserstein. Returns the pairs written.
    int writeDistances(const Sweep &sweep) const;

private:
    QString m_dir;
};

} // namespace netbetti
