#include "document/ExperimentDocument.h"

#include "storage/AtomicFile.h"

#include <QFileInfo>
#include <QUndoCommand>
#include <QUndoStack>

namespace netbetti {

bool sameSpec(const ExperimentSpec &a, const ExperimentSpec &b)
{
    return a.toJson() == b.toJson();
}

/// Every edit of the experiment: the whole spec before and after. Whole
/// specs cost a few hundred bytes and make undo exact whatever the edit
/// touched (a dataset change also moves the input and output layers).
class SetSpecCommand : public QUndoCommand
{
public:
    SetSpecCommand(ExperimentDocument *document, ExperimentSpec before, ExperimentSpec after, const QString &text,
                   EditMerge merge, QString mergeKey)
        : QUndoCommand(text), m_document(document), m_before(std::move(before)), m_after(std::move(after)),
          m_merge(merge), m_mergeKey(std::move(mergeKey))
    {
    }

    void undo() override { m_document->apply(m_before); }
    void redo() override { m_document->apply(m_after); }
    int id() const override { return int(m_merge); }

    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *next = static_cast<const SetSpecCommand *>(other);
        if (next->m_mergeKey != m_mergeKey)
            return false;
        m_after = next->m_after;
        setText(next->text());
        // A drag that ends where it began leaves nothing to undo.
        setObsolete(sameSpec(m_before, m_after));
        return true;
    }

private:
    ExperimentDocument *m_document;
    ExperimentSpec m_before, m_after;
    EditMerge m_merge;
    QString m_mergeKey;
};

ExperimentDocument::ExperimentDocument(QObject *parent) : QObject(parent), m_undo(new QUndoStack(this))
{
    connect(m_undo, &QUndoStack::cleanChanged, this, [this](bool clean) { Q_EMIT modifiedChanged(!clean); });
}

void ExperimentDocument::edit(const ExperimentSpec &after, const QString &text, EditMerge merge,
                              const QString &mergeKey)
{
    if (sameSpec(m_spec, after))
        return;
    m_undo->push(new SetSpecCommand(this, m_spec, after, text, merge, mergeKey));
}

void ExperimentDocument::adopt(const ExperimentSpec &spec, const QString &text)
{
    if (m_path.isEmpty() && !isModified())
        reset(spec); // viewing a run should not leave edits to save behind
    else
        edit(spec, text);
}

void ExperimentDocument::apply(const ExperimentSpec &spec)
{
    m_spec = spec;
    Q_EMIT specChanged(m_spec);
}

void ExperimentDocument::reset(const ExperimentSpec &spec, const QString &path)
{
    m_undo->clear();
    setFilePath(path);
    apply(spec);
    m_undo->setClean();
}

bool ExperimentDocument::open(const QString &path, QString *error)
{
    try {
        reset(ExperimentSpec::fromFile(path), path);
    } catch (const std::exception &e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
    return true;
}

bool ExperimentDocument::save(const QString &path, QString *error)
{
    try {
        writeFileAtomically(path, m_spec.toJsonBytes());
    } catch (const std::exception &e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
    setFilePath(path);
    m_undo->setClean();
    return true;
}

QString ExperimentDocument::displayName() const
{
    return m_path.isEmpty() ? tr("Untitled") : QFileInfo(m_path).fileName();
}

bool ExperimentDocument::isModified() const
{
    return !m_undo->isClean();
}

void ExperimentDocument::setFilePath(const QString &path)
{
    if (path == m_path)
        return;
    m_path = path;
    Q_EMIT filePathChanged(m_path);
}

} // namespace netbetti
