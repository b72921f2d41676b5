#pragma once
// What every panel shows: one run (live or opened from disk), its epochs,
// their diagrams, and the epoch and scale the user is looking at. Panels
// read from here and redraw on its signals; nothing here draws.

#include "experiment/RunFolder.h"
#include "topology/BarTracks.h"
#include "topology/PersistenceDiagram.h"

#include <QObject>
#include <map>
#include <optional>

namespace netbetti {

/// Everything the panels draw a run from, as a value: what a figure is
/// made of, and what a fresh model is given to show the same thing.
struct RunState
{
    ExperimentSpec spec;
    std::vector<NeuronId> neurons;
    QString folder;
    bool hasRun = false;
    std::vector<EpochRecord> epochs;
    std::map<int, PersistenceDiagram> diagrams;
    int current = -1;
    bool follow = true;
    double scale = 0.5;
    /// The ε axes reach at least this far: runs shown side by side share
    /// their axes (0: the run's own range).
    double axisRange = 0.0;
    /// The track selected in the Tracks view: its bar is the selected bar
    /// of every epoch it lives through. A new run starts without one.
    std::optional<BarTrack> selectedTrack;
    /// The class the user selected in the barcode or the diagram (of the
    /// current epoch when it was selected); none: no selection.
    std::optional<PersistenceBar> selected;
    /// Whether the selected class is the selected track's: then it is the
    /// track's bar of whichever epoch is shown (none where the track does not
    /// live), so that its cycle follows the scrubber. A click on a bar ends it.
    bool classFollowsTrack = false;
};

class RunModel : public QObject
{
    Q_OBJECT
public:
    explicit RunModel(QObject *parent = nullptr);

    /// Starts a new (empty) run: panels clear.
    void setRun(const ExperimentSpec &spec, const std::vector<NeuronId> &neurons, const QString &folder);
    /// An epoch whose analysis finished (its files are on disk).
    void addEpoch(const EpochRecord &record, const PersistenceDiagram &diagram);
    /// Opens a run folder written by the CLI or the GUI. Throws InputError
    /// naming the file at fault; the model is unchanged then.
    void loadFolder(const QString &dir);
    /// A recorded epoch's record changed (its continuity was measured).
    void updateRecord(const EpochRecord &record);
    void clear();
    /// The whole state, to give another model (a figure's) the same run.
    const RunState &state() const { return m_s; }
    /// Takes a whole state at once: panels redraw once, from scratch.
    void setState(const RunState &state);

    bool hasRun() const;
    const ExperimentSpec &spec() const;
    const std::vector<NeuronId> &neurons() const;
    QString folder() const;
    /// Every recorded epoch, in order (analysed or not).
    const std::vector<EpochRecord> &epochs() const;
    /// Epochs with a diagram, in order.
    std::vector<int> analysedEpochs() const;
    const EpochRecord *record(int epoch) const;
    /// Null when the epoch has no diagram.
    const PersistenceDiagram *diagram(int epoch) const;
    /// The epoch's distance matrix, read from the run folder (the last one
    /// read is cached, and the reference stays valid until the next call);
    /// empty when it is not there.
    const FloatMatrix &distance(int epoch) const;
    /// Largest finite value over all diagrams (or the state's axisRange, if
    /// larger): a common axis for every epoch.
    double scaleRange() const;
    int maxDim() const;

    /// The epoch the panels show; -1 when there is none yet.
    int currentEpoch() const;
    void setCurrentEpoch(int epoch);
    /// Whether new epochs move the view along (until the user scrubs away).
    bool followsLatest() const;
    void setFollowLatest(bool follow);

    /// The scale ε at which Betti numbers are read.
    double scale() const;
    /// The largest ε there is: the metric's bound on distances (1, or √2
    /// for the signed metric), or the threshold when one is set.
    double scaleLimit() const;
    void setScale(double eps);

    /// Selects a track (nullopt: none); selectedTrackChanged follows. Its bar
    /// of the shown epoch becomes the selected class, and stays so as the
    /// epoch changes (RunState::classFollowsTrack).
    void setSelectedTrack(const std::optional<BarTrack> &track);
    const std::optional<BarTrack> &selectedTrack() const;
    /// The selected track's bar in epoch's diagram (an index into its
    /// bars); -1 when no track is selected or it does not live then.
    int selectedBar(int epoch) const;
    /// The selected class; its cycle's neurons are highlighted.
    const std::optional<PersistenceBar> &selectedClass() const;
    void setSelectedClass(const std::optional<PersistenceBar> &bar);
    /// The epoch's cycles.json (cached); none, with *why saying why, when the
    /// epoch has none (cycles off, an older run) or it is malformed.
    std::optional<CycleSet> cycles(int epoch, QString *why = nullptr) const;

Q_SIGNALS:
    void runReset();
    void epochAdded(int epoch);
    void recordUpdated(int epoch);
    void currentEpochChanged(int epoch);
    void scaleChanged(double eps);
    void followLatestChanged(bool follow);
    void selectedTrackChanged();
    void selectionChanged();

private:
    void updateLargestValue();
    /// Shows epoch (which has a diagram), moving a class that follows its track.
    void showEpoch(int epoch);
    /// The selected track's bar at epoch, as a class; none where it does not live.
    std::optional<PersistenceBar> trackClassAt(int epoch) const;
    /// Sets the selected class; selectionChanged when it changed.
    void selectClass(const std::optional<PersistenceBar> &bar);

    RunState m_s;
    mutable int m_cachedEpoch = -1;
    mutable FloatMatrix m_cachedDistance;
    mutable std::map<int, std::pair<std::optional<CycleSet>, QString>> m_cycles; // by epoch
    double m_largestValue = 0.0; // over m_s.diagrams, kept as they come: views ask per bar
};

} // namespace netbetti
