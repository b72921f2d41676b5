#pragma once
// A File › Open Recent submenu. It is rebuilt from its list each time it
// opens, so it shows what is on disk now; "Clear Menu" forgets the list.

#include <QMenu>
#include <functional>

namespace netbetti {

class RecentMenu : public QMenu
{
    Q_OBJECT
public:
    RecentMenu(const QString &title, std::function<QStringList()> list, std::function<void()> clear,
               QWidget *parent = nullptr);

    /// Rebuilds the entries from the list (done whenever the menu opens).
    void refresh();

Q_SIGNALS:
    void chosen(const QString &path);

private:
    std::function<QStringList()> m_list;
    std::function<void()> m_clear;
};

} // namespace netbetti
