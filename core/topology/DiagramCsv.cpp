#include "DiagramCsv.h"

#include "Error.h"
#include "storage/AtomicFile.h"

#include <QList>
#include <cmath>

namespace netbetti {

namespace {

QByteArray formatValue(double v)
{
    return std::isinf(v) ? QByteArrayLiteral("inf") : QByteArray::number(v, 'g', 9);
}

} // namespace

QByteArray diagramToCsv(const PersistenceDiagram &diagram)
{
    QByteArray out = "dim,birth,death\n";
    for (const auto &bar : diagram.bars)
        out += QByteArray::number(bar.dim) + ',' + formatValue(bar.birth) + ','
               + formatValue(bar.death) + '\n';
    return out;
}

PersistenceDiagram diagramFromCsv(const QByteArray &csv, const QString &fileName)
{
    PersistenceDiagram diagram;
    diagram.maxDim = 0;
    const QList<QByteArray> lines = csv.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const QString where = QStringLiteral("line %1").arg(i + 1);
        if (line.isEmpty())
            continue;
        if (i == 0 && line == "dim,birth,death")
            continue;
        const QList<QByteArray> fields = line.split(',');
        if (fields.size() != 3)
            throw InputError(fileName, where, QString::fromUtf8(line.left(60)),
                             QStringLiteral("expected dim,birth,death"));
        bool okDim = false;
        PersistenceBar bar;
        bar.dim = fields[0].toInt(&okDim);
        if (!okDim || bar.dim < 0 || bar.dim > 64)
            throw InputError(fileName, where + QStringLiteral(", dim"), QString::fromUtf8(fields[0]),
                             QStringLiteral("not a dimension"));
        auto value = [&](const QByteArray &text, const char *column) {
            if (text.trimmed() == "inf")
                return std::numeric_limits<double>::infinity();
            bool ok = false;
            const float v = text.toFloat(&ok);
            if (!ok || !std::isfinite(v) || v < 0)
                throw InputError(fileName, where + QStringLiteral(", ") + QLatin1String(column),
                                 QString::fromUtf8(text), QStringLiteral("not a non-negative number"));
            return double(v);
        };
        bar.birth = value(fields[1], "birth");
        bar.death = value(fields[2], "death");
        if (std::isinf(bar.birth) || bar.death < bar.birth)
            throw InputError(fileName, where, QString::fromUtf8(line),
                             QStringLiteral("a bar must be born before it dies"));
        diagram.maxDim = std::max(diagram.maxDim, bar.dim);
        diagram.bars.push_back(bar);
    }
    diagram.pointCount = diagram.count(0);
    diagram.normalise();
    return diagram;
}

PersistenceDiagram readDiagramCsv(const QString &path)
{
    return diagramFromCsv(readWholeFile(path, qint64(1) << 30), path);
}

void writeDiagramCsv(const QString &path, const PersistenceDiagram &diagram)
{
    writeFileAtomically(path, diagramToCsv(diagram));
}

} // namespace netbetti
