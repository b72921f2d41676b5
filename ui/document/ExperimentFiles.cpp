#include "document/ExperimentFiles.h"

#include "document/ExperimentDocument.h"
#include "document/RecentMenu.h"
#include "document/SaveFileDialog.h"
#include "window/Settings.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QRegularExpression>
#include <QStandardPaths>
#include <algorithm>
#include <numeric>

namespace netbetti {

namespace {

/// Where the file dialogs start: beside the last experiment, else Documents.
QString startFolder()
{
    const QStringList recent = settings::recentExperiments();
    return recent.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                            : QFileInfo(recent.first()).absolutePath();
}

QString specFilter()
{
    return QObject::tr("Experiment specs (*.json);;All files (*)");
}

} // namespace

ExperimentFiles::ExperimentFiles(ExperimentDocument *document, QWidget *window)
    : QObject(window), m_document(document), m_window(window)
{
}

void ExperimentFiles::addActions(QMenu *menu)
{
    menu->addAction(tr("&New Experiment"), this, [this] { newExperiment(); })->setShortcuts(QKeySequence::New);
    menu->addAction(tr("&Open Experiment…"), this, [this] { open(); })->setShortcuts(QKeySequence::Open);
    auto *recent = new RecentMenu(tr("Open &Recent Experiment"), settings::recentExperiments,
                                  settings::clearRecentExperiments, menu);
    connect(recent, &RecentMenu::chosen, this, [this](const QString &path) { open(path); });
    menu->addMenu(recent);
    QMenu *examplesMenu = menu->addMenu(tr("&Examples"));
    int group = 0;
    for (const ExampleExperiment &example : examples()) {
        if (example.group != group)
            examplesMenu->addSeparator();
        group = example.group;
        examplesMenu->addAction(example.name, this, [this, path = example.path] { openExample(path); });
    }
    menu->addAction(tr("&Save Experiment"), this, [this] { save(); })->setShortcuts(QKeySequence::Save);
    menu->addAction(tr("Save Experiment &As…"), this, [this] { saveAs(); })->setShortcuts(QKeySequence::SaveAs);
}

std::vector<ExampleExperiment> ExperimentFiles::examples()
{
    struct Entry
    {
        ExampleExperiment example;
        ExperimentSpec spec;
    };
    std::vector<Entry> entries;
    const QDir dir(QStringLiteral(":/examples"));
    for (const QString &file : dir.entryList({QStringLiteral("*.json")}, QDir::Files)) {
        const QString path = dir.filePath(file);
        const ExperimentSpec spec = ExperimentSpec::fromFile(path); // checked by the tests
        const int group = isFileKind(spec.dataset.kind) ? 2 : spec.dataset.dim == 2 ? 1 : 0;
        entries.push_back({{spec.name, path, spec.dataset.dim, group}, spec});
    }
    // D⁴ first, then the plane, then real data; smaller networks first.
    auto key = [](const Entry &e) {
        const auto &l = e.spec.model.layers;
        return std::make_tuple(e.example.group, std::accumulate(l.begin(), l.end(), 0), l.size(), e.spec.name);
    };
    std::sort(entries.begin(), entries.end(), [&](const Entry &a, const Entry &b) { return key(a) < key(b); });
    std::vector<ExampleExperiment> out;
    for (const Entry &e : entries)
        out.push_back(e.example);
    return out;
}

bool ExperimentFiles::maybeSave()
{
    if (!m_document->isModified())
        return true;
    const auto answer = QMessageBox::warning(
        m_window, tr("Unsaved experiment"),
        tr("The experiment “%1” has changes that are not saved. Save them?").arg(m_document->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

bool ExperimentFiles::newExperiment()
{
    if (!maybeSave())
        return false;
    m_document->reset(builtInExample());
    Q_EMIT info(tr("New experiment"));
    return true;
}

bool ExperimentFiles::open(const QString &path)
{
    if (!maybeSave())
        return false;
    QString file = path;
    if (file.isEmpty()) {
        const QString dir = startFolder();
        file = QFileDialog::getOpenFileName(m_window, tr("Open an experiment"), dir, specFilter());
        if (file.isEmpty())
            return false;
    }
    QString reason;
    if (!m_document->open(file, &reason)) {
        showError(tr("Cannot open the experiment"), reason);
        return false;
    }
    remember(file);
    Q_EMIT info(tr("opened experiment %1").arg(file));
    return true;
}

bool ExperimentFiles::openExample(const QString &path)
{
    if (!maybeSave())
        return false;
    try {
        m_document->reset(ExperimentSpec::fromFile(path));
    } catch (const std::exception &e) {
        showError(tr("Cannot open the example"), QString::fromUtf8(e.what()));
        return false;
    }
    Q_EMIT info(tr("example “%1”").arg(m_document->spec().name));
    return true;
}

bool ExperimentFiles::save()
{
    return saveAs(m_document->filePath());
}

bool ExperimentFiles::saveAs(const QString &path)
{
    QString file = path;
    if (file.isEmpty()) {
        const QString dir = startFolder();
        QString suggested = m_document->spec().name;
        suggested.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("-"));
        file = askSavePath(m_window, tr("Save the experiment"), QDir(dir).filePath(suggested + QStringLiteral(".json")),
                           specFilter(), QStringLiteral("json"));
        if (file.isEmpty())
            return false;
    }
    QString reason;
    if (!m_document->save(file, &reason)) {
        showError(tr("Cannot save the experiment"), reason);
        return false;
    }
    remember(file);
    Q_EMIT info(tr("saved experiment %1").arg(file));
    return true;
}

void ExperimentFiles::remember(const QString &path)
{
    settings::addRecentExperiment(QFileInfo(path).absoluteFilePath());
}

void ExperimentFiles::showError(const QString &title, const QString &message)
{
    Q_EMIT error(message);
    // Window-modal but not blocking: the window and its document stay as they were.
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("experimentFileError"));
    box->open();
}

} // namespace netbetti
