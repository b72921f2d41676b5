#include "PlotStyle.h"

#include <qcustomplot.h>

namespace netbetti::style {

QColor dimensionColor(int dim)
{
    static const QColor colors[] = {QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00), QColor(0x00, 0x9E, 0x73),
                                    QColor(0xCC, 0x79, 0xA7)};
    return colors[std::clamp(dim, 0, 3)];
}

QString subscript(int n)
{
    QString out;
    for (const QChar c : QString::number(n))
        out += QChar(0x2080 + c.digitValue());
    return out;
}

QString homologyName(int dim)
{
    return QStringLiteral("H") + subscript(dim);
}

QString bettiName(int dim)
{
    return QStringLiteral("β") + subscript(dim);
}

void setUpPlot(QCustomPlot *plot)
{
    plot->setBackground(Qt::white);
    QFont font = plot->font();
    font.setPointSizeF(9.0);
    for (QCPAxis *axis : plot->axisRect()->axes()) {
        axis->setTickLabelFont(font);
        QFont label = font;
        label.setPointSizeF(10.0);
        axis->setLabelFont(label);
    }
    plot->setNoAntialiasingOnDrag(true);
    plot->setAntialiasedElements(QCP::aeAll);
}

} // namespace netbetti::style
