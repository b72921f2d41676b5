#include "editor/ExperimentPanel.h"

#include "plots/RunNames.h"

#include "window/Appearance.h"
#include "editor/ArchitectureEditor.h"
#include "editor/DatasetPreview.h"
#include "editor/WheelPastFields.h"
#include "Error.h"
#include "document/ExperimentDocument.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>
#include <tuple>

namespace netbetti {

namespace {

QSpinBox *spin(int min, int max, QWidget *parent)
{
    auto *s = new QSpinBox(parent);
    s->setRange(min, max);
    s->setAccelerated(true);
    return s;
}

QDoubleSpinBox *doubleSpin(double min, double max, int decimals, double step, QWidget *parent)
{
    auto *s = new QDoubleSpinBox(parent);
    s->setRange(min, max);
    s->setDecimals(decimals);
    s->setSingleStep(step);
    return s;
}

QComboBox *combo(const QStringList &items, QWidget *parent)
{
    auto *c = new QComboBox(parent);
    c->addItems(items);
    return c;
}

/// The label of the form row that holds `w` (alone or in a row of widgets).
QString fieldLabel(QWidget *w)
{
    auto *form = w ? qobject_cast<QFormLayout *>(w->parentWidget()->layout()) : nullptr;
    for (int row = 0; form && row < form->rowCount(); ++row) {
        QLayoutItem *field = form->itemAt(row, QFormLayout::FieldRole);
        QLayoutItem *label = form->itemAt(row, QFormLayout::LabelRole);
        if (field && label && (field->widget() == w || (field->layout() && field->layout()->indexOf(w) >= 0)))
            if (auto *text = qobject_cast<QLabel *>(label->widget()))
                return text->text();
    }
    return QObject::tr("settings");
}

QString layersToText(const std::vector<int> &layers)
{
    QStringList parts;
    for (int w : layers)
        parts << QString::number(w);
    return parts.join(QLatin1Char('-'));
}

} // namespace

ExperimentPanel::ExperimentPanel(ExperimentDocument *document, QWidget *parent)
    : QWidget(parent), m_document(document)
{
    auto *content = new QWidget;
    auto *column = new QVBoxLayout(content);

    auto *general = new QGroupBox(tr("Experiment"), content);
    auto *generalForm = new QFormLayout(general);
    m_name = new QLineEdit(general);
    m_seed = spin(0, 1'000'000'000, general);
    generalForm->addRow(tr("Name"), m_name);
    generalForm->addRow(tr("Seed"), m_seed);
    column->addWidget(general);

    // The network first: it is what users come to change.
    auto *net = new QGroupBox(tr("Network"), content);
    auto *netForm = new QFormLayout(net);
    m_layers = new QLineEdit(net);
    m_layers->setToolTip(tr("Layer widths from input to output, e.g. 4-64-64-2. The first and last "
                            "follow the dataset's dimension and number of classes."));
    m_activation = combo(activationNames(), net);
    m_architecture = new ArchitectureEditor(document, net);
    netForm->addRow(m_architecture);
    netForm->addRow(tr("Layers"), m_layers);
    netForm->addRow(tr("Activation"), m_activation);
    column->addWidget(net);

    auto *data = new QGroupBox(tr("Dataset"), content);
    auto *dataForm = new QFormLayout(data);
    m_kind = combo(datasetKinds(), data);
    m_dim = spin(1, 4096, data);
    m_samples = spin(2, 10'000'000, data);
    m_samples->setSingleStep(100);
    m_testFraction = doubleSpin(0.001, 0.999, 3, 0.05, data);
    m_noise = doubleSpin(0.0, 100.0, 3, 0.01, data);
    m_classes = spin(2, 1000, data);
    m_csvPath = new QLineEdit(data);
    m_csvPath->setPlaceholderText(tr("path of a CSV file (last column: the class)"));
    dataForm->addRow(tr("Kind"), m_kind);
    dataForm->addRow(tr("Dimension"), m_dim);
    dataForm->addRow(tr("Samples"), m_samples);
    dataForm->addRow(tr("Test fraction"), m_testFraction);
    dataForm->addRow(tr("Noise"), m_noise);
    dataForm->addRow(tr("Classes"), m_classes);
    auto *browse = new QToolButton(data);
    browse->setText(tr("Import…"));
    browse->setToolTip(tr("Read a CSV file of points (numeric columns, the last one the class)"));
    auto *csvRow = new QHBoxLayout;
    csvRow->addWidget(m_csvPath, 1);
    csvRow->addWidget(browse);
    dataForm->addRow(tr("CSV file"), csvRow);
    // The "idx" kind's files, each typed or chosen.
    for (auto [edit, label, hint] : {std::tuple{&m_images, tr("Images"), tr("IDX file of the images (gzip or plain)")},
                                     std::tuple{&m_labels, tr("Labels"), tr("IDX file of their labels")},
                                     std::tuple{&m_testImages, tr("Test images"), tr("optional: else the test fraction splits")},
                                     std::tuple{&m_testLabels, tr("Test labels"), tr("optional, with the test images")}}) {
        QLineEdit *field = *edit = new QLineEdit(data);
        field->setPlaceholderText(hint);
        auto *choose = new QToolButton(data);
        choose->setText(tr("…"));
        choose->setToolTip(tr("Choose the file"));
        auto *row = new QHBoxLayout;
        row->addWidget(field, 1);
        row->addWidget(choose);
        dataForm->addRow(label, row);
        connect(choose, &QToolButton::clicked, this, [this, field, label = label] {
            const QString path = QFileDialog::getOpenFileName(
                this, label, field->text(), tr("IDX files (*-ubyte *-ubyte.gz *.idx *.idx.gz *.gz);;All files (*)"));
            if (!path.isEmpty())
                field->setText(path);
        });
        connect(field, &QLineEdit::textChanged, this, [this, field] { datasetChanged(); formEdited(field); });
    }
    m_preview = new DatasetPreview(data);
    dataForm->addRow(m_preview);
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import a CSV dataset"), m_csvPath->text(),
                                                          tr("CSV files (*.csv *.txt *.tsv);;All files (*)"));
        if (!path.isEmpty())
            importCsv(path);
    });
    column->addWidget(data);

    auto *training = new QGroupBox(tr("Training"), content);
    auto *trainingForm = new QFormLayout(training);
    m_epochs = spin(0, 1'000'000, training);
    m_batch = spin(1, 1'000'000, training);
    m_optimizer = combo(optimizerNames(), training);
    m_learningRate = doubleSpin(0.000001, 10.0, 6, 0.0005, training);
    trainingForm->addRow(tr("Epochs"), m_epochs);
    trainingForm->addRow(tr("Batch size"), m_batch);
    trainingForm->addRow(tr("Optimizer"), m_optimizer);
    trainingForm->addRow(tr("Learning rate"), m_learningRate);
    column->addWidget(training);

    auto *analysis = new QGroupBox(tr("Analysis"), content);
    auto *analysisForm = new QFormLayout(analysis);
    m_neurons = combo({QStringLiteral("hidden+output"), QStringLiteral("hidden"), QStringLiteral("all")}, analysis);
    m_metric = new QComboBox(analysis); // in words; the spec's name is the item's data
    for (const QString &name : metricNames())
        m_metric->addItem(metricWords(name), name);
    m_output = combo({QStringLiteral("softmax"), QStringLiteral("logits")}, analysis);
    m_probe = combo({QStringLiteral("test"), QStringLiteral("train"), QStringLiteral("all")}, analysis);
    m_maxDim = spin(0, kMaxHomologyDim, analysis);
    m_useThreshold = new QCheckBox(tr("stop at"), analysis);
    m_threshold = doubleSpin(0.001, 10.0, 3, 0.05, analysis);
    auto *thresholdRow = new QHBoxLayout;
    thresholdRow->addWidget(m_useThreshold);
    thresholdRow->addWidget(m_threshold, 1);
    m_coefficients = spin(2, 65521, analysis);
    m_every = spin(1, 1'000'000, analysis);
    m_engine = combo({QStringLiteral("netbetti"), QStringLiteral("ripser")}, analysis);
    m_threads = spin(0, 256, analysis);
    m_threads->setSpecialValueText(tr("one per core"));
    m_cycles = spin(0, 1'000'000, analysis);
    m_cycles->setObjectName(QStringLiteral("cyclesBox"));
    m_cycles->setSpecialValueText(tr("off"));
    m_cycles->setToolTip(tr("Representative cycles (cycles.json) of the most persistent classes of each "
                            "dimension, shown on the neurons when a bar is selected; live runs give H₂ "
                            "and up the most persistent class only"));
    analysisForm->addRow(tr("Neurons"), m_neurons);
    analysisForm->addRow(tr("Metric"), m_metric);
    analysisForm->addRow(tr("Output values"), m_output);
    analysisForm->addRow(tr("Probe set"), m_probe);
    analysisForm->addRow(tr("Max dimension"), m_maxDim);
    analysisForm->addRow(tr("Threshold"), thresholdRow);
    analysisForm->addRow(tr("Coefficients Z/p"), m_coefficients);
    analysisForm->addRow(tr("Analyse every"), m_every);
    analysisForm->addRow(tr("Engine"), m_engine);
    analysisForm->addRow(tr("Engine threads"), m_threads);
    analysisForm->addRow(tr("Cycles per dimension"), m_cycles);
    column->addWidget(analysis);
    column->addStretch(1);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    new WheelPastFields(scroll);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setVisible(false);

    m_train = new QPushButton(tr("Train"), this);
    m_train->setDefault(true);
    m_pause = new QPushButton(tr("Pause"), this);
    m_pause->setCheckable(true);
    m_step = new QPushButton(tr("Step"), this);
    m_step->setToolTip(tr("Train one more epoch, then pause"));
    m_stop = new QPushButton(tr("Stop"), this);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_train, m_pause, m_step, m_stop})
        buttons->addWidget(b);

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(4, 4, 4, 4);
    outer->addWidget(scroll, 1);
    outer->addWidget(m_message);
    outer->addLayout(buttons);

    connect(m_train, &QPushButton::clicked, this, [this] {
        if (isValid())
            Q_EMIT trainRequested(m_spec);
    });
    connect(m_pause, &QPushButton::toggled, this, &ExperimentPanel::pauseToggled);
    connect(m_step, &QPushButton::clicked, this, &ExperimentPanel::stepRequested);
    connect(m_stop, &QPushButton::clicked, this, &ExperimentPanel::stopRequested);

    for (QSpinBox *s : {m_seed, m_samples, m_epochs, m_batch, m_maxDim, m_coefficients, m_every, m_threads, m_cycles})
        connect(s, qOverload<int>(&QSpinBox::valueChanged), this, [this, s] { formEdited(s); });
    for (QDoubleSpinBox *s : {m_noise, m_testFraction, m_learningRate, m_threshold})
        connect(s, qOverload<double>(&QDoubleSpinBox::valueChanged), this, [this, s] { formEdited(s); });
    for (QComboBox *c : {m_activation, m_optimizer, m_neurons, m_metric, m_output, m_probe, m_engine})
        connect(c, &QComboBox::currentTextChanged, this, [this, c] { formEdited(c); });
    for (QLineEdit *e : {m_name, m_layers})
        connect(e, &QLineEdit::textChanged, this, [this, e] { formEdited(e); });
    // A typed CSV path moves the input and output layers once the file reads.
    connect(m_csvPath, &QLineEdit::textChanged, this, [this] { datasetChanged(); formEdited(m_csvPath); });
    connect(m_useThreshold, &QCheckBox::toggled, this, [this] { formEdited(m_threshold); });
    connect(m_kind, &QComboBox::currentTextChanged, this, [this] { datasetChanged(); formEdited(m_kind); });
    connect(m_dim, qOverload<int>(&QSpinBox::valueChanged), this, [this] { datasetChanged(); formEdited(m_dim); });
    connect(m_classes, qOverload<int>(&QSpinBox::valueChanged), this,
            [this] { datasetChanged(); formEdited(m_classes); });

    connect(m_document, &ExperimentDocument::specChanged, this, &ExperimentPanel::showSpec);
    connect(m_document, &ExperimentDocument::specChanged, this,
            [this](const ExperimentSpec &spec) { m_preview->showDataset(spec.dataset, spec.seed); });
    m_preview->showDataset(m_document->spec().dataset, m_document->spec().seed);
    m_spec = m_document->spec();
    loadForm(m_spec);
    setRunning(false);
}

void ExperimentPanel::setSpec(const ExperimentSpec &spec)
{
    if (sameSpec(spec, m_document->spec()))
        loadForm(spec); // nothing to undo, but the form drops what it was typing
    else
        m_document->edit(spec, tr("Load experiment “%1”").arg(spec.name));
}

void ExperimentPanel::showSpec(const ExperimentSpec &spec)
{
    // The form's own edits come back here: reloading would move the cursor
    // out of the field being typed in.
    if (m_error.isEmpty() && sameSpec(spec, m_spec))
        return;
    loadForm(spec);
}

void ExperimentPanel::loadForm(const ExperimentSpec &spec)
{
    m_loading = true;
    m_name->setText(spec.name);
    m_seed->setValue(int(spec.seed));
    m_kind->setCurrentText(spec.dataset.kind);
    m_dim->setValue(spec.dataset.dim);
    m_samples->setValue(spec.dataset.samples);
    m_testFraction->setValue(spec.dataset.testFraction);
    m_noise->setValue(spec.dataset.noise);
    m_classes->setValue(spec.dataset.classes);
    m_csvPath->setText(spec.dataset.path);
    m_images->setText(spec.dataset.images);
    m_labels->setText(spec.dataset.labels);
    m_testImages->setText(spec.dataset.testImages);
    m_testLabels->setText(spec.dataset.testLabels);
    m_layers->setText(layersToText(spec.model.layers));
    m_activation->setCurrentText(spec.model.activation);
    m_epochs->setValue(spec.training.epochs);
    m_batch->setValue(spec.training.batchSize);
    m_optimizer->setCurrentText(spec.training.optimizer);
    m_learningRate->setValue(spec.training.learningRate);
    // A list of layers from a spec file is offered as a fourth choice, so
    // that the form never turns it into something else.
    while (m_neurons->count() > 3)
        m_neurons->removeItem(3);
    if (spec.analysis.neurons == QLatin1String("layers")) {
        QStringList indices;
        QVariantList layers;
        for (int l : spec.analysis.layers) {
            indices << QString::number(l);
            layers << l;
        }
        m_neurons->addItem(tr("layers %1").arg(indices.join(QStringLiteral(", "))), layers);
        m_neurons->setCurrentIndex(3);
    } else {
        m_neurons->setCurrentText(spec.analysis.neurons);
    }
    m_metric->setCurrentIndex(m_metric->findData(spec.analysis.metric));
    m_output->setCurrentText(spec.analysis.output);
    m_probe->setCurrentText(spec.analysis.probe);
    m_maxDim->setValue(spec.analysis.maxDim);
    m_useThreshold->setChecked(spec.analysis.threshold.has_value());
    m_threshold->setValue(spec.analysis.threshold.value_or(0.5));
    m_coefficients->setValue(spec.analysis.coefficients);
    m_every->setValue(spec.analysis.every);
    m_engine->setCurrentText(spec.analysis.engine);
    m_threads->setValue(spec.analysis.threads);
    m_cycles->setValue(spec.analysis.cycles);
    datasetChanged();
    m_spec = spec;
    validate();
    m_loading = false;
}

ExperimentSpec ExperimentPanel::spec() const
{
    return m_spec;
}

bool ExperimentPanel::isValid() const
{
    return m_error.isEmpty();
}

QString ExperimentPanel::validationMessage() const
{
    return m_error;
}

void ExperimentPanel::setRunning(bool running, bool paused)
{
    m_running = running;
    m_train->setEnabled(!running && isValid());
    m_pause->setEnabled(running);
    m_step->setEnabled(running);
    m_stop->setEnabled(running);
    const QSignalBlocker block(m_pause);
    m_pause->setChecked(running && paused);
    m_pause->setText(running && paused ? tr("Resume") : tr("Pause"));
}

void ExperimentPanel::datasetChanged()
{
    const QString kind = m_kind->currentText();
    const bool planar = isPlanarKind(kind), files = isFileKind(kind), idx = kind == QLatin1String("idx");
    if (planar && m_dim->value() != 2) {
        const QSignalBlocker block(m_dim);
        m_dim->setValue(2);
    }
    m_dim->setEnabled(!planar && !files);
    m_noise->setEnabled(!files);
    m_classes->setEnabled(kind == QLatin1String("blobs"));
    m_csvPath->setEnabled(kind == QLatin1String("csv"));
    for (QLineEdit *e : {m_images, m_labels, m_testImages, m_testLabels})
        e->setEnabled(idx);
    // With test files, they are the test set: the fraction does not apply.
    const bool testFiles = kind == QLatin1String("fashion-mnist") || (idx && !m_testImages->text().isEmpty());
    m_testFraction->setEnabled(!testFiles);
    m_testFraction->setToolTip(testFiles ? tr("The test images are the test set, drawn in the files' proportion")
                                         : tr("The share of the samples held out for testing"));
    // The input and output layers follow the dataset (a loaded spec says
    // what it says, and is checked against its dataset in validate()).
    const CsvShape shape = m_loading ? CsvShape{} : dataShape(formDataset());
    if (shape.error.isEmpty() && !m_loading) {
        QStringList parts = m_layers->text().split(QLatin1Char('-'));
        if (parts.size() >= 2) {
            parts.first() = QString::number(shape.dim);
            parts.last() = QString::number(shape.classes);
            const QSignalBlocker block(m_layers);
            m_layers->setText(parts.join(QLatin1Char('-')));
        }
    }
}

QJsonObject ExperimentPanel::formToJson() const
{
    QJsonArray layers;
    for (const QString &part : m_layers->text().split(QLatin1Char('-'))) {
        bool ok = false;
        const double w = part.trimmed().toDouble(&ok);
        layers.append(ok ? QJsonValue(w) : QJsonValue(part.trimmed()));
    }
    QJsonObject dataset{{QStringLiteral("kind"), m_kind->currentText()},
                        {QStringLiteral("dim"), m_dim->value()},
                        {QStringLiteral("samples"), m_samples->value()},
                        {QStringLiteral("test_fraction"), m_testFraction->value()},
                        {QStringLiteral("noise"), m_noise->value()}};
    if (m_kind->currentText() == QLatin1String("blobs"))
        dataset.insert(QStringLiteral("classes"), m_classes->value());
    if (m_kind->currentText() == QLatin1String("csv"))
        dataset.insert(QStringLiteral("path"), m_csvPath->text());
    if (m_kind->currentText() == QLatin1String("idx")) {
        dataset.insert(QStringLiteral("images"), m_images->text());
        dataset.insert(QStringLiteral("labels"), m_labels->text());
        if (!m_testImages->text().isEmpty() || !m_testLabels->text().isEmpty()) {
            dataset.insert(QStringLiteral("test_images"), m_testImages->text());
            dataset.insert(QStringLiteral("test_labels"), m_testLabels->text());
        }
    }
    return {{QStringLiteral("name"), m_name->text()},
            {QStringLiteral("seed"), m_seed->value()},
            {QStringLiteral("dataset"), dataset},
            {QStringLiteral("model"),
             QJsonObject{{QStringLiteral("layers"), layers}, {QStringLiteral("activation"), m_activation->currentText()}}},
            {QStringLiteral("training"),
             QJsonObject{{QStringLiteral("epochs"), m_epochs->value()},
                         {QStringLiteral("batch_size"), m_batch->value()},
                         {QStringLiteral("optimizer"), m_optimizer->currentText()},
                         {QStringLiteral("learning_rate"), m_learningRate->value()}}},
            {QStringLiteral("analysis"),
             QJsonObject{{QStringLiteral("neurons"), m_neurons->currentIndex() == 3
                                                         ? QJsonValue(QJsonArray::fromVariantList(m_neurons->currentData().toList()))
                                                         : QJsonValue(m_neurons->currentText())},
                         {QStringLiteral("metric"), m_metric->currentData().toString()},
                         {QStringLiteral("output"), m_output->currentText()},
                         {QStringLiteral("probe"), m_probe->currentText()},
                         {QStringLiteral("max_dim"), m_maxDim->value()},
                         {QStringLiteral("threshold"),
                          m_useThreshold->isChecked() ? QJsonValue(m_threshold->value()) : QJsonValue()},
                         {QStringLiteral("coefficients"), m_coefficients->value()},
                         {QStringLiteral("every"), m_every->value()},
                         {QStringLiteral("engine"), m_engine->currentText()},
                         {QStringLiteral("threads"), m_threads->value() > 0 ? QJsonValue(m_threads->value()) : QJsonValue()},
                         {QStringLiteral("cycles"), m_cycles->value()}}}};
}

QWidget *ExperimentPanel::widgetForField(const QString &field) const
{
    const std::pair<const char *, QWidget *> fields[] = {
        {"model.layers", m_layers},         {"model.activation", m_activation},
        {"dataset.dim", m_dim},             {"dataset.samples", m_samples},
        {"dataset.path", m_csvPath},        {"dataset.classes", m_classes},
        {"dataset.noise", m_noise},         {"dataset.test_fraction", m_testFraction},
        {"training.", m_learningRate},      {"analysis.coefficients", m_coefficients},
        {"analysis.threshold", m_threshold},   {"analysis.engine", m_engine},
        {"analysis.threads", m_threads},      {"analysis.cycles", m_cycles},
        {"dataset.images", m_images},
        {"dataset.labels", m_labels},         {"dataset.test_images", m_testImages},
        {"dataset.test_labels", m_testLabels}};
    for (const auto &[prefix, widget] : fields)
        if (field.startsWith(QLatin1String(prefix)))
            return widget;
    return nullptr;
}

void ExperimentPanel::formEdited(QObject *field)
{
    if (m_loading)
        return;
    validate();
    if (!m_error.isEmpty())
        return; // the document keeps its last valid spec
    const QString name = fieldLabel(qobject_cast<QWidget *>(field));
    // Typing 1-2-8 in a field, or holding a spin box's arrow, is one step.
    m_document->edit(m_spec, tr("Change %1").arg(name), EditMerge::FormField,
                     QString::number(quintptr(field), 16));
}

void ExperimentPanel::validate()
{
    for (QWidget *w : findChildren<QWidget *>())
        if (w->property("invalid").toBool()) {
            w->setProperty("invalid", false);
            w->setStyleSheet(QString());
        }
    m_error.clear();
    try {
        if (!m_loading) // loading shows a spec as it is; editing reads it back from the form
            m_spec = ExperimentSpec::fromJson(QJsonDocument(formToJson()).toJson(), tr("settings"));
        const CsvShape data = dataShape(m_spec.dataset);
        if (!data.error.isEmpty())
            throw InputError(data.error);
        if (data.points >= 0 && m_spec.dataset.samples > data.points)
            throw InputError(tr("settings"), QStringLiteral("dataset.samples"), QString::number(m_spec.dataset.samples),
                             tr("the image files hold %1 images").arg(data.points));
        Dataset shape;
        shape.dim = data.dim;
        shape.classes = data.classes;
        m_spec.validateAgainst(shape, tr("settings"));
    } catch (const InputError &e) {
        m_error = QString::fromUtf8(e.what());
        QWidget *w = widgetForField(e.field());
        if (!w && m_spec.dataset.kind == QLatin1String("csv"))
            w = m_csvPath; // the file's own error, naming its line
        for (QLineEdit *file : {m_images, m_labels, m_testImages, m_testLabels})
            if (!w && m_spec.dataset.kind == QLatin1String("idx") && !file->text().isEmpty()
                && m_error.startsWith(file->text() + QLatin1Char(':')))
                w = file; // an IDX file's own error names it first
        if (w) {
            w->setProperty("invalid", true);
            // Dark text on the pink: readable in the light and the dark look.
            w->setStyleSheet(QStringLiteral("background: #fde0e0; color: #202020;"));
        }
    }
    // The colour of now: the look may have changed since the last edit.
    m_message->setStyleSheet(QStringLiteral("color: %1;").arg(errorTextColor(palette()).name()));
    m_message->setText(m_error);
    m_message->setVisible(!m_error.isEmpty());
    m_train->setToolTip(m_error.isEmpty() ? tr("Train this network and analyse every epoch") : m_error);
    m_train->setEnabled(!m_running && m_error.isEmpty());
}

ExperimentPanel::CsvShape ExperimentPanel::csvShape(const QString &path) const
{
    // Read once per version of the file: validation runs on every keystroke.
    const QFileInfo info(path);
    const QString stamp = info.lastModified().toString(Qt::ISODateWithMs) + QString::number(info.size());
    auto it = m_csvShapes.find(path);
    if (it != m_csvShapes.end() && it->second.first == stamp)
        return it->second.second;
    CsvShape shape;
    try {
        FeatureMatrix x;
        LabelVector y;
        readLabelledCsv(path, x, y, shape.classes);
        shape.dim = int(x.cols());
    } catch (const InputError &e) {
        shape.error = QString::fromUtf8(e.what());
    }
    m_csvShapes[path] = {stamp, shape};
    return shape;
}

ExperimentPanel::CsvShape ExperimentPanel::dataShape(const DatasetSpec &dataset) const
{
    if (dataset.kind == QLatin1String("csv"))
        return csvShape(dataset.path);
    // IDX files are read once per version by core (the images' inflating is
    // what takes time); the generators' shape is the spec's.
    try {
        const DatasetShape shape = datasetShape(dataset);
        return {shape.dim, shape.classes, shape.points, {}};
    } catch (const InputError &e) {
        return {0, 0, -1, QString::fromUtf8(e.what())};
    }
}

DatasetSpec ExperimentPanel::formDataset() const
{
    DatasetSpec d;
    d.kind = m_kind->currentText();
    d.dim = m_dim->value();
    d.classes = m_classes->value();
    d.path = m_csvPath->text();
    d.images = m_images->text();
    d.labels = m_labels->text();
    d.testImages = m_testImages->text();
    d.testLabels = m_testLabels->text();
    return d;
}

bool ExperimentPanel::importCsv(const QString &path)
{
    const CsvShape shape = csvShape(path);
    if (!shape.error.isEmpty()) {
        // Refused where it was asked for; the experiment stays as it was.
        m_message->setText(shape.error);
        m_message->setVisible(true);
        m_csvPath->setProperty("invalid", true);
        m_csvPath->setStyleSheet(QStringLiteral("background: #fde0e0;"));
        return false;
    }
    ExperimentSpec next = m_document->spec();
    next.dataset.kind = QStringLiteral("csv");
    next.dataset.path = path;
    next.dataset.dim = shape.dim;
    next.model.layers.front() = shape.dim;
    next.model.layers.back() = shape.classes;
    m_document->edit(next, tr("Import %1").arg(QFileInfo(path).fileName()));
    return true;
}

} // namespace netbetti
