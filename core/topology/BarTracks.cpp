#include "BarTracks.h"

#include "Error.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace netbetti {

namespace {

bool isClass(const PersistenceBar &bar)
{
    return bar.death > bar.birth;
}

void checkPair(const BarMatch &m, const EpochBars &previous, const EpochBars &current)
{
    auto fits = [&m](int index, const PersistenceDiagram &diagram) {
        return index < 0 || (index < int(diagram.bars.size()) && diagram.bars[size_t(index)].dim == m.dim);
    };
    if (!fits(m.previous, previous.diagram) || !fits(m.current, current.diagram))
        throw InputError(current.matchingFile, QStringLiteral("dim %1, previous %2, current %3")
                                                   .arg(m.dim)
                                                   .arg(m.previous)
                                                   .arg(m.current),
                         {},
                         QStringLiteral("no such bar of H%1 in the diagrams of epochs %2 and %3")
                             .arg(m.dim)
                             .arg(previous.epoch)
                             .arg(current.epoch));
}

} // namespace

std::vector<BarTrack> chainTracks(const std::vector<EpochBars> &epochs)
{
    std::vector<BarTrack> tracks;
    std::map<int, size_t> open; // bar of the previous epoch -> its track
    for (size_t k = 0; k < epochs.size(); ++k) {
        const EpochBars &e = epochs[k];
        std::map<int, size_t> next;
        auto extend = [&](int bar, std::optional<size_t> track) {
            if (!isClass(e.diagram.bars[size_t(bar)]))
                return;
            if (!track) {
                track = tracks.size();
                tracks.push_back({e.diagram.bars[size_t(bar)].dim, {}});
            }
            tracks[*track].points.push_back({e.epoch, bar});
            next[bar] = *track;
        };
        if (k > 0 && e.matchingToPrevious) {
            for (const BarMatch &m : *e.matchingToPrevious) {
                checkPair(m, epochs[k - 1], e);
                if (m.current < 0)
                    continue;
                std::optional<size_t> track;
                if (const auto it = open.find(m.previous); m.previous >= 0 && it != open.end()) {
                    track = it->second;
                    open.erase(it); // a track goes on once
                }
                extend(m.current, track);
            }
        } else {
            for (int bar = 0; bar < int(e.diagram.bars.size()); ++bar)
                extend(bar, std::nullopt);
        }
        open.swap(next);
    }
    std::stable_sort(tracks.begin(), tracks.end(), [](const BarTrack &a, const BarTrack &b) {
        return std::make_tuple(a.dim, a.points.front().epoch, a.points.front().bar)
               < std::make_tuple(b.dim, b.points.front().epoch, b.points.front().bar);
    });
    return tracks;
}

std::vector<BarTrack> longestTracks(const std::vector<BarTrack> &tracks, const std::vector<EpochBars> &epochs,
                                    int dim, int n)
{
    std::map<int, const PersistenceDiagram *> diagrams;
    for (const EpochBars &e : epochs)
        diagrams[e.epoch] = &e.diagram;
    auto peak = [&](const BarTrack &t) {
        double best = 0.0;
        for (const TrackPoint &p : t.points)
            best = std::max(best, diagrams.at(p.epoch)->bars[size_t(p.bar)].persistence());
        return best;
    };
    std::vector<std::pair<const BarTrack *, double>> ranked;
    for (const BarTrack &t : tracks)
        if (t.dim == dim)
            ranked.emplace_back(&t, peak(t));
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) {
        return a.first->points.size() != b.first->points.size() ? a.first->points.size() > b.first->points.size()
                                                                : a.second > b.second;
    });
    std::vector<BarTrack> out;
    for (size_t i = 0; i < ranked.size() && int(i) < n; ++i)
        out.push_back(*ranked[i].first);
    return out;
}

} // namespace netbetti
