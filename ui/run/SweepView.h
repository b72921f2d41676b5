#pragma once
// A sweep folder (netbetti-cli sweep) at a glance: its runs as a table (the
// varied values as columns, status, final test accuracy, β at ε), and the
// distances between runs (distances.csv) as a heatmap, for one dimension and
// one distance. A selection of runs can be shown on the Betti panel, the
// first as the run shown and the others overlaid. Drawn from its state
// (sweep, ε, dimension, distance): no leftovers between states.

#include "experiment/SweepFolder.h"
#include "topology/PersistenceDiagram.h"

#include <QWidget>
#include <optional>

class QComboBox;
class QCustomPlot;
class QCPColorMap;
class QDoubleSpinBox;
class QPushButton;
class QTableWidget;

namespace netbetti {

class SweepView : public QWidget
{
    Q_OBJECT
public:
    explicit SweepView(QWidget *parent = nullptr);

    /// Reads the sweep in dir; false, with the reason naming the file, when
    /// it is not a sweep folder or is damaged. Runs not yet run are listed.
    bool open(const QString &dir, QString *error);
    QString folder() const;

    QTableWidget *table() const { return m_table; }
    QCustomPlot *heatmap() const { return m_plot; }
    QDoubleSpinBox *scaleBox() const { return m_scale; }
    QComboBox *dimensionBox() const { return m_dimension; }
    /// "bottleneck" (0) or "1-Wasserstein" (1).
    QComboBox *distanceBox() const { return m_distance; }
    QPushButton *showButton() const { return m_show; }
    /// "Show as Seed Band": enabled when the sweep varies the seed only.
    QPushButton *bandButton() const { return m_band; }

    /// The heatmap's value between runs i and j (NaN: no common epoch).
    double distance(int i, int j) const;
    /// The run folders of the selected rows, in table order.
    QStringList selectedFolders() const;

Q_SIGNALS:
    /// Show these runs on the Betti panel: the first as the run, the rest
    /// overlaid at the same ε.
    void showRuns(const QStringList &folders);
    /// Show this seed set (the sweep's folder) as a median and band on the
    /// Betti panel.
    void showBand(const QString &folder);

private:
    void redraw();

    struct Run
    {
        SweepEntry entry;
        QString folder; ///< absolute
        std::optional<PersistenceDiagram> last; ///< at the last analysed epoch
        int maxDim = -1; ///< the run's highest homology dimension
    };
    QString m_dir;
    std::vector<Run> m_runs;
    QStringList m_paths; ///< the varied spec paths, as columns
    int m_maxDim = 0;
    /// name pair -> (dim -> {bottleneck, wasserstein}), from distances.csv
    std::map<std::pair<QString, QString>, std::map<int, std::pair<double, double>>> m_distances;

    QTableWidget *m_table;
    QDoubleSpinBox *m_scale;
    QComboBox *m_dimension;
    QComboBox *m_distance;
    QPushButton *m_show, *m_band;
    QCustomPlot *m_plot;
    QCPColorMap *m_map;
};

} // namespace netbetti
