#pragma once
// Run › Train Seeds…: how many seeds and the first one, the folder of the
// set, then the training's progress, with Cancel. Closing the dialog while
// seeds train cancels them (their folders stay to resume).

#include "experiment/ExperimentSpec.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace netbetti {

class SeedsController;

class TrainSeedsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit TrainSeedsDialog(const ExperimentSpec &spec, QWidget *parent = nullptr);

    QSpinBox *countBox() const { return m_count; }
    QSpinBox *firstSeedBox() const { return m_first; }
    QLineEdit *folderEdit() const { return m_folder; }
    QPushButton *startButton() const { return m_start; }
    /// Cancels a training set; closes the dialog otherwise.
    QPushButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *statusLabel() const { return m_status; }
    SeedsController *controller() const { return m_controller; }

    /// Starts the seeds as the form says; false (the reason shown) when refused.
    bool start();
    /// Cancels the seeds training (the dialog stays to say how it ended);
    /// closes the dialog when none are.
    void reject() override;

Q_SIGNALS:
    /// The set has finished seeds to show (all of them when complete is true).
    void seedSetTrained(const QString &folder, bool complete, const QString &message);
    void logLine(const QString &line);


private:
    void onFinished(bool ok, const QString &message, const QString &dir, int finishedRuns);
    void setRunning(bool running);

    ExperimentSpec m_spec;
    SeedsController *m_controller;
    QSpinBox *m_count, *m_first;
    QLineEdit *m_folder;
    QPushButton *m_start, *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_status;
};

} // namespace netbetti
