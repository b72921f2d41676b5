#include "editor/WheelPastFields.h"

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QScrollArea>
#include <QScrollBar>

namespace netbetti {

WheelPastFields::WheelPastFields(QScrollArea *scroll) : QObject(scroll), m_scroll(scroll)
{
    for (QWidget *w : scroll->widget()->findChildren<QWidget *>())
        if (qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w)) {
            w->setFocusPolicy(Qt::StrongFocus); // not by the wheel
            w->installEventFilter(this);
        }
}

bool WheelPastFields::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::Wheel || static_cast<QWidget *>(watched)->hasFocus())
        return false;
    QCoreApplication::sendEvent(m_scroll->verticalScrollBar(), event);
    return true;
}

} // namespace netbetti
