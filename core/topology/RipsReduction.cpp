#include "RipsReduction.h"

#include "Error.h"
#include "RipsFiltration.h"

#include <QElapsedTimer>
#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace netbetti::rips {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

/// Z/p for a prime p <= 97: products stay far from overflowing an int.
class Field
{
public:
    explicit Field(int p) : m_p(p), m_inverse(size_t(p), 0)
    {
        for (int a = 1; a < p; ++a)
            for (int b = 1; b < p; ++b)
                if (a * b % p == 1)
                    m_inverse[size_t(a)] = b;
    }
    int normal(long long x) const
    {
        const int r = int(x % m_p);
        return r < 0 ? r + m_p : r;
    }
    int multiply(int a, int b) const { return a * b % m_p; }
    int negate(int a) const { return a == 0 ? 0 : m_p - a; }
    int inverse(int a) const { return m_inverse[size_t(a)]; }

private:
    int m_p;
    std::vector<int> m_inverse;
};

/// Cancellation and progress, shared by the threads of one computation.
class Monitor
{
public:
    Monitor(const std::atomic_bool *cancel, std::function<void(qint64, qint64)> progress, qint64 total)
        : m_cancel(cancel), m_progress(std::move(progress)), m_total(total)
    {
        m_clock.start();
    }
    bool stopping() const { return m_abort.load(std::memory_order_relaxed) || (m_cancel && m_cancel->load()); }
    void throwIfStopping() const
    {
        if (stopping())
            throw Cancelled();
    }
    /// Another thread failed: the others stop.
    void abort() { m_abort = true; }
    void advance(qint64 columns) { m_done.fetch_add(columns, std::memory_order_relaxed); }
    /// From compute()'s thread only: at most every 50 ms, and at the end.
    void report(bool last = false)
    {
        if (!m_progress)
            return;
        const qint64 now = m_clock.elapsed();
        if (!last && now - m_lastReport < 50)
            return;
        m_lastReport = now;
        m_progress(std::min(m_done.load(), m_total), m_total);
    }

private:
    const std::atomic_bool *m_cancel;
    std::function<void(qint64, qint64)> m_progress;
    std::atomic_bool m_abort{false};
    std::atomic<qint64> m_done{0};
    qint64 m_total;
    QElapsedTimer m_clock;
    qint64 m_lastReport = -1000;
};

/// Runs work(slot) on `threads` threads, the caller's being slot 0; the first
/// failure stops the others and is rethrown.
template <typename Work>
void runOnThreads(int threads, Monitor &monitor, const Work &work)
{
    std::exception_ptr failure;
    std::mutex failureMutex;
    auto body = [&](int slot) {
        try {
            work(slot);
        } catch (...) {
            std::lock_guard<std::mutex> lock(failureMutex);
            if (!failure)
                failure = std::current_exception();
            monitor.abort();
        }
    };
    std::vector<std::thread> pool;
    pool.reserve(size_t(threads));
    for (int slot = 1; slot < threads; ++slot)
        pool.emplace_back(body, slot);
    body(0);
    for (std::thread &t : pool)
        t.join();
    if (failure)
        std::rethrow_exception(failure);
}

/// Calls visit(vertices, diameter, index) for every simplex of `count`
/// vertices whose largest vertex is vertices[0], up to vertices[depth - 1]
/// already chosen, with diameter <= the threshold.
template <typename Visit>
void extend(const Filtration &f, int *vertices, int depth, int count, float diameter, SimplexIndex index,
            Visit &visit)
{
    const int order = count - depth;
    for (int u = vertices[depth - 1] - 1; u >= order - 1; --u) {
        float d = diameter;
        for (int i = 0; i < depth; ++i)
            d = std::max(d, f.row(vertices[i])[u]);
        if (d > f.threshold())
            continue;
        vertices[depth] = u;
        const SimplexIndex next = index + f.binomial(u, order);
        if (depth + 1 == count)
            visit(vertices, d, next);
        else
            extend(f, vertices, depth + 1, count, d, next, visit);
    }
}

struct Term
{
    SimplexIndex index;
    float diameter;
    int coefficient;
};

/// A reduced column: the combination of simplices whose coboundaries sum to
/// it, and the coefficient of its pivot.
struct ReducedColumn
{
    std::vector<Term> combination;
    int pivotCoefficient = 1;
};

/// The column being reduced, as a sum of coboundaries c·δ(s), each a lazy
/// stream of cofaces in filtration order, merged on a heap by their heads.
class WorkingColumn
{
public:
    WorkingColumn(const Filtration &f, const Field &field) : m_f(f), m_field(field) {}

    void clear()
    {
        m_entries.clear();
        m_heap.clear();
    }

    /// Adds factor·δ(simplex), without its cofaces up to and including
    /// `after` (when given: those of the sum being added cancel out).
    void add(const int *vertices, int count, float diameter, int factor, const Simplex *after)
    {
        Entry e{CofaceStream(m_f, vertices, count, diameter), Coface{}, factor};
        if (after)
            e.stream.skipBelow(m_f, *after);
        for (;;) {
            if (!e.stream.next(m_f, &e.head))
                return;
            if (!after || comesBefore(*after, e.head.simplex))
                break;
        }
        m_entries.push_back(e);
        m_heap.push_back(Node{e.head.simplex, int(m_entries.size() - 1)});
        siftUp(m_heap.size() - 1);
    }

    /// The first coface with a non-zero coefficient (popped), or false when
    /// the column is zero.
    bool pivot(Simplex *simplex, int *coefficient, const Monitor &monitor)
    {
        while (!m_heap.empty()) {
            const Simplex s = m_heap[0].head;
            long long sum = 0;
            do {
                const Entry &e = m_entries[size_t(m_heap[0].entry)];
                sum += (long long)e.factor * e.head.sign;
                advanceTop();
            } while (!m_heap.empty() && m_heap[0].head.index == s.index);
            const int c = m_field.normal(sum);
            if (c != 0) {
                *simplex = s;
                *coefficient = c;
                return true;
            }
            if ((++m_pops & 1023) == 0)
                monitor.throwIfStopping();
        }
        return false;
    }

private:
    struct Entry
    {
        CofaceStream stream;
        Coface head;
        int factor;
    };
    /// The heap holds each stream's head beside it: comparisons touch the
    /// heap only.
    struct Node
    {
        Simplex head;
        int entry;
    };

    void siftUp(size_t i)
    {
        const Node moving = m_heap[i];
        while (i > 0) {
            const size_t parent = (i - 1) / 2;
            if (!comesBefore(moving.head, m_heap[parent].head))
                break;
            m_heap[i] = m_heap[parent];
            i = parent;
        }
        m_heap[i] = moving;
    }
    void siftDown(size_t i)
    {
        const Node moving = m_heap[i];
        const size_t size = m_heap.size();
        for (;;) {
            const size_t l = 2 * i + 1;
            if (l >= size)
                break;
            size_t first = l;
            if (l + 1 < size && comesBefore(m_heap[l + 1].head, m_heap[l].head))
                first = l + 1;
            if (!comesBefore(m_heap[first].head, moving.head))
                break;
            m_heap[i] = m_heap[first];
            i = first;
        }
        m_heap[i] = moving;
    }
    void advanceTop()
    {
        Entry &top = m_entries[size_t(m_heap[0].entry)];
        if (top.stream.next(m_f, &top.head)) {
            m_heap[0].head = top.head.simplex;
        } else {
            m_heap[0] = m_heap.back();
            m_heap.pop_back();
        }
        if (!m_heap.empty())
            siftDown(0);
    }

    const Filtration &m_f;
    const Field &m_field;
    std::vector<Entry> m_entries;
    std::vector<Node> m_heap;
    unsigned m_pops = 0;
};

qint64 totalColumns(int n, int maxDim)
{
    qint64 total = 0;
    for (int k = 1; k <= maxDim; ++k) {
        double c = 1.0;
        for (int i = 0; i <= k; ++i)
            c *= double(n - i) / double(i + 1);
        total += qint64(std::max(c, 0.0));
    }
    return std::max<qint64>(total, 1);
}

class Cohomology
{
public:
    Cohomology(const FloatMatrix &distances, double threshold, const PersistenceSettings &settings,
               const std::atomic_bool *cancel)
        : m_f(distances, threshold, settings.maxDim + 2), m_field(settings.coefficients), m_maxDim(settings.maxDim),
          m_threads(settings.threads > 0 ? settings.threads : int(std::max(1u, std::thread::hardware_concurrency()))),
          m_monitor(cancel, settings.progress, totalColumns(int(distances.rows()), settings.maxDim))
    {
    }

    std::vector<PersistenceBar> run()
    {
        zeroDimensional();
        for (int k = 1; k <= m_maxDim; ++k) {
            m_monitor.throwIfStopping();
            const std::vector<Simplex> columns = columnsOf(k);
            reduce(k, columns);
        }
        m_monitor.report(true);
        return std::move(m_bars);
    }

private:
    SimplexIndex edgeIndex(int a, int b) const { return a > b ? m_f.binomial(a, 2) + SimplexIndex(b) : m_f.binomial(b, 2) + SimplexIndex(a); }

    /// Prim's minimum spanning forest under the filtration order: its edges
    /// are the deaths of H0 and the pivots of the dimension-0 coboundaries.
    void zeroDimensional()
    {
        const int n = m_f.points();
        m_treeEdge.assign(size_t(m_f.binomial(n, 2)), 0);
        std::vector<float> best(size_t(n), std::numeric_limits<float>::infinity());
        std::vector<SimplexIndex> bestEdge(size_t(n), 0);
        std::vector<int> outside(static_cast<size_t>(n));
        for (int v = 0; v < n; ++v)
            outside[size_t(v)] = n - 1 - v; // popped from the back: vertex 0 first
        auto join = [&](int v) {
            const float *r = m_f.row(v);
            for (int w : outside) {
                const SimplexIndex e = edgeIndex(v, w);
                if (r[w] <= m_f.threshold()
                    && (r[w] < best[size_t(w)] || (r[w] == best[size_t(w)] && e > bestEdge[size_t(w)]))) {
                    best[size_t(w)] = r[w];
                    bestEdge[size_t(w)] = e;
                }
            }
        };
        while (!outside.empty()) {
            const int root = outside.back();
            outside.pop_back();
            join(root);
            for (;;) {
                size_t pick = outside.size();
                for (size_t i = 0; i < outside.size(); ++i) {
                    const int w = outside[i];
                    if (best[size_t(w)] > m_f.threshold())
                        continue;
                    if (pick == outside.size() || best[size_t(w)] < best[size_t(outside[pick])]
                        || (best[size_t(w)] == best[size_t(outside[pick])]
                            && bestEdge[size_t(w)] > bestEdge[size_t(outside[pick])]))
                        pick = i;
                }
                if (pick == outside.size())
                    break;
                const int w = outside[pick];
                outside[pick] = outside.back();
                outside.pop_back();
                m_bars.push_back(PersistenceBar{0, 0.0, double(best[size_t(w)])});
                m_treeEdge[size_t(bestEdge[size_t(w)])] = 1;
                join(w);
            }
            m_bars.push_back(PersistenceBar{0, 0.0, kInfinity});
            m_monitor.throwIfStopping();
        }
    }

    /// Whether τ (count vertices, decreasing) is the pivot of an apparent
    /// pair one dimension below: its last facet (the largest diameter,
    /// then the smallest index: the one without the largest vertex that
    /// can go) has τ as first coface. *removed: the position of the vertex
    /// that facet lacks.
    bool apparentFacet(const int *tau, int count, float diameter, int *removed) const
    {
        int facet[kMaxVertices];
        for (int p = 0; p < count; ++p) {
            int m = 0;
            for (int i = 0; i < count; ++i)
                if (i != p)
                    facet[m++] = tau[i];
            if (m_f.diameterOf(facet, m) != diameter)
                continue;
            *removed = p;
            if (m == 2) {
                const SimplexIndex e = edgeIndex(facet[0], facet[1]);
                return !m_treeEdge[size_t(e)] && m_edgeFirst[size_t(e)] == tau[p];
            }
            return m_f.firstEqualCoface(facet, m, diameter) == tau[p];
        }
        return false;
    }

    /// σ with first coface σ ∪ {w} of its own diameter: apparent when no
    /// other facet of that coface of the same diameter comes later in the
    /// filtration, i.e. has a smaller index, i.e. lacks a vertex above w.
    bool isApparentColumn(const int *sigma, int count, float diameter, int w) const
    {
        for (int p = 0; p < count && sigma[p] > w; ++p) {
            float d = 0.0f;
            for (int i = 0; i < count; ++i) {
                if (i == p)
                    continue;
                d = std::max(d, m_f.distance(sigma[i], w));
                for (int j = i + 1; j < count; ++j)
                    if (j != p)
                        d = std::max(d, m_f.distance(sigma[i], sigma[j]));
            }
            if (d == diameter)
                return false;
        }
        return true;
    }

    /// The k-simplices that need a reduction: not cleared (a pivot of
    /// dimension k - 1) and not in an apparent pair. On all threads; in
    /// reverse filtration order, the order of the reduction.
    std::vector<Simplex> columnsOf(int k)
    {
        const int count = k + 1;
        const int n = m_f.points();
        if (k == 1)
            m_edgeFirst.assign(size_t(m_f.binomial(n, 2)), -1);
        std::vector<std::vector<Simplex>> found(static_cast<size_t>(m_threads));
        std::atomic_int nextTop{n - 1};
        runOnThreads(m_threads, m_monitor, [&](int slot) {
            std::vector<Simplex> &out = found[size_t(slot)];
            unsigned visits = 0;
            auto visit = [&](const int *vertices, float diameter, SimplexIndex index) {
                if ((++visits & 16383) == 0)
                    m_monitor.throwIfStopping();
                int w = -1;
                if (k == 1) {
                    // Every edge's first coface: the tables of the next dimension need them.
                    w = m_edgeFirst[size_t(index)] = m_f.firstEqualCoface(vertices, 2, diameter);
                    if (m_treeEdge[size_t(index)])
                        return;
                } else if (k == 2) {
                    const TriangleFacet last = lastFacet(vertices, diameter);
                    const int bound = m_edgeFirst[size_t(last.edge)];
                    if (bound == vertices[last.removed]
                        || (m_pivotFacet[size_t(last.edge)] && m_previousPivots.count(index)))
                        return; // cleared: a pivot of dimension 1
                    // A coface of the triangle's diameter is one of its last facet's.
                    w = bound < 0 ? -1 : m_f.firstEqualCoface(vertices, 3, diameter, bound + 1);
                } else {
                    if (isCleared(vertices, count, diameter, index))
                        return;
                    w = m_f.firstEqualCoface(vertices, count, diameter);
                }
                if (w >= 0 && isApparentColumn(vertices, count, diameter, w))
                    return;
                out.push_back(Simplex{diameter, index});
            };
            for (int top = nextTop--; top >= k; top = nextTop--) {
                m_monitor.throwIfStopping();
                const size_t before = out.size();
                int vertices[kMaxVertices] = {top};
                extend(m_f, vertices, 1, count, 0.0f, m_f.binomial(top, count), visit);
                m_monitor.advance(qint64(m_f.binomial(top, k)) - qint64(out.size() - before));
                if (slot == 0)
                    m_monitor.report();
            }
        });
        std::vector<Simplex> columns;
        size_t total = 0;
        for (const auto &part : found)
            total += part.size();
        columns.reserve(total);
        for (auto &part : found) {
            columns.insert(columns.end(), part.begin(), part.end());
            std::vector<Simplex>().swap(part);
        }
        std::sort(columns.begin(), columns.end(), [](const Simplex &a, const Simplex &b) { return comesBefore(b, a); });
        return columns;
    }

    struct TriangleFacet
    {
        int removed;       ///< position of the vertex the facet lacks
        SimplexIndex edge; ///< the facet's index
    };

    /// The last facet of a triangle (vertices decreasing) in filtration
    /// order: of its diameter, and of those the one of smallest index, i.e.
    /// without the largest vertex possible.
    TriangleFacet lastFacet(const int *v, float diameter) const
    {
        if (m_f.distance(v[1], v[2]) == diameter)
            return {0, edgeIndex(v[1], v[2])};
        if (m_f.distance(v[0], v[2]) == diameter)
            return {1, edgeIndex(v[0], v[2])};
        return {2, edgeIndex(v[0], v[1])};
    }

    bool isCleared(const int *vertices, int count, float diameter, SimplexIndex index) const
    {
        int removed = 0;
        return m_previousPivots.count(index) != 0 || apparentFacet(vertices, count, diameter, &removed);
    }

    void reduce(int k, const std::vector<Simplex> &columns)
    {
        if (columns.empty()) {
            m_previousPivots.clear();
            m_pivotFacet.assign(m_edgeFirst.size(), 0);
            return;
        }
        m_f.buildNeighbours(m_threads);
        const int count = k + 1;
        std::unordered_map<SimplexIndex, size_t> owners; // pivot -> column in `reduced`
        std::vector<ReducedColumn> reduced;
        WorkingColumn working(m_f, m_field);
        std::vector<Term> combination;
        for (size_t c = 0; c < columns.size(); ++c) {
            if ((c & 63) == 0) {
                m_monitor.throwIfStopping();
                m_monitor.report();
            }
            const Simplex sigma = columns[c];
            int vertices[kMaxVertices];
            m_f.verticesOf(sigma.index, count, vertices);
            working.clear();
            working.add(vertices, count, sigma.diameter, 1, nullptr);
            combination.assign(1, Term{sigma.index, sigma.diameter, 1});
            for (;;) {
                Simplex pivot;
                int coefficient = 0;
                if (!working.pivot(&pivot, &coefficient, m_monitor)) {
                    m_bars.push_back(PersistenceBar{k, double(sigma.diameter), kInfinity});
                    break;
                }
                const ReducedColumn *owner = nullptr;
                ReducedColumn apparent;
                const auto found = owners.find(pivot.index);
                if (found != owners.end()) {
                    owner = &reduced[found->second];
                } else {
                    int tau[kMaxVertices];
                    m_f.verticesOf(pivot.index, count + 1, tau);
                    int removed = 0;
                    if (apparentFacet(tau, count + 1, pivot.diameter, &removed)) {
                        int facet[kMaxVertices];
                        for (int i = 0, m = 0; i <= count; ++i)
                            if (i != removed)
                                facet[m++] = tau[i];
                        apparent.combination.push_back(Term{m_f.indexOf(facet, count), pivot.diameter, 1});
                        apparent.pivotCoefficient = (removed & 1) ? m_field.negate(1) : 1;
                        owner = &apparent;
                    }
                }
                if (!owner) {
                    owners.emplace(pivot.index, reduced.size());
                    reduced.push_back(ReducedColumn{merged(combination), coefficient});
                    if (pivot.diameter > sigma.diameter)
                        m_bars.push_back(PersistenceBar{k, double(sigma.diameter), double(pivot.diameter)});
                    break;
                }
                const int factor =
                    m_field.multiply(m_field.negate(coefficient), m_field.inverse(owner->pivotCoefficient));
                for (const Term &t : owner->combination) {
                    int face[kMaxVertices];
                    m_f.verticesOf(t.index, count, face);
                    const int scaled = m_field.multiply(t.coefficient, factor);
                    working.add(face, count, t.diameter, scaled, &pivot);
                    combination.push_back(Term{t.index, t.diameter, scaled});
                }
            }
            m_monitor.advance(1);
        }
        m_previousPivots.clear();
        for (const auto &entry : owners)
            m_previousPivots.insert(entry.first);
        if (k == 1) {
            // Which edges are the last facet of a pivot: only triangles with
            // such a facet are looked up in m_previousPivots.
            m_pivotFacet.assign(m_edgeFirst.size(), 0);
            for (const auto &entry : owners) {
                int tau[3];
                m_f.verticesOf(entry.first, 3, tau);
                m_pivotFacet[size_t(lastFacet(tau, m_f.diameterOf(tau, 3)).edge)] = 1;
            }
        }
    }

    /// Equal simplices summed, zeros dropped.
    std::vector<Term> merged(std::vector<Term> terms) const
    {
        std::sort(terms.begin(), terms.end(), [](const Term &a, const Term &b) { return a.index < b.index; });
        std::vector<Term> out;
        for (const Term &t : terms) {
            if (!out.empty() && out.back().index == t.index)
                out.back().coefficient = m_field.normal(out.back().coefficient + t.coefficient);
            else
                out.push_back(t);
        }
        out.erase(std::remove_if(out.begin(), out.end(), [](const Term &t) { return t.coefficient == 0; }), out.end());
        return out;
    }

    Filtration m_f;
    Field m_field;
    int m_maxDim;
    int m_threads;
    Monitor m_monitor;
    std::vector<PersistenceBar> m_bars;
    std::vector<std::uint8_t> m_treeEdge; // by edge index: in the spanning forest
    std::vector<int> m_edgeFirst;         // by edge index: firstEqualCoface
    std::vector<std::uint8_t> m_pivotFacet; // by edge index: the last facet of a reduced pivot of dimension 1
    std::unordered_set<SimplexIndex> m_previousPivots; // reduced (not apparent) pivots of the dimension below
};

} // namespace

std::vector<PersistenceBar> persistentCohomology(const FloatMatrix &distances, double threshold,
                                                 const PersistenceSettings &settings, const std::atomic_bool *cancel)
{
    Cohomology cohomology(distances, threshold, settings, cancel);
    return cohomology.run();
}

} // namespace netbetti::rips
