#include "window/AboutDialog.h"

#include "topology/RipserEngine.h"
#include "train/TorchVersion.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QIcon>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace netbetti {

namespace {
// dpkg-query answers in milliseconds; a stuck dpkg database must not leave
// the dialog saying "looking" for long.
constexpr int kDpkgQueryTimeoutMs = 3000;
// Where Debian's ripser package puts the program: only then is the package's
// version the version of the program that runs.
const QString kDebianRipser = QStringLiteral("/usr/bin/ripser");
} // namespace

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("About NetBetti"));

    auto *icon = new QLabel(this);
    icon->setPixmap(QApplication::windowIcon().pixmap(64, 64));
    auto *title = new QLabel(tr("<h2>NetBetti %1</h2>").arg(QStringLiteral(NETBETTI_VERSION)), this);
    auto *blurb = new QLabel(tr("Persistent homology of the neuron metric space of neural networks, "
                                "epoch by epoch."),
                             this);
    blurb->setWordWrap(true);

    m_qt = new QLabel(tr("%1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)),
                      this);
    m_torch = new QLabel(libTorchVersion(), this);
    m_blas = new QLabel(blasDescription(), this);
    m_blas->setWordWrap(true);
    m_ripser = new QLabel(tr("looking…"), this);
    auto *form = new QFormLayout;
    form->addRow(tr("Qt:"), m_qt);
    form->addRow(tr("LibTorch:"), m_torch);
    form->addRow(tr("BLAS:"), m_blas);
    form->addRow(tr("ripser:"), m_ripser);
    for (QLabel *label : {m_qt, m_torch, m_blas, m_ripser})
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("&Copy Versions"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(versionsText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *header = new QHBoxLayout;
    header->addWidget(icon, 0, Qt::AlignTop);
    auto *text = new QVBoxLayout;
    text->addWidget(title);
    text->addWidget(blurb);
    text->addLayout(form);
    header->addLayout(text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(buttons);

    findRipserVersion();
}

AboutDialog::~AboutDialog()
{
    // Closed before dpkg-query answered: its end must not reach the labels,
    // which are deleted before it.
    if (m_dpkgQuery)
        m_dpkgQuery->disconnect(this);
}

QString AboutDialog::versionsText() const
{
    return QStringLiteral("NetBetti %1\nQt: %2\nLibTorch: %3\nBLAS: %4\nripser: %5\n")
        .arg(QStringLiteral(NETBETTI_VERSION), m_qt->text(), m_torch->text(), m_blas->text(), m_ripser->text());
}

void AboutDialog::findRipserVersion()
{
    m_ripserProgram = RipserEngine().programFor(2);
    if (m_ripserProgram.isEmpty() || !QFileInfo(m_ripserProgram).isExecutable()) {
        setRipser(tr("not found (install the Debian package ripser)"));
        return;
    }
    const QString where = QDir::toNativeSeparators(m_ripserProgram);
    if (QFileInfo(m_ripserProgram).canonicalFilePath() != kDebianRipser) {
        setRipser(tr("version unknown (%1)").arg(where));
        return;
    }
    m_dpkgQuery = new QProcess(this);
    connect(m_dpkgQuery, &QProcess::finished, this, [this, where](int exitCode, QProcess::ExitStatus status) {
        const QString version = QString::fromUtf8(m_dpkgQuery->readAllStandardOutput()).trimmed();
        if (status == QProcess::NormalExit && exitCode == 0 && !version.isEmpty())
            setRipser(tr("%1 (%2)").arg(version, where));
        else
            setRipser(tr("version unknown (%1)").arg(where));
    });
    connect(m_dpkgQuery, &QProcess::errorOccurred, this, [this, where](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            setRipser(tr("version unknown (%1)").arg(where));
    });
    QTimer::singleShot(kDpkgQueryTimeoutMs, m_dpkgQuery, [this] {
        if (m_dpkgQuery->state() != QProcess::NotRunning)
            m_dpkgQuery->kill(); // finished() then reports "version unknown"
    });
    m_dpkgQuery->start(QStringLiteral("dpkg-query"),
                       {QStringLiteral("--show"), QStringLiteral("--showformat=${Version}"), QStringLiteral("ripser")});
}

void AboutDialog::setRipser(const QString &text)
{
    m_ripser->setText(text);
    m_ripserKnown = true;
    Q_EMIT ripserFound();
}

} // namespace netbetti
