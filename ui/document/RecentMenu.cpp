#include "document/RecentMenu.h"

#include <QDir>
#include <QFileInfo>

namespace netbetti {

RecentMenu::RecentMenu(const QString &title, std::function<QStringList()> list, std::function<void()> clear,
                       QWidget *parent)
    : QMenu(title, parent), m_list(std::move(list)), m_clear(std::move(clear))
{
    connect(this, &QMenu::aboutToShow, this, &RecentMenu::refresh);
    refresh();
}

void RecentMenu::refresh()
{
    clear();
    const QStringList paths = m_list();
    for (int i = 0; i < paths.size(); ++i) {
        const QString path = paths[i];
        // "&1 name" gives keyboard access; the whole path says which one.
        QAction *action = addAction(QStringLiteral("&%1  %2").arg((i + 1) % 10).arg(QFileInfo(path).fileName()));
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] { Q_EMIT chosen(path); });
    }
    if (paths.isEmpty())
        addAction(tr("(none)"))->setEnabled(false);
    addSeparator();
    QAction *forget = addAction(tr("&Clear Menu"), this, [this] {
        m_clear();
        refresh();
    });
    forget->setEnabled(!paths.isEmpty());
    setToolTipsVisible(true);
}

} // namespace netbetti
