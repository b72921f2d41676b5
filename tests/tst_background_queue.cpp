// The queue continuity runs on (BackgroundQueue.h): every job runs before
// finish() returns, on at most two threads, each below the caller's
// priority; the queue takes jobs again after finish().

#include "experiment/BackgroundQueue.h"

#include <QtTest>
#include <atomic>
#include <mutex>
#include <set>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>

using namespace netbetti;

class TestBackgroundQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyJobRunsBelowThePriorityOfItsCaller()
    {
        const int callerNice = getpriority(PRIO_PROCESS, id_t(gettid()));
        BackgroundQueue queue;
        std::mutex mutex;
        std::set<std::thread::id> threads;
        std::set<int> nices;
        std::atomic_int done{0};
        for (int job = 0; job < 40; ++job)
            queue.push([&] {
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
                std::lock_guard<std::mutex> lock(mutex);
                threads.insert(std::this_thread::get_id());
                nices.insert(getpriority(PRIO_PROCESS, id_t(gettid())));
                ++done;
            });
        queue.finish();
        QCOMPARE(done.load(), 40);
        QVERIFY(!threads.count(std::this_thread::get_id()));
        QVERIFY(threads.size() >= 1 && threads.size() <= 2);
        QCOMPARE(nices, (std::set<int>{std::min(19, callerNice + BackgroundQueue::kNice)}));
        QCOMPARE(getpriority(PRIO_PROCESS, id_t(gettid())), callerNice); // the caller's own is left alone

        // Open again after finish(), and finished again by the destructor.
        std::atomic_int later{0};
        {
            BackgroundQueue again;
            again.push([&] { ++later; });
            again.finish();
            QCOMPARE(later.load(), 1);
            again.push([&] { ++later; });
        }
        QCOMPARE(later.load(), 2);
    }
};

QTEST_GUILESS_MAIN(TestBackgroundQueue)
#include "tst_background_queue.moc"
