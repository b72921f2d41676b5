// The architecture editor driven like a user's hand, offscreen: mouse
// presses, moves and releases on the real view, wheel events and keys. Each
// gesture is checked against the widths it must give, and undo against the
// exact specs seen before.

#include "editor/ArchitectureEditor.h"
#include "editor/ArchitectureItems.h"
#include "editor/ArchitectureEdits.h"
#include "Error.h"
#include "document/ExperimentDocument.h"
#include "editor/ExperimentPanel.h"
#include "window/MainWindow.h"

#include <QLineEdit>
#include <QUndoStack>
#include <QtTest>

using namespace netbetti;

namespace {

ExperimentSpec specWithLayers(std::vector<int> layers)
{
    ExperimentSpec s;
    s.name = QStringLiteral("editor test, %1").arg(architectureName(layers));
    s.model.layers = std::move(layers);
    return s;
}

const std::vector<int> &layersOf(const ExperimentDocument &document)
{
    return document.spec().model.layers;
}

/// A press, moves in small steps (as a hand makes them) and a release.
void drag(QWidget *viewport, QPoint from, QPoint to, int steps = 8)
{
    QTest::mousePress(viewport, Qt::LeftButton, Qt::NoModifier, from);
    for (int i = 1; i <= steps; ++i)
        QTest::mouseMove(viewport, from + (to - from) * i / steps);
    QTest::mouseRelease(viewport, Qt::LeftButton, Qt::NoModifier, to);
}

void wheel(QWidget *viewport, QPoint at, int notches)
{
    QWheelEvent event(at, viewport->mapToGlobal(at), QPoint(), QPoint(0, 120 * notches), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(viewport, &event);
}

struct Fixture
{
    ExperimentDocument document;
    ArchitectureEditor editor{&document};

    explicit Fixture(std::vector<int> layers)
    {
        document.reset(specWithLayers(std::move(layers)));
        editor.resize(640, editor.sizeHint().height());
        editor.show();
        if (!QTest::qWaitForWindowExposed(&editor))
            qWarning("editor not exposed");
    }
    QWidget *viewport() { return editor.viewport(); }
};

} // namespace

class TestArchitectureEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void blocksShowTheLayers()
    {
        Fixture f({4, 32, 128, 2});
        QCOMPARE(f.editor.blockCount(), 4);
        // Left to right, evenly spaced, on one row.
        for (int i = 1; i < 4; ++i) {
            QVERIFY(f.editor.blockPoint(i).x() > f.editor.blockPoint(i - 1).x());
            QCOMPARE(f.editor.blockPoint(i).y(), f.editor.blockPoint(0).y());
        }
        // Taller for wider layers: the handle of 128 is above the handle of 32.
        QVERIFY(f.editor.handlePoint(2).y() < f.editor.handlePoint(1).y());
        QCOMPARE(f.editor.neuronSummary().left(20), QStringLiteral("|X| = 162 neurons (h"));
    }

    void anImageWideInputFitsItsBlock()
    {
        // Fashion-MNIST's 784 inputs: taller than the hidden blocks but within
        // the scale, its number inside the block, the net in the view.
        Fixture f({784, 64, 32, 10});
        QCOMPARE(f.editor.blockCount(), 4);
        QVERIFY(f.editor.handlePoint(1).y() > f.editor.blockPoint(0).y() - LayerBlockItem::heightFor(784) / 2);
        QVERIFY(LayerBlockItem::heightFor(784) < LayerBlockItem::kMaxHeight);
        QVERIFY(QFontMetrics(f.editor.font()).horizontalAdvance(QStringLiteral("784")) < LayerBlockItem::kWidth - 8);
        for (int i = 0; i < 4; ++i)
            QVERIFY(f.viewport()->rect().contains(f.editor.blockPoint(i)));
        QCOMPARE(f.editor.neuronSummary().left(20), QStringLiteral("|X| = 106 neurons (h"));
    }

    void paletteDragInsertsWhereDropped()
    {
        Fixture f({4, 32, 128, 2});
        const ExperimentSpec before = f.document.spec();
        drag(f.viewport(), f.editor.palettePoint(), f.editor.gapPoint(2));
        QCOMPARE(layersOf(f.document), (std::vector<int>{4, 32, 64, 128, 2}));
        QCOMPARE(f.editor.selectedLayer(), 2);
        QCOMPARE(f.document.spec().name, QStringLiteral("editor test, 4-32-64-128-2")); // the name follows
        QCOMPARE(f.document.undoStack()->count(), 1);
        QCOMPARE(f.document.undoStack()->undoText(), QStringLiteral("Add hidden layer h2"));

        // Just before the output layer, and just after the input layer.
        drag(f.viewport(), f.editor.palettePoint(), f.editor.gapPoint(4) + QPoint(6, 20));
        QCOMPARE(layersOf(f.document), (std::vector<int>{4, 32, 64, 128, 64, 2}));
        drag(f.viewport(), f.editor.palettePoint(), f.editor.gapPoint(1) - QPoint(6, 0));
        QCOMPARE(layersOf(f.document), (std::vector<int>{4, 64, 32, 64, 128, 64, 2}));

        // Dropped back on the palette row, away from the network: nothing.
        drag(f.viewport(), f.editor.palettePoint(), f.editor.palettePoint() + QPoint(30, -5));
        QCOMPARE(f.editor.blockCount(), 7);
        QCOMPARE(f.document.undoStack()->count(), 3);

        for (int i = 0; i < 3; ++i)
            f.document.undoStack()->undo();
        QVERIFY(sameSpec(f.document.spec(), before));
        QCOMPARE(f.editor.blockCount(), 4);
    }

    void handleDragIsOneUndoStep()
    {
        Fixture f({4, 64, 64, 2});
        const ExperimentSpec before = f.document.spec();
        // 24 px of travel per doubling: 48 px up is ×4, in many small moves.
        const QPoint handle = f.editor.handlePoint(1);
        drag(f.viewport(), handle, handle - QPoint(0, 48), 16);
        QCOMPARE(layersOf(f.document), (std::vector<int>{4, 256, 64, 2}));
        QCOMPARE(f.document.undoStack()->count(), 1);
        QCOMPARE(f.document.undoStack()->undoText(), QStringLiteral("Set h1 to 256 neurons"));

        // A second drag is a second step; down halves.
        const QPoint handle2 = f.editor.handlePoint(2);
        drag(f.viewport(), handle2, handle2 + QPoint(0, 24), 6);
        QCOMPARE(layersOf(f.document), (std::vector<int>{4, 256, 32, 2}));
        QCOMPARE(f.document.undoStack()->count(), 2);

        // Far past the ends: clamped to 1 and 16384, never beyond.
        const QPoint handle3 = f.editor.handlePoint(2);
        drag(f.viewport(), handle3, handle3 - QPoint(0, 600), 10);
        QCOMPARE(layersOf(f.document)[2], kMaxLayerWidth);
        f.document.undoStack()->undo();
        const QPoint handle4 = f.editor.handlePoint(2);
        drag(f.viewport(), handle4, handle4 + QPoint(0, 400), 10);
        QCOMPARE(layersOf(f.document)[2], 1);

        // A drag that comes back to where it began leaves nothing to undo.
        f.document.undoStack()->undo();
        const int steps = f.document.undoStack()->index();
        const QPoint handle5 = f.editor.handlePoint(2);
        QTest::mousePress(f.viewport(), Qt::LeftButton, Qt::NoModifier, handle5);
        QTest::mouseMove(f.viewport(), handle5 - QPoint(0, 30));
        QTest::mouseMove(f.viewport(), handle5);
        QTest::mouseRelease(f.viewport(), Qt::LeftButton, Qt::NoModifier, handle5);
        QCOMPARE(layersOf(f.document), (std::vector<int>{4, 256, 32, 2}));
        QCOMPARE(f.document.undoStack()->index(), steps);

        f.document.undoStack()->undo();
        f.document.undoStack()->undo();
        QVERIFY(sameSpec(f.document.spec(), before));
    }

    void undoUnderTheHandEndsTheDrag()
    {
        Fixture f({4, 64, 2});
        drag(f.viewport(), f.editor.palettePoint(), f.editor.gapPoint(2));
        const QPoint handle = f.editor.handlePoint(2);
        QTest::mousePress(f.viewport(), Qt::LeftButton, Qt::NoModifier, handle);
        QTest::mouseMove(f.viewport(), handle - QPoint(0, 24));
        QCOMPARE(layersOf(f.document), (std::vector<int>{4, 64, 128, 2}));
        f.document.undoStack()->undo(); // the width
        f.document.undoStack()->undo(); // the layer being dragged
        QTest::mouseMove(f.viewport(), handle - QPoint(0, 48));
        QTest::mouseRelease(f.viewport(), Qt::LeftButton, Qt::NoModifier, handle - QPoint(0, 48));
        QCOMPARE(layersOf(f.document), (std::vector<int>{4, 64, 2}));
    }

    void wheelDoublesAndHalves()
    {
        Fixture f({4, 64, 64, 2});
        wheel(f.viewport(), f.editor.blockPoint(1), 1);
        wheel(f.viewport(), f.editor.blockPoint(1), 1);
        QCOMPARE(layersOf(f.document), (std::vector<int>{4, 256, 64, 2}));
        QCOMPARE(f.document.undoStack()->count(), 1); // one turn of the wheel, one step
        wheel(f.viewport(), f.editor.blockPoint(2), -1);
        QCOMPARE(layersOf(f.document), (std::vector<int>{4, 256, 32, 2}));
        // The input layer follows the dataset: the wheel does not touch it.
        wheel(f.viewport(), f.editor.blockPoint(0), 1);
        QCOMPARE(layersOf(f.document)[0], 4);
    }

    void deleteRemovesAHiddenLayerOnly()
    {
        Fixture f({4, 16, 32, 64, 2});
        QTest::mouseClick(f.viewport(), Qt::LeftButton, Qt::NoModifier, f.editor.blockPoint(2));
        QCOMPARE(f.editor.selectedLayer(), 2);
        QTest::keyClick(&f.editor, Qt::Key_Delete);
        QCOMPARE(layersOf(f.document), (std::vector<int>{4, 16, 64, 2}));
        QCOMPARE(f.editor.selectedLayer(), -1);

        // Input and output: refused, with the reason, nothing lost.
        for (int layer : {0, 3}) {
            QTest::mouseClick(f.viewport(), Qt::LeftButton, Qt::NoModifier, f.editor.blockPoint(layer));
            QCOMPARE(f.editor.selectedLayer(), layer);
            QTest::keyClick(&f.editor, Qt::Key_Delete);
            QCOMPARE(layersOf(f.document), (std::vector<int>{4, 16, 64, 2}));
            QVERIFY(f.editor.message().contains(QStringLiteral("cannot be removed")));
        }
        QCOMPARE(f.document.undoStack()->count(), 1);
        f.document.undoStack()->undo();
        QCOMPARE(layersOf(f.document), (std::vector<int>{4, 16, 32, 64, 2}));
        QVERIFY(f.editor.message().isEmpty());
    }

    void keyboardAlone()
    {
        Fixture f({4, 64, 2});
        f.editor.setFocus();
        QTest::keyClick(&f.editor, Qt::Key_Right); // nothing selected: the input first
        QCOMPARE(f.editor.selectedLayer(), 0);
        QTest::keyClick(&f.editor, Qt::Key_Insert);
        QCOMPARE(layersOf(f.document), (std::vector<int>{4, 64, 64, 2}));
        QCOMPARE(f.editor.selectedLayer(), 1);
        QTest::keyClick(&f.editor, Qt::Key_Plus);
        QTest::keyClick(&f.editor, Qt::Key_Plus);
        QCOMPARE(layersOf(f.document), (std::vector<int>{4, 256, 64, 2}));
        QTest::keyClick(&f.editor, Qt::Key_Right);
        QTest::keyClick(&f.editor, Qt::Key_Minus);
        QCOMPARE(layersOf(f.document), (std::vector<int>{4, 256, 32, 2}));
        QTest::keyClick(&f.editor, Qt::Key_Return);
        QVERIFY(f.editor.widthEditor()->isVisible());
        QTest::keyClicks(f.editor.widthEditor(), QStringLiteral("48"));
        QTest::keyClick(f.editor.widthEditor(), Qt::Key_Return);
        QCOMPARE(layersOf(f.document), (std::vector<int>{4, 256, 48, 2}));
        QCOMPARE(QApplication::focusWidget(), &f.editor); // the keys go on to the blocks
        QVERIFY(!f.editor.widthEditor()->isVisible());
        QTest::keyClick(&f.editor, Qt::Key_Delete);
        QCOMPARE(layersOf(f.document), (std::vector<int>{4, 256, 2}));
        QCOMPARE(f.document.undoStack()->count(), 5); // insert, ×4, ÷2, typed, delete
    }

    void dragABlockToReorder()
    {
        Fixture f({4, 16, 32, 256, 2});
        // h1 to the gap between h3 and the output.
        drag(f.viewport(), f.editor.blockPoint(1), f.editor.gapPoint(4));
        QCOMPARE(layersOf(f.document), (std::vector<int>{4, 32, 256, 16, 2}));
        QCOMPARE(f.editor.selectedLayer(), 3);
        // And back to the front.
        drag(f.viewport(), f.editor.blockPoint(3), f.editor.gapPoint(1));
        QCOMPARE(layersOf(f.document), (std::vector<int>{4, 16, 32, 256, 2}));
        // The input block does not move.
        drag(f.viewport(), f.editor.blockPoint(0), f.editor.gapPoint(3));
        QCOMPARE(layersOf(f.document), (std::vector<int>{4, 16, 32, 256, 2}));
        // A click is not a move.
        QTest::mouseClick(f.viewport(), Qt::LeftButton, Qt::NoModifier, f.editor.blockPoint(2));
        QCOMPARE(f.document.undoStack()->count(), 2);
    }

    void typeAWidth_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<int>("expected");
        QTest::addColumn<bool>("refused");
        QTest::newRow("plain") << "300" << 300 << false;
        QTest::newRow("largest") << "16384" << 16384 << false;
        QTest::newRow("zero") << "0" << 64 << true;
        QTest::newRow("too wide") << "16385" << 64 << true;
        QTest::newRow("negative") << "-5" << 64 << true;
        QTest::newRow("not a number") << "wide" << 64 << true;
    }

    void typeAWidth()
    {
        QFETCH(QString, typed);
        QFETCH(int, expected);
        QFETCH(bool, refused);
        Fixture f({4, 64, 64, 2});
        QTest::mouseDClick(f.viewport(), Qt::LeftButton, Qt::NoModifier, f.editor.blockPoint(1));
        QLineEdit *field = f.editor.widthEditor();
        QVERIFY(field->isVisible());
        QCOMPARE(field->text(), QStringLiteral("64"));
        field->selectAll();
        QTest::keyClicks(field, typed);
        QTest::keyClick(field, Qt::Key_Return);
        QVERIFY(!field->isVisible());
        QCOMPARE(layersOf(f.document), (std::vector<int>{4, expected, 64, 2}));
        QCOMPARE(f.editor.message().isEmpty(), !refused);
        QCOMPARE(f.document.undoStack()->count(), refused ? 0 : 1);
    }

    void escapeCancelsTyping()
    {
        Fixture f({4, 64, 64, 2});
        QTest::mouseDClick(f.viewport(), Qt::LeftButton, Qt::NoModifier, f.editor.blockPoint(2));
        QTest::keyClicks(f.editor.widthEditor(), QStringLiteral("9"));
        QTest::keyClick(f.editor.widthEditor(), Qt::Key_Escape);
        QVERIFY(!f.editor.widthEditor()->isVisible());
        QCOMPARE(layersOf(f.document), (std::vector<int>{4, 64, 64, 2}));
        // The input layer cannot be typed into: it says why.
        QTest::mouseDClick(f.viewport(), Qt::LeftButton, Qt::NoModifier, f.editor.blockPoint(0));
        QVERIFY(!f.editor.widthEditor()->isVisible());
        QVERIFY(f.editor.message().contains(QStringLiteral("dataset")));
    }

    void escapeInTheWindowCancelsTypingNotTheRun()
    {
        // In the main window Escape is also Run › Stop: the open field takes
        // it first, and nothing is stopped or committed.
        MainWindow window;
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        ArchitectureEditor *editor = window.experimentPanel()->architectureEditor();
        QAction *stop = nullptr;
        for (QAction *action : window.findChildren<QAction *>())
            if (action->text().remove(QLatin1Char('&')) == QLatin1String("Stop"))
                stop = action;
        QVERIFY(stop);
        QSignalSpy stopped(stop, &QAction::triggered);
        const ExperimentSpec before = window.document()->spec();
        QTest::mouseDClick(editor->viewport(), Qt::LeftButton, Qt::NoModifier, editor->blockPoint(1));
        QVERIFY(editor->widthEditor()->isVisible());
        editor->widthEditor()->setFocus();
        QTest::keyClicks(editor->widthEditor(), QStringLiteral("9"));
        QTest::keyClick(editor->widthEditor(), Qt::Key_Escape);
        QCOMPARE(stopped.size(), 0);
        QVERIFY(!editor->widthEditor()->isVisible());
        QCOMPARE(layersOf(*window.document()), before.model.layers);
        window.document()->undoStack()->setClean();
    }

    void undoRestoresEveryStateExactly()
    {
        Fixture f({4, 64, 64, 2});
        std::vector<ExperimentSpec> states{f.document.spec()};
        drag(f.viewport(), f.editor.palettePoint(), f.editor.gapPoint(3));
        states.push_back(f.document.spec());
        const QPoint handle = f.editor.handlePoint(1);
        drag(f.viewport(), handle, handle - QPoint(0, 24));
        states.push_back(f.document.spec());
        drag(f.viewport(), f.editor.blockPoint(1), f.editor.gapPoint(4));
        states.push_back(f.document.spec());
        QTest::mouseClick(f.viewport(), Qt::LeftButton, Qt::NoModifier, f.editor.blockPoint(2));
        QTest::keyClick(&f.editor, Qt::Key_Delete);
        states.push_back(f.document.spec());
        wheel(f.viewport(), f.editor.blockPoint(1), -1);
        states.push_back(f.document.spec());
        QCOMPARE(f.document.undoStack()->count(), 5);
        for (size_t i = 1; i < states.size(); ++i)
            QVERIFY2(!sameSpec(states[i], states[i - 1]), qPrintable(QString::number(i)));

        for (int i = int(states.size()) - 2; i >= 0; --i) {
            f.document.undoStack()->undo();
            QVERIFY2(sameSpec(f.document.spec(), states[size_t(i)]), qPrintable(QString::number(i)));
            QCOMPARE(f.editor.blockCount(), int(states[size_t(i)].model.layers.size()));
        }
        for (size_t i = 1; i < states.size(); ++i) {
            f.document.undoStack()->redo();
            QVERIFY(sameSpec(f.document.spec(), states[i]));
        }
    }

    void chosenLayersFollowTheirLayers()
    {
        Fixture f({4, 16, 32, 2});
        ExperimentSpec spec = f.document.spec();
        spec.analysis.neurons = QStringLiteral("layers");
        spec.analysis.layers = {2};
        f.document.reset(spec);
        QVERIFY(f.editor.neuronSummary().startsWith(QStringLiteral("|X| = 32 neurons")));
        // A layer inserted before h2 moves it to index 3; the metric still sees the 32.
        drag(f.viewport(), f.editor.palettePoint(), f.editor.gapPoint(1));
        QCOMPARE(f.document.spec().analysis.layers, (std::vector<int>{3}));
        QVERIFY(f.editor.neuronSummary().startsWith(QStringLiteral("|X| = 32 neurons")));
        // Removing the only chosen layer would leave no space: refused.
        QTest::mouseClick(f.viewport(), Qt::LeftButton, Qt::NoModifier, f.editor.blockPoint(3));
        QTest::keyClick(&f.editor, Qt::Key_Delete);
        QCOMPARE(layersOf(f.document), (std::vector<int>{4, 64, 16, 32, 2}));
        QVERIFY(f.editor.message().contains(QStringLiteral("No layer")));
    }

    void editsKeepTheAnalysedNeurons()
    {
        ExperimentSpec spec = specWithLayers({4, 16, 32, 64, 2});
        spec.analysis.neurons = QStringLiteral("layers");
        spec.analysis.layers = {1, 3}; // the 16 and the 64
        const ExperimentSpec moved = architecture::withMovedLayer(spec, 1, 3);
        QCOMPARE(moved.model.layers, (std::vector<int>{4, 32, 64, 16, 2}));
        QCOMPARE(moved.analysis.layers, (std::vector<int>{2, 3}));
        QCOMPARE(moved.analysedNeurons().size(), spec.analysedNeurons().size());
        const ExperimentSpec removed = architecture::withoutLayer(spec, 2);
        QCOMPARE(removed.model.layers, (std::vector<int>{4, 16, 64, 2}));
        QCOMPARE(removed.analysis.layers, (std::vector<int>{1, 2}));
        QCOMPARE(removed.name, QStringLiteral("editor test, 4-16-64-2"));
        QVERIFY_THROWS_EXCEPTION(InputError, architecture::withWidth(spec, 1, 0));
        QVERIFY_THROWS_EXCEPTION(InputError, architecture::withWidth(spec, 1, kMaxLayerWidth + 1));
        QCOMPARE(spec.model.layers, (std::vector<int>{4, 16, 32, 64, 2})); // untouched
    }

    void warnsBeforeAnUnaffordableSetting()
    {
        qputenv("NETBETTI_MEMORY_BUDGET_MIB", "1024");
        Fixture f({4, 512, 512, 2});
        QVERIFY(f.editor.neuronSummary().startsWith(QStringLiteral("|X| = 1026 neurons")));
        QCOMPARE(f.editor.costWarning(), QString()); // H1 of 1026 neurons: about 5 s, fine
        ExperimentSpec h2 = f.document.spec();
        h2.analysis.maxDim = 2;
        f.document.edit(h2, QStringLiteral("H2"));
        // 28+ bytes per triangle, C(1026, 3) triangles: gigabytes, over the budget.
        QVERIFY2(f.editor.costWarning().contains(QStringLiteral("GB")), qPrintable(f.editor.costWarning()));
        QVERIFY(f.editor.costWarning().contains(QStringLiteral("Train will be refused")));
        h2.analysis.threshold = 0.3;
        f.document.edit(h2, QStringLiteral("threshold"));
        QVERIFY(f.editor.costWarning().contains(QStringLiteral("Worst case")));
        // Small enough: no warning.
        const QPoint handle = f.editor.handlePoint(1);
        f.document.undoStack()->undo();
        drag(f.viewport(), handle, handle + QPoint(0, 24 * 5), 10); // 512 → 16
        QVERIFY(f.editor.neuronSummary().startsWith(QStringLiteral("|X| = 530 neurons")));
        qunsetenv("NETBETTI_MEMORY_BUDGET_MIB");
    }
};

QTEST_MAIN(TestArchitectureEditor)
#include "tst_architecture_editor.moc"
