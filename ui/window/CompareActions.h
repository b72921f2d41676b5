#pragma once
// The main window's ways into the Compare window (Run menu): runs chosen as
// folders, the shown run against the runs overlaid on its Betti panel (an
// Analyse Again sibling, a Train and Compare run), two epochs of the shown run.

#include "plots/Comparison.h"

class QMenu;

namespace netbetti {

class CompareWindow;
class MainWindow;

/// Run › Compare Runs…, Compare With Overlaid Runs, Compare Two Epochs….
void addCompareActions(MainWindow *window, QMenu *run);

/// A Compare window of its own on the state (it deletes itself when closed).
CompareWindow *openCompareWindow(MainWindow *window, const ComparisonState &state);

/// The shown run and every run overlaid on the Betti panel; false, with the
/// reason (naming the file), when the shown run's folder does not read.
bool shownRunWithOverlays(const MainWindow &window, ComparisonState *state, QString *error);

} // namespace netbetti
