// The status bar, the toolbar and the Log describe the run shown, in the
// real window: after opening another run, at Train, paused, stopped; Open
// Run asks before it replaces unsaved edits; typing in the numeric fields
// works as in any Qt application; a refused edit's message goes with the
// next edit that goes through.

#include "RunFixtures.h"
#include "TestSupport.h"
#include "document/ExperimentDocument.h"
#include "editor/ArchitectureEditor.h"
#include "editor/ExperimentPanel.h"
#include "plots/BettiView.h"
#include "run/EpochScrubber.h"
#include "run/LogPanel.h"
#include "run/RunController.h"
#include "run/RunModel.h"
#include "window/MainWindow.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <QtTest>

using namespace netbetti;
using namespace netbetti::test;

namespace {

QString label(MainWindow &w, const char *name)
{
    auto *l = w.findChild<QLabel *>(QString::fromLatin1(name));
    return l ? l->text() : QStringLiteral("<no label %1>").arg(QString::fromLatin1(name));
}

/// Counts the paint events a widget gets.
class PaintCounter : public QObject
{
public:
    int paints = 0;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        paints += event->type() == QEvent::Paint;
        return false;
    }
};

/// Answers the next message box with `button` once it shows.
void answerNextMessageBox(QMessageBox::StandardButton button, bool *asked)
{
    QTimer::singleShot(0, [button, asked] {
        for (QWidget *w : QApplication::topLevelWidgets())
            if (auto *box = qobject_cast<QMessageBox *>(w); box && box->isVisible()) {
                *asked = true;
                box->button(button)->click();
                return;
            }
        answerNextMessageBox(button, asked); // not shown yet
    });
}

} // namespace

class TestStatus : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_big, m_small;

    static ExperimentSpec liveSpec()
    {
        ExperimentSpec spec;
        spec.name = QStringLiteral("status live");
        spec.dataset.samples = 400;
        spec.model.layers = {4, 12, 2};
        spec.training.epochs = 400;
        return spec;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        isolateWindowTest(m_dir);
        // A 7-epoch run of 4-32-32-2, then a 3-epoch run of 4-8-2.
        m_big = trainRun(m_dir, QStringLiteral("big"), QStringLiteral(R"({"name": "big", "dataset": {"samples": 400},
            "model": {"layers": [4, 32, 32, 2]}, "training": {"epochs": 7}})"));
        m_small = trainRun(m_dir, QStringLiteral("small"), QStringLiteral(R"({"name": "small", "dataset": {"samples": 400},
            "model": {"layers": [4, 8, 2]}, "training": {"epochs": 3}})"));
        QVERIFY(!m_big.isEmpty() && !m_small.isEmpty());
    }

    void statusBarDescribesTheRunShown()
    {
        MainWindow w;
        QVERIFY(w.openRun(m_big));
        QVERIFY2(label(w, "epochLabel").startsWith(QStringLiteral("Epoch 7 of 7")), qPrintable(label(w, "epochLabel")));
        QVERIFY(label(w, "timingLabel").startsWith(QStringLiteral("epoch 7:")));
        QVERIFY(w.openRun(m_small));
        const RunRecord small = RunFolder(m_small).readRecord();
        const EpochRecord &last = small.epochs.back();
        QCOMPARE(last.epoch, 3);
        // |X| = 8 + 2 neurons; the epoch, loss and timings are the small run's.
        QCOMPARE(label(w, "epochLabel"), QStringLiteral("Epoch 3 of 3  loss %1  test accuracy %2  |X| 10 (%3 constant)")
                                             .arg(last.loss, 0, 'f', 4)
                                             .arg(last.testAccuracy, 0, 'f', 3)
                                             .arg(last.constantNeurons));
        QCOMPARE(label(w, "timingLabel"), QStringLiteral("epoch 3: train %1 s, probe %2 s, metric %3 s, persistence %4 s")
                                              .arg(last.seconds.train, 0, 'f', 2)
                                              .arg(last.seconds.probe, 0, 'f', 2)
                                              .arg(last.seconds.metric, 0, 'f', 2)
                                              .arg(last.seconds.persistence, 0, 'f', 2));
        QVERIFY(label(w, "folderLabel").contains(QDir::toNativeSeparators(m_small)));
        // Scrubbed: the status follows the epoch shown.
        w.model()->setCurrentEpoch(1);
        QVERIFY(label(w, "epochLabel").startsWith(QStringLiteral("Epoch 1 of 3")));
        QVERIFY(label(w, "timingLabel").startsWith(QStringLiteral("epoch 1:")));
    }

    void trainClearsTheLastRunsNumbersAndPauseSaysPaused()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openRun(m_big));
        QStringList atStart;
        connect(w.controller(), &RunController::started, this, [&] {
            atStart = {label(w, "epochLabel"), label(w, "timingLabel"), label(w, "folderLabel")};
        });
        w.startRun(liveSpec());
        QTRY_VERIFY_WITH_TIMEOUT(!atStart.isEmpty(), 30000);
        QCOMPARE(atStart[0], QStringLiteral("no epoch yet"));
        QCOMPARE(atStart[1], QString());
        QVERIFY(!atStart[2].contains(QDir::toNativeSeparators(m_big)));
        QTRY_VERIFY_WITH_TIMEOUT(w.model()->analysedEpochs().size() >= 2, 60000);
        QVERIFY(label(w, "runStateLabel").contains(QStringLiteral("Training")));

        QTest::mouseClick(w.experimentPanel()->pauseButton(), Qt::LeftButton);
        QVERIFY(w.controller()->isPaused());
        QVERIFY(label(w, "runStateLabel").contains(QStringLiteral("Paused")));
        QVERIFY(label(w, "runStateInToolbar").contains(QStringLiteral("Paused")));
        // Paused, the views still follow the epochs that finish their analysis.
        QTRY_VERIFY_WITH_TIMEOUT(w.controller()->isIdle(), 30000);
        QCoreApplication::processEvents();
        QCOMPARE(w.model()->currentEpoch(), w.model()->analysedEpochs().back());
        QVERIFY(w.scrubber()->followBox()->isChecked());

        QTest::mouseClick(w.experimentPanel()->pauseButton(), Qt::LeftButton);
        QVERIFY(!w.controller()->isPaused());
        QVERIFY(!label(w, "runStateLabel").contains(QStringLiteral("Paused")));
        QCOMPARE(label(w, "runStateInToolbar"), QString());

        // Typing an epoch in the scrubber takes it when typing ends: "1",
        // then "12" would have been epoch 1 on the way, and followed no more.
        QTRY_VERIFY_WITH_TIMEOUT(w.model()->analysedEpochs().size() >= 4, 60000);
        QSpinBox *epoch = w.scrubber()->spinBox();
        epoch->setFocus();
        epoch->selectAll();
        QTest::keyClicks(epoch, QStringLiteral("1"));
        QVERIFY(w.scrubber()->followBox()->isChecked());
        QTest::keyClick(epoch, Qt::Key_Return);
        QCOMPARE(w.model()->currentEpoch(), 1);
        QVERIFY(!w.scrubber()->followBox()->isChecked()); // scrubbed away
        const int shown = w.model()->currentEpoch();
        const size_t count = w.model()->analysedEpochs().size();
        QTRY_VERIFY_WITH_TIMEOUT(w.model()->analysedEpochs().size() > count, 60000);
        QCOMPARE(w.model()->currentEpoch(), shown);

        QTest::mouseClick(w.experimentPanel()->stopButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller()->isRunning(), 30000);
        const int trained = w.model()->epochs().back().epoch;
        QVERIFY(trained >= 4 && trained < 400);
        QVERIFY2(w.logPanel()->toPlainText().contains(QStringLiteral("stopped after %1 epochs").arg(trained)),
                 qPrintable(w.logPanel()->toPlainText()));
        QCOMPARE(label(w, "runStateLabel"), QString());
    }

    void openRunAsksBeforeReplacingEdits()
    {
        MainWindow w;
        w.show();
        ExperimentSpec edited = w.document()->spec();
        edited.training.learningRate = 0.003;
        w.document()->edit(edited, QStringLiteral("rate"));
        QVERIFY(w.document()->isModified());
        bool asked = false;
        answerNextMessageBox(QMessageBox::Cancel, &asked);
        QVERIFY(!w.openRunAsking(m_small));
        QVERIFY(asked);
        QVERIFY(!w.model()->hasRun());
        QCOMPARE(w.document()->spec().training.learningRate, 0.003);
        asked = false;
        answerNextMessageBox(QMessageBox::Discard, &asked);
        QVERIFY(w.openRunAsking(m_small));
        QVERIFY(asked);
        QCOMPARE(w.model()->folder(), QFileInfo(m_small).absoluteFilePath());
        w.document()->undoStack()->setClean();
    }

    void epsilonTakesWhatIsTyped()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openRun(m_big));
        QDoubleSpinBox *eps = w.bettiView()->scaleSpinBox();
        eps->setFocus();
        eps->selectAll();
        QTest::keyClicks(eps, QStringLiteral("0.76"));
        QTest::keyClick(eps, Qt::Key_Return);
        QCOMPARE(eps->value(), 0.76);
        QCOMPARE(w.model()->scale(), 0.76);
        QCOMPARE(eps->text(), QStringLiteral("0.760"));
        // Select all and type: the value typed, not 0.
        eps->selectAll();
        QTest::keyClicks(eps, QStringLiteral("0.25"));
        QTest::keyClick(eps, Qt::Key_Return);
        QCOMPARE(w.model()->scale(), 0.25);
    }

    void everyNumericFieldTakesWhatIsTyped()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openRun(m_big));
        int checked = 0;
        for (QAbstractSpinBox *box : w.findChildren<QAbstractSpinBox *>()) {
            if (!box->isVisible() || !box->isEnabled() || box->isReadOnly())
                continue;
            // A value one step from the current one, typed over a selection.
            QString typed;
            if (auto *spin = qobject_cast<QSpinBox *>(box)) {
                const int v = spin->value() < spin->maximum() ? spin->value() + 1 : spin->value() - 1;
                typed = QString::number(v);
            } else if (auto *spin = qobject_cast<QDoubleSpinBox *>(box)) {
                const double step = std::max(spin->singleStep(), std::pow(10.0, -spin->decimals()));
                const double v = spin->value() + step <= spin->maximum() ? spin->value() + step : spin->value() - step;
                typed = QString::number(v, 'f', spin->decimals());
            } else {
                continue;
            }
            box->setFocus();
            box->selectAll();
            QTest::keyClicks(box, typed);
            QTest::keyClick(box, Qt::Key_Return);
            QCoreApplication::processEvents();
            const QString shown = box->text().remove(qobject_cast<QSpinBox *>(box) ? qobject_cast<QSpinBox *>(box)->suffix()
                                                                                  : qobject_cast<QDoubleSpinBox *>(box)->suffix());
            QVERIFY2(shown.trimmed() == typed, qPrintable(QStringLiteral("%1: typed %2, shows %3")
                                                               .arg(box->toolTip().left(60), typed, box->text())));
            ++checked;
        }
        QVERIFY(checked >= 10); // the form's, ε, the barcode's and the scrubber's
        w.document()->undoStack()->setClean();
    }

    void epsilonReachesTheSignedMetricsRange()
    {
        const QString signedRun = trainRun(m_dir, QStringLiteral("signed"), QStringLiteral(R"({"dataset": {"samples": 300},
            "model": {"layers": [4, 8, 2]}, "training": {"epochs": 1},
            "analysis": {"metric": "sqrt-one-minus-correlation"}})"));
        QVERIFY(!signedRun.isEmpty());
        MainWindow w;
        QVERIFY(w.openRun(signedRun));
        QCOMPARE(w.bettiView()->scaleSpinBox()->maximum(), std::round(std::sqrt(2.0) * 1000) / 1000);
        w.bettiView()->scaleSlider()->setValue(w.bettiView()->scaleSlider()->maximum());
        QCOMPARE(w.model()->scale(), std::sqrt(2.0));
        // Back to a run of the default metric: ε within its [0, 1].
        QVERIFY(w.openRun(m_small));
        QCOMPARE(w.model()->scale(), 1.0);
        QCOMPARE(w.bettiView()->scaleSpinBox()->maximum(), 1.0);
    }

    void aRefusedEditsMessageGoesWithTheNextEdit()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        ArchitectureEditor *editor = w.experimentPanel()->architectureEditor();
        editor->selectLayer(1);
        editor->setFocus();
        QTest::keyClick(editor, Qt::Key_Return);
        QLineEdit *field = editor->widthEditor();
        QTRY_VERIFY(field->isVisible());
        field->selectAll();
        QTest::keyClicks(field, QStringLiteral("lots"));
        QTest::keyClick(field, Qt::Key_Return);
        QVERIFY2(editor->message().contains(QStringLiteral("lots")), qPrintable(editor->message()));
        QCoreApplication::processEvents();

        // An edit elsewhere that moves no block: the footer is drawn again, without the message.
        PaintCounter counter;
        editor->viewport()->installEventFilter(&counter);
        ExperimentSpec edited = w.document()->spec();
        edited.training.learningRate = 0.002;
        w.document()->edit(edited, QStringLiteral("rate"));
        QVERIFY(editor->message().isEmpty());
        QTRY_VERIFY(counter.paints > 0);
        w.document()->undoStack()->setClean();
    }
};

QTEST_MAIN(TestStatus)
#include "tst_status.moc"
