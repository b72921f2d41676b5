#include "run/RunModel.h"

#include "Error.h"

#include <QFileInfo>
#include <algorithm>

namespace netbetti {

RunModel::RunModel(QObject *parent) : QObject(parent) {}

void RunModel::setRun(const ExperimentSpec &spec, const std::vector<NeuronId> &neurons, const QString &folder)
{
    m_spec = spec;
    m_neurons = neurons;
    m_folder = folder;
    m_hasRun = true;
    m_epochs.clear();
    m_diagrams.clear();
    m_current = -1;
    m_follow = true;
    m_cachedEpoch = -1;
    if (spec.analysis.threshold)
        m_scale = std::min(m_scale, *spec.analysis.threshold);
    Q_EMIT runReset();
}

void RunModel::clear()
{
    setRun(ExperimentSpec{}, {}, {});
    m_hasRun = false;
    Q_EMIT runReset();
}

void RunModel::addEpoch(const EpochRecord &record, const PersistenceDiagram &diagram)
{
    m_epochs.push_back(record);
    if (record.analysed && record.analysisError.isEmpty())
        m_diagrams[record.epoch] = diagram;
    Q_EMIT epochAdded(record.epoch);
    if (m_follow && m_diagrams.count(record.epoch)) {
        m_current = record.epoch;
        Q_EMIT currentEpochChanged(m_current);
    } else if (m_current < 0 && m_diagrams.count(record.epoch)) {
        setCurrentEpoch(record.epoch);
    }
}

void RunModel::updateRecord(const EpochRecord &record)
{
    for (EpochRecord &e : m_epochs)
        if (e.epoch == record.epoch) {
            e = record;
            Q_EMIT recordUpdated(record.epoch);
            return;
        }
}

void RunModel::loadFolder(const QString &dir)
{
    const RunFolder folder(dir);
    const ExperimentSpec spec = folder.readSpec();
    const RunRecord record = folder.readRecord();
    const std::vector<NeuronId> neurons = folder.readNeurons();
    std::map<int, PersistenceDiagram> diagrams;
    for (const EpochRecord &e : record.epochs)
        if (e.analysed && e.analysisError.isEmpty()) {
            PersistenceDiagram d = folder.readDiagram(e.epoch, record.threshold);
            d.maxDim = spec.analysis.maxDim;
            d.pointCount = int(neurons.size());
            diagrams[e.epoch] = std::move(d);
        }
    setRun(spec, neurons, QFileInfo(dir).absoluteFilePath());
    m_follow = false;
    m_epochs = record.epochs;
    m_diagrams = std::move(diagrams);
    for (const EpochRecord &e : m_epochs)
        Q_EMIT epochAdded(e.epoch);
    if (!m_diagrams.empty())
        setCurrentEpoch(m_diagrams.rbegin()->first);
}

bool RunModel::hasRun() const
{
    return m_hasRun;
}

const ExperimentSpec &RunModel::spec() const
{
    return m_spec;
}

const std::vector<NeuronId> &RunModel::neurons() const
{
    return m_neurons;
}

QString RunModel::folder() const
{
    return m_folder;
}

const std::vector<EpochRecord> &RunModel::epochs() const
{
    return m_epochs;
}

std::vector<int> RunModel::analysedEpochs() const
{
    std::vector<int> out;
    for (const auto &entry : m_diagrams)
        out.push_back(entry.first);
    return out;
}

const EpochRecord *RunModel::record(int epoch) const
{
    for (const auto &e : m_epochs)
        if (e.epoch == epoch)
            return &e;
    return nullptr;
}

const PersistenceDiagram *RunModel::diagram(int epoch) const
{
    const auto it = m_diagrams.find(epoch);
    return it == m_diagrams.end() ? nullptr : &it->second;
}

FloatMatrix RunModel::distance(int epoch) const
{
    if (epoch != m_cachedEpoch) {
        m_cachedDistance.resize(0, 0);
        m_cachedEpoch = epoch;
        const EpochRecord *r = record(epoch);
        if (r && r->analysed && !m_folder.isEmpty()) {
            try {
                m_cachedDistance = RunFolder(m_folder).readDistance(epoch);
            } catch (const std::exception &) {
                m_cachedDistance.resize(0, 0); // a damaged file shows as no matrix
            }
        }
    }
    return m_cachedDistance;
}

double RunModel::scaleRange() const
{
    double range = 0.0;
    for (const auto &entry : m_diagrams)
        range = std::max(range, entry.second.largestFiniteValue());
    if (m_spec.analysis.threshold)
        range = std::max(range, *m_spec.analysis.threshold);
    return range > 0.0 ? range : 1.0;
}

int RunModel::maxDim() const
{
    return m_spec.analysis.maxDim;
}

int RunModel::currentEpoch() const
{
    return m_current;
}

void RunModel::setCurrentEpoch(int epoch)
{
    if (epoch == m_current || !m_diagrams.count(epoch))
        return;
    m_current = epoch;
    Q_EMIT currentEpochChanged(epoch);
}

bool RunModel::followsLatest() const
{
    return m_follow;
}

void RunModel::setFollowLatest(bool follow)
{
    if (follow == m_follow)
        return;
    m_follow = follow;
    Q_EMIT followLatestChanged(follow);
    if (follow && !m_diagrams.empty())
        setCurrentEpoch(m_diagrams.rbegin()->first);
}

double RunModel::scale() const
{
    return m_scale;
}

void RunModel::setScale(double eps)
{
    if (eps == m_scale)
        return;
    m_scale = eps;
    Q_EMIT scaleChanged(eps);
}

} // namespace netbetti
