#include "CycleFile.h"

#include "Error.h"
#include "storage/AtomicFile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace netbetti {

namespace {

QJsonValue deathValue(double death)
{
    return std::isinf(death) ? QJsonValue(QJsonValue::Null) : QJsonValue(death);
}

QString shown(const QJsonValue& v)
{
    if (v.isString())
        return QLatin1Char('"') + v.toString().left(60) + QLatin1Char('"');
    if (v.isArray() || v.isObject()) {
        const QByteArray text = v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                                            : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
        return QString::fromUtf8(text.left(60));
    }
    if (v.isNull())
        return QStringLiteral("null");
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isUndefined())
        return QStringLiteral("(missing)");
    return QString::number(v.toDouble(), 'g', 17);
}

class Reader
{
public:
    explicit Reader(QString file)
        : m_file(std::move(file))
    {
    }

    [[noreturn]] void fail(const QString& field, const QJsonValue& value, const QString& reason) const
    {
        throw InputError(m_file, field, shown(value), reason);
    }

    QJsonObject object(const QJsonValue& v, const QString& field, const QStringList& keys) const
    {
        if (!v.isObject())
            fail(field, v, QStringLiteral("expected an object"));
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            if (!keys.contains(it.key()))
                fail(field + QLatin1Char('.') + it.key(), it.value(), QStringLiteral("unknown key"));
        return o;
    }

    QJsonArray array(const QJsonValue& v, const QString& field) const
    {
        if (!v.isArray())
            fail(field, v, QStringLiteral("expected an array"));
        return v.toArray();
    }

    int integer(const QJsonValue& v, const QString& field, int min, int max) const
    {
        const double x = v.toDouble(std::nan(""));
        if (!v.isDouble() || x != std::floor(x) || x < min || x > max)
            fail(field, v, QStringLiteral("expected a whole number from %1 to %2").arg(min).arg(max));
        return int(x);
    }

    double scale(const QJsonValue& v, const QString& field, bool nullable) const
    {
        if (nullable && v.isNull())
            return std::numeric_limits<double>::infinity();
        if (!v.isDouble() || !std::isfinite(v.toDouble()) || v.toDouble() < 0)
            fail(field, v,
                nullable ? QStringLiteral("expected a non-negative number or null")
                         : QStringLiteral("expected a non-negative number"));
        return v.toDouble();
    }

private:
    QString m_file;
};

} // namespace

QByteArray cyclesToJson(const CycleSet& cycles)
{
    QJsonArray classes, skipped;
    for (const RepresentativeCycle& c : cycles.classes) {
        QJsonArray simplices, coefficients;
        for (const auto& simplex : c.simplices) {
            QJsonArray vertices;
            for (int v : simplex)
                vertices.append(v);
            simplices.append(vertices);
        }
        for (int k : c.coefficients)
            coefficients.append(k);
        classes.append(QJsonObject { { QStringLiteral("dim"), c.dim }, { QStringLiteral("birth"), c.birth },
            { QStringLiteral("death"), deathValue(c.death) }, { QStringLiteral("simplices"), simplices },
            { QStringLiteral("coefficients"), coefficients } });
    }
    for (const SkippedClass& s : cycles.skipped)
        skipped.append(QJsonObject { { QStringLiteral("dim"), s.dim }, { QStringLiteral("birth"), s.birth },
            { QStringLiteral("death"), deathValue(s.death) }, { QStringLiteral("reason"), s.reason } });
    return QJsonDocument(QJsonObject { { QStringLiteral("coefficients"), cycles.coefficients },
                             { QStringLiteral("classes"), classes }, { QStringLiteral("skipped"), skipped } })
        .toJson(QJsonDocument::Compact);
}

CycleSet cyclesFromJson(const QByteArray& json, const QString& fileName, int points)
{
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        throw InputError(fileName, QStringLiteral("offset %1").arg(error.offset), {}, error.errorString());
    const Reader r(fileName);
    const QJsonObject root = r.object(document.isObject() ? QJsonValue(document.object()) : QJsonValue(),
        QStringLiteral("(top level)"),
        { QStringLiteral("coefficients"), QStringLiteral("classes"), QStringLiteral("skipped") });
    CycleSet out;
    if (root.contains(QStringLiteral("coefficients")))
        out.coefficients
            = r.integer(root.value(QStringLiteral("coefficients")), QStringLiteral("coefficients"), 2, 65521);
    const int maxVertex = points > 0 ? points - 1 : std::numeric_limits<int>::max();
    const QJsonArray classes = r.array(root.value(QStringLiteral("classes")), QStringLiteral("classes"));
    for (qsizetype k = 0; k < classes.size(); ++k) {
        const QString at = QStringLiteral("classes[%1]").arg(k);
        const QJsonObject o = r.object(classes[k], at,
            { QStringLiteral("dim"), QStringLiteral("birth"), QStringLiteral("death"),
                QStringLiteral("simplices"), QStringLiteral("coefficients") });
        RepresentativeCycle c;
        c.dim = r.integer(o.value(QStringLiteral("dim")), at + QStringLiteral(".dim"), 1, 64);
        c.birth = r.scale(o.value(QStringLiteral("birth")), at + QStringLiteral(".birth"), false);
        c.death = r.scale(o.value(QStringLiteral("death")), at + QStringLiteral(".death"), true);
        if (c.death < c.birth)
            r.fail(at + QStringLiteral(".death"), o.value(QStringLiteral("death")),
                QStringLiteral("a class must be born before it dies"));
        const QJsonArray simplices
            = r.array(o.value(QStringLiteral("simplices")), at + QStringLiteral(".simplices"));
        const QJsonArray coefficients
            = r.array(o.value(QStringLiteral("coefficients")), at + QStringLiteral(".coefficients"));
        if (coefficients.size() != simplices.size())
            r.fail(at + QStringLiteral(".coefficients"), coefficients,
                QStringLiteral("expected one coefficient per simplex (%1)").arg(simplices.size()));
        for (qsizetype s = 0; s < simplices.size(); ++s) {
            const QString field = at + QStringLiteral(".simplices[%1]").arg(s);
            const QJsonArray vertices = r.array(simplices[s], field);
            if (vertices.size() != c.dim + 1)
                r.fail(field, vertices, QStringLiteral("expected %1 vertices").arg(c.dim + 1));
            std::vector<int> simplex;
            for (qsizetype v = 0; v < vertices.size(); ++v) {
                simplex.push_back(
                    r.integer(vertices[v], field + QStringLiteral("[%1]").arg(v), 0, maxVertex));
                if (v > 0 && simplex[size_t(v)] <= simplex[size_t(v) - 1])
                    r.fail(field, vertices, QStringLiteral("vertices must be ascending"));
            }
            c.simplices.push_back(std::move(simplex));
            c.coefficients.push_back(r.integer(
                coefficients[s], at + QStringLiteral(".coefficients[%1]").arg(s), 1, out.coefficients - 1));
        }
        out.classes.push_back(std::move(c));
    }
    if (root.contains(QStringLiteral("skipped"))) {
        const QJsonArray skipped = r.array(root.value(QStringLiteral("skipped")), QStringLiteral("skipped"));
        for (qsizetype k = 0; k < skipped.size(); ++k) {
            const QString at = QStringLiteral("skipped[%1]").arg(k);
            const QJsonObject o = r.object(skipped[k], at,
                { QStringLiteral("dim"), QStringLiteral("birth"), QStringLiteral("death"),
                    QStringLiteral("reason") });
            SkippedClass s;
            s.dim = r.integer(o.value(QStringLiteral("dim")), at + QStringLiteral(".dim"), 1, 64);
            s.birth = r.scale(o.value(QStringLiteral("birth")), at + QStringLiteral(".birth"), false);
            s.death = r.scale(o.value(QStringLiteral("death")), at + QStringLiteral(".death"), true);
            if (!o.value(QStringLiteral("reason")).isString())
                r.fail(at + QStringLiteral(".reason"), o.value(QStringLiteral("reason")),
                    QStringLiteral("expected a string"));
            s.reason = o.value(QStringLiteral("reason")).toString();
            out.skipped.push_back(std::move(s));
        }
    }
    return out;
}

CycleSet readCyclesJson(const QString& path, int points)
{
    return cyclesFromJson(readWholeFile(path, qint64(1) << 30), path, points);
}

void writeCyclesJson(const QString& path, const CycleSet& cycles)
{
    writeFileAtomically(path, cyclesToJson(cycles));
}

} // namespace netbetti
