#pragma once
// A class followed through training: each track (bars of consecutive
// analysed epochs chained by their bottleneck matchings, matching.csv) drawn
// against the epoch, its persistence or its birth and death, so that a loop
// that lives through training is one line. The N longest-lived tracks of
// each dimension, coloured by dimension; hovering a line names its track,
// clicking it selects the track (drawn thicker), and with it its bar in the
// barcode and the diagram at whichever epoch they show.

#include "topology/BarTracks.h"

#include <QWidget>
#include <map>

class QComboBox;
class QCustomPlot;
class QCPItemStraightLine;
class QLabel;
class QSpinBox;

namespace netbetti {

class RunModel;

class TracksView : public QWidget
{
    Q_OBJECT
public:
    enum class Quantity { Persistence, BirthAndDeath };
    /// What the panel shows of the run: part of its state, and of a figure's.
    struct Options
    {
        Quantity quantity = Quantity::Persistence;
        /// The dimension drawn: -1 every one; by default (or when the run
        /// has no such dimension) H₁, or every one for a run of H₀ only.
        int dimension = kDefaultDimension;
        int count = 10; ///< the longest-lived tracks drawn per dimension
    };
    static constexpr int kDefaultDimension = -2;

    explicit TracksView(RunModel *model, QWidget *parent = nullptr);
    Options options() const;
    void setOptions(const Options &options);
    QCustomPlot *plot() const;
    QComboBox *quantityBox() const;
    /// -1: every dimension; otherwise the one shown.
    QComboBox *dimensionBox() const;
    /// N: how many of the longest-lived tracks of each dimension are drawn.
    QSpinBox *countBox() const;
    Quantity quantity() const;

    /// The tracks drawn, in drawing order.
    const std::vector<BarTrack> &shownTracks() const;
    /// What hovering the plot at pos (plot pixels) names: a track's
    /// description, empty when no line is near.
    QString trackNameAt(const QPoint &pos) const;
    /// The drawn track whose line is near pos (plot pixels), -1 for none.
    int trackIndexAt(const QPoint &pos) const;
    /// Selects the track near pos, or none (a click beside every line): its
    /// bar becomes the selected bar of each epoch it lives through (RunModel).
    void selectTrackAt(const QPoint &pos);
    QString describe(const BarTrack &track) const;
    /// Why no tracks are drawn, if that is so (no matchings in the run, a
    /// damaged matching.csv); empty otherwise.
    QString message() const;

private:
    void rebuild();
    void markCurrentEpoch();
    /// The run's analysed epochs with their matchings (read once per epoch).
    std::vector<EpochBars> epochBars();
    /// A bar's (birth, death) as drawn: a class that never dies ends at the
    /// top of the common scale.
    std::pair<double, double> drawnBar(const PersistenceBar &bar) const;

    RunModel *m_model;
    Options m_options;
    QComboBox *m_quantity, *m_dimension;
    QSpinBox *m_count;
    QLabel *m_message;
    QCustomPlot *m_plot;
    QCPItemStraightLine *m_current;
    std::vector<EpochBars> m_epochs;
    std::vector<BarTrack> m_shown;
    std::map<int, std::optional<std::vector<BarMatch>>> m_matchings; // by epoch, read from the folder
};

} // namespace netbetti
