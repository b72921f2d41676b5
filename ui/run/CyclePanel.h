#pragma once
// The selected class's cycle as a list of (layer, unit), with a Copy
// button; its placeholder says why there is none. A function of the model's
// state (run, epoch, selection).

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace netbetti {

class RunModel;

class CyclePanel : public QWidget
{
    Q_OBJECT
public:
    explicit CyclePanel(RunModel *model, QWidget *parent = nullptr);
    /// The lines listed (and copied): "layer,unit" per neuron.
    QStringList lines() const;
    QString status() const;
    QPushButton *copyButton() const { return m_copy; }

private:
    void refresh();

    RunModel *m_model;
    QLabel *m_status;
    QListWidget *m_list;
    QPushButton *m_copy;
};

} // namespace netbetti
