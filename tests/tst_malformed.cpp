// Malformed input, end to end through the real netbetti-cli: specs,
// dataset CSVs and IDX files, distance matrices and damaged run folders. Each one must
// end in exit code 2 and exactly one line on stderr naming the file, the
// field and the value, within a time limit and an address-space limit (no
// hang, no unbounded allocation, no crash). The parsers' own suites check
// the finer points of each message; this one checks the whole program.

#include "IdxTestFiles.h"
#include "TestSupport.h"

#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <sys/resource.h>

namespace {

enum class Input { Spec, Csv, Idx, FashionMnist, Npy, RunFolder, Compare };

// The address space a failing netbetti-cli gets: LibTorch's libraries map
// about half of it. AddressSanitizer reserves terabytes of shadow memory,
// so a sanitized build runs without the limit.
#if defined(__SANITIZE_ADDRESS__)
constexpr rlim_t kAddressSpace = RLIM_INFINITY;
#else
constexpr rlim_t kAddressSpace = rlim_t(1536) << 20;
#endif
constexpr int kTimeoutMs = 30000;

QByteArray npy(const QByteArray &dict, const QByteArray &data)
{
    const QByteArray magic("\x93NUMPY\x01\x00", 8);
    QByteArray header = dict;
    while ((10 + header.size() + 1) % 64)
        header += ' ';
    header += '\n';
    QByteArray out = magic;
    out += char(header.size() & 0xff);
    out += char(header.size() >> 8);
    return out + header + data;
}

QByteArray floats(std::initializer_list<float> values)
{
    QByteArray out;
    for (float v : values)
        out.append(reinterpret_cast<const char *>(&v), sizeof v);
    return out;
}

QByteArray f4(const QByteArray &shape, const QByteArray &data)
{
    return npy("{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }", data);
}

void copyFolder(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = to + QLatin1Char('/') + QDir(from).relativeFilePath(file);
        QDir().mkpath(QFileInfo(target).absolutePath());
        QFile::copy(file, target);
    }
}

} // namespace

Q_DECLARE_METATYPE(Input)

class TestMalformed : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_run; // a valid run folder, copied and damaged by the run-folder rows

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString spec = netbetti::test::writeTestFile(
            m_dir, QStringLiteral("valid.json"),
            R"({"dataset": {"kind": "ball-in-cube", "dim": 4, "samples": 200},
                "model": {"layers": [4, 8, 8, 2]}, "training": {"epochs": 1}})");
        m_run = m_dir.filePath(QStringLiteral("valid-run"));
        QProcess p;
        p.start(QStringLiteral(NETBETTI_CLI), {QStringLiteral("run"), spec, QStringLiteral("--out"), m_run});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    }

    void malformedInputEndsInOneLine_data()
    {
        QTest::addColumn<Input>("input");
        QTest::addColumn<QString>("file");       // the file written (inside a run folder: which one)
        QTest::addColumn<QByteArray>("content"); // null: the file is removed
        QTest::addColumn<QStringList>("expected"); // in the message, besides the file's path

        const QByteArray specBase = R"({"dataset": {"kind": "ball-in-cube", "dim": 4, "samples": 100}, )";
        auto spec = [&](const char *tag, const QByteArray &json, const QStringList &expected) {
            QTest::newRow(tag) << Input::Spec << QStringLiteral("spec.json") << json << expected;
        };
        spec("spec: truncated JSON", specBase, {QStringLiteral("invalid JSON")});
        spec("spec: empty", "", {QStringLiteral("invalid JSON")});
        spec("spec: binary", QByteArray("\x00\xff\x93NUMPY\x01", 9), {QStringLiteral("invalid JSON")});
        spec("spec: not an object", "[4, 64, 2]", {QStringLiteral("JSON object")});
        spec("spec: deep nesting", QByteArray(100000, '['), {QStringLiteral("invalid JSON")});
        spec("spec: unknown key", specBase + R"("model": {"layerz": [4, 2]}})", {QStringLiteral("model.layerz")});
        spec("spec: width 0", specBase + R"("model": {"layers": [4, 0, 2]}})", {QStringLiteral("model.layers[1] = 0")});
        spec("spec: width too large", specBase + R"("model": {"layers": [4, 1e9, 2]}})",
             {QStringLiteral("model.layers[1] = 1000000000")});
        spec("spec: width not a number", specBase + R"("model": {"layers": [4, "wide", 2]}})",
             {QStringLiteral("model.layers[1] = \"wide\"")});
        spec("spec: negative learning rate", specBase + R"("training": {"learning_rate": -1}})",
             {QStringLiteral("training.learning_rate = -1")});
        spec("spec: epochs a string", specBase + R"("training": {"epochs": "ten"}})",
             {QStringLiteral("training.epochs = \"ten\"")});
        spec("spec: coefficients not prime", specBase + R"("analysis": {"coefficients": 4}})",
             {QStringLiteral("analysis.coefficients = 4")});
        spec("spec: negative threshold", specBase + R"("analysis": {"threshold": -0.5}})",
             {QStringLiteral("analysis.threshold = -0.5")});
        spec("spec: max_dim 7", specBase + R"("analysis": {"max_dim": 7}})", {QStringLiteral("analysis.max_dim = 7")});
        spec("spec: layer index out of range", specBase + R"("analysis": {"neurons": [9]}})",
             {QStringLiteral("analysis.neurons[0] = 9")});
        spec("spec: unknown dataset", R"({"dataset": {"kind": "mnist"}})", {QStringLiteral("dataset.kind = \"mnist\"")});
        spec("spec: idx without labels", R"({"dataset": {"kind": "idx", "images": "a.idx"}})",
             {QStringLiteral("dataset.labels = \"\""), QStringLiteral("images and labels")});
        spec("spec: test images alone", R"({"dataset": {"kind": "idx", "images": "a", "labels": "b", "test_images": "c"}})",
             {QStringLiteral("dataset.test_labels"), QStringLiteral("both or neither")});
        spec("spec: image files for fashion-mnist", R"({"dataset": {"kind": "fashion-mnist", "images": "a.idx"}})",
             {QStringLiteral("dataset.images = \"a.idx\""), QStringLiteral("only an idx dataset")});
        spec("spec: huge seed", R"({"seed": 1e300})", {QStringLiteral("seed = 1.0000000000000001e+300")});
        spec("spec: input width not the data's", specBase + R"("model": {"layers": [3, 8, 2]}})",
             {QStringLiteral("model.layers[0] = 3")});
        spec("spec: 17 MB", "{\"name\": \"" + QByteArray(17 << 20, 'x') + "\"}", {QStringLiteral("bytes")});

        auto csv = [](const char *tag, const QByteArray &data, const QStringList &expected) {
            QTest::newRow(tag) << Input::Csv << QStringLiteral("data.csv") << data << expected;
        };
        csv("csv: ragged", "1,2,0\n3,4,1\n5,1\n", {QStringLiteral("line 3"), QStringLiteral("5,1")});
        csv("csv: not a number", "1,2,0\n3,abc,1\n", {QStringLiteral("line 2, column 2 = abc")});
        csv("csv: NaN", "1,2,0\nnan,4,1\n", {QStringLiteral("line 2, column 1 = nan")});
        csv("csv: infinity", "1,2,0\n3,inf,1\n", {QStringLiteral("line 2, column 2 = inf")});
        csv("csv: one class", "1,2,0\n3,4,0\n", {QStringLiteral("last column = 0"), QStringLiteral("two classes")});
        csv("csv: empty", "", {QStringLiteral("no data rows")});
        csv("csv: binary", QByteArray("\x93NUMPY\x01\x00\x76\x00,\xff\n\x01,\x02\n", 16), {QStringLiteral("line")});
        csv("csv: missing", QByteArray(), {QStringLiteral("no such file")});
        csv("csv: three columns for a 2-input net", "1,2,3,0\n4,5,6,1\n", {QStringLiteral("model.layers[0] = 2")});

        // IDX: 6 images of 2 × 2 pixels in 3 classes; the row's bytes replace one of the two files.
        const QByteArray images = netbetti::test::numberedImages(6, 2, 2, 3).first;
        auto idx = [](const char *tag, const char *file, const QByteArray &data, const QStringList &expected) {
            QTest::newRow(tag) << Input::Idx << QString::fromLatin1(file) << data << expected;
        };
        idx("idx: truncated images", "images.idx", images.left(images.size() - 2),
            {QStringLiteral("sizes = 6 × 2 × 2"), QStringLiteral("truncated")});
        idx("idx: not IDX", "images.idx", "1,2,0\n", {QStringLiteral("magic = 0x31 0x2c 0x32 0x2c")});
        const QByteArray zipped = netbetti::test::gzipped(images);
        idx("idx: truncated gzip", "images.idx", zipped.left(zipped.size() / 2), {QStringLiteral("truncated gzip data")});
        QByteArray corrupt = zipped;
        corrupt[10] = char(0x07); // the first deflate block: final, of the reserved type 3
        idx("idx: corrupt gzip", "images.idx", corrupt, {QStringLiteral("corrupt gzip data")});
        idx("idx: counts differ", "labels.idx", netbetti::test::idxFile(0x08, {5}, netbetti::test::ubytes({0, 1, 2, 0, 1})),
            {QStringLiteral("number of labels = 5"), QStringLiteral("6 images")});
        QByteArray wide;
        for (qint16 v : {0, 1, 300, 2, 1, 0})
            wide += netbetti::test::int16Bytes(v, false);
        idx("idx: label 300", "labels.idx", netbetti::test::idxFile(0x0B, {6}, wide), {QStringLiteral("label 2 = 300")});
        idx("idx: missing", "images.idx", QByteArray(), {QStringLiteral("no such file")});
        QTest::newRow("fashion-mnist: package missing")
            << Input::FashionMnist << QStringLiteral("train-images-idx3-ubyte.gz") << QByteArray()
            << QStringList{QStringLiteral("dataset.kind = \"fashion-mnist\""),
                           QStringLiteral("apt install dataset-fashion-mnist")};

        const QByteArray six = floats({0, 1, 1, 0, 1, 1});
        auto matrix = [](const char *tag, const QByteArray &bytes, const QStringList &expected) {
            QTest::newRow(tag) << Input::Npy << QStringLiteral("m.npy") << bytes << expected;
        };
        const QByteArray square = floats({0, 1, 1, 0});
        matrix("npy: wrong magic", "\x92" + f4("(2, 2)", square).mid(1), {QStringLiteral("magic")});
        matrix("npy: CSV text", "0,1\n1,0\n", {QStringLiteral("magic")});
        matrix("npy: empty", "", {QStringLiteral("empty file")});
        matrix("npy: dtype int32", npy("{'descr': '<i4', 'fortran_order': False, 'shape': (2, 2), }", square),
               {QStringLiteral("descr = '<i4'")});
        matrix("npy: big-endian", npy("{'descr': '>f4', 'fortran_order': False, 'shape': (2, 2), }", square),
               {QStringLiteral("descr = '>f4'"), QStringLiteral("big-endian")});
        matrix("npy: not square", f4("(2, 3)", six), {QStringLiteral("shape = (2, 3)"), QStringLiteral("square")});
        matrix("npy: 3-D", f4("(1, 2, 3)", six), {QStringLiteral("shape = (1, 2, 3)")});
        matrix("npy: NaN", f4("(2, 2)", floats({0, NAN, NAN, 0})), {QStringLiteral("entry (0, 1) = nan")});
        matrix("npy: negative", f4("(2, 2)", floats({0, -1, -1, 0})), {QStringLiteral("entry (0, 1) = -1")});
        matrix("npy: not symmetric", f4("(2, 2)", floats({0, 1, 2, 0})), {QStringLiteral("entry (0, 1) = 1")});
        matrix("npy: diagonal", f4("(2, 2)", floats({3, 1, 1, 0})), {QStringLiteral("entry (0, 0) = 3")});
        matrix("npy: truncated", f4("(2, 2)", square.left(10)), {QStringLiteral("truncated")});
        matrix("npy: terabytes announced", f4("(1000000, 1000000)", square), {QStringLiteral("truncated")});
        QByteArray hugeHeader = QByteArray("\x93NUMPY\x02\x00", 8) + QByteArray("\xff\xff\xff\x7f", 4) + "{";
        matrix("npy: huge header", hugeHeader, {QStringLiteral("header length = 2147483647")});
        matrix("npy: garbage header", npy("{'descr': <f4}", square), {QStringLiteral("header")});

        auto damaged = [](const char *tag, Input input, const char *file, const QByteArray &content,
                          const QStringList &expected) {
            QTest::newRow(tag) << input << QString::fromLatin1(file) << content << expected;
        };
        damaged("run: no spec.json", Input::RunFolder, "spec.json", QByteArray(), {QStringLiteral("not a run folder")});
        damaged("run: spec.json damaged", Input::RunFolder, "spec.json", "{\"seed\": ", {QStringLiteral("invalid JSON")});
        damaged("run: run.json not JSON", Input::RunFolder, "run.json", "{\"epochs\": [", {QStringLiteral("damaged run record")});
        damaged("run: epochs not a list", Input::RunFolder, "run.json", R"({"epochs": 3})", {QStringLiteral("epochs")});
        damaged("run: epoch not an object", Input::RunFolder, "run.json", R"({"epochs": [7]})", {QStringLiteral("epochs[0]")});
        damaged("run: negative epoch", Input::RunFolder, "run.json", R"({"epochs": [{"epoch": -3}]})",
                {QStringLiteral("epochs[0].epoch = -3")});
        damaged("run: epochs out of order", Input::RunFolder, "run.json",
                R"({"epochs": [{"epoch": 1}, {"epoch": 0}]})", {QStringLiteral("epochs[1].epoch = 0")});
        damaged("run: diagram missing", Input::RunFolder, "epochs/0001/diagram.csv", QByteArray(),
                {QStringLiteral("no such file")});
        damaged("run: diagram garbage", Input::RunFolder, "epochs/0001/diagram.csv", "dim,birth,death\nhello\n",
                {QStringLiteral("line 2 = hello")});
        damaged("run: bar dies before birth", Input::RunFolder, "epochs/0001/diagram.csv",
                "dim,birth,death\n0,0.5,0.25\n", {QStringLiteral("line 2 = 0,0.5,0.25")});
        damaged("run: negative death", Input::RunFolder, "epochs/0000/diagram.csv", "dim,birth,death\n1,0,-2\n",
                {QStringLiteral("line 2, death = -2")});
        damaged("compare: damaged second run", Input::Compare, "run.json", "[]", {QStringLiteral("damaged run record")});
    }

    void malformedInputEndsInOneLine()
    {
        QFETCH(Input, input);
        QFETCH(QString, file);
        QFETCH(QByteArray, content);
        QFETCH(QStringList, expected);
        QTemporaryDir dir;
        QStringList args;
        QString path = dir.filePath(file);
        switch (input) {
        case Input::Spec:
            args = {QStringLiteral("run"), path, QStringLiteral("--out"), dir.filePath(QStringLiteral("out"))};
            break;
        case Input::Csv: {
            const QString spec = netbetti::test::writeTestFile(
                dir, QStringLiteral("spec.json"),
                R"({"dataset": {"kind": "csv", "path": ")" + path.toUtf8()
                    + R"("}, "model": {"layers": [2, 8, 2]}, "training": {"epochs": 0}})");
            args = {QStringLiteral("run"), spec, QStringLiteral("--out"), dir.filePath(QStringLiteral("out"))};
            break;
        }
        case Input::Idx: {
            const auto [images, labels] = netbetti::test::numberedImages(6, 2, 2, 3);
            const QString other = file == QLatin1String("images.idx") ? QStringLiteral("labels.idx") : QStringLiteral("images.idx");
            netbetti::test::writeTestFile(dir, other, other == QLatin1String("images.idx") ? images : labels);
            const QString spec = netbetti::test::writeTestFile(
                dir, QStringLiteral("spec.json"),
                R"({"dataset": {"kind": "idx", "samples": 6, "images": ")" + dir.filePath(QStringLiteral("images.idx")).toUtf8()
                    + R"(", "labels": ")" + dir.filePath(QStringLiteral("labels.idx")).toUtf8()
                    + R"("}, "model": {"layers": [4, 8, 3]}, "training": {"epochs": 0}})");
            args = {QStringLiteral("run"), spec, QStringLiteral("--out"), dir.filePath(QStringLiteral("out"))};
            break;
        }
        case Input::FashionMnist: {
            const QString spec = netbetti::test::writeTestFile(
                dir, QStringLiteral("spec.json"), R"({"dataset": {"kind": "fashion-mnist"}, "training": {"epochs": 0}})");
            args = {QStringLiteral("run"), spec, QStringLiteral("--out"), dir.filePath(QStringLiteral("out"))};
            break;
        }
        case Input::Npy:
            args = {QStringLiteral("homology"), path, QStringLiteral("--out"), dir.filePath(QStringLiteral("d.csv"))};
            break;
        case Input::RunFolder:
        case Input::Compare: {
            const QString run = dir.filePath(QStringLiteral("run"));
            copyFolder(m_run, run);
            path = run + QLatin1Char('/') + file;
            args = input == Input::RunFolder
                       ? QStringList{QStringLiteral("summary"), run, QStringLiteral("--out"),
                                     dir.filePath(QStringLiteral("tables"))}
                       : QStringList{QStringLiteral("compare"), m_run, run};
            break;
        }
        }
        if (content.isNull()) {
            QFile::remove(path);
        } else {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QCOMPARE(f.write(content), content.size());
        }
        // The message names the file at fault; a run folder without its spec
        // is not a run folder, and that is what it names.
        const bool noSpec = input == Input::RunFolder && file == QLatin1String("spec.json") && content.isNull();
        const QString named = noSpec ? QFileInfo(path).absolutePath()
                              : file == QLatin1String("data.csv") && expected.first().startsWith(QLatin1String("model."))
                                  ? args[1] // the spec that does not fit the data
                                  : path;

        QProcess p;
        if (input == Input::FashionMnist) { // a machine without the package: an empty folder where it would be
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("NETBETTI_FASHION_MNIST_DIR"), dir.path());
            p.setProcessEnvironment(env);
        }
        p.setChildProcessModifier([] {
            const rlimit limit{kAddressSpace, kAddressSpace};
            setrlimit(RLIMIT_AS, &limit);
        });
        p.start(QStringLiteral(NETBETTI_CLI), args);
        if (!p.waitForFinished(kTimeoutMs)) {
            p.kill();
            p.waitForFinished();
            QFAIL("netbetti-cli did not finish in time");
        }
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(p.exitStatus() == QProcess::NormalExit, qPrintable(QStringLiteral("crashed: ") + err));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY2(err.endsWith(QLatin1Char('\n')) && err.count(QLatin1Char('\n')) == 1, qPrintable(err));
        QVERIFY2(err.startsWith(QStringLiteral("netbetti-cli %1: ").arg(args.first())), qPrintable(err));
        QVERIFY2(err.contains(named), qPrintable(QStringLiteral("expected the file %1 in: %2").arg(named, err)));
        for (const QString &part : expected)
            QVERIFY2(err.contains(part), qPrintable(QStringLiteral("expected \"%1\" in: %2").arg(part, err)));
        QVERIFY2(!QFileInfo::exists(dir.filePath(QStringLiteral("out"))), "nothing is written for bad input");
    }
};

QTEST_GUILESS_MAIN(TestMalformed)
#include "tst_malformed.moc"
