#pragma once
// The window's seed sets (kept out of MainWindow.cpp): Run › Train Seeds…,
// and a seed set shown on the Betti panel as the median of its seeds with
// a band, its first finished seed the run the other panels show.

#include <QString>

namespace netbetti {

class MainWindow;
class TrainSeedsDialog;

/// Opens the Train Seeds dialog on the experiment as edited (it deletes
/// itself when closed); a set trained is then shown. Null, the reason
/// logged, when the experiment is not valid.
TrainSeedsDialog *trainSeeds(MainWindow *window);

/// Shows the seed set in dir: its first finished seed in every panel, the
/// set as a band on the Betti panel instead of that run's curves. False,
/// the reason logged, when dir is no seed set; seeds left out are logged.
bool showSeedSet(MainWindow *window, const QString &dir);

} // namespace netbetti
