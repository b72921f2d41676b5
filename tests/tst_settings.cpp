// The GUI's settings: one application id behind QSettings, typed values that
// round-trip, recent runs and experiments kept to ten with missing ones
// dropped, and a damaged, older or newer settings file that never stops the
// main window from coming up.

#include "window/AppIdentity.h"
#include "window/MainWindow.h"
#include "run/RunController.h"
#include "window/Settings.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QIcon>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

using namespace netbetti;

class TestSettings : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dirs;

    QString settingsFile() const { return QSettings().fileName(); }

    /// Replaces the settings file with these bytes, as another program would.
    void writeSettingsFile(const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(settingsFile()).path());
        QFile file(settingsFile());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(bytes);
    }

    QString makeFolder(const QString &name)
    {
        const QString path = m_dirs.filePath(name);
        QDir().mkpath(path);
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        setApplicationIdentity();
        QFile::remove(settingsFile());
    }

    void init() { QSettings().clear(); }

    void oneApplicationIdNamesEverything()
    {
        const QString id = applicationId();
        QCOMPARE(QCoreApplication::organizationName() + QLatin1Char('.') + QCoreApplication::applicationName(), id);
        QCOMPARE(QGuiApplication::desktopFileName(), id);
        QVERIFY2(settingsFile().endsWith(QStringLiteral("/io.github.netbetti/NetBetti.conf")), qPrintable(settingsFile()));
        QCOMPARE(QCoreApplication::applicationVersion(), QStringLiteral(NETBETTI_VERSION));
        // The icon the window shows outside an installed icon theme.
        QVERIFY(QFile::exists(QStringLiteral(":/icons/%1.svg").arg(id)));
        QVERIFY(!QGuiApplication::windowIcon().isNull());
    }

    void runsGoWhereUsersLookForThem()
    {
        // Not under the application id's folder: ~/.local/share/NetBetti/runs,
        // beside netbetti-cli's, as the README says.
        qunsetenv("NETBETTI_RUNS_DIR");
        const QString folder = RunController::newRunFolder(ExperimentSpec());
        const QString root = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
        QVERIFY2(folder.startsWith(root + QStringLiteral("/NetBetti/runs/")), qPrintable(folder));
    }

    void typedValuesRoundTrip()
    {
        settings::setWindowGeometry(QByteArray("\x01\x02\x00\x03", 4));
        settings::setWindowState(QByteArray("state"));
        settings::setLastRunFolder(QStringLiteral("/some/run"));
        settings::setLastExportPreset(QStringLiteral("Paper figure (PDF)"));
        QCOMPARE(settings::windowGeometry(), QByteArray("\x01\x02\x00\x03", 4));
        QCOMPARE(settings::windowState(), QByteArray("state"));
        QCOMPARE(settings::lastRunFolder(), QStringLiteral("/some/run"));
        QCOMPARE(settings::lastExportPreset(), QStringLiteral("Paper figure (PDF)"));
        settings::setLastExportPreset(QString());
        QCOMPARE(settings::lastExportPreset(), QString());
    }

    void recentRunsKeepTheTenNewestFirst()
    {
        QStringList added;
        for (int i = 0; i < 12; ++i) {
            added << makeFolder(QStringLiteral("run-%1").arg(i));
            settings::addRecentRun(added.last());
        }
        QStringList expected;
        for (int i = 11; i >= 2; --i)
            expected << added[i];
        QCOMPARE(settings::recentRuns(), expected);

        // Opening an older run again moves it to the front, once.
        settings::addRecentRun(added[5] + QStringLiteral("/"));
        QCOMPARE(settings::recentRuns().size(), settings::kMaxRecent);
        QCOMPARE(settings::recentRuns().first(), added[5]);
        QCOMPARE(settings::recentRuns().count(added[5]), 1);
    }

    void recentListsDropWhatIsGone()
    {
        const QString kept = makeFolder(QStringLiteral("kept")), gone = makeFolder(QStringLiteral("gone"));
        settings::addRecentRun(kept);
        settings::addRecentRun(gone);
        QVERIFY(QDir(gone).removeRecursively());
        QCOMPARE(settings::recentRuns(), QStringList{kept});

        const QString spec = m_dirs.filePath(QStringLiteral("spec.json"));
        QFile file(spec);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        settings::addRecentExperiment(spec);
        settings::addRecentExperiment(kept); // a folder is not an experiment file
        QCOMPARE(settings::recentExperiments(), QStringList{spec});
        QFile::remove(spec);
        QCOMPARE(settings::recentExperiments(), QStringList());

        settings::clearRecentRuns();
        QCOMPARE(settings::recentRuns(), QStringList());
    }

    void damagedSettingsNeverStopTheWindow_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<bool>("isDirectory");
        QTest::addColumn<QStringList>("recentRuns"); // what makes sense in it

        QByteArray noise(4096, '\0');
        QRandomGenerator random(8);
        for (char &c : noise)
            c = char(random.bounded(256));
        const QString existing = makeFolder(QStringLiteral("existing"));

        QTest::newRow("random bytes") << noise << false << QStringList();
        QTest::newRow("empty") << QByteArray() << false << QStringList();
        QTest::newRow("wrong types") << QByteArray("[window]\ngeometry=42\nstate=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x3zz)\n"
                                                   "[files]\nrecentRuns=@Rect(1 2 3 4)\nrecentExperiments=12, 13\n"
                                                   "lastRunFolder=@Size(3 4)\n[export]\nlastPreset=@Point(1 2)\n")
                                     << false << QStringList();
        QTest::newRow("a newer version's") << "[window]\ngeometry=@ByteArray(\\x1\\xd9\\xd0\\xcb\\0\\x9\\0\\0)\n"
                                              "state=@ByteArray(\\0\\0\\0\\xff\\0\\0\\0\\x63\\xfd)\n"
                                              "[files]\nrecentRuns=" + existing.toUtf8() + ", /no/such/run, 7\n"
                                              "[plugins]\nsomething=new\n[export]\npresets\\size=3\n"
                                           << false << QStringList{existing};
        QTest::newRow("truncated") << QByteArray("[window]\ngeometry=@ByteArray(\\x1\\xd9\\xd0") << false
                                   << QStringList();
        QTest::newRow("a folder in its place") << QByteArray() << true << QStringList();
    }

    void damagedSettingsNeverStopTheWindow()
    {
        QFETCH(QByteArray, content);
        QFETCH(bool, isDirectory);
        QFETCH(QStringList, recentRuns);
        QFile::remove(settingsFile());
        if (isDirectory)
            QVERIFY(QDir().mkpath(settingsFile()));
        else
            writeSettingsFile(content);

        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(window.isVisible());
            QVERIFY(window.width() > 100 && window.height() > 100);
            // Read as far as it makes sense: only folders that exist.
            QCOMPARE(settings::recentRuns(), recentRuns);
            for (const QString &spec : settings::recentExperiments())
                QVERIFY2(QFileInfo(spec).isFile(), qPrintable(spec));
            window.close();
        }

        if (isDirectory) {
            QVERIFY(QDir(settingsFile()).removeRecursively());
            return;
        }
        // And the next start finds a good file again.
        QSettings().sync();
        QCOMPARE(QSettings().status(), QSettings::NoError);
        QVERIFY(!settings::windowGeometry().isEmpty());
        QVERIFY(!settings::windowState().isEmpty());
    }

    void cleanupTestCase() { QFile::remove(settingsFile()); }
};

QTEST_MAIN(TestSettings)
#include "tst_settings.moc"
