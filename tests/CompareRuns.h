#pragma once
// Tiny runs for the Compare window's suites, trained by the real CLI: the
// same moons at three widths, the middle one analysed again over Z/3 from
// its saved networks, and circles (another dataset). And the CLI's own
// numbers, read back from its CSV, as the oracle of the window's.

#include "RunFixtures.h"
#include "TestSupport.h"
#include "plots/Comparison.h"

#include <QTemporaryDir>
#include <map>
#include <tuple>

namespace netbetti::test {

struct ComparedRunFolders
{
    QString narrow, wide, wider, wideZ3, circles;
    bool ok() const
    {
        return !narrow.isEmpty() && !wide.isEmpty() && !wider.isEmpty() && !wideZ3.isEmpty() && !circles.isEmpty();
    }
};

inline QString moonsSpec(int width, int epochs)
{
    return QStringLiteral(R"({"name": "moons %1", "seed": 3, "dataset": {"kind": "moons", "samples": 200},
        "model": {"layers": [2, %1, %1, 2]}, "training": {"epochs": %2}})")
        .arg(width)
        .arg(epochs);
}

inline ComparedRunFolders trainComparedRuns(const QTemporaryDir &dir)
{
    ComparedRunFolders runs;
    runs.narrow = trainRun(dir, QStringLiteral("narrow"), moonsSpec(8, 3));
    runs.wide = trainRun(dir, QStringLiteral("wide"), moonsSpec(16, 3));
    runs.wider = trainRun(dir, QStringLiteral("wider"), moonsSpec(32, 2)); // fewer epochs: 0–2 in common
    runs.circles = trainRun(dir, QStringLiteral("circles"), QStringLiteral(R"({"name": "circles", "seed": 3,
        "dataset": {"kind": "circles", "samples": 200}, "model": {"layers": [2, 8, 8, 2]}, "training": {"epochs": 2}})"));
    const QString z3 = dir.filePath(QStringLiteral("wide-z3"));
    const ProcessResult r = runCli({QStringLiteral("reanalyse"), runs.wide, QStringLiteral("--out"), z3,
                                    QStringLiteral("--coefficients"), QStringLiteral("3")});
    if (r.exitCode == 0)
        runs.wideZ3 = z3;
    else
        qWarning("%s", qPrintable(r.err));
    return runs;
}

/// The runs in these folders, compared (the other settings the defaults).
inline ComparisonState comparisonOf(const QStringList &folders)
{
    ComparisonState state;
    for (const QString &folder : folders)
        state.runs.push_back(readComparedRun(folder));
    return state;
}

/// One row of `netbetti-cli compare`'s CSV: (run_a, run_b, epoch, dim) or,
/// for two runs, ("", "", epoch, dim) -> (bottleneck, wasserstein).
using CompareTable = std::map<std::tuple<QString, QString, int, int>, std::pair<double, double>>;

/// Runs `netbetti-cli compare` with the arguments and reads the CSV it
/// writes; empty (and a warning) when it fails.
inline CompareTable cliCompare(const QTemporaryDir &dir, const QStringList &args)
{
    const QString csv = dir.filePath(QStringLiteral("compare-%1.csv").arg(qHash(args.join(QLatin1Char('|')))));
    const ProcessResult r = runCli(QStringList{QStringLiteral("compare")} + args + QStringList{QStringLiteral("--out"), csv});
    CompareTable table;
    if (r.exitCode != 0) {
        qWarning("%s", qPrintable(r.err));
        return table;
    }
    const QList<QByteArray> lines = contents(csv).split('\n');
    const bool pairs = lines.value(0).startsWith("run_a");
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> f = lines[i].split(',');
        if (f.size() < 4)
            continue;
        const int o = pairs ? 2 : 0;
        table[{pairs ? QString::fromUtf8(f[0]) : QString(), pairs ? QString::fromUtf8(f[1]) : QString(), f[o].toInt(),
               f[o + 1].toInt()}] = {f[o + 2].toDouble(), f[o + 3].toDouble()};
    }
    return table;
}

} // namespace netbetti::test
