#pragma once
// Hand-made IDX files for the tests, written byte by byte from the format's
// description (not by the reader's code), and gzip-compressed by the gzip
// program: the reader is checked against independent writers.

#include <QByteArray>
#include <QProcess>
#include <QtGlobal>
#include <vector>

namespace netbetti::test {

/// A 32-bit unsigned value in big- or little-endian order.
inline QByteArray uint32Bytes(quint32 v, bool littleEndian)
{
    QByteArray b(4, '\0');
    for (int k = 0; k < 4; ++k)
        b[littleEndian ? k : 3 - k] = char((v >> (8 * k)) & 0xff);
    return b;
}

/// A 16-bit value in either order.
inline QByteArray int16Bytes(qint16 v, bool littleEndian)
{
    const auto u = quint16(v);
    QByteArray b(2, '\0');
    b[littleEndian ? 0 : 1] = char(u & 0xff);
    b[littleEndian ? 1 : 0] = char(u >> 8);
    return b;
}

/// An IDX file: magic 0, 0, type, dimensions (as a little-endian int when
/// littleMagic: dimensions, type, 0, 0), the sizes, then the elements as given.
inline QByteArray idxFile(unsigned char type, const std::vector<quint32> &sizes, const QByteArray &elements,
                          bool littleMagic = false, bool littleSizes = false)
{
    QByteArray out(4, '\0');
    const char dims = char(sizes.size());
    out[littleMagic ? 0 : 3] = dims;
    out[littleMagic ? 1 : 2] = char(type);
    for (quint32 s : sizes)
        out += uint32Bytes(s, littleSizes);
    return out + elements;
}

/// Unsigned bytes as IDX elements.
inline QByteArray ubytes(const std::vector<int> &values)
{
    QByteArray out;
    for (int v : values)
        out += char(quint8(v));
    return out;
}

/// `count` images of rows × columns whose first pixel is the image's index
/// (so a test can tell which image a row came from) and whose other pixels
/// are (index + pixel) mod 256; labels index mod classes.
inline std::pair<QByteArray, QByteArray> numberedImages(int count, int rows, int columns, int classes,
                                                        bool littleEndian = false)
{
    std::vector<int> pixels, labels;
    for (int i = 0; i < count; ++i) {
        for (int k = 0; k < rows * columns; ++k)
            pixels.push_back(k == 0 ? i : (i + k) % 256);
        labels.push_back(i % classes);
    }
    return {idxFile(0x08, {quint32(count), quint32(rows), quint32(columns)}, ubytes(pixels), littleEndian, littleEndian),
            idxFile(0x08, {quint32(count)}, ubytes(labels), littleEndian, littleEndian)};
}

/// The bytes compressed by the gzip program (Debian's gzip, Essential).
inline QByteArray gzipped(const QByteArray &bytes)
{
    QProcess gzip;
    gzip.start(QStringLiteral("gzip"), {QStringLiteral("-c"), QStringLiteral("-n")});
    gzip.waitForStarted();
    gzip.write(bytes);
    gzip.closeWriteChannel();
    gzip.waitForFinished();
    return gzip.readAllStandardOutput();
}

} // namespace netbetti::test
