#pragma once
// The experiment as a form: dataset, layer widths (typed, or drawn in the
// architecture editor), training and analysis settings, and the run
// buttons. Every edit is checked by the same parser as spec files; a valid
// one becomes an undoable edit of the document, a bad value is named next
// to the form, its field is marked, Train is disabled with the reason in
// its tooltip, and the document keeps its last valid spec.

#include "experiment/ExperimentSpec.h"

#include <QWidget>
#include <map>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace netbetti {

class ArchitectureEditor;
class DatasetPreview;
class ExperimentDocument;

class ExperimentPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ExperimentPanel(ExperimentDocument *document, QWidget *parent = nullptr);

    /// Makes `spec` the experiment: an undoable edit of the document.
    void setSpec(const ExperimentSpec &spec);
    /// The form's spec; valid only when isValid().
    ExperimentSpec spec() const;
    bool isValid() const;
    QString validationMessage() const;
    /// Buttons follow the run: Train while idle, Pause/Step/Stop while running.
    void setRunning(bool running, bool paused = false);

    QPushButton *trainButton() const { return m_train; }
    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *stepButton() const { return m_step; }
    QPushButton *stopButton() const { return m_stop; }
    QLineEdit *layersEdit() const { return m_layers; }
    ArchitectureEditor *architectureEditor() const { return m_architecture; }
    DatasetPreview *datasetPreview() const { return m_preview; }
    /// Makes a CSV file the dataset, the input and output layers following
    /// its columns and classes; a file that does not read is refused with
    /// its error (naming the line) and nothing changes.
    bool importCsv(const QString &path);

Q_SIGNALS:
    void trainRequested(const netbetti::ExperimentSpec &spec);
    void pauseToggled(bool paused);
    void stepRequested();
    void stopRequested();

private:
    /// Shows the document's spec in the form (no edit).
    void showSpec(const ExperimentSpec &spec);
    void loadForm(const ExperimentSpec &spec);
    QJsonObject formToJson() const;
    /// Parses the form; a valid result is pushed to the document as an edit of `field`.
    void formEdited(QObject *field);
    void validate();
    void datasetChanged();
    QWidget *widgetForField(const QString &field) const;
    struct CsvShape
    {
        int dim = 0, classes = 0;
        qint64 points = -1; ///< the IDX files' images, the most samples may ask; -1 unbounded
        QString error; ///< the file does not read: why, naming the line (or the field)
    };
    CsvShape csvShape(const QString &path) const;
    /// The dataset's input dimension and classes: the spec's, or its files'.
    CsvShape dataShape(const DatasetSpec &dataset) const;
    /// The dataset as the form shows it (for the layers to follow it while typing).
    DatasetSpec formDataset() const;

    QLineEdit *m_name;
    QSpinBox *m_seed;
    QComboBox *m_kind;
    QSpinBox *m_dim, *m_samples, *m_classes;
    QDoubleSpinBox *m_noise, *m_testFraction;
    QLineEdit *m_csvPath;
    QLineEdit *m_images, *m_labels, *m_testImages, *m_testLabels; ///< the "idx" kind's files
    QLineEdit *m_layers;
    ArchitectureEditor *m_architecture;
    DatasetPreview *m_preview;
    QComboBox *m_activation;
    QSpinBox *m_epochs, *m_batch;
    QComboBox *m_optimizer;
    QDoubleSpinBox *m_learningRate;
    QComboBox *m_neurons, *m_metric, *m_output, *m_probe, *m_engine;
    QSpinBox *m_maxDim, *m_coefficients, *m_every, *m_threads, *m_cycles;
    QCheckBox *m_useThreshold;
    QDoubleSpinBox *m_threshold;
    QLabel *m_message;
    QPushButton *m_train, *m_pause, *m_step, *m_stop;

    ExperimentDocument *m_document;
    ExperimentSpec m_spec;
    mutable std::map<QString, std::pair<QString, CsvShape>> m_csvShapes; // path → (file stamp, shape)
    QString m_error;
    bool m_running = false;
    bool m_loading = false;
};

} // namespace netbetti
