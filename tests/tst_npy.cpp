// The .npy reader and writer: round trips, the format rules of NumPy's NEP 1
// checked on the bytes written, NumPy itself as an independent reader and
// writer, and a catalogue of damaged files that must be refused with a
// message naming the file and the problem.

#include "Error.h"
#include "storage/NpyFile.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

using namespace netbetti;

namespace {

enum class Fill { Uniform, RawBits, Specials };

FloatMatrix makeMatrix(int rows, int cols, Fill fill, unsigned seed)
{
    FloatMatrix m(rows, cols);
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> uniform(-1000.0f, 1000.0f);
    const float specials[] = {std::numeric_limits<float>::quiet_NaN(),
                              std::numeric_limits<float>::infinity(),
                              -std::numeric_limits<float>::infinity(),
                              -0.0f,
                              std::numeric_limits<float>::denorm_min(),
                              std::numeric_limits<float>::max(),
                              std::numeric_limits<float>::lowest(),
                              std::numeric_limits<float>::epsilon(),
                              0.1f};
    for (Eigen::Index k = 0; k < m.size(); ++k) {
        switch (fill) {
        case Fill::Uniform:
            m.data()[k] = uniform(rng);
            break;
        case Fill::RawBits: {
            // Any 32-bit pattern, NaN payloads included, must survive.
            const quint32 bits = quint32(rng());
            std::memcpy(m.data() + k, &bits, sizeof bits);
            break;
        }
        case Fill::Specials:
            m.data()[k] = specials[size_t(k) % std::size(specials)];
            break;
        }
    }
    return m;
}

/// The matrix as NumPy stores '<f4' in C order, built without NpyFile.
QByteArray littleEndianFloats(const FloatMatrix &m)
{
    QByteArray out(m.size() * 4, '\0');
    for (Eigen::Index k = 0; k < m.size(); ++k) {
        quint32 bits;
        std::memcpy(&bits, m.data() + k, sizeof bits);
        qToLittleEndian(bits, out.data() + k * 4);
    }
    return out;
}

QByteArray floatBytes(std::initializer_list<float> values)
{
    QByteArray out;
    for (const float v : values) {
        quint32 bits;
        std::memcpy(&bits, &v, sizeof bits);
        char le[4];
        qToLittleEndian(bits, le);
        out.append(le, 4);
    }
    return out;
}

QByteArray doubleBytes(std::initializer_list<double> values)
{
    QByteArray out;
    for (const double v : values) {
        quint64 bits;
        std::memcpy(&bits, &v, sizeof bits);
        char le[8];
        qToLittleEndian(bits, le);
        out.append(le, 8);
    }
    return out;
}

/// An .npy file around a header dict: magic, version, length field (2 bytes
/// for 1.0, 4 after), dict padded with spaces and '\n' to 64 bytes (or as
/// given when pad is false), then the data.
QByteArray npy(const QByteArray &dict, const QByteArray &data, int major = 1, bool pad = true)
{
    const int lengthSize = major == 1 ? 2 : 4;
    QByteArray header = dict;
    if (pad) {
        const int unpadded = 6 + 2 + lengthSize + int(header.size()) + 1;
        header.append((64 - unpadded % 64) % 64, ' ');
        header.append('\n');
    }
    QByteArray out("\x93NUMPY", 6);
    out.append(char(major));
    out.append(char(0));
    char length[4];
    qToLittleEndian(quint32(header.size()), length);
    out.append(length, lengthSize);
    return out + header + data;
}

bool bitIdentical(const FloatMatrix &a, const FloatMatrix &b)
{
    return a.rows() == b.rows() && a.cols() == b.cols()
        && (a.size() == 0 || std::memcmp(a.data(), b.data(), size_t(a.size()) * sizeof(float)) == 0);
}

/// Runs f; false with the exception's message when it throws, so that one
/// failing row is reported as such instead of ending the whole run.
template <typename F>
bool succeeds(F &&f, QString *why)
{
    try {
        f();
        return true;
    } catch (const std::exception &e) {
        *why = QString::fromUtf8(e.what());
        return false;
    }
}

const QString kPython = QStringLiteral("/usr/bin/python3");

/// Empty when /usr/bin/python3 can import numpy, else why not.
QString numpyUnavailable()
{
    static const QString reason = [] {
        QProcess p;
        p.start(kPython, {QStringLiteral("-c"), QStringLiteral("import numpy")});
        if (!p.waitForStarted())
            return QStringLiteral("%1 cannot be started: %2").arg(kPython, p.errorString());
        p.waitForFinished(60000);
        if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
            return QStringLiteral("%1 has no numpy: %2")
                .arg(kPython, QString::fromLocal8Bit(p.readAllStandardError()).trimmed());
        return QString();
    }();
    return reason;
}

/// Runs python3 -c script args...; returns stdout, fails the test otherwise.
bool runPython(const QString &script, const QStringList &args, QByteArray *out, QString *why)
{
    QProcess p;
    p.start(kPython, QStringList{QStringLiteral("-c"), script} + args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *why = QStringLiteral("python3 failed (exit %1): %2")
                   .arg(p.exitCode())
                   .arg(QString::fromLocal8Bit(p.readAllStandardError()));
        return false;
    }
    *out = p.readAllStandardOutput();
    return true;
}

} // namespace

Q_DECLARE_METATYPE(Fill)

class TestNpy : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString pathFor(const QString &stem) const
    {
        QString name = stem;
        name.replace(QLatin1Char(' '), QLatin1Char('-'));
        return m_dir.filePath(name + QStringLiteral(".npy"));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString())); }

    void roundTrip_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        QTest::addColumn<Fill>("fill");
        QTest::newRow("1x1") << 1 << 1 << Fill::Uniform;
        QTest::newRow("3x3") << 3 << 3 << Fill::Uniform;
        QTest::newRow("2x5") << 2 << 5 << Fill::Uniform;
        QTest::newRow("7x1 column") << 7 << 1 << Fill::Uniform;
        QTest::newRow("1x9 row") << 1 << 9 << Fill::Uniform;
        QTest::newRow("130x130") << 130 << 130 << Fill::Uniform;
        QTest::newRow("raw bit patterns 31x17") << 31 << 17 << Fill::RawBits;
        QTest::newRow("nan inf -0 denormal") << 4 << 9 << Fill::Specials;
        QTest::newRow("0x0") << 0 << 0 << Fill::Uniform;
        QTest::newRow("0x4") << 0 << 4 << Fill::Uniform;
        QTest::newRow("3x0") << 3 << 0 << Fill::Uniform;
    }

    void roundTrip()
    {
        QFETCH(int, rows);
        QFETCH(int, cols);
        QFETCH(Fill, fill);
        const FloatMatrix m = makeMatrix(rows, cols, fill, unsigned(rows * 1000 + cols));
        const QString path = pathFor(QString::fromLatin1(QTest::currentDataTag()));
        FloatMatrix back;
        QString why;
        QVERIFY2(succeeds([&] { writeNpy(path, m); }, &why), qPrintable(why));
        QVERIFY2(succeeds([&] { back = readNpy(path); }, &why), qPrintable(why));
        QCOMPARE(back.rows(), Eigen::Index(rows));
        QCOMPARE(back.cols(), Eigen::Index(cols));
        QVERIFY2(bitIdentical(back, m), "values differ after write and read");
    }

    void writtenFileFollowsFormat_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        QTest::newRow("1x1") << 1 << 1;
        QTest::newRow("3x3") << 3 << 3;
        QTest::newRow("10x7") << 10 << 7;
        QTest::newRow("0x0") << 0 << 0;
        QTest::newRow("1234567x0 long shape") << 1234567 << 0;
        QTest::newRow("200x300") << 200 << 300;
    }

    void writtenFileFollowsFormat()
    {
        QFETCH(int, rows);
        QFETCH(int, cols);
        const FloatMatrix m = makeMatrix(rows, cols, Fill::Uniform, 7);
        const QString path = pathFor(QString::fromLatin1(QTest::currentDataTag()));
        QString why;
        QVERIFY2(succeeds([&] { writeNpy(path, m); }, &why), qPrintable(why));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();

        QVERIFY(bytes.size() >= 10);
        QCOMPARE(bytes.left(6), QByteArray("\x93NUMPY", 6));
        QCOMPARE(int(bytes[6]), 1); // version 1.0
        QCOMPARE(int(bytes[7]), 0);
        const int headerLength = qFromLittleEndian<quint16>(bytes.constData() + 8);
        QCOMPARE((10 + headerLength) % 64, 0);
        QVERIFY(bytes.size() >= 10 + headerLength);
        const QByteArray header = bytes.mid(10, headerLength);
        QVERIFY2(header.endsWith('\n'), header.constData());
        for (const char c : header)
            QVERIFY2(c >= 0x20 ? c < 0x7f : c == '\n', "header is not printable ASCII");
        QVERIFY2(header.startsWith('{'), header.constData());
        QCOMPARE(header.trimmed().right(1), QByteArray("}"));
        QVERIFY2(header.contains("'descr': '<f4'"), header.constData());
        QVERIFY2(header.contains("'fortran_order': False"), header.constData());
        const QByteArray shape = QStringLiteral("'shape': (%1, %2)").arg(rows).arg(cols).toLatin1();
        QVERIFY2(header.contains(shape), header.constData());
        QCOMPARE(bytes.size(), qsizetype(10 + headerLength) + qsizetype(rows) * cols * 4);
        QVERIFY(bytes.mid(10 + headerLength) == littleEndianFloats(m));
    }

    void numpyReadsOurFile_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        QTest::newRow("2x3") << 2 << 3;
        QTest::newRow("3x4") << 3 << 4;
        QTest::newRow("17x5") << 17 << 5;
    }

    void numpyReadsOurFile()
    {
        if (const QString why = numpyUnavailable(); !why.isEmpty())
            QSKIP(qPrintable(why));
        QFETCH(int, rows);
        QFETCH(int, cols);
        FloatMatrix m = makeMatrix(rows, cols, Fill::Uniform, 11);
        m(1, 2) = 0.1f; // not a double: numpy must print the float32 value
        const QString path = pathFor(QStringLiteral("for-numpy-") + QString::fromLatin1(QTest::currentDataTag()));
        QString why;
        QVERIFY2(succeeds([&] { writeNpy(path, m); }, &why), qPrintable(why));

        QByteArray out;
        QVERIFY2(runPython(QStringLiteral("import numpy,sys; a=numpy.load(sys.argv[1]); "
                                          "print(a.dtype, a.shape, repr(float(a[1,2])))"),
                           {path}, &out, &why),
                 qPrintable(why));
        const QString line = QString::fromLatin1(out).trimmed();
        const QString prefix = QStringLiteral("float32 (%1, %2) ").arg(rows).arg(cols);
        QVERIFY2(line.startsWith(prefix), qPrintable(line));
        bool ok = false;
        const double value = line.mid(prefix.size()).toDouble(&ok);
        QVERIFY2(ok, qPrintable(line));
        QCOMPARE(value, double(0.1f));

        // Every value, as bytes, as NumPy sees them.
        QVERIFY2(runPython(QStringLiteral("import numpy,sys; a=numpy.load(sys.argv[1]); "
                                          "sys.stdout.write(a.astype('<f4').tobytes().hex())"),
                           {path}, &out, &why),
                 qPrintable(why));
        QCOMPARE(out, littleEndianFloats(m).toHex());
    }

    void readsNumpyWrittenFiles_data()
    {
        QTest::addColumn<QString>("dtype");
        QTest::addColumn<QString>("order");
        QTest::addColumn<int>("version");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        QTest::newRow("float64 C") << "<f8" << "C" << 1 << 3 << 5;
        QTest::newRow("float32 Fortran") << "<f4" << "F" << 1 << 3 << 5;
        QTest::newRow("float64 Fortran") << "<f8" << "F" << 1 << 4 << 2;
        QTest::newRow("float32 C") << "<f4" << "C" << 1 << 6 << 6;
        QTest::newRow("float32 C version 2.0") << "<f4" << "C" << 2 << 2 << 7;
        QTest::newRow("float64 Fortran version 3.0") << "<f8" << "F" << 3 << 5 << 3;
    }

    void readsNumpyWrittenFiles()
    {
        if (const QString why = numpyUnavailable(); !why.isEmpty())
            QSKIP(qPrintable(why));
        QFETCH(QString, dtype);
        QFETCH(QString, order);
        QFETCH(int, version);
        QFETCH(int, rows);
        QFETCH(int, cols);
        const QString path = pathFor(QStringLiteral("by-numpy-") + QString::fromLatin1(QTest::currentDataTag()));
        QByteArray out;
        QString why;
        QVERIFY2(runPython(QStringLiteral("import numpy, sys\n"
                                          "path, dtype, order = sys.argv[1:4]\n"
                                          "version, r, c = (int(x) for x in sys.argv[4:7])\n"
                                          "a = (numpy.arange(r)[:, None] * 10 + numpy.arange(c)[None, :]) / 10.0\n"
                                          "a = numpy.array(a, dtype=dtype, order=order)\n"
                                          "with open(path, 'wb') as f:\n"
                                          "    numpy.lib.format.write_array(f, a, version=(version, 0))\n"),
                           {path, dtype, order, QString::number(version), QString::number(rows),
                            QString::number(cols)},
                           &out, &why),
                 qPrintable(why));

        // Make sure NumPy wrote what this row claims to test.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray head = file.read(256);
        QCOMPARE(int(head[6]), version);
        QVERIFY2(head.contains("'descr': '" + dtype.toLatin1() + "'"), head.constData());
        QVERIFY2(head.contains(order == QLatin1String("F") ? "'fortran_order': True" : "'fortran_order': False"),
                 head.constData());

        FloatMatrix m;
        QVERIFY2(succeeds([&] { m = readNpy(path); }, &why), qPrintable(why));
        QCOMPARE(m.rows(), Eigen::Index(rows));
        QCOMPARE(m.cols(), Eigen::Index(cols));
        for (int i = 0; i < rows; ++i)
            for (int j = 0; j < cols; ++j) {
                const float expected = float(double(10 * i + j) / 10.0);
                QVERIFY2(m(i, j) == expected, qPrintable(QStringLiteral("(%1, %2) = %3, expected %4")
                                                             .arg(i)
                                                             .arg(j)
                                                             .arg(double(m(i, j)), 0, 'g', 9)
                                                             .arg(double(expected), 0, 'g', 9)));
            }
    }

    void readsFixture()
    {
#ifdef NETBETTI_FIXTURES
        // A distance matrix saved by NumPy: square, zero diagonal, symmetric.
        const QString path = QStringLiteral(NETBETTI_FIXTURES "/neurons-46-torsion.npy");
        if (!QFile::exists(path))
            QSKIP("fixture neurons-46-torsion.npy not present");
        FloatMatrix d;
        QString why;
        QVERIFY2(succeeds([&] { d = readNpy(path); }, &why), qPrintable(why));
        QCOMPARE(d.rows(), Eigen::Index(46));
        QCOMPARE(d.cols(), Eigen::Index(46));
        QCOMPARE(d.diagonal().cwiseAbs().maxCoeff(), 0.0f);
        QVERIFY((d - d.transpose()).cwiseAbs().maxCoeff() == 0.0f);
        QVERIFY(d.maxCoeff() > 0.0f && d.maxCoeff() <= 1.0f);
#else
        QSKIP("NETBETTI_FIXTURES not defined");
#endif
    }

    void acceptsHeaderVariants_data()
    {
        // Every row holds the 2x3 matrix m(i, j) = 3i + j + 0.5.
        const QByteArray cOrder = floatBytes({0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f});
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("numpy style")
            << npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", cOrder);
        QTest::newRow("keys in another order")
            << npy("{'shape': (2, 3), 'fortran_order': False, 'descr': '<f4'}", cOrder);
        QTest::newRow("double quotes and odd spacing")
            << npy("{ \"descr\" :\"<f4\",\t\"fortran_order\":False ,\"shape\":( 2 ,3 ,) }", cOrder);
        QTest::newRow("python 2 long dimensions")
            << npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2L, 3L), }", cOrder);
        QTest::newRow("no padding, no newline")
            << npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)}", cOrder, 1, false);
        QTest::newRow("version 2.0")
            << npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", cOrder, 2);
        QTest::newRow("version 2.0, header over 64 KiB")
            << npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }" + QByteArray(70000, ' '),
                   cOrder, 2);
        QTest::newRow("version 3.0")
            << npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", cOrder, 3);
        QTest::newRow("float32 Fortran order")
            << npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }",
                   floatBytes({0.5f, 3.5f, 1.5f, 4.5f, 2.5f, 5.5f}));
        QTest::newRow("float64 C order")
            << npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }",
                   doubleBytes({0.5, 1.5, 2.5, 3.5, 4.5, 5.5}));
        QTest::newRow("float64 Fortran order")
            << npy("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }",
                   doubleBytes({0.5, 3.5, 1.5, 4.5, 2.5, 5.5}));
    }

    void acceptsHeaderVariants()
    {
        QFETCH(QByteArray, bytes);
        FloatMatrix m;
        QString why;
        QVERIFY2(succeeds([&] { m = parseNpy(bytes, QStringLiteral("variant.npy")); }, &why), qPrintable(why));
        QCOMPARE(m.rows(), Eigen::Index(2));
        QCOMPARE(m.cols(), Eigen::Index(3));
        for (int i = 0; i < 2; ++i)
            for (int j = 0; j < 3; ++j)
                QCOMPARE(m(i, j), float(3 * i + j) + 0.5f);
    }

    void readsNaNAsIs()
    {
        // Whether NaN is acceptable is the validator's business, not the reader's.
        const QByteArray bytes = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }",
                                     doubleBytes({std::nan(""), -std::numeric_limits<double>::infinity()}));
        FloatMatrix m;
        QString why;
        QVERIFY2(succeeds([&] { m = parseNpy(bytes, QStringLiteral("nan.npy")); }, &why), qPrintable(why));
        QVERIFY(std::isnan(m(0, 0)));
        QVERIFY(std::isinf(m(0, 1)) && m(0, 1) < 0);
    }

    void rejectsMalformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("word");

        const QByteArray dict2x3 = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
        const QByteArray six = floatBytes({1, 2, 3, 4, 5, 6});
        const QByteArray good = npy(dict2x3, six);
        auto withByte = [&good](int index, char value) {
            QByteArray b = good;
            b[index] = value;
            return b;
        };
        auto withDict = [&six](const QByteArray &dict) { return npy(dict, six); };

        QTest::newRow("empty file") << QByteArray() << "empty";
        QTest::newRow("wrong magic") << withByte(0, '\x92') << "magic";
        QTest::newRow("csv text") << QByteArray("1,2,3\n4,5,6\n") << "magic";
        QTest::newRow("only the magic") << QByteArray("\x93NUMPY", 6) << "truncated";
        QTest::newRow("version 9") << withByte(6, 9) << "version";
        QTest::newRow("version 1.1") << withByte(7, 1) << "version";
        QTest::newRow("truncated data") << good.chopped(4) << "truncated";
        QTest::newRow("data missing") << good.left(good.size() - six.size()) << "truncated";
        QTest::newRow("truncated header") << good.left(40) << "truncated";
        QTest::newRow("truncated length field") << good.left(9) << "truncated";
        QByteArray huge("\x93NUMPY\x02\x00", 8);
        huge.append("\x00\x00\x00\x40", 4); // 1 GiB header announced
        huge.append(dict2x3);
        QTest::newRow("huge header length") << huge << "huge";
        // Well-formed apart from its size: refused for being over 1 MiB.
        QTest::newRow("huge header present")
            << npy(dict2x3 + QByteArray(1536 * 1024, ' '), six, 2) << "huge";
        QTest::newRow("dtype <i4") << withDict("{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }")
                                   << "dtype";
        QTest::newRow("dtype >f4") << withDict("{'descr': '>f4', 'fortran_order': False, 'shape': (2, 3), }")
                                   << "dtype";
        QTest::newRow("dtype =f4") << withDict("{'descr': '=f4', 'fortran_order': False, 'shape': (2, 3), }")
                                   << "dtype";
        QTest::newRow("structured dtype")
            << withDict("{'descr': [('x', '<f4')], 'fortran_order': False, 'shape': (2, 3), }") << "dtype";
        QTest::newRow("1-D shape") << withDict("{'descr': '<f4', 'fortran_order': False, 'shape': (6,), }")
                                   << "2-D";
        QTest::newRow("3-D shape") << withDict("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 3), }")
                                   << "2-D";
        QTest::newRow("0-D shape") << withDict("{'descr': '<f4', 'fortran_order': False, 'shape': (), }")
                                   << "2-D";
        QTest::newRow("shape not a tuple") << withDict("{'descr': '<f4', 'fortran_order': False, 'shape': (6), }")
                                           << "tuple";
        QTest::newRow("shape of strings")
            << withDict("{'descr': '<f4', 'fortran_order': False, 'shape': ('2', '3'), }") << "shape";
        QTest::newRow("negative dimensions")
            << withDict("{'descr': '<f4', 'fortran_order': False, 'shape': (-2, -3), }") << "negative";
        QTest::newRow("dimension beyond int64")
            << withDict("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999, 1), }")
            << "too large";
        QTest::newRow("byte count beyond 2^64")
            << withDict("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }")
            << "truncated";
        QTest::newRow("terabytes announced")
            << withDict("{'descr': '<f4', 'fortran_order': False, 'shape': (1000000, 1000000), }")
            << "truncated";
        QTest::newRow("missing shape key") << withDict("{'descr': '<f4', 'fortran_order': False, }") << "missing";
        QTest::newRow("missing descr key") << withDict("{'fortran_order': False, 'shape': (2, 3), }")
                                           << "missing";
        QTest::newRow("unexpected key")
            << withDict("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'x': 1}") << "unexpected";
        QTest::newRow("fortran_order not a bool")
            << withDict("{'descr': '<f4', 'fortran_order': 'no', 'shape': (2, 3), }") << "fortran_order";
        QTest::newRow("garbage header") << withDict("hello world") << "header";
        QTest::newRow("quote missing") << withDict("{'descr': '<f4, 'fortran_order': False, 'shape': (2, 3)}")
                                       << "header";
        QTest::newRow("unterminated string") << withDict("{'descr': '<f4") << "unterminated";
        QTest::newRow("text after the dict")
            << withDict("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), } x") << "header";
        QTest::newRow("missing colon") << withDict("{'descr' '<f4', 'fortran_order': False, 'shape': (2, 3)}")
                                       << "header";
        QTest::newRow("deep nesting") << withDict("{'shape': " + QByteArray(5000, '(') + "}") << "nested";
        QTest::newRow("trailing bytes") << good + QByteArray(4, '\0') << "trailing";
    }

    void rejectsMalformed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, word);
        const QString fileName = QStringLiteral("bad/%1.npy").arg(QString::fromLatin1(QTest::currentDataTag()));
        try {
            const FloatMatrix m = parseNpy(bytes, fileName);
            QFAIL(qPrintable(QStringLiteral("accepted, read a %1x%2 matrix").arg(m.rows()).arg(m.cols())));
        } catch (const InputError &e) {
            const QString message = QString::fromStdString(e.what());
            QVERIFY2(message.startsWith(fileName + QStringLiteral(": ")), qPrintable(message));
            // The row's tag is in the file name: look for the word after it.
            QVERIFY2(message.mid(fileName.size()).contains(word, Qt::CaseInsensitive), qPrintable(message));
        }
    }

    void messagesQuoteTheOffendingValue_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        const QByteArray six = floatBytes({1, 2, 3, 4, 5, 6});
        QTest::newRow("dtype") << npy("{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }", six)
                               << "m.npy: descr = '<i4': unsupported dtype";
        QTest::newRow("shape") << npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 1, 3), }", six)
                               << "m.npy: shape = (2, 1, 3): not a 2-D array";
        QTest::newRow("version") << QByteArray("\x93NUMPY\x09\x00\x10\x00", 10)
                                 << "m.npy: version = 9.0: unsupported";
        QTest::newRow("truncated") << npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", six.left(10))
                                   << "m.npy: truncated: expected 24 bytes of data, found 10";
        QTest::newRow("trailing") << npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3), }", six)
                                  << "m.npy: trailing bytes: expected 12 bytes of data, found 24";
    }

    void messagesQuoteTheOffendingValue()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        try {
            parseNpy(bytes, QStringLiteral("m.npy"));
            QFAIL("accepted");
        } catch (const InputError &e) {
            const QString message = QString::fromStdString(e.what());
            QVERIFY2(message.startsWith(expected), qPrintable(message));
        }
    }

    void readNpyNamesThePath()
    {
        // A file written correctly, then cut short on disk.
        const QString path = pathFor(QStringLiteral("cut-short"));
        writeNpy(path, makeMatrix(4, 4, Fill::Uniform, 3));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.resize(file.size() - 1));
        file.close();
        try {
            readNpy(path);
            QFAIL("a truncated file was accepted");
        } catch (const InputError &e) {
            const QString message = QString::fromStdString(e.what());
            QVERIFY2(message.contains(path), qPrintable(message));
            QVERIFY2(message.contains(QStringLiteral("truncated")), qPrintable(message));
        }

        const QString missing = pathFor(QStringLiteral("no-such-file"));
        try {
            readNpy(missing);
            QFAIL("a missing file was read");
        } catch (const InputError &e) {
            QVERIFY2(QString::fromStdString(e.what()).contains(missing), e.what());
        }
    }

    void writeReplacesAndCreatesFolders()
    {
        const QString path = m_dir.filePath(QStringLiteral("epochs/0003/distance.npy"));
        const FloatMatrix second = makeMatrix(2, 8, Fill::Uniform, 2);
        FloatMatrix back;
        QString why;
        QVERIFY2(succeeds([&] { writeNpy(path, makeMatrix(5, 5, Fill::Uniform, 1)); }, &why), qPrintable(why));
        QVERIFY2(succeeds([&] { writeNpy(path, second); }, &why), qPrintable(why));
        QVERIFY2(succeeds([&] { back = readNpy(path); }, &why), qPrintable(why));
        QVERIFY(bitIdentical(back, second));
    }

    void writeFailureIsRunError()
    {
        const QString path = QStringLiteral("/proc/netbetti-no-such-folder/m.npy");
        try {
            writeNpy(path, makeMatrix(2, 2, Fill::Uniform, 1));
            QFAIL("wrote into /proc");
        } catch (const RunError &e) {
            QVERIFY2(QString::fromStdString(e.what()).contains(QStringLiteral("/proc/netbetti-no-such-folder")),
                     e.what());
        }
        QVERIFY(!QFile::exists(path));
    }
};

QTEST_GUILESS_MAIN(TestNpy)
#include "tst_npy.moc"
