#pragma once
// Moves every panel to an epoch: a slider over the analysed epochs, a spin
// box for the epoch number, and "Follow" to track the newest epoch while
// training (turned off as soon as the user scrubs away).

#include <QWidget>

class QCheckBox;
class QLabel;
class QSlider;
class QSpinBox;

namespace netbetti {

class RunModel;

class EpochScrubber : public QWidget
{
    Q_OBJECT
public:
    explicit EpochScrubber(RunModel *model, QWidget *parent = nullptr);
    QSlider *slider() const;
    QSpinBox *spinBox() const;
    QCheckBox *followBox() const;

private:
    void rebuild();
    void showEpoch(int epoch);
    void userChoseIndex(int index);
    void userChoseEpoch(int epoch);

    RunModel *m_model;
    QSlider *m_slider;
    QSpinBox *m_spin;
    QCheckBox *m_follow;
    QLabel *m_label;
    std::vector<int> m_epochs;
    bool m_updating = false;
};

} // namespace netbetti
