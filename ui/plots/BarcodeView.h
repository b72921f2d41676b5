#pragma once
// The bars of the shown epoch: H0 at the top, then H1, H2, each group sorted
// by birth (then death). One error-bar plottable per dimension draws all its
// bars, so a thousand H0 bars cost one plottable, not a thousand items.

#include "topology/PersistenceDiagram.h"

#include <QWidget>
#include <optional>
#include <vector>

class QCustomPlot;
class QCPErrorBars;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCPTextElement;
class QCheckBox;
class QDoubleSpinBox;

namespace netbetti {

class RunModel;

class BarcodeView : public QWidget
{
    Q_OBJECT
public:
    /// What the panel shows besides the run: part of its state, and of a figure's.
    struct Options
    {
        /// The bars [0, 1) of constant neurons (dead ReLUs, at distance 1
        /// from all) drawn as one labelled bar.
        bool foldConstant = true;
        /// Bars shorter than this are left out (and counted under the plot).
        double minPersistence = 0.0;
    };

    explicit BarcodeView(RunModel *model, QWidget *parent = nullptr);
    Options options() const;
    void setOptions(const Options &options);
    QCheckBox *foldBox() const { return m_foldBox; }
    QDoubleSpinBox *minPersistenceBox() const { return m_minPersistence; }
    /// Constant neurons' bars folded into one in the shown epoch.
    int foldedBarCount() const { return int(m_constant.folded); }
    QCustomPlot *plot() const;
    /// The epoch drawn; -1 when none is.
    int shownEpoch() const;
    /// Bars drawn for dim in the shown epoch (bars of length zero are not drawn).
    int shownBarCount(int dim) const;
    /// What the hover tooltip says at a point of the plot (widget pixels);
    /// empty when no bar is there.
    QString describeAt(const QPointF &pixel) const;
    /// The bar drawn as selected (the selected track's, in the shown epoch);
    /// none when no track is selected or its bar is not drawn (folded, hidden).
    std::optional<PersistenceBar> selectedBarShown() const { return m_selected; }
    /// The bar a click at pixel selects; none off the bars (and on the
    /// constant neurons' folded bar).
    std::optional<PersistenceBar> barAt(const QPointF &pixel) const;

    QSize minimumSizeHint() const override;

private:
    void redraw();
    void updateScaleLine();
    /// Bar thickness for the rows' height in pixels, and the labels' places.
    void fitToSize();
    void placeLabels();

    RunModel *m_model;
    Options m_options;
    QCheckBox *m_foldBox;
    QDoubleSpinBox *m_minPersistence;
    QCustomPlot *m_plot;
    QCPItemStraightLine *m_scaleLine;
    QCPItemText *m_scaleLabel;
    QCPItemStraightLine *m_thresholdLine;
    QCPItemText *m_thresholdLabel;
    QCPItemText *m_constantLabel;
    QCPTextElement *m_note;
    void setNote(const QString &text);
    int m_epoch = -1;
    bool m_atThreshold = false;   // infinite bars are "alive at threshold"
    double m_right = 1.0;         // right end of the ε axis
    /// One dimension's bars as drawn: bar i at y = start + (i + ½)·spacing.
    struct Group
    {
        std::vector<PersistenceBar> bars; ///< positive length, by birth then death
        double start = 0.0;
        double spacing = 1.0;
        QCPErrorBars *segments = nullptr; ///< all the bars
        QCPGraph *arrows = nullptr;       ///< heads of the infinite ones
        int dim = 0;
        size_t folded = 0;                ///< constant neurons this one bar stands for
    };
    std::vector<Group> m_groups; // per dimension
    Group m_constant;            // the folded bars of constant neurons (H0)
    std::optional<PersistenceBar> m_selected;
    /// The groups top to bottom: H0, the constant neurons' bar, H1, ...
    std::vector<Group *> drawnGroups();
    std::vector<const Group *> drawnGroups() const;
    const PersistenceBar *barNear(const QPointF &pixel, const Group **in) const;
};

} // namespace netbetti
