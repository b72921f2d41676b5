#pragma once
// The real main window for the suites that compare it with a fresh one:
// shown at one size, with its queued replots and layouts run.

#include "window/MainWindow.h"

#include <QCoreApplication>
#include <QtTest>
#include <memory>

namespace netbetti::test {

/// Queued replots and layouts run; a few rounds for what they post.
inline void settle()
{
    for (int i = 0; i < 5; ++i) {
        QCoreApplication::processEvents();
        QTest::qWait(10);
    }
}

/// A main window shown at 1500 × 950, laid out; null when it was never exposed.
inline std::unique_ptr<MainWindow> newWindow()
{
    auto window = std::make_unique<MainWindow>();
    window->resize(1500, 950);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    settle(); // the first layout shares the height between the docks
    return window;
}

} // namespace netbetti::test
