#pragma once
// A class followed through training: the bottleneck matchings of consecutive
// analysed epochs (DiagramMatching.h) chained, so that a bar matched to a bar
// of the next epoch continues its track there, and one matched to the
// diagonal ends it. A track is a line in the Tracks view.

#include "DiagramMatching.h"
#include "PersistenceDiagram.h"

#include <optional>
#include <vector>

namespace netbetti {

/// One analysed epoch as the chaining sees it.
struct EpochBars
{
    int epoch = 0;
    PersistenceDiagram diagram;
    /// The matching of the previous entry's diagram with this one; none when
    /// there is none (the first epoch, an older run): every track ends there.
    std::optional<std::vector<BarMatch>> matchingToPrevious;
    QString matchingFile; ///< named in the message of a matching that does not fit
};

struct TrackPoint
{
    int epoch = 0;
    int bar = 0; ///< index into that epoch's diagram
};

struct BarTrack
{
    int dim = 0;
    std::vector<TrackPoint> points; ///< one per epoch the class lives through, in order
};

/// Every track, by dimension then first epoch then bar. Bars of zero length
/// (on the diagonal) are no class and start none. Throws InputError naming
/// the matching file when a pair names a bar its diagram does not have or
/// one of another dimension.
std::vector<BarTrack> chainTracks(const std::vector<EpochBars> &epochs);

/// The n longest-lived tracks of dimension dim (the most epochs, then the
/// largest persistence reached), longest first.
std::vector<BarTrack> longestTracks(const std::vector<BarTrack> &tracks, const std::vector<EpochBars> &epochs,
                                    int dim, int n);

} // namespace netbetti
