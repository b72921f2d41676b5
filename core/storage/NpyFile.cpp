#include "NpyFile.h"

#include "AtomicFile.h"
#include "Error.h"

#include <QByteArray>
#include <QtEndian>
#include <QtNumeric>
#include <cstring>
#include <limits>
#include <utility>
#include <vector>

namespace netbetti {

namespace {

const char kMagic[] = "\x93NUMPY";
constexpr int kMagicSize = 6;
// A header this big is damage, not data: NumPy's own headers are < 200 bytes.
constexpr quint32 kMaxHeaderBytes = quint32(1) << 20;
// Python literals nested deeper than this are not an .npy header.
constexpr int kMaxNesting = 32;

/// The first bytes of a file shown so that a user can see what it is:
/// printable ASCII as is, anything else as \xNN.
QString escapedBytes(const QByteArray &bytes)
{
    QString out;
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7f && u != '\\')
            out += QLatin1Char(c);
        else
            out += QStringLiteral("\\x%1").arg(uint(u), 2, 16, QLatin1Char('0'));
    }
    return out;
}

/// A value of the Python literal subset that .npy headers use. The source
/// text is kept so that messages quote the file, not a re-rendering of it.
struct PyValue
{
    enum Kind { String, Bool, None, Int, Tuple, List, Dict };
    Kind kind = None;
    QString source;
    QString text;                            // String
    bool boolean = false;                    // Bool
    qint64 integer = 0;                      // Int
    bool tooLarge = false;                   // Int beyond qint64
    std::vector<PyValue> items;              // Tuple, List; Dict as key, value pairs
};

/// Recursive descent over the header dict: strings, True/False/None,
/// integers (Python 2's 'L' suffix too), tuples, lists and dicts.
class HeaderParser
{
public:
    explicit HeaderParser(const QByteArray &header) : m_s(header) {}

    /// Empty on success, else what went wrong and where.
    QString parseDict(PyValue *out)
    {
        skipSpace();
        if (peek() != '{')
            return fail(QStringLiteral("expected a dict starting with '{'"));
        if (!value(out, 0))
            return m_error;
        skipSpace();
        if (m_pos != m_s.size())
            return fail(QStringLiteral("unexpected text after the dict"));
        return {};
    }

private:
    const QByteArray &m_s;
    qsizetype m_pos = 0;
    QString m_error;

    char peek() const { return m_pos < m_s.size() ? m_s[m_pos] : '\0'; }

    void skipSpace()
    {
        while (m_pos < m_s.size() && (m_s[m_pos] == ' ' || m_s[m_pos] == '\t' || m_s[m_pos] == '\n' ||
                                      m_s[m_pos] == '\r'))
            ++m_pos;
    }

    QString fail(const QString &what)
    {
        m_error = QStringLiteral("%1 at offset %2").arg(what).arg(m_pos);
        return m_error;
    }

    bool error(const QString &what)
    {
        fail(what);
        return false;
    }

    bool value(PyValue *out, int depth)
    {
        if (depth > kMaxNesting)
            return error(QStringLiteral("nested too deeply"));
        skipSpace();
        const qsizetype start = m_pos;
        const char c = peek();
        bool ok = false;
        if (c == '\'' || c == '"')
            ok = string(out);
        else if (c == '(' || c == '[')
            ok = sequence(out, depth);
        else if (c == '{')
            ok = dict(out, depth);
        else if (c == '-' || c == '+' || (c >= '0' && c <= '9'))
            ok = integer(out);
        else if (c >= 'A' && c <= 'Z')
            ok = name(out);
        else
            return error(c == '\0' ? QStringLiteral("unexpected end") : QStringLiteral("unexpected character"));
        if (ok)
            out->source = QString::fromLatin1(m_s.mid(start, m_pos - start));
        return ok;
    }

    bool string(PyValue *out)
    {
        const char quote = m_s[m_pos++];
        const qsizetype start = m_pos;
        while (m_pos < m_s.size() && m_s[m_pos] != quote) {
            if (m_s[m_pos] == '\n')
                break;
            if (m_s[m_pos] == '\\')
                return error(QStringLiteral("escape sequences are not supported"));
            ++m_pos;
        }
        if (m_pos >= m_s.size() || m_s[m_pos] != quote)
            return error(QStringLiteral("unterminated string"));
        out->kind = PyValue::String;
        out->text = QString::fromLatin1(m_s.mid(start, m_pos - start));
        ++m_pos;
        return true;
    }

    bool name(PyValue *out)
    {
        const qsizetype start = m_pos;
        while (m_pos < m_s.size() && ((m_s[m_pos] >= 'A' && m_s[m_pos] <= 'Z') ||
                                      (m_s[m_pos] >= 'a' && m_s[m_pos] <= 'z')))
            ++m_pos;
        const QByteArray word = m_s.mid(start, m_pos - start);
        if (word == "True" || word == "False") {
            out->kind = PyValue::Bool;
            out->boolean = word == "True";
        } else if (word == "None") {
            out->kind = PyValue::None;
        } else {
            m_pos = start;
            return error(QStringLiteral("unknown name '%1'").arg(QString::fromLatin1(word)));
        }
        return true;
    }

    bool integer(PyValue *out)
    {
        bool negative = false;
        if (peek() == '-' || peek() == '+') {
            negative = peek() == '-';
            ++m_pos;
            skipSpace();
        }
        if (!(peek() >= '0' && peek() <= '9'))
            return error(QStringLiteral("expected a digit"));
        quint64 magnitude = 0;
        bool tooLarge = false;
        while (peek() >= '0' && peek() <= '9') {
            const quint64 digit = quint64(peek() - '0');
            if (qMulOverflow(magnitude, quint64(10), &magnitude) || qAddOverflow(magnitude, digit, &magnitude))
                tooLarge = true;
            ++m_pos;
        }
        if (peek() == 'L' || peek() == 'l') // Python 2 long, as old NumPy wrote shapes
            ++m_pos;
        if (peek() == '.' || peek() == 'e' || peek() == 'E' || peek() == 'x' || peek() == 'j')
            return error(QStringLiteral("only integers are supported"));
        constexpr auto maxMagnitude = quint64(std::numeric_limits<qint64>::max());
        out->kind = PyValue::Int;
        out->tooLarge = tooLarge || magnitude > maxMagnitude;
        out->integer = out->tooLarge ? 0 : (negative ? -qint64(magnitude) : qint64(magnitude));
        return true;
    }

    bool sequence(PyValue *out, int depth)
    {
        const char open = m_s[m_pos++];
        const char close = open == '(' ? ')' : ']';
        out->kind = open == '(' ? PyValue::Tuple : PyValue::List;
        bool sawComma = false;
        for (;;) {
            skipSpace();
            if (peek() == close) {
                ++m_pos;
                break;
            }
            if (!out->items.empty() && !sawComma)
                return error(QStringLiteral("expected ',' or '%1'").arg(QLatin1Char(close)));
            PyValue item;
            if (!value(&item, depth + 1))
                return false;
            out->items.push_back(std::move(item));
            skipSpace();
            sawComma = peek() == ',';
            if (sawComma)
                ++m_pos;
        }
        // "(3)" is the integer 3 in Python, not a tuple: shape must say "(3,)".
        if (open == '(' && out->items.size() == 1 && !sawComma) {
            PyValue inner = std::move(out->items.front());
            *out = std::move(inner);
        }
        return true;
    }

    bool dict(PyValue *out, int depth)
    {
        ++m_pos; // '{'
        out->kind = PyValue::Dict;
        bool sawComma = false;
        for (;;) {
            skipSpace();
            if (peek() == '}') {
                ++m_pos;
                return true;
            }
            if (!out->items.empty() && !sawComma)
                return error(QStringLiteral("expected ',' or '}'"));
            PyValue key, item;
            if (peek() != '\'' && peek() != '"')
                return error(QStringLiteral("expected a quoted key"));
            if (!value(&key, depth + 1))
                return false;
            skipSpace();
            if (peek() != ':')
                return error(QStringLiteral("expected ':' after a key"));
            ++m_pos;
            if (!value(&item, depth + 1))
                return false;
            out->items.push_back(std::move(key));
            out->items.push_back(std::move(item));
            skipSpace();
            sawComma = peek() == ',';
            if (sawComma)
                ++m_pos;
        }
    }
};

struct Header
{
    int itemSize = 0; // 4 for '<f4', 8 for '<f8'
    bool fortranOrder = false;
    qint64 rows = 0;
    qint64 cols = 0;
};

Header interpretHeader(const QByteArray &headerBytes, const QString &fileName)
{
    PyValue dict;
    const QString problem = HeaderParser(headerBytes).parseDict(&dict);
    if (!problem.isEmpty()) {
        const QByteArray trimmed = headerBytes.trimmed();
        QString shown = escapedBytes(trimmed.left(120));
        if (trimmed.size() > 120)
            shown += QStringLiteral("...");
        throw InputError(fileName, QStringLiteral("header"), shown,
                         QStringLiteral("malformed header dict: ") + problem);
    }

    const PyValue *descr = nullptr, *fortran = nullptr, *shape = nullptr;
    for (size_t i = 0; i + 1 < dict.items.size(); i += 2) {
        const PyValue &key = dict.items[i];
        const PyValue *value = &dict.items[i + 1];
        if (key.text == QLatin1String("descr"))
            descr = value;
        else if (key.text == QLatin1String("fortran_order"))
            fortran = value;
        else if (key.text == QLatin1String("shape"))
            shape = value;
        else
            throw InputError(fileName, QStringLiteral("header"), key.source,
                             QStringLiteral("unexpected key (an .npy header has exactly 'descr', "
                                            "'fortran_order' and 'shape')"));
    }
    const std::pair<const PyValue *, const char *> required[] = {
        {descr, "descr"}, {fortran, "fortran_order"}, {shape, "shape"}};
    for (const auto &[found, key] : required)
        if (!found)
            throw InputError(fileName, QStringLiteral("header"), {},
                             QStringLiteral("missing key '%1'").arg(QLatin1String(key)));

    Header h;
    if (descr->kind == PyValue::String && descr->text == QLatin1String("<f4"))
        h.itemSize = 4;
    else if (descr->kind == PyValue::String && descr->text == QLatin1String("<f8"))
        h.itemSize = 8;
    else {
        QString reason = QStringLiteral("unsupported dtype: only little-endian float32 '<f4' and float64 "
                                        "'<f8' can be read");
        if (descr->kind == PyValue::String && descr->text.startsWith(QLatin1Char('>')))
            reason += QStringLiteral(" (this one is big-endian)");
        throw InputError(fileName, QStringLiteral("descr"), descr->source, reason);
    }

    if (fortran->kind != PyValue::Bool)
        throw InputError(fileName, QStringLiteral("fortran_order"), fortran->source,
                         QStringLiteral("must be True or False"));
    h.fortranOrder = fortran->boolean;

    if (shape->kind != PyValue::Tuple)
        throw InputError(fileName, QStringLiteral("shape"), shape->source,
                         QStringLiteral("must be a tuple of integers"));
    for (const PyValue &dim : shape->items)
        if (dim.kind != PyValue::Int)
            throw InputError(fileName, QStringLiteral("shape"), shape->source,
                             QStringLiteral("must be a tuple of integers"));
    if (shape->items.size() != 2)
        throw InputError(fileName, QStringLiteral("shape"), shape->source,
                         QStringLiteral("not a 2-D array: %1 dimension%2, a matrix has 2")
                             .arg(shape->items.size())
                             .arg(shape->items.size() == 1 ? QString() : QStringLiteral("s")));
    for (const PyValue &dim : shape->items) {
        if (dim.tooLarge)
            throw InputError(fileName, QStringLiteral("shape"), shape->source,
                             QStringLiteral("dimension too large"));
        if (dim.integer < 0)
            throw InputError(fileName, QStringLiteral("shape"), shape->source,
                             QStringLiteral("negative dimension"));
    }
    h.rows = shape->items[0].integer;
    h.cols = shape->items[1].integer;
    return h;
}

template <typename Stored>
float elementAt(const char *data, qint64 index)
{
    if constexpr (sizeof(Stored) == 4) {
        const quint32 bits = qFromLittleEndian<quint32>(data + index * 4);
        float value;
        std::memcpy(&value, &bits, sizeof value);
        return value;
    } else {
        const quint64 bits = qFromLittleEndian<quint64>(data + index * 8);
        double value;
        std::memcpy(&value, &bits, sizeof value);
        return float(value);
    }
}

template <typename Stored>
void fillMatrix(FloatMatrix &m, const char *data, bool fortranOrder)
{
    const Eigen::Index rows = m.rows(), cols = m.cols();
    if (m.size() == 0)
        return;
    if (!fortranOrder && sizeof(Stored) == 4 && Q_BYTE_ORDER == Q_LITTLE_ENDIAN) {
        std::memcpy(m.data(), data, size_t(rows) * size_t(cols) * sizeof(float));
        return;
    }
    for (Eigen::Index i = 0; i < rows; ++i)
        for (Eigen::Index j = 0; j < cols; ++j)
            m(i, j) = elementAt<Stored>(data, fortranOrder ? j * rows + i : i * cols + j);
}

} // namespace

void writeNpy(const QString &path, const FloatMatrix &matrix)
{
    QByteArray header = QStringLiteral("{'descr': '<f4', 'fortran_order': False, 'shape': (%1, %2), }")
                            .arg(matrix.rows())
                            .arg(matrix.cols())
                            .toLatin1();
    // Magic (6) + version (2) + length (2) + header + '\n' to a multiple of 64.
    const qsizetype unpadded = kMagicSize + 2 + 2 + header.size() + 1;
    header.append((64 - unpadded % 64) % 64, ' ');
    header.append('\n');

    const qsizetype dataBytes = qsizetype(matrix.size()) * qsizetype(sizeof(float));
    QByteArray bytes;
    bytes.reserve(kMagicSize + 4 + header.size() + dataBytes);
    bytes.append(kMagic, kMagicSize);
    bytes.append(char(1));
    bytes.append(char(0));
    bytes.append(char(header.size() & 0xff));
    bytes.append(char((header.size() >> 8) & 0xff));
    bytes.append(header);

    const qsizetype dataStart = bytes.size();
    bytes.resize(dataStart + dataBytes);
    char *out = bytes.data() + dataStart;
    if (Q_BYTE_ORDER == Q_LITTLE_ENDIAN) {
        if (dataBytes > 0)
            std::memcpy(out, matrix.data(), size_t(dataBytes));
    } else {
        for (Eigen::Index k = 0; k < matrix.size(); ++k) {
            quint32 bits;
            std::memcpy(&bits, matrix.data() + k, sizeof bits);
            qToLittleEndian(bits, out + k * 4);
        }
    }
    writeFileAtomically(path, bytes);
}

FloatMatrix readNpy(const QString &path)
{
    return parseNpy(readWholeFile(path), path);
}

FloatMatrix parseNpy(const QByteArray &bytes, const QString &fileName)
{
    if (bytes.isEmpty())
        throw InputError(fileName, {}, {}, QStringLiteral("empty file, not an .npy array"));
    if (bytes.size() < kMagicSize || std::memcmp(bytes.constData(), kMagic, kMagicSize) != 0)
        throw InputError(fileName, QStringLiteral("magic"), escapedBytes(bytes.left(kMagicSize)),
                         QStringLiteral("wrong magic: not an .npy file (expected \\x93NUMPY)"));
    if (bytes.size() < kMagicSize + 2)
        throw InputError(fileName, {}, {},
                         QStringLiteral("truncated header: the file ends after %1 bytes").arg(bytes.size()));

    const int major = static_cast<unsigned char>(bytes[kMagicSize]);
    const int minor = static_cast<unsigned char>(bytes[kMagicSize + 1]);
    if (minor != 0 || major < 1 || major > 3)
        throw InputError(fileName, QStringLiteral("version"), QStringLiteral("%1.%2").arg(major).arg(minor),
                         QStringLiteral("unsupported .npy format version (1.0, 2.0 and 3.0 can be read)"));

    const qsizetype lengthSize = major == 1 ? 2 : 4;
    const qsizetype headerStart = kMagicSize + 2 + lengthSize;
    if (bytes.size() < headerStart)
        throw InputError(fileName, {}, {},
                         QStringLiteral("truncated header: the file ends after %1 bytes").arg(bytes.size()));
    const quint32 headerLength = major == 1 ? quint32(qFromLittleEndian<quint16>(bytes.constData() + 8))
                                            : qFromLittleEndian<quint32>(bytes.constData() + 8);
    if (headerLength > kMaxHeaderBytes)
        throw InputError(fileName, QStringLiteral("header length"), QString::number(headerLength),
                         QStringLiteral("huge header (more than 1 MiB): the file is damaged"));
    const qsizetype available = bytes.size() - headerStart;
    if (qsizetype(headerLength) > available)
        throw InputError(fileName, QStringLiteral("header length"), QString::number(headerLength),
                         QStringLiteral("truncated header: only %1 bytes follow the header length")
                             .arg(available));

    const Header h = interpretHeader(bytes.mid(headerStart, headerLength), fileName);

    const qsizetype dataStart = headerStart + qsizetype(headerLength);
    const quint64 found = quint64(bytes.size() - dataStart);
    quint64 expected = 0;
    if (qMulOverflow(quint64(h.rows), quint64(h.cols), &expected)
        || qMulOverflow(expected, quint64(h.itemSize), &expected))
        throw InputError(fileName, QStringLiteral("shape"), QStringLiteral("(%1, %2)").arg(h.rows).arg(h.cols),
                         QStringLiteral("truncated: expected more than 2^64 bytes of data, found %1")
                             .arg(found));
    if (found < expected)
        throw InputError(fileName, {}, {},
                         QStringLiteral("truncated: expected %1 bytes of data, found %2").arg(expected).arg(found));
    if (found > expected)
        throw InputError(fileName, {}, {},
                         QStringLiteral("trailing bytes: expected %1 bytes of data, found %2")
                             .arg(expected)
                             .arg(found));

    // From here on rows * cols * itemSize <= bytes.size(): the allocation is
    // bounded by the file.
    FloatMatrix m(Eigen::Index(h.rows), Eigen::Index(h.cols));
    const char *data = bytes.constData() + dataStart;
    if (h.itemSize == 4)
        fillMatrix<float>(m, data, h.fortranOrder);
    else
        fillMatrix<double>(m, data, h.fortranOrder);
    return m;
}

} // namespace netbetti
