#include "IdxFile.h"

#include "Error.h"
#include "storage/AtomicFile.h"

#include <QStringList>
#include <algorithm>
#include <cstring>
#include <zlib.h>

namespace netbetti {

namespace {

constexpr int kMaxDimensions = 16;

quint32 readUint32(const char *p, bool littleEndian)
{
    const auto *u = reinterpret_cast<const unsigned char *>(p);
    return littleEndian ? quint32(u[0]) | quint32(u[1]) << 8 | quint32(u[2]) << 16 | quint32(u[3]) << 24
                        : quint32(u[3]) | quint32(u[2]) << 8 | quint32(u[1]) << 16 | quint32(u[0]) << 24;
}

/// Elements announced by the sizes, or -1 past `limit` (no overflow).
qint64 elementCount(const std::vector<qint64> &sizes, qint64 limit)
{
    qint64 n = 1;
    for (qint64 s : sizes) {
        if (s != 0 && n > limit / s)
            return -1;
        n *= s;
    }
    return n;
}

QString typeName(unsigned char type)
{
    switch (type) {
    case IdxArray::UnsignedByte: return QStringLiteral("unsigned byte");
    case IdxArray::SignedByte: return QStringLiteral("signed byte");
    case IdxArray::Short: return QStringLiteral("16-bit integer");
    case IdxArray::Int: return QStringLiteral("32-bit integer");
    case IdxArray::Float: return QStringLiteral("float");
    case IdxArray::Double: return QStringLiteral("double");
    }
    return QStringLiteral("unknown");
}

QString hexByte(unsigned char b)
{
    return QStringLiteral("0x%1").arg(uint(b), 2, 16, QLatin1Char('0'));
}

} // namespace

int idxElementBytes(unsigned char type)
{
    switch (type) {
    case IdxArray::UnsignedByte:
    case IdxArray::SignedByte: return 1;
    case IdxArray::Short: return 2;
    case IdxArray::Int:
    case IdxArray::Float: return 4;
    case IdxArray::Double: return 8;
    }
    return 0;
}

qint64 IdxArray::itemSize() const
{
    qint64 n = 1;
    for (size_t k = 1; k < sizes.size(); ++k)
        n *= sizes[k];
    return n;
}

double IdxArray::value(qint64 i) const
{
    const int width = idxElementBytes(type);
    unsigned char b[8];
    std::memcpy(b, elements.constData() + i * width, size_t(width));
    if (width > 1 && !littleEndian)
        std::reverse(b, b + width); // to the machine's order (little-endian: Debian amd64, arm64)
    switch (type) {
    case UnsignedByte: return b[0];
    case SignedByte: return static_cast<signed char>(b[0]);
    case Short: { qint16 v; std::memcpy(&v, b, 2); return v; }
    case Int: { qint32 v; std::memcpy(&v, b, 4); return v; }
    case Float: { float v; std::memcpy(&v, b, 4); return v; }
    case Double: { double v; std::memcpy(&v, b, 8); return v; }
    }
    return 0;
}

QString IdxArray::shapeText() const
{
    QStringList parts;
    for (qint64 s : sizes)
        parts << QString::number(s);
    return parts.join(QStringLiteral(" × "));
}

IdxArray parseIdx(const QByteArray &bytes, const QString &fileName)
{
    if (bytes.size() < 4)
        throw InputError(fileName, QStringLiteral("header"), QStringLiteral("%1 bytes").arg(bytes.size()),
                         QStringLiteral("too short for an IDX file (4-byte magic, then the sizes)"));
    const auto *u = reinterpret_cast<const unsigned char *>(bytes.constData());
    // The magic is 0, 0, type, dimensions; written as a little-endian int it
    // reads dimensions, type, 0, 0.
    bool littleMagic = false;
    if (u[0] == 0 && u[1] == 0)
        littleMagic = false;
    else if (u[2] == 0 && u[3] == 0)
        littleMagic = true;
    else
        throw InputError(fileName, QStringLiteral("magic"),
                         QStringLiteral("%1 %2 %3 %4").arg(hexByte(u[0]), hexByte(u[1]), hexByte(u[2]), hexByte(u[3])),
                         QStringLiteral("not an IDX file (an IDX file starts with two zero bytes)"));
    IdxArray a;
    const unsigned char type = littleMagic ? u[1] : u[2];
    const int dimensions = littleMagic ? u[0] : u[3];
    if (idxElementBytes(type) == 0)
        throw InputError(fileName, QStringLiteral("magic, element type"), hexByte(type),
                         QStringLiteral("not an IDX type (0x08, 0x09, 0x0b, 0x0c, 0x0d or 0x0e)"));
    a.type = IdxArray::Type(type);
    if (dimensions < 1 || dimensions > kMaxDimensions)
        throw InputError(fileName, QStringLiteral("magic, dimensions"), QString::number(dimensions),
                         QStringLiteral("must be between 1 and %1").arg(kMaxDimensions));
    const qint64 header = 4 + 4 * qint64(dimensions);
    if (bytes.size() < header)
        throw InputError(fileName, QStringLiteral("header"), QStringLiteral("%1 bytes").arg(bytes.size()),
                         QStringLiteral("truncated: %1 dimensions need a %2-byte header").arg(dimensions).arg(header));

    // Sizes in the magic's byte order, unless only the other order accounts
    // for the payload exactly (a writer that swapped the magic but not the
    // sizes, or the reverse). A truncated file matches neither and says so.
    const qint64 payload = bytes.size() - header;
    const int width = idxElementBytes(type);
    auto sizesIn = [&](bool little) {
        std::vector<qint64> sizes;
        for (int k = 0; k < dimensions; ++k)
            sizes.push_back(readUint32(bytes.constData() + 4 + 4 * k, little));
        return sizes;
    };
    auto fits = [&](const std::vector<qint64> &sizes) { return elementCount(sizes, payload) * width == payload; };
    a.littleEndian = littleMagic;
    a.sizes = sizesIn(littleMagic);
    if (!fits(a.sizes) && fits(sizesIn(!littleMagic))) {
        a.littleEndian = !littleMagic;
        a.sizes = sizesIn(!littleMagic);
    }
    for (int k = 0; k < dimensions; ++k)
        if (a.sizes[size_t(k)] == 0)
            throw InputError(fileName, QStringLiteral("size of dimension %1").arg(k), QStringLiteral("0"),
                             k == 0 ? QStringLiteral("the file holds no items") : QStringLiteral("must be at least 1"));
    const qint64 count = elementCount(a.sizes, payload);
    if (count < 0 || count * width > payload)
        throw InputError(fileName, QStringLiteral("sizes"), a.shapeText(),
                         QStringLiteral("truncated: the header announces %1 %2 elements, the file holds %3 bytes of them")
                             .arg(a.shapeText(), typeName(type))
                             .arg(payload));
    if (count * width < payload)
        throw InputError(fileName, QStringLiteral("sizes"), a.shapeText(),
                         QStringLiteral("%1 bytes after the last element: not an IDX file of this shape")
                             .arg(payload - count * width));
    a.elements = bytes.mid(header);
    return a;
}

QByteArray inflateIfGzipped(const QByteArray &bytes, const QString &fileName, qint64 maxBytes)
{
    const auto isGzip = [&](qsizetype at) {
        return bytes.size() - at >= 2 && uchar(bytes[at]) == 0x1f && uchar(bytes[at + 1]) == 0x8b;
    };
    if (!isGzip(0))
        return bytes;
    QByteArray out;
    // The last 4 bytes give the inflated size modulo 2^32: a hint, not a
    // promise (a truncated file ends anywhere), so never more than a few
    // times the compressed size is set aside; the buffer grows past that.
    const quint32 hint = bytes.size() >= 4 ? readUint32(bytes.constData() + bytes.size() - 4, true) : 0;
    out.reserve(qsizetype(std::min<qint64>({qint64(hint), 8 * qint64(bytes.size()), maxBytes})));
    z_stream s{};
    if (inflateInit2(&s, 16 + MAX_WBITS) != Z_OK)
        throw InputError(fileName, {}, {}, QStringLiteral("zlib cannot start inflating"));
    s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes.constData()));
    s.avail_in = uInt(bytes.size());
    char buffer[1 << 16];
    for (;;) {
        s.next_out = reinterpret_cast<Bytef *>(buffer);
        s.avail_out = sizeof buffer;
        const int rc = inflate(&s, Z_NO_FLUSH);
        const qint64 produced = qint64(sizeof buffer - s.avail_out);
        if (qint64(out.size()) + produced > maxBytes) {
            inflateEnd(&s);
            throw InputError(fileName, QStringLiteral("gzip data"), {},
                             QStringLiteral("more than %1 bytes once inflated").arg(maxBytes));
        }
        out.append(buffer, qsizetype(produced));
        if (rc == Z_STREAM_END) {
            // Concatenated gzip members are one file (as gzip -d reads them).
            const qsizetype at = bytes.size() - qsizetype(s.avail_in);
            if (s.avail_in == 0)
                break;
            if (!isGzip(at)) {
                inflateEnd(&s);
                throw InputError(fileName, QStringLiteral("byte %1").arg(at), {},
                                 QStringLiteral("%1 bytes after the end of the gzip data").arg(s.avail_in));
            }
            inflateReset(&s);
            continue;
        }
        if (rc == Z_OK)
            continue;
        const QString offset = QStringLiteral("byte %1").arg(bytes.size() - qsizetype(s.avail_in));
        const QString why = rc == Z_BUF_ERROR ? QStringLiteral("truncated gzip data (the file ends inside it)")
                                              : QStringLiteral("corrupt gzip data (zlib: %1)")
                                                    .arg(QString::fromLatin1(s.msg ? s.msg : "error"));
        inflateEnd(&s);
        throw InputError(fileName, offset, {}, why);
    }
    inflateEnd(&s);
    return out;
}

QByteArray readMaybeGzipped(const QString &path, qint64 maxBytes)
{
    return inflateIfGzipped(readWholeFile(path, maxBytes), path, maxBytes);
}

IdxArray readIdx(const QString &path)
{
    return parseIdx(readMaybeGzipped(path), path);
}

} // namespace netbetti
