// The desktop side of the main window: Help › About names the versions of
// NetBetti, Qt, LibTorch and ripser without waiting on dpkg; standard
// actions use the standard keys; recent runs are a menu; and the dark look
// keeps text and plots readable.

#include "window/AboutDialog.h"
#include "window/AppIdentity.h"
#include "window/Appearance.h"
#include "window/MainWindow.h"
#include "document/RecentMenu.h"
#include "window/Settings.h"
#include "train/TorchVersion.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <qcustomplot.h>

using namespace netbetti;

namespace {

/// WCAG 2 contrast ratio: 4.5 is the minimum for body text.
double contrast(const QColor &a, const QColor &b)
{
    auto luminance = [](const QColor &c) {
        auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QAction *findAction(QWidget *window, const QString &text)
{
    for (QAction *action : window->findChildren<QAction *>())
        if (action->text().remove(QLatin1Char('&')) == text)
            return action;
    return nullptr;
}

QString dpkgVersion(const QString &package)
{
    QProcess query;
    query.start(QStringLiteral("dpkg-query"), {QStringLiteral("--show"), QStringLiteral("--showformat=${Version}"), package});
    query.waitForFinished(10000);
    return QString::fromUtf8(query.readAllStandardOutput()).trimmed();
}

} // namespace

class TestDesktop : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dirs;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        setApplicationIdentity();
        QSettings().clear();
        qunsetenv("NETBETTI_RIPSER");
    }

    void aboutNamesEveryVersion()
    {
        QElapsedTimer clock;
        clock.start();
        AboutDialog about;
        about.show();
        // dpkg-query runs in the background: the dialog shows at once.
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
        QTRY_VERIFY_WITH_TIMEOUT(about.ripserKnown(), 5000);

        const QString text = about.versionsText();
        QVERIFY2(text.startsWith(QStringLiteral("NetBetti %1\n").arg(QStringLiteral(NETBETTI_VERSION))), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Qt: %1 ").arg(QString::fromLatin1(qVersion()))), qPrintable(text));

        // LibTorch's header version agrees with the Debian package it came from.
        const QString torch = libTorchVersion();
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d+\\.\\d+\\.\\d+$")).match(torch).hasMatch(), qPrintable(torch));
        const QString torchPackage = dpkgVersion(QStringLiteral("libtorch-dev"));
        QVERIFY2(torchPackage.startsWith(torch.section(QLatin1Char('.'), 0, 1) + QLatin1Char('.')),
                 qPrintable(torch + QStringLiteral(" against libtorch-dev ") + torchPackage));
        QVERIFY(text.contains(QStringLiteral("LibTorch: %1\n").arg(torch)));
        QVERIFY2(text.contains(QStringLiteral("BLAS: %1\n").arg(blasDescription())), qPrintable(text));

        // ripser is a dependency: test.sh installs Debian's.
        const QString ripserPackage = dpkgVersion(QStringLiteral("ripser"));
        QVERIFY(!ripserPackage.isEmpty());
        QVERIFY2(text.contains(QStringLiteral("ripser: %1 (/usr/bin/ripser)").arg(ripserPackage)), qPrintable(text));
    }

    void aboutSaysWhatItCannotKnow()
    {
        // A ripser that is not Debian's: its package says nothing about it.
        const QString copy = m_dirs.filePath(QStringLiteral("ripser"));
        QVERIFY(QFile::copy(QStringLiteral("/usr/bin/ripser"), copy));
        qputenv("NETBETTI_RIPSER", copy.toUtf8());
        {
            AboutDialog about;
            QTRY_VERIFY_WITH_TIMEOUT(about.ripserKnown(), 5000);
            QVERIFY2(about.versionsText().contains(QStringLiteral("ripser: version unknown (%1)").arg(copy)),
                     qPrintable(about.versionsText()));
        }
        qputenv("NETBETTI_RIPSER", "/no/such/ripser");
        {
            AboutDialog about;
            QVERIFY(about.ripserKnown());
            QVERIFY2(about.versionsText().contains(QStringLiteral("ripser: not found")), qPrintable(about.versionsText()));
        }
        qunsetenv("NETBETTI_RIPSER");
    }

    void helpAboutOpensTheDialog()
    {
        MainWindow window;
        window.show();
        QAction *about = findAction(&window, QStringLiteral("About NetBetti"));
        QVERIFY(about);
        about->trigger();
        QTRY_VERIFY(window.findChild<AboutDialog *>() && window.findChild<AboutDialog *>()->isVisible());
        window.findChild<AboutDialog *>()->close();
    }

    void standardActionsUseStandardKeys()
    {
        MainWindow window;
        const QList<std::pair<QString, QKeySequence::StandardKey>> standard{
            {QStringLiteral("New Experiment"), QKeySequence::New},
            {QStringLiteral("Open Experiment…"), QKeySequence::Open},
            {QStringLiteral("Save Experiment"), QKeySequence::Save},
            {QStringLiteral("Save Experiment As…"), QKeySequence::SaveAs},
            {QStringLiteral("Undo"), QKeySequence::Undo},
            {QStringLiteral("Redo"), QKeySequence::Redo},
            {QStringLiteral("Quit"), QKeySequence::Quit},
            {QStringLiteral("Full Screen"), QKeySequence::FullScreen}};
        for (const auto &[text, key] : standard) {
            QAction *action = findAction(&window, text);
            QVERIFY2(action, qPrintable(text));
            // Every binding the platform has for it (offscreen knows no Quit key;
            // X11, GNOME and KDE say Ctrl+Q).
            QCOMPARE(action->shortcuts(), QKeySequence::keyBindings(key));
        }
        QVERIFY(!findAction(&window, QStringLiteral("Open Run…"))->shortcut().isEmpty());
        // No key is bound twice: an ambiguous shortcut does nothing.
        QSet<QString> seen;
        for (QAction *action : window.findChildren<QAction *>())
            for (const QKeySequence &key : action->shortcuts()) {
                QVERIFY2(!seen.contains(key.toString()), qPrintable(key.toString() + QStringLiteral(" twice")));
                seen.insert(key.toString());
            }
    }

    void recentRunsMenuOffersWhatExists()
    {
        settings::clearRecentRuns();
        const QString older = m_dirs.filePath(QStringLiteral("older")), newer = m_dirs.filePath(QStringLiteral("newer")),
                      gone = m_dirs.filePath(QStringLiteral("gone"));
        for (const QString &dir : {older, gone, newer}) {
            QDir().mkpath(dir);
            settings::addRecentRun(dir);
        }
        QDir(gone).removeRecursively();

        MainWindow window;
        RecentMenu *menu = nullptr;
        for (RecentMenu *m : window.findChildren<RecentMenu *>())
            if (m->title().contains(QStringLiteral("Recent Run")))
                menu = m;
        QVERIFY(menu);
        menu->refresh();
        QStringList entries;
        for (QAction *action : menu->actions())
            if (!action->isSeparator())
                entries << action->toolTip();
        QCOMPARE(entries.mid(0, 2), (QStringList{newer, older}));
        QSignalSpy chosen(menu, &RecentMenu::chosen);
        menu->actions().first()->trigger();
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.first().first().toString(), newer);

        // Loading an experiment makes it a recent experiment.
        const QString example = QStringLiteral(NETBETTI_SOURCE_DIR "/resources/examples/d4-ball-4-64-64-2.json");
        QVERIFY(window.loadSpec(example));
        QCOMPARE(settings::recentExperiments().value(0), example);
    }

    void darkLookKeepsTextAndPlotsReadable()
    {
        const QPalette light = QApplication::palette();
        qputenv("NETBETTI_COLOR_SCHEME", "dark");
        Appearance appearance;
        QCOMPARE(appearance.scheme(), ColorScheme::Dark);
        const QPalette dark = QApplication::palette();
        QVERIFY(isDark(dark));
        QVERIFY(contrast(dark.color(QPalette::WindowText), dark.color(QPalette::Window)) >= 7.0);
        QVERIFY(contrast(dark.color(QPalette::Text), dark.color(QPalette::Base)) >= 7.0);
        QVERIFY(contrast(dark.color(QPalette::HighlightedText), dark.color(QPalette::Highlight)) >= 3.0);
        QVERIFY(contrast(errorTextColor(dark), dark.color(QPalette::Window)) >= 4.5);

        // The plots keep their white paper and dark ink in the dark look.
        MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const auto plots = window.findChildren<QCustomPlot *>();
        QVERIFY(plots.size() >= 4);
        for (QCustomPlot *plot : plots) {
            if (!plot->isVisible())
                continue;
            const QColor paper = plot->grab().toImage().pixelColor(2, 2);
            QVERIFY2(paper.lightness() > 240, qPrintable(plot->objectName() + paper.name()));
            QVERIFY(contrast(plot->xAxis->tickLabelColor(), paper) >= 4.5);
            QVERIFY(contrast(plot->yAxis->labelColor(), paper) >= 4.5);
        }

        // Back to light: the desktop's own palette, and its error red.
        appearance.apply(ColorScheme::Light);
        QVERIFY(!isDark(QApplication::palette()));
        QCOMPARE(QApplication::palette().color(QPalette::Window), light.color(QPalette::Window));
        QVERIFY(contrast(errorTextColor(light), light.color(QPalette::Window)) >= 4.5);
        qunsetenv("NETBETTI_COLOR_SCHEME");
    }

    void cleanupTestCase() { QSettings().clear(); }
};

QTEST_MAIN(TestDesktop)
#include "tst_desktop.moc"
