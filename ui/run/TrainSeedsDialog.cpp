#include "run/TrainSeedsDialog.h"

#include "run/SeedsController.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <climits>

namespace netbetti {

TrainSeedsDialog::TrainSeedsDialog(const ExperimentSpec &spec, QWidget *parent)
    : QDialog(parent), m_spec(spec), m_controller(new SeedsController(this)), m_count(new QSpinBox(this)),
      m_first(new QSpinBox(this)), m_folder(new QLineEdit(this)), m_start(new QPushButton(tr("&Train"), this)),
      m_cancel(new QPushButton(tr("Close"), this)), m_progress(new QProgressBar(this)), m_status(new QLabel(this))
{
    setWindowTitle(tr("Train Seeds — %1").arg(spec.name));
    m_count->setRange(1, 1000);
    m_count->setValue(5);
    m_count->setToolTip(tr("How many times the experiment is trained, each time with another seed"));
    m_first->setRange(0, INT_MAX);
    m_first->setValue(int(std::min<std::uint64_t>(spec.seed, INT_MAX)));
    m_first->setToolTip(tr("The seeds are this one, the next, and so on"));
    m_folder->setText(SeedsController::newSeedSetFolder(spec));
    m_folder->setToolTip(tr("The seed set's folder (a sweep folder): a set started before in it is resumed"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);

    auto *form = new QFormLayout;
    form->addRow(tr("Seeds:"), m_count);
    form->addRow(tr("First seed:"), m_first);
    form->addRow(tr("Folder:"), m_folder);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_start, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    m_start->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Train <b>%1</b> once per seed, to tell what the architecture does from "
                                    "what a seed does. The Betti panel then shows the seeds' median with a band.")
                                     .arg(spec.name.toHtmlEscaped()),
                                 this));
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(520, sizeHint().height());

    connect(m_start, &QPushButton::clicked, this, &TrainSeedsDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, &TrainSeedsDialog::reject);
    connect(m_controller, &SeedsController::progress, this, [this](int runsDone, int runs, int epochsDone, int epochs) {
        m_progress->setRange(0, std::max(1, epochs));
        m_progress->setValue(std::min(epochsDone, epochs));
        m_progress->setFormat(tr("%1 of %2 seeds done, %p % of the epochs").arg(runsDone).arg(runs));
    });
    connect(m_controller, &SeedsController::logLine, this, [this](const QString &line) {
        m_status->setText(line);
        Q_EMIT logLine(line);
    });
    connect(m_controller, &SeedsController::finished, this, &TrainSeedsDialog::onFinished);
}

bool TrainSeedsDialog::start()
{
    QString error;
    if (!m_controller->start(m_spec, m_count->value(), m_first->value(), m_folder->text().trimmed(), &error)) {
        m_status->setText(error);
        return false;
    }
    m_status->setText(tr("Training %1 seeds into %2…").arg(m_count->value()).arg(m_folder->text()));
    m_progress->setRange(0, 0); // busy until the first look at the folders
    setRunning(true);
    return true;
}

void TrainSeedsDialog::setRunning(bool running)
{
    m_start->setEnabled(!running);
    m_count->setEnabled(!running);
    m_first->setEnabled(!running);
    m_folder->setEnabled(!running);
    m_cancel->setText(running ? tr("Cancel") : tr("Close"));
}

void TrainSeedsDialog::onFinished(bool ok, const QString &message, const QString &dir, int finishedRuns)
{
    setRunning(false);
    m_progress->setRange(0, 1);
    m_progress->setValue(ok ? 1 : 0);
    m_progress->setFormat(ok ? tr("done") : tr("stopped"));
    m_status->setText(message);
    Q_EMIT logLine(message);
    if (finishedRuns > 0)
        Q_EMIT seedSetTrained(dir, ok, message);
}

void TrainSeedsDialog::reject()
{
    if (m_controller->isRunning()) {
        // Cancel first; the dialog stays until the workers have stopped.
        m_status->setText(tr("Cancelling: stopping the seeds' workers…"));
        m_cancel->setEnabled(false);
        m_controller->cancel();
        connect(m_controller, &SeedsController::finished, this, [this] { m_cancel->setEnabled(true); },
                Qt::SingleShotConnection);
        return;
    }
    QDialog::reject();
}

} // namespace netbetti
