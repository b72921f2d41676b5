#pragma once
// Run › Analyse Again With…: the analysis settings of a run, to analyse its
// saved networks again (another metric, field, dimension, neurons, probe)
// without training. The spec it returns differs from the run's only there.

#include "experiment/ExperimentSpec.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace netbetti {

class AnalyseAgainDialog : public QDialog
{
    Q_OBJECT
public:
    /// run: the spec of the run to analyse again, whose settings fill the form.
    explicit AnalyseAgainDialog(const ExperimentSpec &run, QWidget *parent = nullptr);

    /// The run's spec with the form's analysis; valid while OK is enabled.
    ExperimentSpec spec() const;
    /// The form's settings as fields of "analysis".
    QJsonObject analysis() const;

    QComboBox *metricBox() const { return m_metric; }
    QSpinBox *coefficientsBox() const { return m_coefficients; }
    QSpinBox *maxDimBox() const { return m_maxDim; }
    QComboBox *neuronsBox() const { return m_neurons; }
    QPushButton *okButton() const;
    /// Why the settings cannot be analysed (empty when they can).
    QString problem() const;

private:
    void check();

    ExperimentSpec m_run;
    QComboBox *m_metric, *m_neurons, *m_output, *m_probe;
    QSpinBox *m_coefficients, *m_maxDim, *m_every;
    QCheckBox *m_useThreshold;
    QDoubleSpinBox *m_threshold;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace netbetti
