#include "plots/RunNames.h"

#include "plots/PlotStyle.h"

#include <QCoreApplication>
#include <functional>

namespace netbetti {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("RunNames", text);
}

/// A setting runs can differ in, and how a legend says its value.
struct Trait
{
    std::function<QString(const ExperimentSpec &)> words;
};

const std::vector<Trait> &traits()
{
    static const std::vector<Trait> list{
        {[](const ExperimentSpec &s) { return metricShortWords(s.analysis.metric); }},
        {[](const ExperimentSpec &s) { return QStringLiteral("Z/%1").arg(s.analysis.coefficients); }},
        {[](const ExperimentSpec &s) { return QStringLiteral("up to H") + style::subscript(s.analysis.maxDim); }},
        {[](const ExperimentSpec &s) { return tr("seed %1").arg(s.seed); }},
        {[](const ExperimentSpec &s) {
             QString n = s.analysis.neurons;
             if (n == QLatin1String("layers")) {
                 QStringList layers;
                 for (int l : s.analysis.layers)
                     layers << QString::number(l);
                 n = tr("layers %1").arg(layers.join(QLatin1Char(',')));
             }
             return tr("%1 neurons").arg(n);
         }},
        {[](const ExperimentSpec &s) { return s.dataset.kind; }},
        {[](const ExperimentSpec &s) { return s.analysis.output; }},
        {[](const ExperimentSpec &s) { return tr("probed on %1").arg(s.analysis.probe); }},
    };
    return list;
}

} // namespace

QString compactArchitecture(const std::vector<int> &layers)
{
    QStringList parts;
    for (size_t i = 0; i < layers.size();) {
        size_t j = i;
        while (j < layers.size() && layers[j] == layers[i])
            ++j;
        const QString width = QString::number(layers[i]);
        parts << (j - i > 1 ? QStringLiteral("%1×%2").arg(width).arg(j - i) : width);
        i = j;
    }
    return parts.join(QLatin1Char('-'));
}

QString metricWords(const QString &metric)
{
    if (metric == QLatin1String("sqrt-one-minus-abs-correlation"))
        return tr("unsigned correlation, √(1 − |c|)");
    if (metric == QLatin1String("sqrt-one-minus-correlation"))
        return tr("signed correlation, √(1 − c)");
    if (metric == QLatin1String("one-minus-abs-correlation"))
        return tr("1 − |c| (not a metric)");
    return metric;
}

QString metricShortWords(const QString &metric)
{
    if (metric == QLatin1String("sqrt-one-minus-abs-correlation"))
        return tr("unsigned");
    if (metric == QLatin1String("sqrt-one-minus-correlation"))
        return tr("signed");
    if (metric == QLatin1String("one-minus-abs-correlation"))
        return tr("1 − |c|");
    return metric;
}

QString runTitle(const ExperimentSpec &spec)
{
    return spec.name.isEmpty() ? architectureName(spec.model.layers) : spec.name;
}

QStringList distinguishingNames(const std::vector<ExperimentSpec> &specs)
{
    QStringList names;
    for (const ExperimentSpec &s : specs)
        names << compactArchitecture(s.model.layers);
    for (const Trait &trait : traits()) {
        bool differs = false;
        for (const ExperimentSpec &s : specs)
            differs = differs || trait.words(s) != trait.words(specs.front());
        if (differs)
            for (size_t i = 0; i < specs.size(); ++i)
                names[qsizetype(i)] += QStringLiteral(", ") + trait.words(specs[i]);
    }
    // Alike in every way shown: numbered in order.
    for (qsizetype i = 1; i < names.size(); ++i) {
        int same = 1;
        for (qsizetype j = 0; j < i; ++j)
            same += names[j] == names[i] || names[j].startsWith(names[i] + QStringLiteral(" ("));
        if (same > 1)
            names[i] += QStringLiteral(" (%1)").arg(same);
    }
    return names;
}

} // namespace netbetti
