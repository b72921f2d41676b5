#include "BackgroundQueue.h"

#include <algorithm>
#include <sys/resource.h>
#include <unistd.h>

namespace netbetti {

BackgroundQueue::~BackgroundQueue()
{
    finish();
}

void BackgroundQueue::push(std::function<void()> job)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_jobs.push_back(std::move(job));
        if (m_threads.size() < size_t(std::clamp(int(std::thread::hardware_concurrency()), 1, 2)))
            m_threads.emplace_back([this] { work(); });
    }
    m_wake.notify_one();
}

void BackgroundQueue::finish()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_closed = true;
    }
    m_wake.notify_all();
    for (std::thread &thread : m_threads)
        thread.join();
    std::lock_guard<std::mutex> lock(m_mutex);
    m_threads.clear();
    m_closed = false; // open for the next run
}

void BackgroundQueue::work()
{
    // kNice below the thread that started it (a run started under nice
    // stays below it). Raising a thread's own nice value needs no
    // privilege; failing, the jobs just run at their caller's priority.
    const id_t self = id_t(gettid());
    (void)setpriority(PRIO_PROCESS, self, std::min(19, getpriority(PRIO_PROCESS, self) + kNice));
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return m_closed || !m_jobs.empty(); });
            if (m_jobs.empty())
                return;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        job();
    }
}

} // namespace netbetti
