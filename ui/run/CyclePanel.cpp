#include "run/CyclePanel.h"

#include "model/Architecture.h"
#include "run/CycleSelection.h"
#include "run/RunModel.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace netbetti {

CyclePanel::CyclePanel(RunModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_status(new QLabel)
    , m_list(new QListWidget)
    , m_copy(new QPushButton(tr("Copy")))
{
    m_status->setObjectName(QStringLiteral("cycleStatus"));
    m_status->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("cycleNeurons"));
    m_copy->setObjectName(QStringLiteral("copyCycle"));
    m_copy->setToolTip(tr("Copy the neurons as layer,unit lines"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_copy, 0, Qt::AlignRight);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(
            QStringLiteral("layer,unit\n") + lines().join(QLatin1Char('\n')));
    });
    for (auto signal : { &RunModel::runReset, &RunModel::selectionChanged })
        connect(m_model, signal, this, &CyclePanel::refresh);
    connect(m_model, &RunModel::currentEpochChanged, this, &CyclePanel::refresh);
    connect(m_model, &RunModel::epochAdded, this, &CyclePanel::refresh);
    refresh();
}

QStringList CyclePanel::lines() const
{
    QStringList out;
    for (int i = 0; i < m_list->count(); ++i)
        out << m_list->item(i)->data(Qt::UserRole).toString();
    return out;
}

QString CyclePanel::status() const
{
    return m_status->text();
}

void CyclePanel::refresh()
{
    m_list->clear();
    const SelectedCycle c = selectedCycle(*m_model);
    m_copy->setEnabled(c.cycle.has_value());
    if (!c.cycle) {
        m_status->setText(c.why);
        return;
    }
    const auto& bar = *m_model->selectedClass();
    m_status->setText(tr("H%1 class [%2, %3), epoch %4: %5 neurons, %6 simplices (%7)")
                          .arg(bar.dim)
                          .arg(bar.birth, 0, 'g', 4)
                          .arg(bar.isInfinite() ? QStringLiteral("∞") : QString::number(bar.death, 'g', 4))
                          .arg(m_model->currentEpoch())
                          .arg(c.neurons.size())
                          .arg(c.cycle->simplices.size())
                          .arg(neuronsPerLayer(*m_model, c.neurons)));
    const int layers = int(m_model->spec().model.layers.size());
    for (int v : c.neurons) {
        const NeuronId& id = m_model->neurons()[size_t(v)];
        auto* item = new QListWidgetItem(QStringLiteral("%1  (layer %2, unit %3)")
                                             .arg(neuronLabel(id, layers))
                                             .arg(id.layer)
                                             .arg(id.unit));
        item->setData(Qt::UserRole, QStringLiteral("%1,%2").arg(id.layer).arg(id.unit));
        m_list->addItem(item);
    }
}

} // namespace netbetti
