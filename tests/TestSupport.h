#pragma once
// Helpers shared by the test suites: one fuzzy comparison, diagram
// comparison with a reason, and point clouds whose homology is known.

#include "Error.h"
#include "storage/NpyFile.h"
#include "topology/DiagramCsv.h"
#include "topology/PersistenceDiagram.h"
#include "topology/PersistenceEngine.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <vector>

namespace netbetti::test {

inline bool fuzzyEqual(double a, double b, double tolerance = 1e-6)
{
    if (std::isinf(a) || std::isinf(b))
        return a == b;
    return std::abs(a - b) <= tolerance;
}

/// Bars of positive length only (engines differ on whether they list the
/// zero-length ones), compared as sorted lists; `why` says the first mismatch.
inline bool sameDiagram(const PersistenceDiagram &actual, const PersistenceDiagram &expected,
                        double tolerance, QString *why)
{
    auto positive = [](const PersistenceDiagram &d, int dim) {
        std::vector<PersistenceBar> out;
        for (const auto &b : d.bars)
            if (b.dim == dim && b.death > b.birth)
                out.push_back(b);
        std::sort(out.begin(), out.end(), [](const PersistenceBar &a, const PersistenceBar &b) {
            return a.birth != b.birth ? a.birth < b.birth : a.death < b.death;
        });
        return out;
    };
    const int maxDim = std::max(actual.maxDim, expected.maxDim);
    for (int dim = 0; dim <= maxDim; ++dim) {
        const auto a = positive(actual, dim), e = positive(expected, dim);
        if (a.size() != e.size()) {
            *why = QStringLiteral("H%1: %2 bars, expected %3").arg(dim).arg(a.size()).arg(e.size());
            return false;
        }
        for (size_t i = 0; i < a.size(); ++i)
            if (!fuzzyEqual(a[i].birth, e[i].birth, tolerance) || !fuzzyEqual(a[i].death, e[i].death, tolerance)) {
                *why = QStringLiteral("H%1 bar %2: [%3, %4), expected [%5, %6)")
                           .arg(dim)
                           .arg(i)
                           .arg(a[i].birth, 0, 'g', 10)
                           .arg(a[i].death, 0, 'g', 10)
                           .arg(e[i].birth, 0, 'g', 10)
                           .arg(e[i].death, 0, 'g', 10);
                return false;
            }
    }
    return true;
}

/// A diagram of the given bars (normalised as the engine's are).
inline PersistenceDiagram diagramOf(std::vector<PersistenceBar> bars,
                                    std::optional<double> threshold = std::nullopt, int maxDim = 1)
{
    PersistenceDiagram d;
    d.bars = std::move(bars);
    d.maxDim = maxDim;
    d.threshold = threshold;
    d.normalise();
    return d;
}

/// What a program a test ran did: its exit code (-1 when it crashed or was
/// killed for overrunning its time), its standard output and error.
struct ProcessResult
{
    int exitCode = -1;
    QString out, err;
};

/// Runs a program and waits for it, killing it after timeoutMs. childSetup
/// runs in the child before the program starts (resource limits, signals).
inline ProcessResult runProgram(const QString &program, const QStringList &args,
                                const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                                int timeoutMs = 600000, std::function<void()> childSetup = {})
{
    QProcess p;
    p.setProcessEnvironment(env);
    if (childSetup)
        p.setChildProcessModifier(childSetup);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs))
        p.kill();
    p.waitForFinished();
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

/// The real netbetti-cli, as a user runs it.
inline ProcessResult runCli(const QStringList &args,
                            const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                            int timeoutMs = 600000, std::function<void()> childSetup = {})
{
    return runProgram(QStringLiteral(NETBETTI_CLI), args, env, timeoutMs, std::move(childSetup));
}

/// The message of the InputError f throws, or "<no error>".
inline QString inputErrorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const InputError &e) {
        return QString::fromUtf8(e.what());
    }
    return QStringLiteral("<no error>");
}

/// Writes bytes to name inside dir and returns the path.
inline QString writeTestFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write test file %s", qPrintable(path));
    return path;
}

/// A file's bytes; empty when it cannot be read.
inline QByteArray contents(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Every file under dir (hidden ones too), relative to it, sorted.
inline QStringList filesUnder(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << QDir(dir).relativeFilePath(it.next());
    out.sort();
    return out;
}

/// Euclidean distance matrix of points given as rows.
inline FloatMatrix euclideanDistances(const std::vector<std::vector<double>> &points)
{
    const Eigen::Index n = Eigen::Index(points.size());
    FloatMatrix d(n, n);
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < n; ++j) {
            double s = 0.0;
            for (size_t k = 0; k < points[size_t(i)].size(); ++k) {
                const double diff = points[size_t(i)][k] - points[size_t(j)][k];
                s += diff * diff;
            }
            d(i, j) = float(std::sqrt(s));
        }
    return d;
}

/// n points evenly spaced on a circle of the given radius and centre.
inline std::vector<std::vector<double>> circle(int n, double radius = 1.0, double cx = 0.0, double cy = 0.0)
{
    std::vector<std::vector<double>> points;
    for (int i = 0; i < n; ++i) {
        const double t = 2.0 * M_PI * i / n;
        points.push_back({cx + radius * std::cos(t), cy + radius * std::sin(t)});
    }
    return points;
}

/// n points spread evenly over the unit 2-sphere (the Fibonacci lattice).
inline std::vector<std::vector<double>> sphere(int n)
{
    std::vector<std::vector<double>> points;
    const double golden = M_PI * (3.0 - std::sqrt(5.0));
    for (int i = 0; i < n; ++i) {
        const double z = 1.0 - 2.0 * (i + 0.5) / n, r = std::sqrt(1.0 - z * z);
        points.push_back({r * std::cos(golden * i), r * std::sin(golden * i), z});
    }
    return points;
}

/// Data rows of the independent engine's fixtures (fixtures/README.md):
/// name, coefficients, highest dimension.
inline void addFixtureRows()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("coefficients");
    QTest::addColumn<int>("maxDim");
    QTest::newRow("46-torsion Z/2") << QStringLiteral("neurons-46-torsion") << 2 << 2;
    QTest::newRow("46-torsion Z/3") << QStringLiteral("neurons-46-torsion") << 3 << 2;
    QTest::newRow("134 Z/2") << QStringLiteral("neurons-134") << 2 << 1;
    QTest::newRow("134 Z/3") << QStringLiteral("neurons-134") << 3 << 1;
}

/// In a test fed by addFixtureRows(): the row's matrix computed by compute
/// against the independent engine's diagram, bar for bar within 1e-6.
inline void checkAgainstFixture(
    const std::function<PersistenceDiagram(const FloatMatrix &, const PersistenceSettings &)> &compute)
{
    QFETCH(QString, name);
    QFETCH(int, coefficients);
    QFETCH(int, maxDim);
    const QString base = QStringLiteral(NETBETTI_FIXTURES "/") + name;
    const FloatMatrix d = readNpy(base + QStringLiteral(".npy"));
    validateDistanceMatrix(d, base);
    PersistenceSettings s;
    s.maxDim = maxDim;
    s.coefficients = coefficients;
    const PersistenceDiagram ours = compute(d, s);
    const PersistenceDiagram theirs = readDiagramCsv(base + QStringLiteral(".z%1.csv").arg(coefficients));
    QString why;
    QVERIFY2(sameDiagram(ours, theirs, 1e-6, &why), qPrintable(why));
    QCOMPARE(ours.count(0), int(d.rows()));
}

/// Persistences of the bars of one dimension, largest first.
inline std::vector<double> persistences(const PersistenceDiagram &d, int dim)
{
    std::vector<double> out;
    for (const auto &b : d.bars)
        if (b.dim == dim)
            out.push_back(b.persistence());
    std::sort(out.rbegin(), out.rend());
    return out;
}

} // namespace netbetti::test
