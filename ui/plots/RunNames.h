#pragma once
// Names for runs shown side by side that say what differs between them:
// "4-128-128-2" when only the architecture does, "4-128-128-2, signed"
// when the metric does too. And the metric variants in words.

#include "experiment/ExperimentSpec.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace netbetti {

/// "unsigned correlation", "signed correlation", "1 − |c| (not a metric)".
QString metricWords(const QString &metric);
/// Short form for a legend, where six runs' names must fit a paper column:
/// "unsigned", "signed", "1 − |c|".
QString metricShortWords(const QString &metric);

/// What a plot's title calls the run: its name, else its architecture.
QString runTitle(const ExperimentSpec &spec);

/// "4-128×3-2" for 4-128-128-128-2: repeated widths counted, so that six
/// runs' names fit a legend in a paper column.
QString compactArchitecture(const std::vector<int> &layers);

/// One name per run, in order: the architecture (compact), then each setting in which
/// the runs are not all alike (metric, field, highest dimension, seed,
/// neurons, dataset, output, probe); runs alike in all of these are
/// numbered "(2)", "(3)" after the first.
QStringList distinguishingNames(const std::vector<ExperimentSpec> &specs);

} // namespace netbetti
