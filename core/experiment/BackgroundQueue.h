#pragma once
// Jobs whose results are derived from what the user already sees, run beside
// the work that makes it, below its priority.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace netbetti {

/// Independent jobs run on up to two threads below the priority of training
/// and analysis: what they compute is derived from epochs already shown (the
/// diagram distances between consecutive epochs), so on a busy machine the
/// next epoch's diagram comes first, and they catch up on both cores once
/// training ends. finish() runs what is left and joins; the queue can then
/// take jobs again.
class BackgroundQueue
{
public:
    BackgroundQueue() = default;
    BackgroundQueue(const BackgroundQueue &) = delete;
    BackgroundQueue &operator=(const BackgroundQueue &) = delete;
    ~BackgroundQueue();

    void push(std::function<void()> job);
    void finish();

    /// How much nicer than their creator the queue's threads are (Linux gives
    /// each thread its own nice value).
    static constexpr int kNice = 10;

private:
    void work();

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_jobs;
    bool m_closed = false;
    std::vector<std::thread> m_threads;
};

} // namespace netbetti
