#include "run/RunModel.h"

#include "Error.h"

#include <QFileInfo>
#include <algorithm>

namespace netbetti {

RunModel::RunModel(QObject *parent) : QObject(parent) {}

void RunModel::setRun(const ExperimentSpec &spec, const std::vector<NeuronId> &neurons, const QString &folder)
{
    RunState state;
    state.spec = spec;
    state.neurons = neurons;
    state.folder = folder;
    state.hasRun = true;
    state.scale = m_s.scale; // the scale the user chose stays, within the new run's range
    setState(state);
}

void RunModel::clear()
{
    RunState state;
    state.scale = m_s.scale;
    setState(state);
}

void RunModel::setState(const RunState &state)
{
    m_s = state;
    m_s.scale = std::clamp(m_s.scale, 0.0, scaleLimit());
    if (!m_s.diagrams.count(m_s.current))
        m_s.current = -1;
    m_cachedEpoch = -1;
    m_cachedDistance.resize(0, 0);
    m_cycles.clear();
    updateLargestValue();
    Q_EMIT runReset();
    Q_EMIT selectionChanged();
}

void RunModel::addEpoch(const EpochRecord &record, const PersistenceDiagram &diagram)
{
    m_s.epochs.push_back(record);
    m_cycles.erase(record.epoch);
    const bool replaced = m_s.diagrams.erase(record.epoch) > 0;
    if (record.analysed && record.analysisError.isEmpty())
        m_s.diagrams[record.epoch] = diagram;
    if (replaced)
        updateLargestValue();
    else if (m_s.diagrams.count(record.epoch))
        m_largestValue = std::max(m_largestValue, diagram.largestFiniteValue());
    Q_EMIT epochAdded(record.epoch);
    if ((m_s.follow || m_s.current < 0) && m_s.diagrams.count(record.epoch))
        showEpoch(record.epoch);
}

void RunModel::updateRecord(const EpochRecord &record)
{
    for (EpochRecord &e : m_s.epochs)
        if (e.epoch == record.epoch) {
            e = record;
            Q_EMIT recordUpdated(record.epoch);
            return;
        }
}

void RunModel::loadFolder(const QString &dir)
{
    const RunFolder folder(dir);
    RunState state;
    state.spec = folder.readSpec();
    const RunRecord record = folder.readRecord();
    state.neurons = folder.readNeurons();
    for (const EpochRecord &e : record.epochs)
        if (e.analysed && e.analysisError.isEmpty()) {
            PersistenceDiagram d = folder.readDiagram(e.epoch, record.threshold);
            d.maxDim = state.spec.analysis.maxDim;
            d.pointCount = int(state.neurons.size());
            state.diagrams[e.epoch] = std::move(d);
        }
    state.folder = QFileInfo(dir).absoluteFilePath();
    state.hasRun = true;
    state.follow = false;
    state.epochs = record.epochs;
    state.current = state.diagrams.empty() ? -1 : state.diagrams.rbegin()->first;
    state.scale = m_s.scale;
    setState(state);
}

bool RunModel::hasRun() const
{
    return m_s.hasRun;
}

const ExperimentSpec &RunModel::spec() const
{
    return m_s.spec;
}

const std::vector<NeuronId> &RunModel::neurons() const
{
    return m_s.neurons;
}

QString RunModel::folder() const
{
    return m_s.folder;
}

const std::vector<EpochRecord> &RunModel::epochs() const
{
    return m_s.epochs;
}

std::vector<int> RunModel::analysedEpochs() const
{
    std::vector<int> out;
    for (const auto &entry : m_s.diagrams)
        out.push_back(entry.first);
    return out;
}

const EpochRecord *RunModel::record(int epoch) const
{
    for (const auto &e : m_s.epochs)
        if (e.epoch == epoch)
            return &e;
    return nullptr;
}

const PersistenceDiagram *RunModel::diagram(int epoch) const
{
    const auto it = m_s.diagrams.find(epoch);
    return it == m_s.diagrams.end() ? nullptr : &it->second;
}

const FloatMatrix &RunModel::distance(int epoch) const
{
    if (epoch != m_cachedEpoch) {
        m_cachedDistance.resize(0, 0);
        m_cachedEpoch = epoch;
        const EpochRecord *r = record(epoch);
        if (r && r->analysed && !m_s.folder.isEmpty()) {
            try {
                m_cachedDistance = RunFolder(m_s.folder).readDistance(epoch);
            } catch (const std::exception &) {
                m_cachedDistance.resize(0, 0); // a damaged file shows as no matrix
            }
        }
    }
    return m_cachedDistance;
}

void RunModel::updateLargestValue()
{
    m_largestValue = 0.0;
    for (const auto &entry : m_s.diagrams)
        m_largestValue = std::max(m_largestValue, entry.second.largestFiniteValue());
}

double RunModel::scaleRange() const
{
    double range = m_largestValue;
    if (m_s.spec.analysis.threshold)
        range = std::max(range, *m_s.spec.analysis.threshold);
    range = std::max(range, m_s.axisRange);
    return range > 0.0 ? range : 1.0;
}

int RunModel::maxDim() const
{
    return m_s.spec.analysis.maxDim;
}

int RunModel::currentEpoch() const
{
    return m_s.current;
}

void RunModel::setCurrentEpoch(int epoch)
{
    if (epoch == m_s.current || !m_s.diagrams.count(epoch))
        return;
    showEpoch(epoch);
}

void RunModel::showEpoch(int epoch)
{
    m_s.current = epoch;
    // The class moves before the views hear of the epoch, so that they
    // draw the new epoch with its own bar of the track.
    const std::optional<PersistenceBar> before = m_s.selected;
    if (m_s.classFollowsTrack)
        m_s.selected = trackClassAt(epoch);
    Q_EMIT currentEpochChanged(epoch);
    if (!(before == m_s.selected))
        Q_EMIT selectionChanged();
}

std::optional<PersistenceBar> RunModel::trackClassAt(int epoch) const
{
    const int bar = selectedBar(epoch);
    const PersistenceDiagram *d = diagram(epoch);
    if (!d || bar < 0 || bar >= int(d->bars.size()))
        return std::nullopt;
    return d->bars[size_t(bar)];
}

bool RunModel::followsLatest() const
{
    return m_s.follow;
}

void RunModel::setFollowLatest(bool follow)
{
    if (follow == m_s.follow)
        return;
    m_s.follow = follow;
    Q_EMIT followLatestChanged(follow);
    if (follow && !m_s.diagrams.empty())
        setCurrentEpoch(m_s.diagrams.rbegin()->first);
}

const std::optional<PersistenceBar> &RunModel::selectedClass() const
{
    return m_s.selected;
}

void RunModel::setSelectedClass(const std::optional<PersistenceBar> &bar)
{
    m_s.classFollowsTrack = false; // a class chosen by hand stays where it was chosen
    selectClass(bar);
}

void RunModel::selectClass(const std::optional<PersistenceBar> &bar)
{
    if (bar == m_s.selected)
        return;
    m_s.selected = bar;
    Q_EMIT selectionChanged();
}

std::optional<CycleSet> RunModel::cycles(int epoch, QString *why) const
{
    auto found = m_cycles.find(epoch);
    if (found == m_cycles.end()) {
        std::pair<std::optional<CycleSet>, QString> entry;
        if (m_s.folder.isEmpty()) {
            entry.second = tr("the run shown has no folder to read cycles from");
        } else if (!m_s.diagrams.count(epoch)) {
            entry.second = tr("epoch %1 has no diagram").arg(epoch);
        } else {
            try {
                const RunFolder folder(m_s.folder);
                entry.first = folder.readCycles(epoch, int(m_s.neurons.size()));
                if (!entry.first)
                    entry.second = m_s.spec.analysis.cycles == 0
                                       ? tr("this run was analysed without cycles (analysis.cycles = 0)")
                                       : tr("epoch %1 has no cycles.json (a run older than cycles)").arg(epoch);
            } catch (const std::exception &e) {
                entry.second = QString::fromUtf8(e.what());
            }
        }
        found = m_cycles.emplace(epoch, std::move(entry)).first;
    }
    if (why)
        *why = found->second.second;
    return found->second.first;
}

double RunModel::scale() const
{
    return m_s.scale;
}

double RunModel::scaleLimit() const
{
    MetricKind kind = MetricKind::SqrtOneMinusAbsCorrelation;
    metricFromName(m_s.spec.analysis.metric, &kind);
    const double bound = metricDiameterBound(kind);
    return m_s.spec.analysis.threshold ? std::min(bound, *m_s.spec.analysis.threshold) : bound;
}

void RunModel::setScale(double eps)
{
    eps = std::clamp(eps, 0.0, scaleLimit());
    if (eps == m_s.scale)
        return;
    m_s.scale = eps;
    Q_EMIT scaleChanged(eps);
}

void RunModel::setSelectedTrack(const std::optional<BarTrack> &track)
{
    const bool wasFollowing = m_s.classFollowsTrack;
    m_s.selectedTrack = track;
    m_s.classFollowsTrack = track.has_value();
    Q_EMIT selectedTrackChanged();
    if (track)
        selectClass(trackClassAt(m_s.current));
    else if (wasFollowing)
        selectClass(std::nullopt); // "no track" takes its class along
}

const std::optional<BarTrack> &RunModel::selectedTrack() const
{
    return m_s.selectedTrack;
}

int RunModel::selectedBar(int epoch) const
{
    if (!m_s.selectedTrack)
        return -1;
    for (const TrackPoint &p : m_s.selectedTrack->points)
        if (p.epoch == epoch)
            return p.bar;
    return -1;
}

} // namespace netbetti
