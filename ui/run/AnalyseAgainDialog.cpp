#include "run/AnalyseAgainDialog.h"


#include "Error.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace netbetti {

namespace {

QComboBox *choices(const QStringList &values, const QString &current, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    box->addItems(values);
    box->setCurrentText(current);
    return box;
}

} // namespace

AnalyseAgainDialog::AnalyseAgainDialog(const ExperimentSpec &run, QWidget *parent)
    : QDialog(parent), m_run(run)
{
    setWindowTitle(tr("Analyse Again With"));
    const AnalysisSpec &a = run.analysis;
    m_metric = choices(metricNames(), a.metric, this);
    m_neurons = choices({QStringLiteral("hidden+output"), QStringLiteral("hidden"), QStringLiteral("all")},
                        a.neurons == QLatin1String("layers") ? QStringLiteral("hidden+output") : a.neurons, this);
    m_output = choices({QStringLiteral("softmax"), QStringLiteral("logits")}, a.output, this);
    m_probe = choices({QStringLiteral("test"), QStringLiteral("train"), QStringLiteral("all")}, a.probe, this);
    m_coefficients = new QSpinBox(this);
    m_coefficients->setRange(2, 97);
    m_coefficients->setValue(a.coefficients);
    m_coefficients->setToolTip(tr("Homology over Z/p, p a prime (the torsion fixture differs over Z/2 and Z/3)"));
    m_maxDim = new QSpinBox(this);
    m_maxDim->setRange(0, kMaxHomologyDim);
    m_maxDim->setValue(a.maxDim);
    m_every = new QSpinBox(this);
    m_every->setRange(1, 1'000'000);
    m_every->setValue(a.every);
    m_useThreshold = new QCheckBox(tr("Stop at"), this);
    m_useThreshold->setChecked(a.threshold.has_value());
    m_threshold = new QDoubleSpinBox(this);
    m_threshold->setDecimals(4);
    m_threshold->setRange(0.0001, 2.0);
    m_threshold->setSingleStep(0.05);
    m_threshold->setValue(a.threshold.value_or(0.6));
    m_threshold->setEnabled(a.threshold.has_value());
    auto *threshold = new QHBoxLayout;
    threshold->addWidget(m_useThreshold);
    threshold->addWidget(m_threshold, 1);

    auto *form = new QFormLayout;
    form->addRow(tr("Metric:"), m_metric);
    form->addRow(tr("Coefficients Z/p, p:"), m_coefficients);
    form->addRow(tr("Highest dimension:"), m_maxDim);
    form->addRow(tr("Threshold:"), threshold);
    form->addRow(tr("Neurons:"), m_neurons);
    form->addRow(tr("Output values:"), m_output);
    form->addRow(tr("Probe set:"), m_probe);
    form->addRow(tr("Every k-th epoch:"), m_every);

    auto *note = new QLabel(tr("The run's saved networks are analysed again: nothing is trained. The new run "
                               "is shown, with this one overlaid on the Betti panel."),
                            this);
    note->setWordWrap(true);
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Analyse"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    for (QComboBox *box : {m_metric, m_neurons, m_output, m_probe})
        connect(box, &QComboBox::currentTextChanged, this, &AnalyseAgainDialog::check);
    for (QSpinBox *box : {m_coefficients, m_maxDim, m_every})
        connect(box, &QSpinBox::valueChanged, this, &AnalyseAgainDialog::check);
    connect(m_threshold, &QDoubleSpinBox::valueChanged, this, &AnalyseAgainDialog::check);
    connect(m_useThreshold, &QCheckBox::toggled, m_threshold, &QWidget::setEnabled);
    connect(m_useThreshold, &QCheckBox::toggled, this, &AnalyseAgainDialog::check);
    check();
}

QPushButton *AnalyseAgainDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QString AnalyseAgainDialog::problem() const
{
    return m_problem->text();
}

QJsonObject AnalyseAgainDialog::analysis() const
{
    return {{QStringLiteral("metric"), m_metric->currentText()},
            {QStringLiteral("coefficients"), m_coefficients->value()},
            {QStringLiteral("max_dim"), m_maxDim->value()},
            {QStringLiteral("threshold"), m_useThreshold->isChecked() ? QJsonValue(m_threshold->value()) : QJsonValue()},
            {QStringLiteral("neurons"), m_neurons->currentText()},
            {QStringLiteral("output"), m_output->currentText()},
            {QStringLiteral("probe"), m_probe->currentText()},
            {QStringLiteral("every"), m_every->value()}};
}

ExperimentSpec AnalyseAgainDialog::spec() const
{
    ExperimentSpec spec = m_run.withAnalysis(analysis(), tr("the form"));
    spec.name = analysedAgainName(m_run, spec);
    return spec;
}

void AnalyseAgainDialog::check()
{
    // The spec's own rules decide (a composite p, the output's values of a
    // net without an output layer analysed...): one place says what is valid.
    QString problem;
    try {
        spec();
    } catch (const InputError &e) {
        problem = QString::fromUtf8(e.what());
    }
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace netbetti
