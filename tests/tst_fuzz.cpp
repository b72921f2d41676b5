// Seeded mutation fuzzing of every parser of outside input: the spec JSON,
// the dataset CSV, IDX files (plain and gzip), .npy matrices, diagram CSVs
// and run.json. Valid inputs
// are mutated (bytes flipped, inserted, deleted, duplicated, tokens that
// parsers trip on spliced in) and each parser must either accept the bytes
// or throw InputError: never another exception, never a crash (run under the
// sanitizers, never an invalid read either). What a parser accepts must
// survive its own writer and parser unchanged.
//
// A second a parser in the suite; NETBETTI_FUZZ_SECONDS=600 runs longer,
// NETBETTI_FUZZ_SEED=n starts elsewhere. A failing input is written to the
// current folder as fuzz-failure-<parser>.bin.

#include "Error.h"
#include "IdxTestFiles.h"
#include "data/Dataset.h"
#include "data/IdxFile.h"
#include "experiment/ExperimentSpec.h"
#include "experiment/RunFolder.h"
#include "storage/NpyFile.h"
#include "topology/DiagramCsv.h"
#include "topology/RipserEngine.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>
#include <cstring>
#include <functional>
#include <random>

using namespace netbetti;

namespace {

const QByteArray kTokens[] = {"0", "-1", "1e309", "-0", "nan", "inf", "NaN", "1e-400", "9223372036854775808",
                              "\"", "'", ",", "\n", "{", "}", "[", "]", "(", ")", ":", "null", "true",
                              "\x93NUMPY", "<f8", "<f4", "'shape': (", "\xff\xfe", QByteArray(1, '\0'),
                              "\"layers\": [", "\"epochs\": ", "dim,birth,death\n", "\\u0000"};

class Mutator
{
public:
    explicit Mutator(std::uint64_t seed) : m_rng(seed) {}

    QByteArray mutate(QByteArray bytes)
    {
        const int rounds = 1 + int(next(4));
        for (int r = 0; r < rounds; ++r) {
            const qsizetype size = bytes.size();
            const qsizetype at = size ? qsizetype(next(quint64(size))) : 0;
            switch (next(7)) {
            case 0: // flip a bit
                if (size)
                    bytes[at] = char(bytes[at] ^ char(1 << next(8)));
                break;
            case 1: // a random byte
                bytes.insert(at, char(next(256)));
                break;
            case 2: // delete a range
                bytes.remove(at, qsizetype(next(16)) + 1);
                break;
            case 3: { // duplicate a range
                const QByteArray piece = bytes.mid(at, qsizetype(next(64)) + 1);
                bytes.insert(qsizetype(next(quint64(size) + 1)), piece);
                break;
            }
            case 4: // splice a token in
                bytes.insert(at, kTokens[next(std::size(kTokens))]);
                break;
            case 5: // overwrite with a token
                bytes.replace(at, qsizetype(next(4)), kTokens[next(std::size(kTokens))]);
                break;
            case 6: // truncate
                bytes.truncate(at);
                break;
            }
        }
        return bytes;
    }

private:
    quint64 next(quint64 bound) { return std::uniform_int_distribution<quint64>(0, bound - 1)(m_rng); }
    std::mt19937_64 m_rng;
};

double fuzzSeconds()
{
    bool ok = false;
    const double seconds = qEnvironmentVariable("NETBETTI_FUZZ_SECONDS").toDouble(&ok);
    return ok && seconds > 0 ? seconds : 1.0;
}

std::uint64_t fuzzSeed()
{
    bool ok = false;
    const qulonglong seed = qEnvironmentVariable("NETBETTI_FUZZ_SEED").toULongLong(&ok);
    return ok ? seed : 20261125;
}

QByteArray fromFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Mutates the seeds for the time allowed and hands each input to parse,
/// which returns false when what it accepted does not round-trip. Returns
/// an empty string, or what went wrong.
QString fuzz(const char *name, const std::vector<QByteArray> &seeds,
             const std::function<bool(const QByteArray &)> &parse, int *runs, int *accepted)
{
    Mutator mutator(fuzzSeed() ^ qHash(QByteArray(name)));
    QElapsedTimer clock;
    clock.start();
    const qint64 budget = qint64(fuzzSeconds() * 1000);
    *runs = *accepted = 0;
    std::vector<QByteArray> pool = seeds;
    while (clock.elapsed() < budget) {
        const QByteArray input = mutator.mutate(pool[size_t(*runs) % pool.size()]);
        ++*runs;
        QString failure;
        try {
            if (parse(input)) {
                ++*accepted;
                if (pool.size() < 64)
                    pool.push_back(input); // accepted inputs are seeds for deeper mutations
            } else {
                failure = QStringLiteral("accepted, but changed by a write and a read");
            }
        } catch (const InputError &) {
            // the one way to refuse input
        } catch (const std::exception &e) {
            failure = QStringLiteral("threw %1: %2").arg(QString::fromLatin1(typeid(e).name()), QString::fromUtf8(e.what()));
        }
        if (!failure.isEmpty()) {
            const QString file = QStringLiteral("fuzz-failure-%1.bin").arg(QLatin1String(name));
            QFile out(file);
            if (out.open(QIODevice::WriteOnly))
                out.write(input);
            return QStringLiteral("%1, run %2: %3 (input in %4)").arg(QLatin1String(name)).arg(*runs).arg(failure, file);
        }
    }
    return {};
}

} // namespace

class TestFuzz : public QObject
{
    Q_OBJECT

public:
    TestFuzz()
    {
        // QtTest's watchdog ends a run after 5 minutes; a long fuzz run needs
        // longer. Read when the tests start, after this constructor.
        if (qEnvironmentVariableIsEmpty("QTEST_FUNCTION_TIMEOUT"))
            qputenv("QTEST_FUNCTION_TIMEOUT", QByteArray::number(qint64(fuzzSeconds() * 5 + 120) * 1000));
    }

private:

    void report(const char *name, const QString &failure, int runs, int accepted)
    {
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        qInfo("%s: %d inputs in %.0f s, %d accepted", name, runs, fuzzSeconds(), accepted);
        QVERIFY(runs > 0);
    }

private Q_SLOTS:
    void specJson()
    {
        std::vector<QByteArray> seeds{fromFile(QStringLiteral(NETBETTI_SOURCE_DIR "/resources/examples/d4-ball-4-64-64-2.json")),
                                      builtInExample().toJsonBytes(),
                                      R"({"dataset": {"kind": "csv", "path": "x.csv"}, "analysis": {"neurons": [1, 2], "threshold": 0.5}})",
                                      R"({"dataset": {"kind": "idx", "images": "i.gz", "labels": "l", "test_images": "t", "test_labels": "u"}})"};
        int runs = 0, accepted = 0;
        const QString failure = fuzz("spec", seeds, [](const QByteArray &bytes) {
            const ExperimentSpec spec = ExperimentSpec::fromJson(bytes, QStringLiteral("spec.json"));
            return ExperimentSpec::fromJson(spec.toJsonBytes(), QStringLiteral("again")).toJson() == spec.toJson();
        }, &runs, &accepted);
        report("spec", failure, runs, accepted);
    }

    void datasetCsv()
    {
        std::vector<QByteArray> seeds{"x,y,label\n0.5,1,a\n-2,3e2,b\n1,1,a\n", "1;2;0\n3;4;1\n", "# comment\n1\t2\t0\n3\t4\t1\n"};
        int runs = 0, accepted = 0;
        const QString failure = fuzz("csv", seeds, [](const QByteArray &bytes) {
            FeatureMatrix x;
            LabelVector y;
            int classes = 0;
            parseLabelledCsv(bytes, QStringLiteral("data.csv"), x, y, classes);
            // Labels are classes 0..k-1, one row each, and every feature finite.
            return classes >= 2 && x.rows() == y.rows() && y.minCoeff() >= 0 && y.maxCoeff() < classes
                   && x.allFinite();
        }, &runs, &accepted);
        report("csv", failure, runs, accepted);
    }

    void idxFile()
    {
        using namespace netbetti::test;
        const auto [images, labels] = numberedImages(5, 3, 3, 2);
        const auto [littleImages, littleLabels] = numberedImages(4, 2, 2, 3, true);
        QByteArray shorts;
        for (qint16 v : {3, -2, 255})
            shorts += int16Bytes(v, false);
        std::vector<QByteArray> seeds{images, labels, littleImages, gzipped(littleLabels),
                                      netbetti::test::idxFile(0x0B, {3}, shorts), gzipped(images)};
        int runs = 0, accepted = 0;
        const QString failure = fuzz("idx", seeds, [](const QByteArray &bytes) {
            const QByteArray inflated = inflateIfGzipped(bytes, QStringLiteral("f.idx"), 1 << 20);
            const IdxArray a = parseIdx(inflated, QStringLiteral("f.idx"));
            // What is accepted is whole, and reads back the same when written
            // again by the tests' own writer, in the byte order it was in.
            qint64 elements = 1;
            for (qint64 size : a.sizes)
                elements *= size;
            std::vector<quint32> sizes(a.sizes.begin(), a.sizes.end());
            const IdxArray back = parseIdx(netbetti::test::idxFile(a.type, sizes, a.elements, a.littleEndian, a.littleEndian),
                                           QStringLiteral("again"));
            return elements >= 1 && a.elements.size() == elements * idxElementBytes(a.type) && back.sizes == a.sizes
                   && back.type == a.type && back.elements == a.elements && back.littleEndian == a.littleEndian;
        }, &runs, &accepted);
        report("idx", failure, runs, accepted);
    }

    void npyMatrix()
    {
        QTemporaryDir dir;
        FloatMatrix m(3, 3);
        m << 0, 1, 2, 1, 0, 0.5f, 2, 0.5f, 0;
        writeNpy(dir.filePath(QStringLiteral("m.npy")), m);
        std::vector<QByteArray> seeds{fromFile(dir.filePath(QStringLiteral("m.npy"))),
                                      fromFile(QStringLiteral(NETBETTI_FIXTURES "/neurons-46-torsion.npy"))};
        int runs = 0, accepted = 0;
        const QString failure = fuzz("npy", seeds, [&dir](const QByteArray &bytes) {
            const FloatMatrix read = parseNpy(bytes, QStringLiteral("m.npy"));
            if (read.rows() == read.cols() && read.rows() > 0)
                validateDistanceMatrix(read, QStringLiteral("m.npy"));
            const QString again = dir.filePath(QStringLiteral("again.npy"));
            writeNpy(again, read);
            const FloatMatrix back = readNpy(again);
            // Bit for bit (NaN included): compare the bytes.
            return back.rows() == read.rows() && back.cols() == read.cols()
                   && std::memcmp(back.data(), read.data(), size_t(read.size()) * sizeof(float)) == 0;
        }, &runs, &accepted);
        report("npy", failure, runs, accepted);
    }

    void diagramCsv()
    {
        std::vector<QByteArray> seeds{fromFile(QStringLiteral(NETBETTI_FIXTURES "/neurons-46-torsion.z2.csv")),
                                      "dim,birth,death\n0,0,inf\n0,0,0.5\n1,0.25,0.75\n"};
        int runs = 0, accepted = 0;
        const QString failure = fuzz("diagram", seeds, [](const QByteArray &bytes) {
            const PersistenceDiagram d = diagramFromCsv(bytes, QStringLiteral("diagram.csv"));
            return diagramFromCsv(diagramToCsv(d), QStringLiteral("again")).bars == d.bars;
        }, &runs, &accepted);
        report("diagram", failure, runs, accepted);
    }

    void runRecord()
    {
        RunRecord record;
        record.engine = QStringLiteral("ripser");
        record.threshold = 0.75;
        for (int e = 0; e < 3; ++e) {
            EpochRecord r;
            r.epoch = e;
            r.loss = 0.5 / (e + 1);
            r.analysed = e != 1;
            r.analysisError = e == 2 ? QStringLiteral("ripser crashed") : QString();
            r.previousEpoch = e - 1;
            r.bottleneckToPrevious = {0.1, std::numeric_limits<double>::infinity()};
            record.epochs.push_back(r);
        }
        std::vector<QByteArray> seeds{QJsonDocument(record.toJson()).toJson()};
        int runs = 0, accepted = 0;
        const QString failure = fuzz("run", seeds, [](const QByteArray &bytes) {
            const RunRecord read = RunRecord::fromJson(bytes, QStringLiteral("run.json"));
            const QByteArray written = QJsonDocument(read.toJson()).toJson();
            return QJsonDocument(RunRecord::fromJson(written, QStringLiteral("again")).toJson()).toJson() == written;
        }, &runs, &accepted);
        report("run", failure, runs, accepted);
    }
};

QTEST_GUILESS_MAIN(TestFuzz)
#include "tst_fuzz.moc"
