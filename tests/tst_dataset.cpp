// Datasets: seeded generators checked against independent reasoning (the
// ball's volume, the planar sets' shapes), and CSV files with clear errors.

#include "Error.h"
#include "TestSupport.h"
#include "data/Dataset.h"

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

using namespace netbetti;

namespace {

DatasetSpec specOf(const QString &kind, int samples = 1000, int dim = 2)
{
    DatasetSpec s;
    s.kind = kind;
    s.samples = samples;
    s.dim = dim;
    return s;
}

} // namespace

class TestDataset : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    QString writeCsv(const QString &name, const QByteArray &text)
    {
        return test::writeTestFile(m_dir, name, text);
    }

private Q_SLOTS:
    void sameSeedSamePoints()
    {
        const DatasetSpec s = specOf(QStringLiteral("ball-in-cube"), 500, 4);
        const Dataset a = makeDataset(s, 7), b = makeDataset(s, 7), c = makeDataset(s, 8);
        QVERIFY(a.trainX == b.trainX && a.testY == b.testY);
        QVERIFY(a.trainX != c.trainX);
    }

    void splitSizes()
    {
        DatasetSpec s = specOf(QStringLiteral("moons"), 1000);
        s.testFraction = 0.3;
        const Dataset d = makeDataset(s, 1);
        QCOMPARE(d.testX.rows(), Eigen::Index(300));
        QCOMPARE(d.trainX.rows(), Eigen::Index(700));
        QCOMPARE(d.trainY.rows(), Eigen::Index(700));
    }

    void ballInCubeLabelsAndVolume()
    {
        const Dataset d = makeDataset(specOf(QStringLiteral("ball-in-cube"), 20000, 4), 3);
        QCOMPARE(d.dim, 4);
        QCOMPARE(d.classes, 2);
        qint64 inside = 0;
        for (const auto *part : {&d.trainX, &d.testX}) {
            const LabelVector &y = part == &d.trainX ? d.trainY : d.testY;
            for (Eigen::Index i = 0; i < part->rows(); ++i) {
                double r2 = 0;
                for (int k = 0; k < 4; ++k) {
                    const double v = (*part)(i, k);
                    QVERIFY(v >= 0.0 && v <= 1.0);
                    r2 += (v - 0.5) * (v - 0.5);
                }
                QCOMPARE(y(i), std::int64_t(r2 <= 0.25 ? 1 : 0));
                inside += y(i);
            }
        }
        // Volume of the 4-ball of radius 1/2: pi^2/2 * (1/2)^4 = 0.3084.
        const double fraction = double(inside) / 20000.0;
        QVERIFY2(std::abs(fraction - M_PI * M_PI / 2.0 / 16.0) < 0.02, qPrintable(QString::number(fraction)));
    }

    void planarKinds_data()
    {
        QTest::addColumn<QString>("kind");
        for (const char *k : {"moons", "circles", "spirals", "xor"})
            QTest::newRow(k) << QString::fromLatin1(k);
    }

    void planarKinds()
    {
        QFETCH(QString, kind);
        const Dataset d = makeDataset(specOf(kind), 2);
        QCOMPARE(d.dim, 2);
        QCOMPARE(d.trainX.cols(), Eigen::Index(2));
        QVERIFY(d.trainY.minCoeff() == 0 && d.trainY.maxCoeff() == 1);
        if (kind == QLatin1String("circles")) // radius 1 for class 0, 1/2 for class 1
            for (Eigen::Index i = 0; i < d.trainX.rows(); ++i)
                QVERIFY(std::abs(d.trainX.row(i).norm() - (d.trainY(i) == 0 ? 1.0f : 0.5f)) < 1e-5f);
        if (kind == QLatin1String("xor"))
            for (Eigen::Index i = 0; i < d.trainX.rows(); ++i)
                QCOMPARE(d.trainY(i), std::int64_t(d.trainX(i, 0) * d.trainX(i, 1) > 0));
    }

    void blobsHaveTheirClasses()
    {
        DatasetSpec s = specOf(QStringLiteral("blobs"), 900, 3);
        s.classes = 5;
        const Dataset d = makeDataset(s, 4);
        QCOMPARE(d.classes, 5);
        QCOMPARE(d.trainY.maxCoeff() + 1, std::int64_t(5));
    }

    void badSpecsNameTheField_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("samples");
        QTest::addColumn<int>("dim");
        QTest::addColumn<double>("testFraction");
        QTest::addColumn<QString>("expected");
        QTest::newRow("kind") << "mnist" << 100 << 2 << 0.5 << "dataset.kind = mnist";
        QTest::newRow("samples") << "moons" << 1 << 2 << 0.5 << "dataset.samples = 1";
        QTest::newRow("planar dim") << "moons" << 100 << 3 << 0.5 << "dataset.dim = 3";
        QTest::newRow("fraction") << "moons" << 100 << 2 << 1.5 << "dataset.test_fraction = 1.5";
        QTest::newRow("csv path") << "csv" << 100 << 2 << 0.5 << "dataset.path";
    }

    void badSpecsNameTheField()
    {
        QFETCH(QString, kind);
        QFETCH(int, samples);
        QFETCH(int, dim);
        QFETCH(double, testFraction);
        QFETCH(QString, expected);
        DatasetSpec s = specOf(kind, samples, dim);
        s.testFraction = testFraction;
        const QString message = test::inputErrorOf([&] { makeDataset(s, 1); });
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    void csvLoads()
    {
        DatasetSpec s = specOf(QStringLiteral("csv"), 0);
        s.path = writeCsv(QStringLiteral("good.csv"), "x,y,z,label\n# a comment\n0,1,2,cat\n3,4,5,dog\n6,7,8,cat\n\n9,10,11,dog\n");
        FeatureMatrix x;
        LabelVector y;
        int classes = 0;
        readLabelledCsv(s.path, x, y, classes);
        QCOMPARE(x.rows(), Eigen::Index(4));
        QCOMPARE(x.cols(), Eigen::Index(3));
        QCOMPARE(classes, 2);
        QCOMPARE(y(0), std::int64_t(0));
        QCOMPARE(y(1), std::int64_t(1));
        QCOMPARE(x(3, 2), 11.0f);
        s.samples = 4;
        const Dataset d = makeDataset(s, 1);
        QCOMPARE(d.dim, 3);
        QCOMPARE(d.trainX.rows() + d.testX.rows(), Eigen::Index(4));
    }

    void csvErrorsNameTheLine_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("ragged") << QByteArray("1,2,0\n3,4,1\n5,1\n") << QStringLiteral("line 3");
        QTest::newRow("not a number") << QByteArray("1,2,0\n3,abc,1\n") << QStringLiteral("line 2, column 2 = abc");
        QTest::newRow("one class") << QByteArray("1,2,0\n3,4,0\n") << QStringLiteral("two classes");
        QTest::newRow("empty") << QByteArray("") << QStringLiteral("no data rows");
        QTest::newRow("nan") << QByteArray("1,2,0\nnan,4,1\n") << QStringLiteral("line 2, column 1 = nan");
    }

    void csvErrorsNameTheLine()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        const QString path = writeCsv(QStringLiteral("bad.csv"), text);
        FeatureMatrix x;
        LabelVector y;
        int classes = 0;
        const QString message = test::inputErrorOf([&] { readLabelledCsv(path, x, y, classes); });
        QVERIFY2(message.startsWith(path) && message.contains(expected), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestDataset)
#include "tst_dataset.moc"
