#include "figures/ExportFigureDialog.h"

#include "document/SaveFileDialog.h"
#include "window/Settings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace netbetti {

namespace {
constexpr int kPreviewWidth = 560; // pixels: the preview is drawn at this width
constexpr int kDefaultDpi = 300;
} // namespace

ExportFigureDialog::ExportFigureDialog(const FigureState &state, const QString &figure, QWidget *parent)
    : QDialog(parent), m_state(state), m_figure(new QComboBox(this)),
      m_preset(new QComboBox(this)), m_format(new QComboBox(this)), m_dpi(new QSpinBox(this)),
      m_preview(new QLabel(this)), m_sizeNote(new QLabel(this))
{
    setWindowTitle(tr("Export Figure"));
    // The Compare window's figures, or the run's.
    const QStringList names = comparisonFigureNames().contains(figure) ? comparisonFigureNames() : figureNames();
    for (const QString &name : names)
        m_figure->addItem(figureTitle(name), name);
    m_figure->setCurrentIndex(std::max(0, int(names.indexOf(figure))));
    for (const FigurePreset &p : figurePresets())
        m_preset->addItem(p.label, p.id);
    m_preset->setCurrentIndex(std::max(0, m_preset->findData(settings::lastExportPreset())));
    m_format->addItem(tr("PDF (vector, text stays text)"), QStringLiteral("pdf"));
    m_format->addItem(tr("SVG (vector, text stays text)"), QStringLiteral("svg"));
    m_format->addItem(tr("PNG (pixels)"), QStringLiteral("png"));
    m_format->setCurrentIndex(std::max(0, m_format->findData(settings::lastExportFormat())));
    m_dpi->setRange(72, 1200);
    m_dpi->setSingleStep(50);
    m_dpi->setSuffix(tr(" dpi"));
    const int dpi = settings::lastExportDpi();
    m_dpi->setValue(dpi >= 72 && dpi <= 1200 ? dpi : kDefaultDpi);

    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setMinimumSize(kPreviewWidth, kPreviewWidth * 9 / 16);
    m_preview->setFrameShape(QFrame::StyledPanel);
    m_preview->setToolTip(tr("The figure as it will be written, in the print look, scaled to fit"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Figure:"), m_figure);
    form->addRow(tr("&Size:"), m_preset);
    form->addRow(tr("F&ormat:"), m_format);
    form->addRow(tr("&Resolution:"), m_dpi);
    form->addRow(QString(), m_sizeNote);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportFigureDialog::chooseFileAndSave);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_preview, 1);
    layout->addWidget(buttons);

    // The preview depends on the figure and the preset; format and dpi only
    // change the note beneath (a heatmap of a thousand neurons is not drawn
    // again for each step of the spin box).
    for (QComboBox *box : {m_figure, m_preset})
        connect(box, &QComboBox::currentIndexChanged, this, &ExportFigureDialog::updatePreview);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportFigureDialog::updateSizeNote);
    connect(m_dpi, &QSpinBox::valueChanged, this, &ExportFigureDialog::updateSizeNote);
    updatePreview();
}

QString ExportFigureDialog::figure() const
{
    return m_figure->currentData().toString();
}

FigurePreset ExportFigureDialog::preset() const
{
    return figurePreset(m_preset->currentData().toString());
}

FigureFormat ExportFigureDialog::format() const
{
    return figureFormat(m_format->currentData().toString());
}

int ExportFigureDialog::dpi() const
{
    return m_dpi->value();
}

void ExportFigureDialog::updateSizeNote()
{
    const FigurePreset p = preset();
    const bool png = format() == FigureFormat::Png;
    m_dpi->setEnabled(png);
    m_sizeNote->setText(png ? tr("%1 × %2 in, %3 × %4 pixels")
                                  .arg(p.widthInches, 0, 'g', 4)
                                  .arg(p.heightInches, 0, 'g', 4)
                                  .arg(qRound(p.widthInches * dpi()))
                                  .arg(qRound(p.heightInches * dpi()))
                            : tr("%1 × %2 in, fonts %3 pt")
                                  .arg(p.widthInches, 0, 'g', 4)
                                  .arg(p.heightInches, 0, 'g', 4)
                                  .arg(p.fontPoints));
}

void ExportFigureDialog::updatePreview()
{
    updateSizeNote();
    const FigurePreset p = preset();
    // Drawn at the resolution that makes it kPreviewWidth wide: the same
    // layout as the file, only fewer pixels.
    const int previewDpi = std::max(1, qRound(kPreviewWidth / p.widthInches));
    m_previewImage = renderFigure(m_state, figure(), p, previewDpi);
    m_preview->setPixmap(QPixmap::fromImage(m_previewImage));
}

bool ExportFigureDialog::exportTo(const QString &path, QString *error)
{
    try {
        writeFigure(m_state, figure(), path, format(), preset(), dpi());
    } catch (const std::exception &e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
    settings::setLastExportPreset(preset().id);
    settings::setLastExportFormat(formatSuffix(format()));
    settings::setLastExportDpi(dpi());
    settings::setLastExportFolder(QFileInfo(path).absolutePath());
    return true;
}

void ExportFigureDialog::chooseFileAndSave()
{
    QString folder = settings::lastExportFolder();
    if (folder.isEmpty() || !QDir(folder).exists())
        folder = m_state.run.folder.isEmpty() ? QDir::homePath() : m_state.run.folder;
    const QString suffix = formatSuffix(format());
    const QString path = askSavePath(this, tr("Export %1").arg(figureTitle(figure())),
                                     QDir(folder).filePath(suggestedFigureFileName(m_state.run, figure(), format())),
                                     tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix), suffix);
    if (path.isEmpty())
        return;
    QString error;
    if (!exportTo(path, &error)) {
        QMessageBox::warning(this, tr("Export Figure"), error);
        return;
    }
    accept();
}

} // namespace netbetti
