// IDX files and the datasets read from them: hand-made files in both byte
// orders, plain and gzip-compressed (by the gzip program), every element
// type; the "idx" and "fashion-mnist" kinds, their subsampling and split;
// and each kind of bad file, named with its field and value. The real
// Fashion-MNIST is checked against Python's own gzip and struct reading.

#include "Error.h"
#include "IdxTestFiles.h"
#include "TestSupport.h"
#include "data/Dataset.h"
#include "data/IdxDataset.h"
#include "data/IdxFile.h"

#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <set>

using namespace netbetti;
using namespace netbetti::test;

class TestIdx : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes) { return writeTestFile(m_dir, name, bytes); }

    DatasetSpec idxSpec(const QString &images, const QString &labels, int samples)
    {
        DatasetSpec s;
        s.kind = QStringLiteral("idx");
        s.images = images;
        s.labels = labels;
        s.samples = samples;
        return s;
    }

private Q_SLOTS:
    void bothByteOrdersPlainAndGzip_data()
    {
        QTest::addColumn<bool>("littleMagic");
        QTest::addColumn<bool>("littleSizes");
        QTest::addColumn<bool>("gzip");
        for (const bool gz : {false, true}) {
            const char *suffix = gz ? ", gzip" : ", plain";
            QTest::newRow(qPrintable(QStringLiteral("big-endian%1").arg(QLatin1String(suffix)))) << false << false << gz;
            QTest::newRow(qPrintable(QStringLiteral("little-endian%1").arg(QLatin1String(suffix)))) << true << true << gz;
            QTest::newRow(qPrintable(QStringLiteral("magic big, sizes little%1").arg(QLatin1String(suffix))))
                << false << true << gz;
            QTest::newRow(qPrintable(QStringLiteral("magic little, sizes big%1").arg(QLatin1String(suffix))))
                << true << false << gz;
        }
    }

    void bothByteOrdersPlainAndGzip()
    {
        QFETCH(bool, littleMagic);
        QFETCH(bool, littleSizes);
        QFETCH(bool, gzip);
        // 3 images of 2 × 4 pixels: sizes 3, 2, 4 read differently in the
        // two orders (3 · 2^24 · ...), so only the right order fits the payload.
        std::vector<int> pixels(24);
        for (int k = 0; k < 24; ++k)
            pixels[size_t(k)] = 10 * k + 1;
        QByteArray bytes = idxFile(0x08, {3, 2, 4}, ubytes(pixels), littleMagic, littleSizes);
        if (gzip)
            bytes = gzipped(bytes);
        QCOMPARE(bytes.startsWith("\x1f\x8b"), gzip);
        const QString path = write(QStringLiteral("images-%1%2%3.idx").arg(littleMagic).arg(littleSizes).arg(gzip), bytes);
        const IdxArray a = readIdx(path);
        QCOMPARE(a.type, IdxArray::UnsignedByte);
        QCOMPARE(a.sizes, (std::vector<qint64>{3, 2, 4}));
        QCOMPARE(a.count(), qint64(3));
        QCOMPARE(a.itemSize(), qint64(8));
        for (int k = 0; k < 24; ++k)
            QCOMPARE(a.value(k), double(10 * k + 1));
    }

    void everyElementType_data()
    {
        QTest::addColumn<bool>("littleEndian");
        QTest::newRow("big-endian") << false;
        QTest::newRow("little-endian") << true;
    }

    void everyElementType()
    {
        QFETCH(bool, littleEndian);
        QByteArray shorts;
        for (qint16 v : {qint16(-300), qint16(0), qint16(7), qint16(32000)})
            shorts += int16Bytes(v, littleEndian);
        const IdxArray s = parseIdx(idxFile(0x0B, {4}, shorts, littleEndian, littleEndian), QStringLiteral("s.idx"));
        QCOMPARE(s.value(0), -300.0);
        QCOMPARE(s.value(3), 32000.0);

        QByteArray ints = uint32Bytes(quint32(-5), littleEndian) + uint32Bytes(70000, littleEndian);
        const IdxArray i = parseIdx(idxFile(0x0C, {2}, ints, littleEndian, littleEndian), QStringLiteral("i.idx"));
        QCOMPARE(i.value(0), -5.0);
        QCOMPARE(i.value(1), 70000.0);

        float f = 0.25f;
        quint32 fbits;
        std::memcpy(&fbits, &f, 4);
        const IdxArray fl = parseIdx(idxFile(0x0D, {1, 1}, uint32Bytes(fbits, littleEndian), littleEndian, littleEndian),
                                     QStringLiteral("f.idx"));
        QCOMPARE(fl.value(0), 0.25);

        const IdxArray sb = parseIdx(idxFile(0x09, {2}, QByteArray("\xff\x05", 2)), QStringLiteral("b.idx"));
        QCOMPARE(sb.value(0), -1.0);
        QCOMPARE(sb.value(1), 5.0);
    }

    void concatenatedGzipMembersAreOneFile()
    {
        const QByteArray whole = idxFile(0x08, {6}, ubytes({1, 2, 3, 4, 5, 6}));
        const QByteArray two = gzipped(whole.left(7)) + gzipped(whole.mid(7));
        const IdxArray a = parseIdx(inflateIfGzipped(two, QStringLiteral("two.gz")), QStringLiteral("two.gz"));
        QCOMPARE(a.count(), qint64(6));
        QCOMPARE(a.value(5), 6.0);
    }

    void badFilesNameFieldAndValue_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QStringList>("expected");
        const QByteArray good = idxFile(0x08, {2, 2, 2}, ubytes({1, 2, 3, 4, 5, 6, 7, 8}));
        QTest::newRow("empty") << QByteArray() << QStringList{QStringLiteral("header = 0 bytes")};
        QTest::newRow("CSV, not IDX") << QByteArray("1,2,3\n") << QStringList{QStringLiteral("magic = 0x31 0x2c 0x32 0x2c"), QStringLiteral("not an IDX file")};
        QTest::newRow("unknown type") << idxFile(0x07, {1}, "x") << QStringList{QStringLiteral("element type = 0x07")};
        QTest::newRow("no dimensions") << QByteArray("\0\0\x08\0", 4) << QStringList{QStringLiteral("dimensions = 0")};
        QTest::newRow("header cut") << good.left(9) << QStringList{QStringLiteral("header = 9 bytes"), QStringLiteral("truncated")};
        QTest::newRow("elements cut") << good.left(good.size() - 3)
                                      << QStringList{QStringLiteral("sizes = 2 × 2 × 2"), QStringLiteral("truncated"), QStringLiteral("5 bytes")};
        QTest::newRow("bytes after") << good + "zz" << QStringList{QStringLiteral("2 bytes after the last element")};
        QTest::newRow("a size of 0") << idxFile(0x08, {0, 28}, {}) << QStringList{QStringLiteral("size of dimension 0 = 0")};
        QTest::newRow("terabytes announced") << idxFile(0x08, {4000000000u, 4000000000u}, "ab")
                                             << QStringList{QStringLiteral("truncated")};
        const QByteArray zipped = gzipped(good);
        QTest::newRow("gzip cut") << zipped.left(zipped.size() - 12) << QStringList{QStringLiteral("truncated gzip data")};
        QByteArray corrupt = zipped;
        corrupt[10] = char(0x07); // the first deflate block: final, of the reserved type 3
        QTest::newRow("gzip corrupt") << corrupt << QStringList{QStringLiteral("corrupt gzip data")};
        QTest::newRow("gzip then garbage") << zipped + "junk" << QStringList{QStringLiteral("4 bytes after the end of the gzip data")};
    }

    void badFilesNameFieldAndValue()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QStringList, expected);
        const QString path = write(QStringLiteral("bad.idx"), bytes);
        const QString message = inputErrorOf([&] { readIdx(path); });
        QVERIFY2(message.startsWith(path + QLatin1Char(':')), qPrintable(message));
        for (const QString &part : expected)
            QVERIFY2(message.contains(part), qPrintable(message));
    }

    void idxDatasetSubsamplesAndSplits()
    {
        const auto [images, labels] = numberedImages(200, 4, 5, 3);
        DatasetSpec s = idxSpec(write(QStringLiteral("n-images.idx"), gzipped(images)),
                                write(QStringLiteral("n-labels.idx"), labels), 120);
        s.testFraction = 0.25;
        const Dataset d = makeDataset(s, 11);
        QCOMPARE(d.dim, 20);
        QCOMPARE(d.classes, 3);
        QCOMPARE(d.imageRows, 4);
        QCOMPARE(d.imageColumns, 5);
        QCOMPARE(d.testX.rows(), Eigen::Index(30));
        QCOMPARE(d.trainX.rows(), Eigen::Index(90));
        // Every row is one of the images, whole, scaled to [0, 1], with its
        // own label, and no image is drawn twice.
        std::set<int> seen;
        auto check = [&](const FeatureMatrix &x, const LabelVector &y) {
            for (Eigen::Index r = 0; r < x.rows(); ++r) {
                const int index = int(std::lround(x(r, 0) * 255.0f));
                QVERIFY(seen.insert(index).second);
                QCOMPARE(y(r), std::int64_t(index % 3));
                for (int k = 1; k < 20; ++k)
                    QCOMPARE(x(r, k), float((index + k) % 256) / 255.0f);
            }
        };
        check(d.trainX, d.trainY);
        check(d.testX, d.testY);
        QCOMPARE(int(seen.size()), 120);
        // Seeded: the same seed the same draw, another seed another.
        const Dataset again = makeDataset(s, 11), other = makeDataset(s, 12);
        QCOMPARE(again.trainX, d.trainX);
        QVERIFY(other.trainX != d.trainX);
        QCOMPARE(datasetShape(s).dim, 20);
        QCOMPARE(datasetShape(s).classes, 3);
    }

    void aFileRewrittenInPlaceIsReadAgain()
    {
        // Same size, same modification time (set back by hand, as a copy
        // keeping times would): only the change time tells, and it is fresh.
        const auto [images, labels] = numberedImages(6, 2, 2, 3);
        DatasetSpec s = idxSpec(write(QStringLiteral("same-images"), images), write(QStringLiteral("same-labels"), labels), 6);
        const QDateTime old(QDate(2020, 1, 1), QTime(12, 0));
        auto setOld = [&] {
            QFile f(s.labels);
            QVERIFY(f.open(QIODevice::ReadWrite) && f.setFileTime(old, QFileDevice::FileModificationTime));
        };
        setOld();
        QCOMPARE(datasetShape(s).classes, 3);
        write(QStringLiteral("same-labels"), idxFile(0x08, {6}, ubytes({0, 1, 2, 3, 4, 0})));
        setOld();
        QCOMPARE(datasetShape(s).classes, 5);
    }

    void testPairKeepsTheFilesProportion()
    {
        const auto [trainImages, trainLabels] = numberedImages(120, 2, 2, 4);
        const auto [testImages, testLabels] = numberedImages(40, 2, 2, 4, true); // and the other byte order
        DatasetSpec s = idxSpec(write(QStringLiteral("tr-i"), trainImages), write(QStringLiteral("tr-l"), trainLabels), 80);
        s.testImages = write(QStringLiteral("te-i"), gzipped(testImages));
        s.testLabels = write(QStringLiteral("te-l"), testLabels);
        const Dataset d = makeDataset(s, 3);
        QCOMPARE(d.testX.rows(), Eigen::Index(20)); // 80 · 40 / 160
        QCOMPARE(d.trainX.rows(), Eigen::Index(60));
        QVERIFY(d.testX.col(0).maxCoeff() * 255 < 39.5f); // test rows come from the test file's 40 images
        s.samples = 161;
        const QString message = inputErrorOf([&] { makeDataset(s, 3); });
        QVERIFY2(message.contains(QStringLiteral("dataset.samples = 161")) && message.contains(QStringLiteral("160 images")),
                 qPrintable(message));
    }

    void badPairsNameTheFile_data()
    {
        QTest::addColumn<QByteArray>("images");
        QTest::addColumn<QByteArray>("labels");
        QTest::addColumn<QString>("named"); // "images" or "labels"
        QTest::addColumn<QString>("expected");
        const auto [images, labels] = numberedImages(6, 2, 2, 3);
        QTest::newRow("counts differ") << images << idxFile(0x08, {5}, ubytes({0, 1, 2, 0, 1}))
                                       << "labels" << "number of labels = 5: ";
        QByteArray big;
        for (qint16 v : {0, 1, 300, 2, 1, 0})
            big += int16Bytes(v, false);
        QTest::newRow("label 300") << images << idxFile(0x0B, {6}, big) << "labels" << "label 2 = 300: outside 0..255";
        QByteArray negative;
        for (qint16 v : {0, 1, -1, 2, 1, 0})
            negative += int16Bytes(v, false);
        QTest::newRow("label -1") << images << idxFile(0x0B, {6}, negative) << "labels" << "label 2 = -1";
        QTest::newRow("one class") << images << idxFile(0x08, {6}, ubytes({0, 0, 0, 0, 0, 0})) << "labels"
                                   << "two classes";
        QTest::newRow("labels as images") << labels << labels << "images" << "a file of labels";
        QTest::newRow("2-D labels") << images << images << "labels" << "one label per item";
        QTest::newRow("int pixels") << idxFile(0x0C, {1, 1}, uint32Bytes(9, false)) << labels << "images"
                                    << "element type = 0x0c";
        quint32 two;
        const float f = 2.0f;
        std::memcpy(&two, &f, 4);
        QTest::newRow("float pixel 2") << idxFile(0x0D, {1, 1, 1}, uint32Bytes(two, false)) << labels << "images"
                                       << "image 0, pixel 0 = 2";
    }

    void badPairsNameTheFile()
    {
        QFETCH(QByteArray, images);
        QFETCH(QByteArray, labels);
        QFETCH(QString, named);
        QFETCH(QString, expected);
        const DatasetSpec s = idxSpec(write(QStringLiteral("bad-images"), images), write(QStringLiteral("bad-labels"), labels), 4);
        const QString message = inputErrorOf([&] { makeDataset(s, 1); });
        const QString file = named == QLatin1String("images") ? s.images : s.labels;
        QVERIFY2(message.startsWith(file + QLatin1Char(':')), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    void fashionMnistMissingNamesThePackage()
    {
        QTemporaryDir empty;
        qputenv("NETBETTI_FASHION_MNIST_DIR", empty.path().toUtf8());
        DatasetSpec s;
        s.kind = QStringLiteral("fashion-mnist");
        const QString message = inputErrorOf([&] { makeDataset(s, 1); });
        qunsetenv("NETBETTI_FASHION_MNIST_DIR");
        QVERIFY2(message.startsWith(empty.path() + QStringLiteral("/train-images-idx3-ubyte.gz: dataset.kind = \"fashion-mnist\"")),
                 qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("apt install dataset-fashion-mnist")), qPrintable(message));
    }

    void fashionMnistFromDebian()
    {
        const QString folder = fashionMnistFolder();
        QVERIFY2(QFileInfo::exists(folder + QStringLiteral("/train-images-idx3-ubyte.gz")),
                 "Debian's dataset-fashion-mnist is a test dependency (packaging/common.sh)");
        DatasetSpec s;
        s.kind = QStringLiteral("fashion-mnist");
        s.samples = 7000;
        const Dataset d = makeDataset(s, 5);
        QCOMPARE(d.dim, 784);
        QCOMPARE(d.classes, 10);
        QCOMPARE(d.imageRows, 28);
        QCOMPARE(d.testX.rows(), Eigen::Index(1000)); // 10,000 of 70,000 images are for testing
        QCOMPARE(d.trainX.rows(), Eigen::Index(6000));
        QVERIFY(d.trainX.minCoeff() >= 0.0f && d.trainX.maxCoeff() <= 1.0f);
        QCOMPARE(d.trainX.maxCoeff(), 1.0f);
        QCOMPARE(d.classNames.size(), 10);
        std::set<std::int64_t> classes(d.trainY.data(), d.trainY.data() + d.trainY.size());
        QCOMPARE(int(classes.size()), 10);

        // Python's gzip and struct read the first training image on their own.
        QProcess python;
        python.start(QStringLiteral("python3"),
                     {QStringLiteral("-c"),
                      QStringLiteral("import gzip,struct,sys\n"
                                     "f=gzip.open(sys.argv[1]).read(); g=gzip.open(sys.argv[2]).read()\n"
                                     "n,r,c=struct.unpack('>III',f[4:16]); print(n,r,c,sum(f[16:16+r*c]),g[8])"),
                      folder + QStringLiteral("/train-images-idx3-ubyte.gz"),
                      folder + QStringLiteral("/train-labels-idx1-ubyte.gz")});
        QVERIFY(python.waitForFinished(60000));
        const QStringList oracle = QString::fromUtf8(python.readAllStandardOutput()).split(QLatin1Char(' '));
        QCOMPARE(oracle.size(), 5);
        const IdxArray images = readIdx(folder + QStringLiteral("/train-images-idx3-ubyte.gz"));
        QCOMPARE(images.shapeText(), QStringLiteral("%1 × %2 × %3").arg(oracle[0], oracle[1], oracle[2]));
        double sum = 0;
        for (int k = 0; k < 784; ++k)
            sum += images.value(k);
        QCOMPARE(sum, oracle[3].toDouble());
        const IdxArray labels = readIdx(folder + QStringLiteral("/train-labels-idx1-ubyte.gz"));
        QCOMPARE(labels.value(0), oracle[4].trimmed().toDouble());
    }
};

QTEST_GUILESS_MAIN(TestIdx)
#include "tst_idx.moc"
