#pragma once
// Runs side by side: a column per run (or per epoch, for two epochs of one
// run) with its barcode over its persistence diagram, all on one ε axis;
// beneath, the Betti numbers of every run on one epoch axis (the first run
// shown, the others overlaid at the same ε) and the distances between the
// diagrams against the epoch. Each column's panels are the window's own
// kinds, each given a run model of its own; the state says everything.

#include "plots/Comparison.h"

#include <QWidget>
#include <memory>
#include <vector>

class QLabel;
class QStackedLayout;

namespace netbetti {

class BarcodeView;
class BettiView;
class DiagramView;
class RunDistancesView;
class RunModel;

class SideBySideView : public QWidget
{
    Q_OBJECT
public:
    explicit SideBySideView(QWidget *parent = nullptr);
    ~SideBySideView() override;
    void setState(const ComparisonState &state);
    const ComparisonState &state() const { return m_state; }

    int columnCount() const { return int(m_columns.size()); }
    BarcodeView *barcode(int column) const;
    DiagramView *diagram(int column) const;
    /// The model behind a column (its epoch, its ε).
    RunModel *model(int column) const;
    BettiView *betti() const { return m_betti; }
    RunDistancesView *distances() const { return m_distances; }
    /// The reason shown instead of the panels; empty when they are shown.
    QString problem() const;
    QLabel *problemLabel() const { return m_problem; }

Q_SIGNALS:
    /// ε was moved on the Betti panel: the state's scale changed.
    void scaleChanged(double eps);

private:
    /// New panels for the runs (or epochs) of the state: nothing of the
    /// columns before is kept.
    void rebuild();
    /// The epoch and ε of the state into every column's model.
    void showEpoch();

    struct Column;
    ComparisonState m_state;
    std::vector<std::unique_ptr<Column>> m_columns;
    QStackedLayout *m_pages;
    QLabel *m_problem;
    QWidget *m_panels = nullptr;
    BettiView *m_betti = nullptr;
    RunDistancesView *m_distances = nullptr;
    std::unique_ptr<RunModel> m_bettiModel;
};

} // namespace netbetti
