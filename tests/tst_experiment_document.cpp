// Experiments as documents in the real main window: edits of the form and
// of the architecture editor go through one undo stack, File › Save and
// Open round-trip the spec, the window title marks unsaved edits, a
// prompt guards them, a bad file changes nothing, and every example that
// ships loads and validates.

#include "editor/ArchitectureEditor.h"
#include "document/ExperimentDocument.h"
#include "document/ExperimentFiles.h"
#include "editor/ExperimentPanel.h"
#include "run/LogPanel.h"
#include "window/MainWindow.h"
#include "window/Settings.h"
#include "TestSupport.h"

#include <QAction>
#include <QCheckBox>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QWheelEvent>
#include <QSpinBox>
#include <QLineEdit>
#include <QTimer>
#include <QUndoStack>
#include <QtTest>

using namespace netbetti;

namespace {

QAction *menuAction(QMainWindow &window, const QString &menuTitle, const QString &actionText)
{
    for (QAction *menu : window.menuBar()->actions())
        if (menu->text().remove(QLatin1Char('&')) == menuTitle)
            for (QAction *action : menu->menu()->actions())
                if (action->text().remove(QLatin1Char('&')).startsWith(actionText))
                    return action;
    return nullptr;
}

/// Answers the next modal question with `button`, as a user would click it.
void answerNextQuestion(QMessageBox::StandardButton button)
{
    QTimer::singleShot(0, [button] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            qFatal("no question was asked");
        box->button(button)->click();
    });
}

} // namespace

class TestExperimentDocument : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("NetBettiTests"));
        QStandardPaths::setTestModeEnabled(true);
        settings::clearRecentExperiments();
    }

    void theWheelScrollsPastTheFields()
    {
        MainWindow window;
        window.resize(1200, 700); // the form taller than its panel
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ExperimentPanel *panel = window.experimentPanel();
        auto *scroll = panel->findChild<QScrollArea *>();
        QVERIFY(scroll);
        QVERIFY(scroll->verticalScrollBar()->maximum() > 0);
        auto *cycles = panel->findChild<QSpinBox *>(QStringLiteral("cyclesBox"));
        QVERIFY(cycles);
        scroll->ensureWidgetVisible(cycles);
        const int before = cycles->value(), top = scroll->verticalScrollBar()->value();
        auto wheel = [](QWidget *w, int notches) {
            const QPoint at = w->rect().center();
            QWheelEvent event(at, w->mapToGlobal(at), QPoint(), QPoint(0, 120 * notches), Qt::NoButton,
                              Qt::NoModifier, Qt::NoScrollPhase, false);
            QCoreApplication::sendEvent(w, &event);
        };
        // Not focused: the panel scrolls, the value stays.
        window.setFocus();
        wheel(cycles, 3);
        QCOMPARE(cycles->value(), before);
        QCOMPARE(window.document()->spec().analysis.cycles, before);
        QVERIFY2(scroll->verticalScrollBar()->value() < top, qPrintable(QString::number(top)));
        // Focused: the wheel is the field's.
        cycles->setFocus();
        QVERIFY(cycles->hasFocus());
        wheel(cycles, 1);
        QCOMPARE(cycles->value(), before + 1);
        QCOMPARE(window.document()->spec().analysis.cycles, before + 1);
    }

    void formEditsAreUndoable()
    {
        MainWindow window;
        ExperimentPanel *panel = window.experimentPanel();
        QUndoStack *undo = window.document()->undoStack();
        QSpinBox *epochs = nullptr; // the only spin box at 20 that goes to a million
        for (QSpinBox *s : panel->findChildren<QSpinBox *>())
            if (s->value() == 20 && s->maximum() == 1'000'000)
                epochs = s;
        QVERIFY(epochs);
        QCOMPARE(epochs->value(), window.document()->spec().training.epochs);
        // Holding the arrow key: three changes, one step.
        epochs->setFocus();
        QTest::keyClick(epochs, Qt::Key_Up);
        QTest::keyClick(epochs, Qt::Key_Up);
        QTest::keyClick(epochs, Qt::Key_Up);
        QCOMPARE(window.document()->spec().training.epochs, 23);
        QCOMPARE(undo->count(), 1);
        QAction *undoAction = menuAction(window, QStringLiteral("Edit"), QStringLiteral("Undo"));
        QVERIFY(undoAction);
        QCOMPARE(undoAction->text(), QStringLiteral("&Undo Change Epochs"));
        QCOMPARE(undoAction->shortcut(), QKeySequence(QKeySequence::Undo));
        QVERIFY(window.isWindowModified());
        // A field in a row of widgets is named by its row.
        auto *threshold = panel->findChild<QCheckBox *>();
        QVERIFY(threshold);
        threshold->click();
        QCOMPARE(undoAction->text(), QStringLiteral("&Undo Change Threshold"));
        QVERIFY(window.document()->spec().analysis.threshold.has_value());
        undoAction->trigger();
        QVERIFY(!window.document()->spec().analysis.threshold.has_value());
        // Cycles per dimension: the spec's analysis.cycles, 0 shown as "off".
        auto *cycles = panel->findChild<QSpinBox *>(QStringLiteral("cyclesBox"));
        QVERIFY(cycles);
        QCOMPARE(cycles->value(), window.document()->spec().analysis.cycles);
        cycles->setValue(3);
        QCOMPARE(window.document()->spec().analysis.cycles, 3);
        cycles->setValue(0);
        QCOMPARE(window.document()->spec().analysis.cycles, 0);
        QCOMPARE(cycles->text(), QStringLiteral("off"));
        QCOMPARE(undoAction->text(), QStringLiteral("&Undo Change Cycles per dimension"));
        undoAction->trigger(); // the two edits of one field in a row are one step
        QCOMPARE(window.document()->spec().analysis.cycles, 10);
        QCOMPARE(window.document()->spec().training.epochs, 23);

        // Typed layers reach the editor; the editor's edits reach the line.
        panel->layersEdit()->setText(QStringLiteral("4-32-2"));
        QCOMPARE(panel->architectureEditor()->blockCount(), 3);
        ArchitectureEditor *editor = panel->architectureEditor();
        editor->resize(500, editor->sizeHint().height());
        QTest::mouseClick(editor->viewport(), Qt::LeftButton, Qt::NoModifier, editor->blockPoint(1));
        QTest::keyClick(editor, Qt::Key_Delete);
        QCOMPARE(panel->layersEdit()->text(), QStringLiteral("4-2"));
        QCOMPARE(undo->count(), 3);

        // A bad value in the form is refused there; the document keeps the last good spec.
        panel->layersEdit()->setText(QStringLiteral("4-0-2"));
        QVERIFY(!panel->isValid());
        QCOMPARE(window.document()->spec().model.layers, (std::vector<int>{4, 2}));
        QCOMPARE(undo->count(), 3);
        panel->layersEdit()->setText(QStringLiteral("3-64-2")); // the dataset has 4 coordinates
        QVERIFY(panel->validationMessage().contains(QStringLiteral("dimension, 4")));
        QVERIFY(!panel->trainButton()->isEnabled());
        QCOMPARE(window.document()->spec().model.layers, (std::vector<int>{4, 2}));
        QCOMPARE(editor->blockCount(), 2); // the editor shows what the document holds

        undoAction->trigger();
        QCOMPARE(panel->layersEdit()->text(), QStringLiteral("4-32-2"));
        QVERIFY(panel->isValid()); // the bad text is gone with the undo
        undoAction->trigger();
        undoAction->trigger();
        QVERIFY(sameSpec(window.document()->spec(), builtInExample()));
        QCOMPARE(epochs->value(), 20);
        QVERIFY(!window.isWindowModified());
    }

    void roundTripThroughSaveAndOpen()
    {
        MainWindow window;
        ExperimentDocument *document = window.document();
        ExperimentSpec spec = builtInExample();
        spec.name = QStringLiteral("round trip");
        spec.model.layers = {4, 100, 7, 300, 2};
        spec.analysis.neurons = QStringLiteral("layers");
        spec.analysis.layers = {1, 3};
        spec.analysis.threshold = 0.75;
        spec.analysis.coefficients = 3;
        spec.training.learningRate = 0.0123;
        window.experimentPanel()->setSpec(spec);
        QVERIFY(window.experimentPanel()->isValid());
        QVERIFY(window.isWindowModified());
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("Untitled[*]")));

        const QString path = m_dir.filePath(QStringLiteral("round-trip.json"));
        QVERIFY(window.experimentFiles()->saveAs(path));
        QVERIFY(!window.isWindowModified());
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("round-trip.json[*]")));
        QCOMPARE(settings::recentExperiments().value(0), QFileInfo(path).absoluteFilePath());
        QVERIFY(sameSpec(ExperimentSpec::fromFile(path), spec));

        QVERIFY(window.experimentFiles()->newExperiment());
        QVERIFY(sameSpec(document->spec(), builtInExample()));
        QVERIFY(window.experimentFiles()->open(path));
        QVERIFY(sameSpec(document->spec(), spec));
        QCOMPARE(document->filePath(), path);
        QVERIFY(!window.isWindowModified());
        // The form shows the list of layers as it is, and does not rewrite it.
        QVERIFY(window.experimentPanel()->isValid());
        QCOMPARE(document->undoStack()->count(), 0);

        // File › Open Recent lists it first and opens it again.
        QVERIFY(window.experimentFiles()->newExperiment());
        QMenu *recent = menuAction(window, QStringLiteral("File"), QStringLiteral("Open Recent"))->menu();
        QVERIFY(recent);
        Q_EMIT recent->aboutToShow();
        QCOMPARE(recent->actions().value(0)->toolTip(), QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath()));
        recent->actions().value(0)->trigger();
        QVERIFY(sameSpec(document->spec(), spec));
    }

    void badFilesChangeNothing_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("named");
        QTest::newRow("malformed") << QByteArray("{\"name\": \"x\",\n \"seed\": }") << "line 2";
        QTest::newRow("wide layer") << QByteArray("{\"model\": {\"layers\": [4, 20000, 2]}}") << "model.layers[1]";
        QTest::newRow("unknown key") << QByteArray("{\"modle\": {}}") << "modle";
    }

    void badFilesChangeNothing()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, named);
        MainWindow window;
        window.experimentPanel()->layersEdit()->setText(QStringLiteral("4-8-2"));
        const ExperimentSpec built = window.document()->spec();
        const QString path = test::writeTestFile(m_dir, QStringLiteral("bad.json"), content);
        answerNextQuestion(QMessageBox::Discard); // the unsaved 4-8-2 is asked about first
        QVERIFY(!window.experimentFiles()->open(path));
        QVERIFY(sameSpec(window.document()->spec(), built));
        QCOMPARE(window.logPanel()->errorCount(), 1);
        auto *box = window.findChild<QMessageBox *>(QStringLiteral("experimentFileError"));
        QVERIFY(box);
        QVERIFY2(box->text().contains(named), qPrintable(box->text()));
        box->close();
        // Nor does a file that is not there.
        answerNextQuestion(QMessageBox::Discard);
        QVERIFY(!window.experimentFiles()->open(m_dir.filePath(QStringLiteral("missing.json"))));
        QVERIFY(sameSpec(window.document()->spec(), built));
        window.document()->undoStack()->setClean();
    }

    void unsavedEditsAreAskedAbout()
    {
        MainWindow window;
        window.show();
        window.experimentPanel()->layersEdit()->setText(QStringLiteral("4-8-2"));
        QVERIFY(window.document()->isModified());

        // Cancel keeps everything.
        answerNextQuestion(QMessageBox::Cancel);
        QVERIFY(!window.experimentFiles()->newExperiment());
        QCOMPARE(window.document()->spec().model.layers, (std::vector<int>{4, 8, 2}));
        answerNextQuestion(QMessageBox::Cancel);
        QVERIFY(!window.close());
        QVERIFY(window.isVisible());

        // Save writes the file first (to the document's path), then goes on.
        const QString path = m_dir.filePath(QStringLiteral("asked.json"));
        QVERIFY(window.experimentFiles()->saveAs(path));
        window.experimentPanel()->layersEdit()->setText(QStringLiteral("4-9-2"));
        answerNextQuestion(QMessageBox::Save);
        QVERIFY(window.experimentFiles()->newExperiment());
        QCOMPARE(ExperimentSpec::fromFile(path).model.layers, (std::vector<int>{4, 9, 2}));

        // Discard drops the edits.
        window.experimentPanel()->layersEdit()->setText(QStringLiteral("4-10-2"));
        answerNextQuestion(QMessageBox::Discard);
        QVERIFY(window.close());
    }

    void everyExampleLoadsAndValidates()
    {
        const std::vector<ExampleExperiment> examples = ExperimentFiles::examples();
        QStringList names;
        for (const ExampleExperiment &e : examples)
            names << architectureName(ExperimentSpec::fromFile(e.path).model.layers);
        // The four reference architectures on D⁴ first (4-128-128-2 also with
        // H₂, right after it), then the plane, then real data.
        QCOMPARE(names.mid(0, 5), (QStringList{QStringLiteral("4-64-64-2"), QStringLiteral("4-128-128-2"),
                                               QStringLiteral("4-128-128-2"), QStringLiteral("4-128-128-128-2"),
                                               QStringLiteral("4-512-512-2")}));
        QCOMPARE(ExperimentSpec::fromFile(examples[2].path).analysis.maxDim, 2);
        QCOMPARE(ExperimentSpec::fromFile(examples[1].path).analysis.maxDim, 1);
        QVERIFY(examples.size() >= 8);
        QCOMPARE(examples.back().name, QStringLiteral("Fashion-MNIST, 784-64-32-10"));

        MainWindow window;
        QAction *examplesMenu = menuAction(window, QStringLiteral("File"), QStringLiteral("Examples"));
        QVERIFY(examplesMenu && examplesMenu->menu());
        int entries = 0;
        for (QAction *action : examplesMenu->menu()->actions()) {
            if (action->isSeparator())
                continue;
            ++entries;
            action->trigger();
            const ExperimentSpec &spec = window.document()->spec();
            QCOMPARE(spec.name, action->text());
            const DatasetShape fromData = datasetShape(spec.dataset); // Fashion-MNIST's from Debian's files
            Dataset shape;
            shape.dim = fromData.dim;
            shape.classes = fromData.classes;
            spec.validateAgainst(shape, action->text());
            QVERIFY2(window.experimentPanel()->isValid(), qPrintable(window.experimentPanel()->validationMessage()));
            QVERIFY(window.experimentPanel()->trainButton()->isEnabled());
            QVERIFY(!window.isWindowModified());
            QVERIFY(window.document()->filePath().isEmpty()); // Save asks where: never into the program
        }
        QCOMPARE(entries, int(examples.size()));
    }

    void standardShortcuts()
    {
        MainWindow window;
        QCOMPARE(menuAction(window, QStringLiteral("File"), QStringLiteral("New Experiment"))->shortcut(),
                 QKeySequence(QKeySequence::New));
        QCOMPARE(menuAction(window, QStringLiteral("File"), QStringLiteral("Open Experiment"))->shortcut(),
                 QKeySequence(QKeySequence::Open));
        QCOMPARE(menuAction(window, QStringLiteral("File"), QStringLiteral("Save Experiment As"))->shortcut(),
                 QKeySequence(QKeySequence::SaveAs));
        QCOMPARE(menuAction(window, QStringLiteral("Edit"), QStringLiteral("Redo"))->shortcut(),
                 QKeySequence(QKeySequence::Redo));
        QVERIFY(menuAction(window, QStringLiteral("File"), QStringLiteral("Open Run")));
    }
};

QTEST_MAIN(TestExperimentDocument)
#include "tst_experiment_document.moc"
