#pragma once
// The distance between compared diagrams against the epoch: for runs side
// by side, each run against the first at every epoch both analysed; for two
// epochs of one run, the reference epoch against every epoch. One curve per
// pair in the chosen dimension and distance, the shown epoch marked; below,
// every dimension's bottleneck and 1-Wasserstein distance at the shown
// epoch. Drawn from a ComparisonState (the figure `run-distances`).

#include "plots/Comparison.h"

#include <QWidget>

class QCPItemStraightLine;
class QCustomPlot;
class QLabel;
class QTableWidget;

namespace netbetti {

class RunDistancesView : public QWidget
{
    Q_OBJECT
public:
    explicit RunDistancesView(QWidget *parent = nullptr);
    void setState(const ComparisonState &state);
    const ComparisonState &state() const { return m_state; }

    QCustomPlot *plot() const { return m_plot; }
    /// Rows: the pairs; columns: H₀ bottleneck, H₀ 1-Wasserstein, H₁ ...
    QTableWidget *table() const { return m_table; }
    /// Above the table: the epoch and what the rows are measured against.
    QLabel *tableHeading() const { return m_heading; }
    /// The pairs compared: each run against the first (one pair for two epochs).
    int pairCount() const { return int(m_series.size()); }
    /// "4-16-2 against 4-8-2", or "epoch 3 against epoch 0".
    QString pairName(int pair) const;
    /// The distance of a pair at an epoch in a dimension; NaN where there is none.
    double value(int pair, int epoch, int dim, bool wasserstein) const;
    /// The epochs at which the pair is compared.
    std::vector<int> epochs(int pair) const;

    QSize minimumSizeHint() const override;

private:
    void redraw();
    void fillTable();

    ComparisonState m_state;
    QStringList m_names;
    std::vector<std::vector<EpochDistances>> m_series; ///< per pair
    int m_maxDim = 0;
    QCustomPlot *m_plot;
    QTableWidget *m_table;
    QLabel *m_heading;
    QCPItemStraightLine *m_marker;
};

} // namespace netbetti
