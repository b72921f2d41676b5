#include "Dataset.h"

#include "Error.h"
#include "data/IdxDataset.h"
#include "storage/AtomicFile.h"

#include <QHash>
#include <QList>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace netbetti {

namespace {

using Rng = std::mt19937_64;

struct Points
{
    FeatureMatrix x;
    LabelVector y;
};

double uniform(Rng &rng, double lo, double hi)
{
    return std::uniform_real_distribution<double>(lo, hi)(rng);
}

void addNoise(Points &p, double noise, Rng &rng)
{
    if (noise <= 0.0)
        return;
    std::normal_distribution<double> g(0.0, noise);
    for (Eigen::Index i = 0; i < p.x.size(); ++i)
        p.x.data()[i] += float(g(rng));
}

Points ballInCube(int n, int dim, Rng &rng)
{
    Points p{FeatureMatrix(n, dim), LabelVector(n)};
    for (int i = 0; i < n; ++i) {
        double r2 = 0.0;
        for (int k = 0; k < dim; ++k) {
            const double v = uniform(rng, 0.0, 1.0);
            p.x(i, k) = float(v);
            r2 += (v - 0.5) * (v - 0.5);
        }
        p.y(i) = r2 <= 0.25 ? 1 : 0;
    }
    return p;
}

// The planar sets put the two classes in alternating points, then shuffle.
template<typename PointOf>
Points planar(int n, Rng &rng, PointOf pointOf)
{
    Points p{FeatureMatrix(n, 2), LabelVector(n)};
    for (int i = 0; i < n; ++i) {
        const int label = i % 2;
        const auto [a, b] = pointOf(label, rng);
        p.x(i, 0) = float(a);
        p.x(i, 1) = float(b);
        p.y(i) = label;
    }
    return p;
}

Points blobs(int n, int dim, int classes, double noise, Rng &rng)
{
    std::vector<std::vector<double>> centres(static_cast<size_t>(classes), std::vector<double>(static_cast<size_t>(dim)));
    for (auto &c : centres)
        for (auto &v : c)
            v = uniform(rng, -5.0, 5.0);
    std::normal_distribution<double> g(0.0, 1.0 + noise);
    Points p{FeatureMatrix(n, dim), LabelVector(n)};
    for (int i = 0; i < n; ++i) {
        const int label = i % classes;
        for (int k = 0; k < dim; ++k)
            p.x(i, k) = float(centres[size_t(label)][size_t(k)] + g(rng));
        p.y(i) = label;
    }
    return p;
}

void requireField(bool ok, const QString &field, const QString &value, const QString &reason)
{
    if (!ok)
        throw InputError(QString(), field, value, reason);
}

Dataset split(Points p, int classes, double testFraction, Rng &rng)
{
    const Eigen::Index n = p.x.rows();
    std::vector<Eigen::Index> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), rng);
    const Eigen::Index testCount = std::clamp<Eigen::Index>(Eigen::Index(std::llround(double(n) * testFraction)), 1, n - 1);
    Dataset d;
    d.dim = int(p.x.cols());
    d.classes = classes;
    d.testX.resize(testCount, d.dim);
    d.testY.resize(testCount);
    d.trainX.resize(n - testCount, d.dim);
    d.trainY.resize(n - testCount);
    for (Eigen::Index i = 0; i < n; ++i) {
        const Eigen::Index from = order[size_t(i)];
        if (i < testCount) {
            d.testX.row(i) = p.x.row(from);
            d.testY(i) = p.y(from);
        } else {
            d.trainX.row(i - testCount) = p.x.row(from);
            d.trainY(i - testCount) = p.y(from);
        }
    }
    return d;
}

} // namespace

QStringList datasetKinds()
{
    return {QStringLiteral("ball-in-cube"), QStringLiteral("moons"), QStringLiteral("circles"),
            QStringLiteral("spirals"),      QStringLiteral("xor"),   QStringLiteral("blobs"),
            QStringLiteral("csv"),          QStringLiteral("idx"),   QStringLiteral("fashion-mnist")};
}

bool isPlanarKind(const QString &kind)
{
    return kind == QLatin1String("moons") || kind == QLatin1String("circles")
           || kind == QLatin1String("spirals") || kind == QLatin1String("xor");
}

bool isIdxKind(const QString &kind)
{
    return kind == QLatin1String("idx") || kind == QLatin1String("fashion-mnist");
}

bool isFileKind(const QString &kind)
{
    return kind == QLatin1String("csv") || isIdxKind(kind);
}

DatasetShape datasetShape(const DatasetSpec &spec)
{
    if (isIdxKind(spec.kind))
        return idxDatasetShape(spec);
    if (spec.kind == QLatin1String("csv")) {
        FeatureMatrix x;
        LabelVector y;
        DatasetShape shape;
        readLabelledCsv(spec.path, x, y, shape.classes);
        shape.dim = int(x.cols());
        return shape;
    }
    return {isPlanarKind(spec.kind) ? 2 : spec.dim, spec.kind == QLatin1String("blobs") ? spec.classes : 2};
}

Dataset makeDataset(const DatasetSpec &spec, std::uint64_t seed)
{
    requireField(datasetKinds().contains(spec.kind), QStringLiteral("dataset.kind"), spec.kind,
                 QStringLiteral("unknown kind (known: %1)").arg(datasetKinds().join(QStringLiteral(", "))));
    requireField(spec.samples >= 2, QStringLiteral("dataset.samples"), QString::number(spec.samples),
                 QStringLiteral("need at least 2 points"));
    requireField(spec.testFraction > 0.0 && spec.testFraction < 1.0, QStringLiteral("dataset.test_fraction"),
                 QString::number(spec.testFraction), QStringLiteral("must be between 0 and 1"));
    requireField(std::isfinite(spec.noise) && spec.noise >= 0.0, QStringLiteral("dataset.noise"),
                 QString::number(spec.noise), QStringLiteral("must be a non-negative number"));
    requireField(spec.dim >= 1 && spec.dim <= 4096, QStringLiteral("dataset.dim"), QString::number(spec.dim),
                 QStringLiteral("must be between 1 and 4096"));
    requireField(!isPlanarKind(spec.kind) || spec.dim == 2, QStringLiteral("dataset.dim"),
                 QString::number(spec.dim), QStringLiteral("%1 is a planar dataset: dim must be 2").arg(spec.kind));
    if (isIdxKind(spec.kind))
        return makeIdxDataset(spec, seed);

    Rng rng(seed);
    const int n = spec.samples;
    Points points;
    int classes = 2;
    if (spec.kind == QLatin1String("ball-in-cube")) {
        points = ballInCube(n, spec.dim, rng);
    } else if (spec.kind == QLatin1String("moons")) {
        points = planar(n, rng, [](int label, Rng &r) {
            const double t = uniform(r, 0.0, M_PI);
            return label == 0 ? std::pair{std::cos(t), std::sin(t)} : std::pair{1.0 - std::cos(t), 0.5 - std::sin(t)};
        });
    } else if (spec.kind == QLatin1String("circles")) {
        points = planar(n, rng, [](int label, Rng &r) {
            const double t = uniform(r, 0.0, 2.0 * M_PI), radius = label == 0 ? 1.0 : 0.5;
            return std::pair{radius * std::cos(t), radius * std::sin(t)};
        });
    } else if (spec.kind == QLatin1String("spirals")) {
        points = planar(n, rng, [](int label, Rng &r) {
            const double t = std::sqrt(uniform(r, 0.0, 1.0)) * 3.0 * M_PI;
            const double sign = label == 0 ? 1.0 : -1.0;
            return std::pair{sign * t * std::cos(t) / (3.0 * M_PI), sign * t * std::sin(t) / (3.0 * M_PI)};
        });
    } else if (spec.kind == QLatin1String("xor")) {
        points = planar(n, rng, [](int label, Rng &r) {
            // Rejection: draw until the point lies in a quadrant of the label.
            for (;;) {
                const double a = uniform(r, -1.0, 1.0), b = uniform(r, -1.0, 1.0);
                if (int(a * b > 0) == label)
                    return std::pair{a, b};
            }
        });
    } else if (spec.kind == QLatin1String("blobs")) {
        requireField(spec.classes >= 2 && spec.classes <= 1000, QStringLiteral("dataset.classes"),
                     QString::number(spec.classes), QStringLiteral("must be between 2 and 1000"));
        classes = spec.classes;
        points = blobs(n, spec.dim, classes, spec.noise, rng);
    } else { // csv
        requireField(!spec.path.isEmpty(), QStringLiteral("dataset.path"), spec.path,
                     QStringLiteral("a csv dataset needs a path"));
        readLabelledCsv(spec.path, points.x, points.y, classes);
        requireField(points.x.rows() >= 2, QStringLiteral("dataset.path"), spec.path,
                     QStringLiteral("need at least 2 rows"));
    }
    if (spec.kind != QLatin1String("blobs") && spec.kind != QLatin1String("csv"))
        addNoise(points, spec.noise, rng);
    return split(std::move(points), classes, spec.testFraction, rng);
}

void readLabelledCsv(const QString &path, FeatureMatrix &x, LabelVector &y, int &classes)
{
    parseLabelledCsv(readWholeFile(path, qint64(1) << 31), path, x, y, classes);
}

void parseLabelledCsv(const QByteArray &bytes, const QString &path, FeatureMatrix &x, LabelVector &y, int &classes)
{
    const QList<QByteArray> lines = bytes.split('\n');
    char separator = 0;
    int columns = 0;
    std::vector<float> values;
    std::vector<QByteArray> labels;
    bool headerAllowed = true;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QString where = QStringLiteral("line %1").arg(i + 1);
        if (!separator)
            separator = line.contains(',') ? ',' : line.contains(';') ? ';' : '\t';
        QList<QByteArray> fields = line.split(separator);
        for (auto &f : fields)
            f = f.trimmed();
        if (columns == 0)
            columns = int(fields.size());
        if (fields.size() != columns || columns < 2)
            throw InputError(path, where, QString::fromUtf8(line.left(60)),
                             columns < 2 ? QStringLiteral("expected at least 2 columns (features, then the class)")
                                         : QStringLiteral("expected %1 columns, found %2").arg(columns).arg(fields.size()));
        std::vector<float> row;
        int badColumn = -1;
        for (int c = 0; c + 1 < columns; ++c) {
            bool ok = false;
            const float v = fields[c].toFloat(&ok);
            if (!ok || !std::isfinite(v)) {
                badColumn = c;
                break;
            }
            row.push_back(v);
        }
        if (badColumn >= 0) {
            if (headerAllowed) { // the first line may name the columns
                headerAllowed = false;
                continue;
            }
            throw InputError(path, QStringLiteral("%1, column %2").arg(where).arg(badColumn + 1),
                             QString::fromUtf8(fields[badColumn].left(40)), QStringLiteral("not a number"));
        }
        headerAllowed = false;
        if (values.size() + row.size() > 10'000'000)
            throw InputError(path, where, {}, QStringLiteral("more than 10 million values"));
        values.insert(values.end(), row.begin(), row.end());
        labels.push_back(fields.back());
    }
    if (labels.empty())
        throw InputError(path, {}, {}, QStringLiteral("no data rows"));

    // Integer labels keep their order; other labels are numbered as they appear.
    bool allIntegers = true;
    for (const auto &l : labels) {
        bool ok = false;
        l.toLongLong(&ok);
        allIntegers = allIntegers && ok;
    }
    std::vector<QByteArray> distinct;
    for (const auto &l : labels)
        if (std::find(distinct.begin(), distinct.end(), l) == distinct.end())
            distinct.push_back(l);
    if (allIntegers)
        std::sort(distinct.begin(), distinct.end(),
                  [](const QByteArray &a, const QByteArray &b) { return a.toLongLong() < b.toLongLong(); });
    if (distinct.size() < 2)
        throw InputError(path, QStringLiteral("last column"), QString::fromUtf8(distinct.front()),
                         QStringLiteral("needs at least two classes"));
    classes = int(distinct.size());
    const Eigen::Index rows = Eigen::Index(labels.size()), dim = columns - 1;
    x = Eigen::Map<const FeatureMatrix>(values.data(), rows, dim);
    y.resize(rows);
    for (Eigen::Index i = 0; i < rows; ++i)
        y(i) = std::find(distinct.begin(), distinct.end(), labels[size_t(i)]) - distinct.begin();
}

} // namespace netbetti
