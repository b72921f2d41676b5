#include "figures/FigureWriter.h"

#include "plots/PlotStyle.h"

#include "Error.h"
#include "storage/AtomicFile.h"

#include <QDir>
#include <QFileInfo>
#include <QBuffer>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <qcustomplot.h>

namespace netbetti {

namespace {

/// A colour scale shares its top and bottom margins with its axis rect
/// through a QCPMarginGroup; cleared, the group starts from the axes alone.
void forgetGroupMargins(QCPColorScale *scale)
{
    scale->setMargins(QMargins());
}

// The layout's size in units (see FigurePreset::pointsPerUnit).
int layoutWidth(const FigurePreset &p)
{
    return qRound(p.widthInches * 72.0 / p.pointsPerUnit);
}

int layoutHeight(const FigurePreset &p)
{
    return qRound(p.heightInches * 72.0 / p.pointsPerUnit);
}

/// Draws the plot in the print look onto a device whose logical resolution
/// is 72 dpi (so a font's point size is that many device units), with
/// devicePerPoint device pixels per point. One path for PDF, SVG and PNG.
bool paintFigure(QCustomPlot *plot, QPaintDevice *device, const FigurePreset &preset, double devicePerPoint,
                 bool vector)
{
    QCPPainter painter;
    if (!painter.begin(device))
        return false;
    if (vector)
        painter.setMode(QCPPainter::pmVectorized); // text stays text
    else
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    painter.setMode(QCPPainter::pmNonCosmetic); // line widths scale with the page
    const double scale = devicePerPoint * preset.pointsPerUnit;
    painter.scale(scale, scale);
    plot->toPainter(&painter, layoutWidth(preset), layoutHeight(preset));
    return painter.end();
}

/// A title wider than the page on two lines, broken between words, rather
/// than short of letters; what still does not fit is shortened when drawn
/// (style::newTitle), so that the plot keeps its height.
QString wrappedTitle(const QString &title, const QFont &font, int width)
{
    const QFontMetrics metrics(font);
    if (title.contains(QLatin1Char('\n')) || metrics.horizontalAdvance(title) <= width)
        return title;
    QStringList lines;
    QString line;
    for (const QString &word : title.split(QLatin1Char(' '))) {
        const QString longer = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
        if (!line.isEmpty() && lines.isEmpty() && metrics.horizontalAdvance(longer) > width) {
            lines << line;
            line = word;
        } else {
            line = longer;
        }
    }
    lines << line;
    return lines.join(QLatin1Char('\n'));
}

} // namespace

void applyPrintLook(QCustomPlot *plot, const FigurePreset &preset)
{
    // Font sizes in layout units, which the page scales by pointsPerUnit.
    const double tick = preset.fontPoints / preset.pointsPerUnit, label = tick * 1.15, title = tick * 1.3;
    plot->setBackground(Qt::white);
    auto scaled = [](QFont font, double points) {
        font.setPointSizeF(points);
        return font;
    };
    auto setAxis = [&](QCPAxis *axis) {
        axis->setTickLabelFont(scaled(axis->tickLabelFont(), tick));
        axis->setLabelFont(scaled(axis->labelFont(), label));
    };
    for (QCPAxisRect *rect : plot->axisRects())
        for (QCPAxis *axis : rect->axes())
            setAxis(axis);
    for (QCPLayoutElement *element : plot->plotLayout()->elements(true)) {
        if (auto *text = qobject_cast<QCPTextElement *>(element)) {
            text->setFont(scaled(text->font(), title * text->font().pointSizeF() / 11.0));
            if (text->property(style::kWrapInFigures).toBool())
                text->setText(wrappedTitle(text->text(), text->font(), layoutWidth(preset) - 16));
        } else if (auto *scale = qobject_cast<QCPColorScale *>(element)) {
            setAxis(scale->axis());
            forgetGroupMargins(scale);
        } else if (auto *legend = qobject_cast<QCPLegend *>(element)) {
            legend->setFont(scaled(legend->font(), tick));
            for (int i = 0; i < legend->itemCount(); ++i)
                if (QCPAbstractLegendItem *item = legend->item(i))
                    item->setFont(scaled(item->font(), tick));
        }
    }
    for (int i = 0; i < plot->itemCount(); ++i)
        if (auto *text = qobject_cast<QCPItemText *>(plot->item(i)))
            text->setFont(scaled(text->font(), tick));
}

QSize figureLayoutSize(const FigurePreset &preset)
{
    return {layoutWidth(preset), layoutHeight(preset)};
}

const std::vector<FigurePreset> &figurePresets()
{
    static const std::vector<FigurePreset> presets{
        {QStringLiteral("slide-16x9"), QStringLiteral("Slide 16:9 (13.33 × 7.5 in)"), 13.333, 7.5, 18.0, 1.5},
        {QStringLiteral("slide-4x3"), QStringLiteral("Slide 4:3 (10 × 7.5 in)"), 10.0, 7.5, 18.0, 1.25},
        {QStringLiteral("column"), QStringLiteral("Paper, one column (3.5 × 2.6 in)"), 3.5, 2.625, 7.0, 0.5},
        {QStringLiteral("two-column"), QStringLiteral("Paper, two columns (7 × 3.5 in)"), 7.0, 3.5, 8.0, 0.75},
    };
    return presets;
}

FigurePreset figurePreset(const QString &id, const QString &field)
{
    QStringList ids;
    for (const FigurePreset &p : figurePresets()) {
        if (p.id == id)
            return p;
        ids << p.id;
    }
    throw InputError({}, field, id, QStringLiteral("expected one of %1").arg(ids.join(QStringLiteral(", "))));
}

FigureFormat figureFormat(const QString &name, const QString &field)
{
    const QString n = name.toLower();
    if (n == QLatin1String("pdf"))
        return FigureFormat::Pdf;
    if (n == QLatin1String("svg"))
        return FigureFormat::Svg;
    if (n == QLatin1String("png"))
        return FigureFormat::Png;
    throw InputError({}, field, name, QStringLiteral("expected pdf, svg or png"));
}

QString formatSuffix(FigureFormat format)
{
    switch (format) {
    case FigureFormat::Pdf:
        return QStringLiteral("pdf");
    case FigureFormat::Svg:
        return QStringLiteral("svg");
    case FigureFormat::Png:
        break;
    }
    return QStringLiteral("png");
}

QStringList figureNames()
{
    return {QStringLiteral("barcode"), QStringLiteral("diagram"), QStringLiteral("betti"), QStringLiteral("surface"),
            QStringLiteral("heatmap"), QStringLiteral("loss"), QStringLiteral("continuity"),
            QStringLiteral("tracks")};
}

QImage renderPlot(QCustomPlot *plot, const FigurePreset &preset, int dpi)
{
    // Painted at 72 logical dots per inch, so that fonts resolve in points
    // as in the PDF and SVG, then marked with the real resolution.
    QImage image(qRound(preset.widthInches * dpi), qRound(preset.heightInches * dpi), QImage::Format_RGB32);
    const int pointDotsPerMeter = qRound(72.0 / 0.0254);
    image.setDotsPerMeterX(pointDotsPerMeter);
    image.setDotsPerMeterY(pointDotsPerMeter);
    image.fill(Qt::white);
    if (!paintFigure(plot, &image, preset, dpi / 72.0, false))
        return {};
    const int dotsPerMeter = qRound(dpi / 0.0254);
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    return image;
}

void writePlot(QCustomPlot *plot, const QString &path, FigureFormat format, const FigurePreset &preset, int dpi)
{
    // Drawn in memory, then written by the project's one atomic writer
    // (checked to the last byte, renamed into place): a failed export, a
    // full disk or a kill leaves the old file, or none, never half a figure.
    const QFileInfo target(path);
    if (!target.absoluteDir().exists())
        throw RunError(QStringLiteral("%1: the folder does not exist").arg(path));
    QByteArray bytes;
    QBuffer file(&bytes);
    file.open(QIODevice::WriteOnly);

    bool drawn = false;
    const QSizeF page(preset.widthInches * 72.0, preset.heightInches * 72.0); // points
    switch (format) {
    case FigureFormat::Pdf: {
        // Device units are points (72 per inch), the units of the layout.
        QPdfWriter pdf(&file);
        pdf.setResolution(72);
        pdf.setPageSize(QPageSize(page, QPageSize::Point, QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setCreator(QStringLiteral("NetBetti"));
        pdf.setTitle(QStringLiteral("NetBetti figure"));
        drawn = paintFigure(plot, &pdf, preset, 1.0, true);
        break;
    }
    case FigureFormat::Svg: {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(page.toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), page));
        svg.setResolution(72);
        svg.setTitle(QStringLiteral("NetBetti figure"));
        drawn = paintFigure(plot, &svg, preset, 1.0, true);
        break;
    }
    case FigureFormat::Png: {
        const QImage image = renderPlot(plot, preset, dpi);
        drawn = !image.isNull() && image.save(&file, "PNG");
        break;
    }
    }
    file.close();
    if (!drawn || bytes.isEmpty())
        throw RunError(QStringLiteral("%1: the figure could not be drawn").arg(path));
    writeFileAtomically(path, bytes);
}

} // namespace netbetti
