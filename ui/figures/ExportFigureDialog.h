#pragma once
// File › Export Figure and each plot's context menu: pick the figure, a
// preset (slide or paper column), the format and, for PNG, the resolution;
// see a preview drawn exactly as the file will be; save. The dialog keeps
// the state it was opened with: preview and file show the same thing, drawn
// by fresh figure panels, while the window goes on (a run keeps training).

#include "figures/FigureWriter.h"
#include "figures/RunFigures.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QSpinBox;

namespace netbetti {

class ExportFigureDialog : public QDialog
{
    Q_OBJECT
public:
    ExportFigureDialog(const FigureState &state, const QString &figure, QWidget *parent = nullptr);

    QString figure() const;
    FigurePreset preset() const;
    FigureFormat format() const;
    int dpi() const;
    QComboBox *figureBox() const { return m_figure; }
    QComboBox *presetBox() const { return m_preset; }
    QComboBox *formatBox() const { return m_format; }
    QSpinBox *dpiBox() const { return m_dpi; }
    /// The preview as drawn (at screen resolution, the preset's aspect ratio).
    QImage previewImage() const { return m_previewImage; }

    /// Writes the chosen figure to path and remembers the choices; false
    /// with the reason in *error (naming the file) when it cannot.
    bool exportTo(const QString &path, QString *error);

private:
    void updatePreview();
    void updateSizeNote();
    void chooseFileAndSave();

    FigureState m_state;
    QComboBox *m_figure;
    QComboBox *m_preset;
    QComboBox *m_format;
    QSpinBox *m_dpi;
    QLabel *m_preview;
    QLabel *m_sizeNote;
    QImage m_previewImage;
};

} // namespace netbetti
