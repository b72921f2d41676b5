// Real data end to end: netbetti-cli trains 784-64-32-10 on Debian's
// Fashion-MNIST (package dataset-fashion-mnist) and writes the matrices of
// the neuron space: 106 × 106 for the hidden and output neurons, 890 × 890
// with the 784 inputs. The first is issue 18's run as it stands (6,000
// images, 5 epochs, a few seconds); the second one epoch of it.

#include "TestSupport.h"
#include "storage/NpyFile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace netbetti;

namespace {

QJsonObject runRecord(const QString &run)
{
    QFile f(run + QStringLiteral("/run.json"));
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
}

} // namespace

class TestFashionMnist : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    QString run(const QString &name, const QByteArray &spec)
    {
        const QString path = test::writeTestFile(m_dir, name + QStringLiteral(".json"), spec);
        const QString out = m_dir.filePath(name);
        const test::ProcessResult r = test::runCli({QStringLiteral("run"), path, QStringLiteral("--out"), out});
        if (r.exitCode != 0)
            qWarning("%s", qPrintable(r.err));
        return r.exitCode == 0 ? out : QString();
    }

private Q_SLOTS:
    void trainsToSeventyFivePercent()
    {
        const QString out = run(QStringLiteral("hidden-output"),
                                R"({"dataset": {"kind": "fashion-mnist", "samples": 6000},
                                    "model": {"layers": [784, 64, 32, 10]}, "training": {"epochs": 5}})");
        QVERIFY(!out.isEmpty());
        const QJsonArray epochs = runRecord(out).value(QStringLiteral("epochs")).toArray();
        QCOMPARE(epochs.size(), 6);
        const double before = epochs.first().toObject().value(QStringLiteral("test_accuracy")).toDouble();
        const double after = epochs.last().toObject().value(QStringLiteral("test_accuracy")).toDouble();
        qInfo("test accuracy %.3f before training, %.3f after 5 epochs", before, after);
        QVERIFY2(before < 0.3, "an untrained net guesses (10 classes)");
        QVERIFY2(after >= 0.75, qPrintable(QString::number(after)));
        for (const char *epoch : {"0000", "0005"}) {
            const FloatMatrix d = readNpy(out + QStringLiteral("/epochs/%1/distance.npy").arg(QLatin1String(epoch)));
            QCOMPARE(d.rows(), Eigen::Index(64 + 32 + 10));
            QCOMPARE(d.cols(), Eigen::Index(106));
        }
    }

    void allNeuronsWithThePixels()
    {
        const QString out = run(QStringLiteral("all"),
                                R"({"dataset": {"kind": "fashion-mnist", "samples": 6000},
                                    "model": {"layers": [784, 64, 32, 10]}, "training": {"epochs": 1},
                                    "analysis": {"neurons": "all"}})");
        QVERIFY(!out.isEmpty());
        const FloatMatrix d = readNpy(out + QStringLiteral("/epochs/0001/distance.npy"));
        QCOMPARE(d.rows(), Eigen::Index(784 + 64 + 32 + 10));
        QCOMPARE(d.cols(), Eigen::Index(890));
        // A pixel that is 0 in every probe image (the corners) is a constant
        // neuron: at distance 1 from every other neuron.
        const FloatMatrix corner = d.row(0);
        QCOMPARE(corner.maxCoeff(), 1.0f);
        QCOMPARE(corner.rightCols(889).minCoeff(), 1.0f);
    }
};

QTEST_GUILESS_MAIN(TestFashionMnist)
#include "tst_fashion_mnist.moc"
