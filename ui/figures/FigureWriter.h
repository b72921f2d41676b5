#pragma once
// Figures for talks and papers: PDF and SVG as vector graphics (text stays
// text), PNG at a chosen DPI, in a preset's size with fonts sized for it,
// always in the light print look. What is drawn is a figure panel's plot
// (figures/RunFigures.h), made for the figure and thrown away after: the
// GUI's Export dialog and `netbetti-cli export` both draw through here.

#include <QImage>
#include <QString>
#include <QStringList>
#include <vector>

class QCustomPlot;

namespace netbetti {

enum class FigureFormat { Pdf, Svg, Png };

struct FigurePreset
{
    QString id;            ///< e.g. "slide-16x9": what the CLI's --preset takes
    QString label;         ///< e.g. "Slide 16:9 (13.33 × 7.5 in)"
    double widthInches;
    double heightInches;
    double fontPoints;     ///< tick labels; axis titles and the title are larger
    /// Points per layout unit: the plot is laid out as on screen, at
    /// (width in points) / pointsPerUnit units, then scaled onto the page,
    /// so that its one-unit lines and markers come out thin on a paper
    /// column and bold on a slide.
    double pointsPerUnit;

    double aspect() const { return widthInches / heightInches; }
};

/// 16:9 slide, 4:3 slide, one paper column (3.5 in), two columns (7 in).
const std::vector<FigurePreset> &figurePresets();
/// InputError naming `field` and the value when the id is not a preset.
FigurePreset figurePreset(const QString &id, const QString &field = QStringLiteral("--preset"));
/// "pdf", "svg", "png"; InputError naming `field` otherwise.
FigureFormat figureFormat(const QString &name, const QString &field = QStringLiteral("--format"));
QString formatSuffix(FigureFormat format);

/// Restyles a figure panel's plot for the preset: fonts in the preset's
/// sizes, white background. Once, on a plot made for the figure; nothing
/// is put back.
void applyPrintLook(QCustomPlot *plot, const FigurePreset &preset);

/// The preset's page in layout units (see FigurePreset::pointsPerUnit).
QSize figureLayoutSize(const FigurePreset &preset);

/// Writes the plot as a figure, atomically (a temporary file in the same
/// folder, renamed): on failure nothing is left behind and a RunError names
/// the file. dpi applies to PNG.
void writePlot(QCustomPlot *plot, const QString &path, FigureFormat format, const FigurePreset &preset,
               int dpi = 300);

/// The plot as an image, as the preset will look (for previews and PNG).
QImage renderPlot(QCustomPlot *plot, const FigurePreset &preset, int dpi);

/// The figures a run offers, in menu order: barcode, diagram, betti,
/// surface (the epoch × ε picture), heatmap, loss, continuity.
QStringList figureNames();

} // namespace netbetti
