#pragma once
// IDX files, the format of MNIST and Fashion-MNIST: a 4-byte magic (two zero
// bytes, the element type, the number of dimensions), one 32-bit size per
// dimension, then the elements in row-major order. The format says big-endian;
// files written by little-endian programs that skipped the byte swap are read
// too (the magic or the sizes in the other byte order, recognised without
// guessing: see parseIdx). Gzip-compressed files are inflated by zlib.

#include <QByteArray>
#include <QString>
#include <vector>

namespace netbetti {

/// One IDX file's contents, elements still in the file's encoding.
struct IdxArray
{
    enum Type : unsigned char {
        UnsignedByte = 0x08,
        SignedByte = 0x09,
        Short = 0x0B,
        Int = 0x0C,
        Float = 0x0D,
        Double = 0x0E
    };
    Type type = UnsignedByte;
    std::vector<qint64> sizes; ///< one per dimension; sizes[0] counts the items
    bool littleEndian = false; ///< elements (and sizes) in little-endian order
    QByteArray elements;       ///< the payload after the header

    qint64 count() const { return sizes.empty() ? 0 : sizes[0]; }
    /// Elements per item (28 × 28 = 784 for an MNIST image; 1 for a label).
    qint64 itemSize() const;
    /// Element i as a number, whatever its type and byte order.
    double value(qint64 i) const;
    /// "60000 × 28 × 28"
    QString shapeText() const;
};

/// Bytes of each element of a type; 0 for a byte that names no IDX type.
int idxElementBytes(unsigned char type);

/// Parses IDX bytes (already inflated). Throws InputError naming `fileName`,
/// the header field or the byte offset, and the value, for a magic that is
/// not IDX, an unknown type, zero or absurd sizes, and a payload shorter or
/// longer than the sizes announce.
IdxArray parseIdx(const QByteArray &bytes, const QString &fileName);

/// The bytes of a file, inflated if it is gzip (by its magic, not its name).
/// Throws InputError naming the file for a missing file, corrupt or
/// truncated gzip data, or more than maxBytes once inflated.
QByteArray readMaybeGzipped(const QString &path, qint64 maxBytes = qint64(1) << 31);
/// The same on bytes in memory; fileName is used in messages only.
QByteArray inflateIfGzipped(const QByteArray &bytes, const QString &fileName, qint64 maxBytes = qint64(1) << 31);

/// readMaybeGzipped, then parseIdx.
IdxArray readIdx(const QString &path);

} // namespace netbetti
