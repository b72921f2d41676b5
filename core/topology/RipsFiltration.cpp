#include "RipsFiltration.h"

#include "Error.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

namespace netbetti::rips {

Filtration::Filtration(const FloatMatrix &distances, double threshold, int maxVertices)
    : m_n(int(distances.rows()))
{
    // The largest float not above the threshold: comparing floats with it is
    // comparing with the threshold itself.
    float t = float(threshold);
    if (double(t) > threshold)
        t = std::nextafter(t, -std::numeric_limits<float>::infinity());
    m_threshold = t;

    // Every index must fit: C(n, maxVertices) < 2^64.
    double largest = 1.0;
    for (int i = 0; i < maxVertices; ++i)
        largest *= double(m_n - i) / double(i + 1);
    if (largest >= 1.8e19)
        throw RunError(QStringLiteral("%1 points are too many for simplices of %2 vertices")
                           .arg(m_n)
                           .arg(maxVertices));

    m_distances.resize(size_t(m_n) * size_t(m_n));
    for (int i = 0; i < m_n; ++i)
        for (int j = 0; j < m_n; ++j)
            m_distances[size_t(i) * size_t(m_n) + size_t(j)] = distances(i, j);

    const size_t stride = size_t(m_n + 1);
    m_binomials.assign(size_t(maxVertices + 1) * stride, 0);
    for (int v = 0; v <= m_n; ++v) {
        m_binomials[size_t(v)] = 1;
        for (int k = 1; k <= maxVertices; ++k)
            m_binomials[size_t(k) * stride + size_t(v)] =
                v == 0 ? 0 : m_binomials[size_t(k - 1) * stride + size_t(v - 1)] + m_binomials[size_t(k) * stride + size_t(v - 1)];
    }
}

SimplexIndex Filtration::indexOf(const int *vertices, int count) const
{
    SimplexIndex index = 0;
    for (int i = 0; i < count; ++i)
        index += binomial(vertices[i], count - i);
    return index;
}

void Filtration::verticesOf(SimplexIndex index, int count, int *vertices) const
{
    int upper = m_n; // vertices[i] < upper
    for (int i = 0; i < count; ++i) {
        const int k = count - i;
        // The largest v < upper with C(v, k) <= index.
        int lo = k - 1, hi = upper - 1;
        while (lo < hi) {
            const int mid = (lo + hi + 1) / 2;
            if (binomial(mid, k) <= index)
                lo = mid;
            else
                hi = mid - 1;
        }
        vertices[i] = lo;
        index -= binomial(lo, k);
        upper = lo;
    }
}

float Filtration::diameterOf(const int *vertices, int count) const
{
    float diameter = 0.0f;
    for (int i = 0; i < count; ++i)
        for (int j = i + 1; j < count; ++j)
            diameter = std::max(diameter, distance(vertices[i], vertices[j]));
    return diameter;
}

void Filtration::buildNeighbours(int threads)
{
    if (hasNeighbours())
        return;
    std::vector<size_t> counts(size_t(m_n) + 1, 0);
    for (int v = 0; v < m_n; ++v) {
        const float *r = row(v);
        size_t c = 0;
        for (int w = 0; w < m_n; ++w)
            c += (w != v && r[w] <= m_threshold) ? 1 : 0;
        counts[size_t(v) + 1] = c;
    }
    for (int v = 0; v < m_n; ++v)
        counts[size_t(v) + 1] += counts[size_t(v)];
    m_neighbours.resize(counts.back());
    std::atomic_int nextVertex{0};
    auto work = [&] {
        for (int v = nextVertex++; v < m_n; v = nextVertex++) {
            Neighbour *out = m_neighbours.data() + counts[size_t(v)];
            Neighbour *begin = out;
            const float *r = row(v);
            for (int w = 0; w < m_n; ++w)
                if (w != v && r[w] <= m_threshold)
                    *out++ = Neighbour{r[w], w};
            std::sort(begin, out, [](const Neighbour &a, const Neighbour &b) {
                return a.distance < b.distance || (a.distance == b.distance && a.vertex > b.vertex);
            });
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back(work);
    work();
    for (std::thread &t : pool)
        t.join();
    m_neighbourStart = std::move(counts);
}

namespace {

/// The largest w < from, outside the simplex, within diameter of all its
/// vertices; scanned in blocks of 16 without branches inside a block.
template <int Count>
int scanDown(const float *const *rows, const int *vertices, int from, float diameter)
{
    // The answer is often among the first few: look at those one by one.
    constexpr int kBlock = 16, kFirst = 8;
    int top = from;
    for (const int stop = std::max(0, from - kFirst); top > stop;) {
        const int w = --top;
        bool ok = true;
        for (int i = 0; i < Count; ++i)
            ok = ok && rows[i][w] <= diameter && vertices[i] != w;
        if (ok)
            return w;
    }
    while (top > 0) {
        const int begin = std::max(0, top - kBlock);
        unsigned fits = 0;
        for (int w = begin; w < top; ++w) {
            bool ok = true;
            for (int i = 0; i < Count; ++i)
                ok &= rows[i][w] <= diameter;
            fits |= unsigned(ok) << (w - begin);
        }
        for (int i = 0; i < Count; ++i)
            if (vertices[i] >= begin && vertices[i] < top)
                fits &= ~(1u << (vertices[i] - begin));
        if (fits)
            return begin + 31 - __builtin_clz(fits);
        top = begin;
    }
    return -1;
}

} // namespace

int Filtration::firstEqualCoface(const int *vertices, int count, float diameter, int from) const
{
    if (from < 0)
        from = m_n;
    const float *rows[kMaxVertices];
    for (int i = 0; i < count; ++i)
        rows[i] = row(vertices[i]);
    switch (count) {
    case 2:
        return scanDown<2>(rows, vertices, from, diameter);
    case 3:
        return scanDown<3>(rows, vertices, from, diameter);
    case 4:
        return scanDown<4>(rows, vertices, from, diameter);
    default:
        return scanDown<5>(rows, vertices, from, diameter);
    }
}

CofaceStream::CofaceStream(const Filtration &filtration, const int *vertices, int count, float diameter)
    : m_count(count), m_diameter(diameter), m_cursor(filtration.points() - 1)
{
    std::copy(vertices, vertices + count, m_vertices);
    SimplexIndex above = 0;
    for (int j = 0; j <= count; ++j) {
        m_above[j] = above;
        if (j < count)
            above += filtration.binomial(vertices[j], count + 1 - j);
    }
    SimplexIndex below = 0;
    for (int j = count; j >= 0; --j) {
        if (j < count)
            below += filtration.binomial(vertices[j], count - j);
        m_below[j] = below;
    }
}

Coface CofaceStream::make(const Filtration &filtration, int vertex, float diameter) const
{
    int position = 0;
    while (position < m_count && m_vertices[position] > vertex)
        ++position;
    Coface c;
    c.simplex.diameter = diameter;
    c.simplex.index = m_above[position] + filtration.binomial(vertex, m_count + 1 - position) + m_below[position];
    c.sign = (position & 1) ? -1 : 1;
    return c;
}

bool CofaceStream::next(const Filtration &filtration, Coface *coface)
{
    if (!m_merging) {
        const int w = m_cursor < 0 ? -1 : filtration.firstEqualCoface(m_vertices, m_count, m_diameter, m_cursor + 1);
        if (w >= 0) {
            m_cursor = w - 1;
            *coface = make(filtration, w, m_diameter);
            return true;
        }
        startMerging(filtration, m_diameter, false);
    }
    return nextMerged(filtration, coface);
}

void CofaceStream::startMerging(const Filtration &filtration, float from, bool inclusive)
{
    // Each list from its first neighbour beyond `from` (or at it, inclusive).
    m_merging = true;
    for (int i = 0; i < m_count; ++i) {
        const Neighbour *begin = filtration.neighboursBegin(m_vertices[i]);
        m_end[i] = filtration.neighboursEnd(m_vertices[i]);
        m_at[i] = inclusive ? std::lower_bound(begin, m_end[i], from,
                                               [](const Neighbour &n, float d) { return n.distance < d; })
                            : std::upper_bound(begin, m_end[i], from,
                                               [](float d, const Neighbour &n) { return d < n.distance; });
    }
}

void CofaceStream::skipBelow(const Filtration &filtration, const Simplex &after)
{
    // A coface whose largest distance to the simplex is below after's
    // diameter comes before it; one at or above it is emitted from the list
    // where that distance is reached, which is not skipped. The cofaces of
    // the simplex's own diameter all come before.
    if (!m_merging && after.diameter > m_diameter)
        startMerging(filtration, after.diameter, true);
}

bool CofaceStream::nextMerged(const Filtration &filtration, Coface *coface)
{
    for (;;) {
        int from = -1;
        for (int i = 0; i < m_count; ++i) {
            if (m_at[i] == m_end[i])
                continue;
            if (from < 0 || m_at[i]->distance < m_at[from]->distance
                || (m_at[i]->distance == m_at[from]->distance && m_at[i]->vertex > m_at[from]->vertex))
                from = i;
        }
        if (from < 0)
            return false;
        const Neighbour taken = *m_at[from]++;
        // Emitted from the first list where the vertex's largest distance to
        // the simplex is reached, so once.
        bool emitted = true;
        for (int i = 0; i < m_count && emitted; ++i) {
            if (taken.vertex == m_vertices[i]) {
                emitted = false;
            } else if (i != from) {
                const float d = filtration.distance(m_vertices[i], taken.vertex);
                emitted = d < taken.distance || (d == taken.distance && i > from);
            }
        }
        if (emitted) {
            *coface = make(filtration, taken.vertex, taken.distance);
            return true;
        }
    }
}

} // namespace netbetti::rips
