#pragma once
// The benchmarks' clock: the best of a few repeats, which is what the code
// costs once the machine's other work is out of the way.

#include <QElapsedTimer>
#include <algorithm>

namespace netbetti::bench {

template<typename F>
double bestSeconds(int repeats, F f)
{
    double best = 1e300;
    for (int k = 0; k < repeats; ++k) {
        QElapsedTimer t;
        t.start();
        f();
        best = std::min(best, double(t.nsecsElapsed()) * 1e-9);
    }
    return best;
}

} // namespace netbetti::bench
