#pragma once
// The Compare window: two or more runs (another architecture, metric or
// field on the same data), or two epochs of one run, side by side, and the
// matrix of distances between the runs. One epoch scrubber, dimension and
// distance for every panel; everything is drawn from one ComparisonState,
// and its figures are exported from it like every figure.

#include "figures/RunFigures.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QTabWidget;

namespace netbetti {

class ExportFigureDialog;
class RunMatrixView;
class SideBySideView;

class CompareWindow : public QWidget
{
    Q_OBJECT
public:
    explicit CompareWindow(QWidget *parent = nullptr);

    const ComparisonState &state() const { return m_state; }
    /// Shows the state: every panel drawn afresh from it, the epoch resolved
    /// to one the runs have in common.
    void setState(const ComparisonState &state);
    /// Adds run folders to the runs compared (leaving two epochs, if those
    /// were compared); false, with the reason naming the file, when one does
    /// not read (the others are added).
    bool addRuns(const QStringList &folders, QString *error);
    /// What the figures of this window are drawn from.
    FigureState figureState() const;
    /// Opens the Export Figure dialog on the figure of the tab shown
    /// (run-distances or run-matrix); it deletes itself when closed.
    ExportFigureDialog *exportFigure();

    QSlider *epochSlider() const { return m_slider; }
    QLabel *epochLabel() const { return m_epochLabel; }
    /// Item i is H_i.
    QComboBox *dimensionBox() const { return m_dimension; }
    /// bottleneck (0), 1-Wasserstein (1).
    QComboBox *distanceBox() const { return m_distance; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *exportButton() const { return m_export; }
    QTabWidget *tabs() const { return m_tabs; }
    SideBySideView *sideBySide() const { return m_sideBySide; }
    RunMatrixView *matrix() const { return m_matrix; }

private:
    void chooseRuns();
    /// The controls from the state, without their signals.
    void syncControls();

    ComparisonState m_state;
    QLabel *m_runs;
    QPushButton *m_add;
    QSlider *m_slider;
    QLabel *m_epochLabel;
    QComboBox *m_dimension;
    QComboBox *m_distance;
    QPushButton *m_export;
    QTabWidget *m_tabs;
    SideBySideView *m_sideBySide;
    RunMatrixView *m_matrix;
};

/// Run folders chosen in one file dialog (several may be selected).
QStringList chooseRunFolders(QWidget *parent, const QString &title, const QString &start);

} // namespace netbetti
