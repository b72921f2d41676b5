#include "window/SeedActions.h"

#include "editor/ExperimentPanel.h"
#include "experiment/SeedSet.h"
#include "plots/BettiView.h"
#include "run/LogPanel.h"
#include "run/TrainSeedsDialog.h"
#include "window/MainWindow.h"

#include <QStatusBar>

namespace netbetti {

TrainSeedsDialog *trainSeeds(MainWindow *window)
{
    if (!window->experimentPanel()->isValid()) {
        window->logPanel()->error(window->experimentPanel()->validationMessage());
        return nullptr;
    }
    auto *dialog = new TrainSeedsDialog(window->experimentPanel()->spec(), window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &TrainSeedsDialog::logLine, window->logPanel(), &LogPanel::info);
    QObject::connect(dialog, &TrainSeedsDialog::seedSetTrained, window,
                     [window](const QString &folder, bool, const QString &message) {
                         window->logPanel()->info(QObject::tr("seed set %1: %2").arg(folder, message));
                         showSeedSet(window, folder);
                     });
    dialog->show();
    return dialog;
}

bool showSeedSet(MainWindow *window, const QString &dir)
{
    BettiView *betti = window->bettiView();
    SeedSet set;
    try {
        set = SeedSet::read(dir);
    } catch (const std::exception &e) {
        const QString message = QString::fromUtf8(e.what());
        window->logPanel()->error(message);
        window->statusBar()->showMessage(message);
        return false;
    }
    if (!window->openRunAsking(set.firstFinished()))
        return false;
    BettiView::Options options = betti->options();
    options.seedSets = {{dir, std::make_shared<const SeedSet>(std::move(set))}};
    options.showRun = false;
    betti->setOptions(options);
    for (const QString &line : options.seedSets.front().set->problems())
        window->logPanel()->error(QObject::tr("%1: left out of the band: %2").arg(dir, line));
    return true;
}

} // namespace netbetti
