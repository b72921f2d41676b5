#pragma once
// A log of what happened: runs started and finished, analysis errors per
// epoch, files opened. Errors stay here after the status bar moved on.

#include <QPlainTextEdit>

namespace netbetti {

class LogPanel : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit LogPanel(QWidget *parent = nullptr);
    void info(const QString &message);
    void error(const QString &message);
    int errorCount() const;

private:
    void append(const QString &prefix, const QString &message);
    int m_errors = 0;
};

} // namespace netbetti
