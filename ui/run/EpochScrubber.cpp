#include "run/EpochScrubber.h"

#include "run/RunModel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>
#include <algorithm>

namespace netbetti {

EpochScrubber::EpochScrubber(RunModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_slider(new QSlider(Qt::Horizontal, this)), m_spin(new QSpinBox(this)),
      m_follow(new QCheckBox(tr("Follow newest"), this)), m_label(new QLabel(tr("Epoch"), this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->addWidget(m_label);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_spin);
    layout->addWidget(m_follow);
    m_slider->setMinimumWidth(240);
    m_slider->setTickPosition(QSlider::TicksBelow);
    m_spin->setKeyboardTracking(false); // "12" is not first epoch 1 on the way
    m_spin->setToolTip(tr("The epoch every panel shows (0: the network at initialisation)"));
    m_slider->setToolTip(m_spin->toolTip());
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Show each new epoch as soon as it is analysed"));

    connect(m_slider, &QSlider::valueChanged, this, &EpochScrubber::userChoseIndex);
    connect(m_spin, qOverload<int>(&QSpinBox::valueChanged), this, &EpochScrubber::userChoseEpoch);
    connect(m_follow, &QCheckBox::toggled, model, &RunModel::setFollowLatest);
    connect(model, &RunModel::followLatestChanged, m_follow, &QCheckBox::setChecked);
    connect(model, &RunModel::runReset, this, &EpochScrubber::rebuild);
    connect(model, &RunModel::epochAdded, this, &EpochScrubber::rebuild);
    connect(model, &RunModel::currentEpochChanged, this, &EpochScrubber::showEpoch);
    rebuild();
}

QSlider *EpochScrubber::slider() const
{
    return m_slider;
}

QSpinBox *EpochScrubber::spinBox() const
{
    return m_spin;
}

QCheckBox *EpochScrubber::followBox() const
{
    return m_follow;
}

void EpochScrubber::rebuild()
{
    m_epochs = m_model->analysedEpochs();
    m_updating = true;
    m_slider->setRange(0, std::max(0, int(m_epochs.size()) - 1));
    m_spin->setRange(m_epochs.empty() ? 0 : m_epochs.front(), m_epochs.empty() ? 0 : m_epochs.back());
    m_updating = false;
    setEnabled(!m_epochs.empty());
    m_follow->setChecked(m_model->followsLatest());
    showEpoch(m_model->currentEpoch());
}

void EpochScrubber::showEpoch(int epoch)
{
    const auto it = std::find(m_epochs.begin(), m_epochs.end(), epoch);
    if (it == m_epochs.end())
        return;
    m_updating = true;
    m_slider->setValue(int(it - m_epochs.begin()));
    m_spin->setValue(epoch);
    m_updating = false;
}

void EpochScrubber::userChoseIndex(int index)
{
    if (m_updating || index < 0 || index >= int(m_epochs.size()))
        return;
    userChoseEpoch(m_epochs[size_t(index)]);
}

void EpochScrubber::userChoseEpoch(int epoch)
{
    if (m_updating || m_epochs.empty())
        return;
    // Snap to the nearest analysed epoch (with "every" > 1 some have no diagram).
    const auto nearest = std::min_element(m_epochs.begin(), m_epochs.end(),
                                          [epoch](int a, int b) { return std::abs(a - epoch) < std::abs(b - epoch); });
    if (*nearest != m_epochs.back())
        m_model->setFollowLatest(false);
    m_model->setCurrentEpoch(*nearest);
    showEpoch(*nearest);
}

} // namespace netbetti
