#pragma once
// A run on disk (DESIGN.md, "A run folder"): spec.json, run.json,
// neurons.csv and epochs/NNNN/{distance.npy,diagram.csv}. Every file is
// written atomically, an epoch's files are written into staging-NNNN and the
// folder renamed to epochs/NNNN once complete, and run.json lists an epoch
// only after that: a run killed at any moment leaves a folder that opens,
// and epochs/* never holds half an epoch. One process writes a run folder
// at a time (lock()).

#include "ExperimentSpec.h"
#include "storage/FolderLock.h"
#include "topology/DiagramMatching.h"
#include "topology/RepresentativeCycles.h"
#include "topology/PersistenceDiagram.h"

#include <QJsonObject>
#include <QMetaType>

namespace netbetti {

struct StageTimings
{
    double train = 0.0, probe = 0.0, metric = 0.0, persistence = 0.0, write = 0.0;
    double distance = 0.0; ///< diagram distances to the previous epoch
    double state = 0.0;    ///< serialising and writing the trainer's state (for --resume)
    double cycles = 0.0;   ///< representative cycles (cycles.json)
};

struct EpochRecord
{
    int epoch = 0; ///< 0: the network at initialisation
    double loss = 0.0;
    double trainAccuracy = 0.0;
    double testAccuracy = 0.0;
    StageTimings seconds;
    bool analysed = false; ///< distance.npy (and diagram.csv unless failed) written
    int neurons = 0;
    int constantNeurons = 0;
    QString analysisError; ///< why the persistence of this epoch failed, if it did
    /// Continuity: distances from this epoch's diagram to the previous analysed
    /// epoch's, index = dimension (empty for the first; +inf when the numbers
    /// of essential classes differ, written as null).
    int previousEpoch = -1;
    std::vector<double> bottleneckToPrevious;
    std::vector<double> wassersteinToPrevious;
    /// The stability bound: max |d_t - d_prev| over all pairs of neurons. By
    /// the stability of Rips persistence no bottleneck distance above exceeds
    /// it. None: not measured (the first epoch, or neuron sets that differ).
    std::optional<double> linfToPrevious;

    QJsonObject toJson() const;
    static EpochRecord fromJson(const QJsonObject &object);
};

struct RunRecord
{
    QString engine;
    std::optional<double> threshold; ///< the user's threshold, if it cut the filtration
    std::vector<EpochRecord> epochs;
    bool finished = false; ///< all epochs of the spec done (false: stopped or killed)

    QJsonObject toJson() const;
    /// Parses run.json's bytes; throws InputError naming fileName and the
    /// field when they are not a run record.
    static RunRecord fromJson(const QByteArray &json, const QString &fileName);
    const EpochRecord *find(int epoch) const;
};

class RunFolder
{
public:
    explicit RunFolder(QString dir);
    QString path() const;
    QString epochDir(int epoch) const;
    /// staging-NNNN: where an epoch's files are written until it is complete.
    QString stagingDir(int epoch) const;
    QString distancePath(int epoch) const;
    QString diagramPath(int epoch) const;
    /// epochs/NNNN/matching.csv: the bottleneck matching of this epoch's
    /// diagram with the previous analysed epoch's (DiagramMatching.h).
    QString matchingPath(int epoch) const;
    /// epochs/NNNN/cycles.json: representative cycles (CycleFile.h).
    QString cyclesPath(int epoch) const;
    /// state/model-NNNN.pt, state/optimizer-NNNN.pt: the trainer after epoch k.
    QString modelStatePath(int epoch) const;
    QString optimizerStatePath(int epoch) const;

    /// Makes the folder and writes spec.json and neurons.csv. Throws
    /// InputError if it already holds a run, RunError if it cannot write.
    void create(const ExperimentSpec &spec, const std::vector<NeuronId> &neurons) const;
    /// The lock every writer holds while it writes the folder (made if
    /// missing). Throws InputError naming the holder's pid and host when
    /// another writer holds it; a killed writer's lock is taken over.
    FolderLock lock() const;
    /// An epoch's files go into its staging folder; publishEpoch() renames
    /// that folder to epochs/NNNN, where readers find it complete.
    void stageDistance(int epoch, const FloatMatrix &distances) const;
    void stageDiagram(int epoch, const PersistenceDiagram &diagram) const;
    void stageCycles(int epoch, const CycleSet &cycles) const;
    /// Throws RunError naming both folders when the rename fails.
    void publishEpoch(int epoch) const;
    void writeRecord(const RunRecord &record) const;
    /// Rewrites spec.json (a resumed run given more epochs).
    void writeSpec(const ExperimentSpec &spec) const;
    /// Written before run.json lists the epoch, so that the state of the last
    /// listed epoch is always on disk; then the older states are removed.
    void writeState(int epoch, const TrainerState &state) const;
    /// Keeps the network of every epoch up to `epoch` (reanalysis needs
    /// them) and the optimizer of `epoch` alone (resuming needs it); removes
    /// the rest, temporaries included. Returns how many files were removed.
    int removeStatesExcept(int epoch) const;
    /// Throws InputError naming the missing file.
    TrainerState readState(int epoch) const;
    /// Deletes what a killed run left half-written: temporary files of
    /// atomic writes, staged epochs, and the files of epochs that run.json
    /// does not list.
    /// Returns how many files were removed.
    int removeUnlisted(const RunRecord &record) const;

    /// Reads spec.json and run.json. Throws InputError naming the file and
    /// field when the folder is not a run or is damaged.
    ExperimentSpec readSpec() const;
    RunRecord readRecord() const;
    std::vector<NeuronId> readNeurons() const;
    FloatMatrix readDistance(int epoch) const;
    /// An epoch's diagram. threshold is the run's (run.json's): diagram.csv
    /// writes a class alive at it as inf, and every comparison between
    /// diagrams must see it end there, as the engine's own diagrams do.
    PersistenceDiagram readDiagram(int epoch, std::optional<double> threshold = std::nullopt) const;
    /// Written into the published epoch beside its continuity measurement.
    void writeMatching(int epoch, const std::vector<BarMatch> &matching) const;
    /// None when the epoch has no matching.csv (the first epoch, an older
    /// run); InputError naming the file when it is malformed.
    std::optional<std::vector<BarMatch>> readMatching(int epoch) const;
    /// None when the epoch has no cycles.json (cycles off, an older run);
    /// InputError naming the file and field when it is malformed.
    std::optional<CycleSet> readCycles(int epoch, int points = 0) const;

private:
    QString m_dir;
};

} // namespace netbetti

Q_DECLARE_METATYPE(netbetti::EpochRecord)
