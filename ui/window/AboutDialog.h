#pragma once
// Help › About: NetBetti's version and the versions of what it runs on (Qt,
// LibTorch, ripser): what a bug report or a paper's methods section needs.
// ripser has no --version, so its Debian package version is asked of
// dpkg-query in the background, with a time limit: the dialog never waits.

#include <QDialog>

class QLabel;
class QProcess;

namespace netbetti {

class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);
    ~AboutDialog() override;

    /// One line per component ("Qt: 6.4.2 …"), as the Copy button copies it.
    QString versionsText() const;
    /// False while dpkg-query is still being asked about ripser.
    bool ripserKnown() const { return m_ripserKnown; }

Q_SIGNALS:
    void ripserFound();

private:
    void findRipserVersion();
    void setRipser(const QString &text);

    QLabel *m_qt, *m_torch, *m_blas, *m_ripser;
    QProcess *m_dpkgQuery = nullptr;
    QString m_ripserProgram;
    bool m_ripserKnown = false;
};

} // namespace netbetti
