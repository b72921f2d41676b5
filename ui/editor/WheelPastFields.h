#pragma once
// A form in a scroll area scrolls under the wheel: its combo and spin boxes
// take the wheel only once they have the focus (a scroll through the
// Experiment panel had turned the activation into sigmoid).

#include <QObject>

class QScrollArea;

namespace netbetti {

class WheelPastFields : public QObject
{
public:
    /// Watches every combo and spin box in scroll's widget (made by then).
    explicit WheelPastFields(QScrollArea *scroll);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QScrollArea *m_scroll;
};

} // namespace netbetti
