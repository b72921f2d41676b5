#include "ExperimentSpec.h"

#include "Error.h"
#include "storage/AtomicFile.h"
#include "topology/NetBettiEngine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>
#include <cmath>

namespace netbetti {

namespace {

const QStringList kNeuronChoices{QStringLiteral("hidden+output"), QStringLiteral("hidden"),
                                 QStringLiteral("all")};
const QStringList kProbeChoices{QStringLiteral("test"), QStringLiteral("train"), QStringLiteral("all")};
const QStringList kOutputChoices{QStringLiteral("softmax"), QStringLiteral("logits")};
// The IDX kinds' defaults are MNIST's: 28 × 28 images of 10 classes.
constexpr int kImagePixels = 28 * 28;

QString describe(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: return QString::number(v.toDouble(), 'g', 17);
    case QJsonValue::String: return QLatin1Char('"') + v.toString() + QLatin1Char('"');
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact).left(60));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact).left(60));
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("undefined");
}

/// Reads one JSON object of the spec: typed, range-checked fields, and every
/// key not read is reported as unknown.
class ObjectReader
{
public:
    ObjectReader(const QJsonObject &object, QString path, QString file)
        : m_object(object), m_path(std::move(path)), m_file(std::move(file))
    {
    }

    QString field(const QString &key) const
    {
        return m_path.isEmpty() ? key : m_path + QLatin1Char('.') + key;
    }

    [[noreturn]] void fail(const QString &key, const QJsonValue &value, const QString &reason) const
    {
        throw InputError(m_file, field(key), describe(value), reason);
    }

    /// The value if present (and marks the key as known).
    std::optional<QJsonValue> take(const QString &key)
    {
        m_known.insert(key);
        if (!m_object.contains(key))
            return std::nullopt;
        return m_object.value(key);
    }

    void readInt(const QString &key, int &target, int min, int max)
    {
        if (auto v = take(key))
            target = int(integer(key, *v, min, max));
    }

    qint64 integer(const QString &key, const QJsonValue &v, qint64 min, qint64 max) const
    {
        const double x = v.toDouble();
        if (!v.isDouble() || x != std::floor(x))
            fail(key, v, QStringLiteral("expected a whole number"));
        if (x < double(min) || x > double(max))
            fail(key, v, QStringLiteral("must be between %1 and %2").arg(min).arg(max));
        return qint64(x);
    }

    void readDouble(const QString &key, double &target, double min, double max, bool openMin = false)
    {
        if (auto v = take(key)) {
            const double x = v->toDouble();
            if (!v->isDouble() || !std::isfinite(x))
                fail(key, *v, QStringLiteral("expected a number"));
            if (x < min || x > max || (openMin && x == min))
                fail(key, *v,
                     QStringLiteral("must be %1 %2 and at most %3")
                         .arg(openMin ? QStringLiteral("greater than") : QStringLiteral("at least"))
                         .arg(min)
                         .arg(max));
            target = x;
        }
    }

    void readString(const QString &key, QString &target, const QStringList &allowed = {})
    {
        if (auto v = take(key)) {
            if (!v->isString())
                fail(key, *v, QStringLiteral("expected a string"));
            if (!allowed.isEmpty() && !allowed.contains(v->toString()))
                fail(key, *v, QStringLiteral("expected one of: %1").arg(allowed.join(QStringLiteral(", "))));
            target = v->toString();
        }
    }

    ObjectReader child(const QString &key)
    {
        QJsonObject object;
        if (auto v = take(key)) {
            if (!v->isObject())
                fail(key, *v, QStringLiteral("expected an object"));
            object = v->toObject();
        }
        return ObjectReader(object, field(key), m_file);
    }

    bool has(const QString &key) const { return m_object.contains(key); }

    /// Call after reading: any key nobody asked for is a typo or a field of
    /// a newer version, and silently ignoring it would run the wrong experiment.
    void rejectUnknownKeys() const
    {
        for (auto it = m_object.begin(); it != m_object.end(); ++it)
            if (!m_known.contains(it.key()))
                throw InputError(m_file, field(it.key()), describe(it.value()),
                                 QStringLiteral("unknown key (known here: %1)")
                                     .arg(QStringList(m_known.begin(), m_known.end()).join(QStringLiteral(", "))));
    }

private:
    QJsonObject m_object;
    QString m_path, m_file;
    QSet<QString> m_known;
};

/// The IDX kinds' files: "idx" names them (the test pair optional, both
/// or neither); "fashion-mnist" is Debian's, and names none.
void readIdxFiles(ObjectReader &r, DatasetSpec &d)
{
    const std::pair<QString, QString *> files[] = {{QStringLiteral("images"), &d.images},
                                                   {QStringLiteral("labels"), &d.labels},
                                                   {QStringLiteral("test_images"), &d.testImages},
                                                   {QStringLiteral("test_labels"), &d.testLabels}};
    for (const auto &[key, target] : files) {
        r.readString(key, *target);
        if (!target->isEmpty() && d.kind != QLatin1String("idx"))
            r.fail(key, QJsonValue(*target), QStringLiteral("only an idx dataset reads image files"));
    }
    if (d.kind != QLatin1String("idx"))
        return;
    for (const auto &[key, target] : files)
        if (target->isEmpty() && !key.startsWith(QLatin1String("test_")))
            r.fail(key, QJsonValue(*target), QStringLiteral("an idx dataset needs the paths of its images and labels"));
    if (d.testImages.isEmpty() != d.testLabels.isEmpty()) {
        const QString missing = d.testImages.isEmpty() ? QStringLiteral("test_images") : QStringLiteral("test_labels");
        r.fail(missing, QJsonValue(QString()), QStringLiteral("test_images and test_labels go together: give both or neither"));
    }
}

void readDataset(ObjectReader r, DatasetSpec &d)
{
    r.readString(QStringLiteral("kind"), d.kind, datasetKinds());
    d.dim = isPlanarKind(d.kind) ? 2 : isIdxKind(d.kind) ? kImagePixels : d.dim;
    r.readInt(QStringLiteral("dim"), d.dim, 1, 4096);
    r.readInt(QStringLiteral("samples"), d.samples, 2, 10'000'000);
    r.readDouble(QStringLiteral("test_fraction"), d.testFraction, 0.0, 1.0, true);
    if (d.testFraction >= 1.0)
        r.fail(QStringLiteral("test_fraction"), d.testFraction, QStringLiteral("must be less than 1"));
    r.readDouble(QStringLiteral("noise"), d.noise, 0.0, 1e6);
    r.readInt(QStringLiteral("classes"), d.classes, 2, 1000);
    r.readString(QStringLiteral("path"), d.path);
    if (d.kind == QLatin1String("csv") && d.path.isEmpty())
        r.fail(QStringLiteral("path"), QJsonValue(d.path), QStringLiteral("a csv dataset needs a path"));
    readIdxFiles(r, d);
    r.rejectUnknownKeys();
}

void readModel(ObjectReader r, ModelSpec &m, const DatasetSpec &data, const QString &file)
{
    const int classes = data.kind == QLatin1String("blobs") ? data.classes : isIdxKind(data.kind) ? 10 : 2;
    m.layers = {data.dim, 64, 64, classes};
    if (auto v = r.take(QStringLiteral("layers"))) {
        if (!v->isArray())
            r.fail(QStringLiteral("layers"), *v, QStringLiteral("expected an array of widths"));
        m.layers.clear();
        const QJsonArray array = v->toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            m.layers.push_back(
                int(r.integer(QStringLiteral("layers[%1]").arg(i), array[i], 1, kMaxLayerWidth)));
    }
    r.readString(QStringLiteral("activation"), m.activation);
    r.rejectUnknownKeys();
    validateModel(m, file);
}

void readTraining(ObjectReader r, TrainingSpec &t)
{
    r.readInt(QStringLiteral("epochs"), t.epochs, 0, 1'000'000);
    r.readInt(QStringLiteral("batch_size"), t.batchSize, 1, 10'000'000);
    r.readString(QStringLiteral("optimizer"), t.optimizer, optimizerNames());
    r.readDouble(QStringLiteral("learning_rate"), t.learningRate, 0.0, 1e3, true);
    r.rejectUnknownKeys();
}

void readAnalysis(ObjectReader r, AnalysisSpec &a, const ModelSpec &model)
{
    if (auto v = r.take(QStringLiteral("neurons"))) {
        if (v->isString()) {
            if (!kNeuronChoices.contains(v->toString()))
                r.fail(QStringLiteral("neurons"), *v,
                       QStringLiteral("expected one of: %1, or a list of layer indices")
                           .arg(kNeuronChoices.join(QStringLiteral(", "))));
            a.neurons = v->toString();
        } else if (v->isArray() && !v->toArray().isEmpty()) {
            a.neurons = QStringLiteral("layers");
            const QJsonArray array = v->toArray();
            for (qsizetype i = 0; i < array.size(); ++i) {
                const int layer = int(r.integer(QStringLiteral("neurons[%1]").arg(i), array[i], 0,
                                                qint64(model.layers.size()) - 1));
                if (std::find(a.layers.begin(), a.layers.end(), layer) != a.layers.end())
                    r.fail(QStringLiteral("neurons[%1]").arg(i), array[i],
                           QStringLiteral("layer listed twice"));
                a.layers.push_back(layer);
            }
            std::sort(a.layers.begin(), a.layers.end());
        } else {
            r.fail(QStringLiteral("neurons"), *v,
                   QStringLiteral("expected \"hidden+output\", \"hidden\", \"all\" or a non-empty list of layer indices"));
        }
    }
    r.readString(QStringLiteral("probe"), a.probe, kProbeChoices);
    r.readString(QStringLiteral("output"), a.output, kOutputChoices);
    r.readString(QStringLiteral("metric"), a.metric, metricNames());
    r.readInt(QStringLiteral("max_dim"), a.maxDim, 0, kMaxHomologyDim);
    if (auto v = r.take(QStringLiteral("threshold"))) {
        if (!v->isNull()) {
            if (!v->isDouble() || !std::isfinite(v->toDouble()) || v->toDouble() <= 0.0)
                r.fail(QStringLiteral("threshold"), *v, QStringLiteral("expected null or a positive number"));
            a.threshold = v->toDouble();
        }
    }
    r.readInt(QStringLiteral("coefficients"), a.coefficients, 2, 65521);
    if (!isPrime(a.coefficients))
        r.fail(QStringLiteral("coefficients"), a.coefficients,
               QStringLiteral("must be a prime p (homology over the field Z/p)"));
    r.readInt(QStringLiteral("every"), a.every, 1, 1'000'000);
    r.readString(QStringLiteral("engine"), a.engine, {QStringLiteral("netbetti"), QStringLiteral("ripser")});
    if (a.engine == QLatin1String("netbetti") && a.coefficients > NetBettiEngine::kMaxPrime)
        r.fail(QStringLiteral("coefficients"), a.coefficients,
               QStringLiteral("the netbetti engine computes over Z/p for p <= %1; set analysis.engine to \"ripser\" "
                              "for larger primes")
                   .arg(NetBettiEngine::kMaxPrime));
    if (auto v = r.take(QStringLiteral("threads")); v && !v->isNull())
        a.threads = int(r.integer(QStringLiteral("threads"), *v, 1, 256));
    r.readInt(QStringLiteral("cycles"), a.cycles, 0, 1'000'000);
    r.rejectUnknownKeys();
}

} // namespace

ExperimentSpec ExperimentSpec::fromJson(const QByteArray &json, const QString &fileName)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        const int line = int(json.left(error.offset).count('\n')) + 1;
        throw InputError(fileName, QStringLiteral("line %1").arg(line), {},
                         QStringLiteral("invalid JSON: ") + error.errorString());
    }
    if (!doc.isObject())
        throw InputError(fileName, {}, {}, QStringLiteral("a spec must be a JSON object"));

    ExperimentSpec spec;
    ObjectReader root(doc.object(), {}, fileName);
    root.readString(QStringLiteral("name"), spec.name);
    if (auto v = root.take(QStringLiteral("seed")))
        spec.seed = std::uint64_t(root.integer(QStringLiteral("seed"), *v, 0, qint64(1) << 53));
    readDataset(root.child(QStringLiteral("dataset")), spec.dataset);
    readModel(root.child(QStringLiteral("model")), spec.model, spec.dataset, fileName);
    readTraining(root.child(QStringLiteral("training")), spec.training);
    readAnalysis(root.child(QStringLiteral("analysis")), spec.analysis, spec.model);
    root.rejectUnknownKeys();
    return spec;
}

ExperimentSpec ExperimentSpec::fromFile(const QString &path)
{
    return fromJson(readWholeFile(path, 16 << 20), path);
}

ExperimentSpec ExperimentSpec::withAnalysis(const QJsonObject &analysis, const QString &source) const
{
    QJsonObject json = toJson();
    QJsonObject merged = json.value(QStringLiteral("analysis")).toObject();
    for (auto it = analysis.begin(); it != analysis.end(); ++it)
        merged.insert(it.key(), it.value());
    json.insert(QStringLiteral("analysis"), merged);
    return fromJson(QJsonDocument(json).toJson(), source);
}

QJsonObject ExperimentSpec::toJson() const
{
    QJsonArray layers;
    for (int w : model.layers)
        layers.append(w);
    QJsonValue neurons = analysis.neurons;
    if (analysis.neurons == QLatin1String("layers")) {
        QJsonArray chosen;
        for (int l : analysis.layers)
            chosen.append(l);
        neurons = chosen;
    }
    QJsonObject datasetObject{{QStringLiteral("kind"), dataset.kind},
                              {QStringLiteral("dim"), dataset.dim},
                              {QStringLiteral("samples"), dataset.samples},
                              {QStringLiteral("test_fraction"), dataset.testFraction},
                              {QStringLiteral("noise"), dataset.noise}};
    if (dataset.kind == QLatin1String("blobs"))
        datasetObject.insert(QStringLiteral("classes"), dataset.classes);
    if (dataset.kind == QLatin1String("csv"))
        datasetObject.insert(QStringLiteral("path"), dataset.path);
    if (dataset.kind == QLatin1String("idx")) {
        datasetObject.insert(QStringLiteral("images"), dataset.images);
        datasetObject.insert(QStringLiteral("labels"), dataset.labels);
        if (!dataset.testImages.isEmpty()) {
            datasetObject.insert(QStringLiteral("test_images"), dataset.testImages);
            datasetObject.insert(QStringLiteral("test_labels"), dataset.testLabels);
        }
    }
    return QJsonObject{
        {QStringLiteral("name"), name},
        {QStringLiteral("seed"), double(seed)},
        {QStringLiteral("dataset"), datasetObject},
        {QStringLiteral("model"),
         QJsonObject{{QStringLiteral("layers"), layers}, {QStringLiteral("activation"), model.activation}}},
        {QStringLiteral("training"),
         QJsonObject{{QStringLiteral("epochs"), training.epochs},
                     {QStringLiteral("batch_size"), training.batchSize},
                     {QStringLiteral("optimizer"), training.optimizer},
                     {QStringLiteral("learning_rate"), training.learningRate}}},
        {QStringLiteral("analysis"),
         QJsonObject{{QStringLiteral("neurons"), neurons},
                     {QStringLiteral("probe"), analysis.probe},
                     {QStringLiteral("output"), analysis.output},
                     {QStringLiteral("metric"), analysis.metric},
                     {QStringLiteral("max_dim"), analysis.maxDim},
                     {QStringLiteral("threshold"),
                      analysis.threshold ? QJsonValue(*analysis.threshold) : QJsonValue(QJsonValue::Null)},
                     {QStringLiteral("coefficients"), analysis.coefficients},
                     {QStringLiteral("every"), analysis.every},
                     {QStringLiteral("engine"), analysis.engine},
                     {QStringLiteral("threads"),
                      analysis.threads > 0 ? QJsonValue(analysis.threads) : QJsonValue(QJsonValue::Null)},
                     {QStringLiteral("cycles"), analysis.cycles}}},
    };
}

QByteArray ExperimentSpec::toJsonBytes() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
}

void ExperimentSpec::validateAgainst(const Dataset &data, const QString &fileName) const
{
    if (model.layers.front() != data.dim)
        throw InputError(fileName, QStringLiteral("model.layers[0]"), QString::number(model.layers.front()),
                         QStringLiteral("the input layer must match the dataset's dimension, %1")
                             .arg(data.dim));
    if (model.layers.back() != data.classes)
        throw InputError(fileName, QStringLiteral("model.layers[%1]").arg(model.layers.size() - 1),
                         QString::number(model.layers.back()),
                         QStringLiteral("the output layer must have one neuron per class: the dataset has %1")
                             .arg(data.classes));
}

std::vector<int> ExperimentSpec::analysedLayers() const
{
    const int count = int(model.layers.size());
    std::vector<int> chosen;
    if (analysis.neurons == QLatin1String("layers"))
        return analysis.layers;
    const int first = analysis.neurons == QLatin1String("all") ? 0 : 1;
    const int last = analysis.neurons == QLatin1String("hidden") ? count - 2 : count - 1;
    for (int layer = first; layer <= last; ++layer)
        chosen.push_back(layer);
    return chosen;
}

std::vector<NeuronId> ExperimentSpec::analysedNeurons() const
{
    return neuronsOf(model.layers, analysedLayers());
}

ProbeSettings ExperimentSpec::probeSettings() const
{
    ProbeSettings p;
    p.layers = analysedLayers();
    p.output = analysis.output == QLatin1String("logits") ? OutputValues::Logits : OutputValues::Softmax;
    p.probe = analysis.probe == QLatin1String("train") ? ProbeSet::Train
              : analysis.probe == QLatin1String("all") ? ProbeSet::All
                                                        : ProbeSet::Test;
    return p;
}

PersistenceSettings ExperimentSpec::persistenceSettings() const
{
    PersistenceSettings p;
    p.maxDim = analysis.maxDim;
    p.threshold = analysis.threshold;
    p.coefficients = analysis.coefficients;
    p.threads = analysis.threads;
    return p;
}

MetricKind ExperimentSpec::metricKind() const
{
    MetricKind kind = MetricKind::SqrtOneMinusAbsCorrelation;
    metricFromName(analysis.metric, &kind);
    return kind;
}

bool ExperimentSpec::analysesEpoch(int epoch) const
{
    return epoch == 0 || epoch == training.epochs || epoch % analysis.every == 0;
}

ExperimentSpec builtInExample()
{
    return ExperimentSpec{};
}

QString describeJsonValue(const QJsonValue &value)
{
    return describe(value);
}

} // namespace netbetti

namespace netbetti {

QString analysedAgainName(const ExperimentSpec &source, const ExperimentSpec &again)
{
    const AnalysisSpec &a = source.analysis, &b = again.analysis;
    QStringList changed;
    if (b.metric != a.metric)
        changed << b.metric;
    if (b.coefficients != a.coefficients)
        changed << QStringLiteral("Z/%1").arg(b.coefficients);
    if (b.maxDim != a.maxDim)
        changed << QStringLiteral("up to H%1").arg(b.maxDim);
    if (b.threshold != a.threshold)
        changed << (b.threshold ? QStringLiteral("cut at %1").arg(*b.threshold) : QStringLiteral("no threshold"));
    if (b.neurons != a.neurons || b.layers != a.layers)
        changed << QStringLiteral("%1 neurons").arg(b.neurons);
    if (b.output != a.output)
        changed << b.output;
    if (b.probe != a.probe)
        changed << QStringLiteral("probed on %1").arg(b.probe);
    if (b.every != a.every)
        changed << QStringLiteral("every %1 epochs").arg(b.every);
    const QString name = source.name.isEmpty() ? QStringLiteral("run") : source.name;
    return changed.isEmpty() ? QStringLiteral("%1 (analysed again)").arg(name)
                             : QStringLiteral("%1 (analysed again: %2)").arg(name, changed.join(QStringLiteral(", ")));
}

} // namespace netbetti
