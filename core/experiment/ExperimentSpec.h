#pragma once
// The experiment spec of DESIGN.md: one JSON object, every field optional,
// unknown keys an error. Parsing fills in the defaults and validates, so a
// spec that parses can run.

#include "data/Dataset.h"
#include "metric/NeuronMetric.h"
#include "model/Architecture.h"
#include "topology/PersistenceEngine.h"
#include "train/TrainingSpec.h"

#include <QJsonObject>
#include <QString>
#include <optional>
#include <vector>

namespace netbetti {

struct AnalysisSpec
{
    /// "hidden+output", "hidden", "all", or "layers" with `layers` set.
    QString neurons = QStringLiteral("hidden+output");
    std::vector<int> layers; ///< when neurons == "layers": indices, 0 = input
    QString probe = QStringLiteral("test");    ///< test, train, all
    QString output = QStringLiteral("softmax"); ///< softmax, logits
    QString metric = QStringLiteral("sqrt-one-minus-abs-correlation");
    int maxDim = 1;
    std::optional<double> threshold;
    int coefficients = 2;
    int every = 1; ///< analyse every k-th epoch (and always the first and last)
    QString engine = QStringLiteral("netbetti"); ///< netbetti (in-process) or ripser (the reference)
    int threads = 0; ///< the persistence engine's threads; 0 (null in JSON): one per core
    /// Representative cycles (epochs/NNNN/cycles.json) of this many classes
    /// per dimension >= 1; 0: none.
    int cycles = 10;
};

/// Highest homology dimension a spec may ask for.
constexpr int kMaxHomologyDim = 3;

struct ExperimentSpec
{
    QString name = QStringLiteral("D4 ball in cube, 4-64-64-2");
    std::uint64_t seed = 1;
    DatasetSpec dataset;
    ModelSpec model;
    TrainingSpec training;
    AnalysisSpec analysis;

    /// Parses and validates; throws InputError naming `fileName`, the field
    /// (e.g. "training.learning_rate") and the value.
    static ExperimentSpec fromJson(const QByteArray &json, const QString &fileName);
    static ExperimentSpec fromFile(const QString &path);
    /// Complete: every field, defaults included.
    QJsonObject toJson() const;
    QByteArray toJsonBytes() const;
    /// This spec with the fields of `analysis` given replaced, validated as a
    /// spec file (InputError naming `source`, "analysis.<field>" and the
    /// value): the settings of analysing a run again.
    ExperimentSpec withAnalysis(const QJsonObject &analysis, const QString &source) const;

    /// Checks the cross-field rules (input width = dataset dimension, output
    /// width = number of classes) once the dataset is known.
    void validateAgainst(const Dataset &data, const QString &fileName) const;

    /// The layers whose neurons enter the metric space, in order.
    std::vector<int> analysedLayers() const;
    std::vector<NeuronId> analysedNeurons() const;
    ProbeSettings probeSettings() const;
    PersistenceSettings persistenceSettings() const;
    MetricKind metricKind() const;
    /// Whether epoch k (0 = before training) is analysed.
    bool analysesEpoch(int epoch) const;
};

/// The built-in example: the talk's D^4 ⊂ [0,1]^4 against 4-64-64-2.
ExperimentSpec builtInExample();

/// A JSON value as messages about specs show it ("[4,0,2]", "\"relu\"").
QString describeJsonValue(const QJsonValue &value);

/// The name of a run analysed again: the source's, and what the new
/// analysis changed ("…, 4-128-128-2 (analysed again: Z/3)").
QString analysedAgainName(const ExperimentSpec &source, const ExperimentSpec &again);

} // namespace netbetti
