#include "RipserEngine.h"

#include "Error.h"
#include "ZeroDimensional.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QtEndian>
#include <algorithm>
#include <cmath>
#include <cstring>

namespace netbetti {

namespace {

constexpr qint64 kDiphaMagic = 8067171840LL;
constexpr qint64 kDiphaDistanceMatrix = 7;

QString resolveProgram(const QString &given, const char *envVar, const QString &defaultName)
{
    QString program = given;
    if (program.isEmpty())
        program = QProcessEnvironment::systemEnvironment().value(QLatin1String(envVar));
    if (program.isEmpty())
        program = defaultName;
    if (program.contains(QLatin1Char('/')))
        return program;
    return QStandardPaths::findExecutable(program);
}

QString lastLines(const QByteArray &text, int lines)
{
    QList<QByteArray> all = text.trimmed().split('\n');
    if (all.size() > lines)
        all = all.mid(all.size() - lines);
    return QString::fromLocal8Bit(all.join(" | "));
}

double parseValue(const QByteArray &token, const QByteArray &line)
{
    bool ok = false;
    const double v = token.trimmed().toDouble(&ok);
    if (!ok)
        throw RunError(QStringLiteral("ripser output: cannot read a number in \"%1\"")
                           .arg(QString::fromLatin1(line.left(80))));
    return v;
}

double snap(double value, const std::vector<float> *snapTo)
{
    if (!snapTo || snapTo->empty())
        return value;
    auto it = std::lower_bound(snapTo->begin(), snapTo->end(), float(value));
    double best = it == snapTo->end() ? double(snapTo->back()) : double(*it);
    if (it != snapTo->begin() && std::abs(double(*(it - 1)) - value) < std::abs(best - value))
        best = double(*(it - 1));
    // Only a value ripser rounded for printing is snapped; anything further
    // away than its 6 significant digits is left as printed.
    return std::abs(best - value) <= 1e-5 * std::max(1.0, std::abs(value)) ? best : value;
}

} // namespace

bool isPrime(int p)
{
    if (p < 2)
        return false;
    for (int q = 2; q * q <= p; ++q)
        if (p % q == 0)
            return false;
    return true;
}

double enclosingRadius(const FloatMatrix &distances)
{
    if (distances.rows() == 0)
        return 0.0;
    return double(distances.rowwise().maxCoeff().minCoeff());
}

void validateDistanceMatrix(const FloatMatrix &d, const QString &fileName)
{
    if (d.rows() != d.cols())
        throw InputError(fileName, QStringLiteral("shape"),
                         QStringLiteral("(%1, %2)").arg(d.rows()).arg(d.cols()),
                         QStringLiteral("a distance matrix must be square"));
    if (d.rows() == 0)
        throw InputError(fileName, QStringLiteral("shape"), QStringLiteral("(0, 0)"),
                         QStringLiteral("the matrix has no points"));
    auto entry = [](Eigen::Index i, Eigen::Index j) {
        return QStringLiteral("entry (%1, %2)").arg(i).arg(j);
    };
    for (Eigen::Index i = 0; i < d.rows(); ++i)
        for (Eigen::Index j = 0; j < d.cols(); ++j) {
            const float v = d(i, j);
            if (!std::isfinite(v))
                throw InputError(fileName, entry(i, j), QString::number(v),
                                 QStringLiteral("distances must be finite"));
            if (v < 0.0f)
                throw InputError(fileName, entry(i, j), QString::number(v),
                                 QStringLiteral("distances must be non-negative"));
            if (i == j && v > 1e-6f)
                throw InputError(fileName, entry(i, j), QString::number(v),
                                 QStringLiteral("the diagonal must be zero"));
            if (j > i && std::abs(v - d(j, i)) > 1e-5f * std::max(1.0f, std::abs(v)))
                throw InputError(fileName, entry(i, j), QString::number(v),
                                 QStringLiteral("the matrix is not symmetric: entry (%1, %2) is %3")
                                     .arg(j)
                                     .arg(i)
                                     .arg(double(d(j, i))));
        }
}

QByteArray toDipha(const FloatMatrix &distances)
{
    const qint64 n = distances.rows();
    QByteArray bytes;
    bytes.resize(qsizetype(3 * 8 + n * n * 8));
    char *out = bytes.data();
    auto put = [&out](auto value) {
        qToLittleEndian(value, out);
        out += sizeof(value);
    };
    put(kDiphaMagic);
    put(kDiphaDistanceMatrix);
    put(n);
    for (qint64 i = 0; i < n; ++i)
        for (qint64 j = 0; j < n; ++j)
            put(double(distances(i, j)));
    return bytes;
}

std::vector<float> distinctEntries(const FloatMatrix &distances)
{
    std::vector<float> values{0.0f};
    const Eigen::Index n = distances.rows();
    values.reserve(size_t(n * (n - 1) / 2 + 1));
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = i + 1; j < n; ++j)
            values.push_back(distances(i, j));
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return values;
}

PersistenceDiagram parseRipserOutput(const QByteArray &output, int maxDim,
                                     const std::vector<float> *snapTo)
{
    PersistenceDiagram diagram;
    diagram.maxDim = maxDim;
    int dim = -1;
    bool sawHeader = false;
    for (const QByteArray &raw : output.split('\n')) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty())
            continue;
        if (line.startsWith("persistence intervals in dim ")) {
            bool ok = false;
            dim = line.mid(29).chopped(line.endsWith(':') ? 1 : 0).toInt(&ok);
            if (!ok || dim < 0 || dim > maxDim)
                throw RunError(QStringLiteral("ripser output: unexpected line \"%1\"")
                                   .arg(QString::fromLatin1(line.left(80))));
            sawHeader = true;
            continue;
        }
        if (line.startsWith('[')) {
            const int comma = line.indexOf(',');
            if (dim < 0 || comma < 0 || !line.endsWith(')'))
                throw RunError(QStringLiteral("ripser output: unexpected line \"%1\"")
                                   .arg(QString::fromLatin1(line.left(80))));
            PersistenceBar bar;
            bar.dim = dim;
            bar.birth = snap(parseValue(line.mid(1, comma - 1), line), snapTo);
            const QByteArray deathText = line.mid(comma + 1, line.size() - comma - 2).trimmed();
            if (!deathText.isEmpty())
                bar.death = snap(parseValue(deathText, line), snapTo);
            diagram.bars.push_back(bar);
            continue;
        }
        // Ripser's informational lines ("value range: ...", "distance matrix
        // with n points ...") carry nothing the diagram needs.
        if (line.startsWith("value range") || line.startsWith("distance matrix")
            || line.startsWith("sparse distance matrix"))
            continue;
        throw RunError(QStringLiteral("ripser output: unexpected line \"%1\"")
                           .arg(QString::fromLatin1(line.left(80))));
    }
    if (!sawHeader)
        throw RunError(QStringLiteral("ripser output: no persistence intervals found"));
    diagram.normalise();
    return diagram;
}

RipserEngine::RipserEngine(QString ripser, QString ripserCoeff)
    : m_ripser(std::move(ripser)), m_ripserCoeff(std::move(ripserCoeff))
{
}

QString RipserEngine::name() const
{
    return QStringLiteral("ripser");
}

QString RipserEngine::programFor(int coefficients) const
{
    if (coefficients == 2)
        return resolveProgram(m_ripser, "NETBETTI_RIPSER", QStringLiteral("ripser"));
    return resolveProgram(m_ripserCoeff, "NETBETTI_RIPSER_COEFF", QStringLiteral("ripser-coeff"));
}

QStringList RipserEngine::argumentsFor(const PersistenceSettings &settings, double enclosing) const
{
    QStringList args{QStringLiteral("--format"), QStringLiteral("dipha"), QStringLiteral("--dim"),
                     QString::number(settings.maxDim)};
    if (settings.threshold && *settings.threshold < enclosing)
        args << QStringLiteral("--threshold") << QString::number(*settings.threshold, 'g', 17);
    if (settings.coefficients != 2)
        args << QStringLiteral("--modulus") << QString::number(settings.coefficients);
    return args;
}

PersistenceDiagram RipserEngine::compute(const FloatMatrix &distances,
                                         const PersistenceSettings &settings,
                                         const std::atomic_bool *cancel) const
{
    const auto cancelled = [cancel] { return cancel && cancel->load(); };
    const Eigen::Index n = distances.rows();
    PersistenceDiagram diagram;
    diagram.maxDim = settings.maxDim;
    diagram.pointCount = int(n);
    if (n == 0)
        return diagram;

    const double enclosing = enclosingRadius(distances);
    // H0 alone is a spanning tree; Debian's ripser aborts on --dim 0.
    if (settings.maxDim == 0)
        return zeroDimensionalPersistence(
            distances, settings.threshold && *settings.threshold < enclosing ? settings.threshold : std::nullopt);
    const QString program = programFor(settings.coefficients);
    if (program.isEmpty())
        throw RunError(
            settings.coefficients == 2
                ? QStringLiteral("the ripser program was not found on the PATH (Debian package 'ripser')")
                : QStringLiteral("the ripser-coeff program, needed for coefficients in Z/%1, was not "
                                 "found on the PATH (Debian package 'ripser')")
                      .arg(settings.coefficients));

    QProcess process;
    process.setProgram(program);
    process.setArguments(argumentsFor(settings, enclosing));
    process.start();
    if (!process.waitForStarted(30000))
        throw RunError(QStringLiteral("%1: could not start: %2").arg(program, process.errorString()));
    process.write(toDipha(distances));
    process.closeWriteChannel();
    while (!process.waitForFinished(50)) {
        if (process.state() == QProcess::NotRunning)
            break;
        if (cancelled()) {
            process.kill();
            process.waitForFinished(5000);
            throw Cancelled();
        }
    }
    const QByteArray out = process.readAllStandardOutput();
    const QByteArray err = process.readAllStandardError();
    if (process.exitStatus() == QProcess::CrashExit)
        throw RunError(QStringLiteral("%1 crashed or was killed (%2 points, dim %3)%4")
                           .arg(program)
                           .arg(n)
                           .arg(settings.maxDim)
                           .arg(err.isEmpty() ? QString() : QStringLiteral(": ") + lastLines(err, 2)));
    if (process.exitCode() != 0)
        throw RunError(QStringLiteral("%1 exited with code %2%3")
                           .arg(program)
                           .arg(process.exitCode())
                           .arg(err.isEmpty() ? QString() : QStringLiteral(": ") + lastLines(err, 2)));

    const std::vector<float> entries = distinctEntries(distances);
    diagram = parseRipserOutput(out, settings.maxDim, &entries);
    diagram.pointCount = int(n);
    if (settings.threshold && *settings.threshold < enclosing)
        diagram.threshold = *settings.threshold;
    // Ripser leaves out bars of length zero; H0 has one bar per point.
    const int missingH0 = int(n) - diagram.count(0);
    if (missingH0 < 0)
        throw RunError(QStringLiteral("%1 reported %2 H0 bars for %3 points")
                           .arg(program)
                           .arg(diagram.count(0))
                           .arg(n));
    for (int i = 0; i < missingH0; ++i)
        diagram.bars.push_back(PersistenceBar{0, 0.0, 0.0});
    diagram.normalise();
    return diagram;
}

} // namespace netbetti
