#include "run/CycleSelection.h"

#include "run/RunModel.h"

#include <QCoreApplication>

namespace netbetti {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("CycleSelection", text);
}

} // namespace

SelectedCycle cycleOfClass(const RunModel& model, int epoch, const std::optional<PersistenceBar>& bar)
{
    SelectedCycle out;
    if (!bar) {
        out.why = tr("select a bar in the barcode or the diagram to see its cycle's neurons");
        return out;
    }
    if (bar->dim < 1) {
        out.why = tr("H0 classes have no cycle: select a bar of H1");
        return out;
    }
    QString why;
    const std::optional<CycleSet> cycles = model.cycles(epoch, &why);
    if (!cycles) {
        out.why = why;
        return out;
    }
    if (const RepresentativeCycle* c = cycles->find(bar->dim, bar->birth, bar->death)) {
        out.cycle = *c;
        out.neurons = c->vertices();
    } else if (const SkippedClass* s = cycles->findSkipped(bar->dim, bar->birth, bar->death)) {
        out.why = tr("this class's cycle was skipped: %1").arg(s->reason);
    } else {
        out.why = tr("epoch %1 has no cycle for this class (it is not among the %2 most persistent, "
                     "or not a class of this epoch)")
                      .arg(epoch)
                      .arg(model.spec().analysis.cycles);
    }
    return out;
}

SelectedCycle selectedCycle(const RunModel& model)
{
    return cycleOfClass(model, model.currentEpoch(), model.selectedClass());
}

std::vector<int> countsPerLayer(const RunModel& model, const std::vector<int>& neurons)
{
    std::vector<int> counts(model.spec().model.layers.size(), 0);
    for (int v : neurons)
        if (v >= 0 && v < int(model.neurons().size())) {
            const int layer = model.neurons()[size_t(v)].layer;
            if (layer >= 0 && layer < int(counts.size()))
                ++counts[size_t(layer)];
        }
    return counts;
}

QString neuronsPerLayer(const RunModel& model, const std::vector<int>& neurons)
{
    const std::vector<int> counts = countsPerLayer(model, neurons);
    QStringList parts;
    for (size_t layer = 0; layer < counts.size(); ++layer)
        if (counts[layer] > 0)
            parts << QStringLiteral("%1: %2")
                         .arg(layer == 0                      ? tr("input")
                                 : layer + 1 == counts.size() ? tr("output")
                                                              : tr("layer %1").arg(layer))
                         .arg(counts[layer]);
    return parts.join(QStringLiteral(", "));
}

QString cycleTooltip(const RunModel& model, int epoch, const PersistenceBar& bar)
{
    if (bar.dim < 1 || model.folder().isEmpty())
        return {}; // a run with no folder (a figure's, a test's) has no cycles to speak of
    const SelectedCycle c = cycleOfClass(model, epoch, bar);
    if (!c.cycle)
        return tr("cycle: none (%1)").arg(c.why);
    return tr("cycle: %1 neurons (%2)").arg(c.neurons.size()).arg(neuronsPerLayer(model, c.neurons));
}

} // namespace netbetti
