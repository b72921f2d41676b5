#include "run/LogPanel.h"

#include <QTime>

namespace netbetti {

LogPanel::LogPanel(QWidget *parent) : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setMaximumBlockCount(5000);
    setPlaceholderText(tr("Runs, analysis errors and opened files are logged here."));
}

void LogPanel::info(const QString &message)
{
    append(QString(), message);
}

void LogPanel::error(const QString &message)
{
    ++m_errors;
    append(tr("error: "), message);
}

int LogPanel::errorCount() const
{
    return m_errors;
}

void LogPanel::append(const QString &prefix, const QString &message)
{
    appendPlainText(QTime::currentTime().toString(QStringLiteral("HH:mm:ss  ")) + prefix + message);
}

} // namespace netbetti
