#include "window/CompareActions.h"

#include "plots/BettiView.h"
#include "run/CompareWindow.h"
#include "run/LogPanel.h"
#include "run/RunModel.h"
#include "window/MainWindow.h"
#include "window/Settings.h"

#include <QAction>
#include <QInputDialog>
#include <QMenu>

namespace netbetti {

namespace {

/// The shown run, read from its folder; false (and the reason logged) without one.
bool shownRun(MainWindow *window, ComparisonState *state)
{
    if (!window->model()->hasRun() || window->model()->folder().isEmpty()) {
        window->logPanel()->error(QObject::tr("Compare: open or train a run first."));
        return false;
    }
    try {
        state->runs = {readComparedRun(window->model()->folder())};
    } catch (const std::exception &e) {
        window->logPanel()->error(QString::fromUtf8(e.what()));
        return false;
    }
    return true;
}

void compareRuns(MainWindow *window)
{
    ComparisonState state;
    if (window->model()->hasRun() && !window->model()->folder().isEmpty())
        shownRun(window, &state);
    const QStringList folders =
        chooseRunFolders(window, QObject::tr("Runs to compare with %1").arg(window->model()->spec().name),
                         settings::lastRunFolder());
    if (folders.isEmpty())
        return;
    CompareWindow *compare = openCompareWindow(window, state);
    QString error;
    if (!compare->addRuns(folders, &error))
        window->logPanel()->error(error);
}

void compareWithOverlays(MainWindow *window)
{
    ComparisonState state;
    QString error;
    if (!shownRunWithOverlays(*window, &state, &error)) {
        window->logPanel()->error(error);
        return;
    }
    openCompareWindow(window, state);
}

void compareTwoEpochs(MainWindow *window)
{
    ComparisonState state;
    if (!shownRun(window, &state))
        return;
    QStringList epochs;
    for (int epoch : window->model()->analysedEpochs())
        epochs << QString::number(epoch);
    bool ok = false;
    const QString chosen = QInputDialog::getItem(
        window, QObject::tr("Compare Two Epochs"),
        QObject::tr("Compare the epoch shown (%1) with epoch:").arg(window->model()->currentEpoch()), epochs, 0,
        false, &ok);
    if (!ok)
        return;
    state.referenceEpoch = chosen.toInt();
    state.epoch = window->model()->currentEpoch();
    state.scale = window->model()->scale();
    openCompareWindow(window, state);
}

} // namespace

bool shownRunWithOverlays(const MainWindow &window, ComparisonState *state, QString *error)
{
    const RunModel *model = window.model();
    if (!model->hasRun() || model->folder().isEmpty()) {
        *error = QObject::tr("Compare: open or train a run first.");
        return false;
    }
    try {
        state->runs = {readComparedRun(model->folder())};
    } catch (const std::exception &e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
    for (const BettiView::OverlayRun &overlay : window.bettiView()->options().overlays)
        state->runs.push_back({overlay.folder, overlay.run});
    state->epoch = model->currentEpoch();
    state->scale = model->scale();
    return true;
}

CompareWindow *openCompareWindow(MainWindow *window, const ComparisonState &state)
{
    auto *compare = new CompareWindow(window);
    compare->setWindowFlag(Qt::Window);
    compare->setAttribute(Qt::WA_DeleteOnClose);
    compare->setState(state);
    compare->show();
    return compare;
}

void addCompareActions(MainWindow *window, QMenu *run)
{
    QAction *runs = run->addAction(QObject::tr("Compare &Runs…"), window, [window] { compareRuns(window); });
    runs->setObjectName(QStringLiteral("compareRunsAction"));
    runs->setStatusTip(QObject::tr("Show runs side by side (barcodes, diagrams, Betti numbers on shared axes) with "
                                   "the distances between their diagrams, and the matrix of distances between them"));
    QAction *overlays = run->addAction(QObject::tr("Compare With &Overlaid Runs"), window,
                                       [window] { compareWithOverlays(window); });
    overlays->setObjectName(QStringLiteral("compareOverlaysAction"));
    overlays->setStatusTip(QObject::tr("Compare the shown run with the runs overlaid on its Betti panel (the run "
                                       "it was analysed again from, the run of Train and Compare)"));
    QAction *epochs = run->addAction(QObject::tr("Compare Two &Epochs…"), window, [window] { compareTwoEpochs(window); });
    epochs->setObjectName(QStringLiteral("compareEpochsAction"));
    epochs->setStatusTip(QObject::tr("Show an epoch of the shown run beside the epoch shown, with the distance "
                                     "between their diagrams"));
}

} // namespace netbetti
