#pragma once
// The experiment being edited: its spec, the undo stack every edit goes
// through, the file it was read from or saved to, and whether it changed
// since. Views show spec() and change it only through edit(), so that undo
// restores every state exactly and the modified marker never lies.

#include "experiment/ExperimentSpec.h"

#include <QObject>

class QUndoStack;

namespace netbetti {

/// A continuous gesture (dragging a width handle, typing in a field) pushes
/// many edits; those in a row with the same merge id and key (the drag, the
/// field) become one undo step.
enum class EditMerge : int { None = -1, LayerWidth = 1, FormField = 2 };

/// Whether two specs describe the same experiment, field by field.
bool sameSpec(const ExperimentSpec &a, const ExperimentSpec &b);

class ExperimentDocument : public QObject
{
    Q_OBJECT
public:
    explicit ExperimentDocument(QObject *parent = nullptr);

    const ExperimentSpec &spec() const { return m_spec; }
    QUndoStack *undoStack() const { return m_undo; }

    /// An undoable change from spec() to `after`, named `text` in the Edit
    /// menu ("Widen layer 2"); nothing happens when they are the same.
    void edit(const ExperimentSpec &after, const QString &text, EditMerge merge = EditMerge::None,
              const QString &mergeKey = {});

    /// Takes `spec` (an opened run's) as the experiment: starts over when
    /// nothing was built yet (untitled and unmodified), else an undoable edit.
    void adopt(const ExperimentSpec &spec, const QString &text);
    /// Starts over with `spec`: nothing to undo, unmodified, saved to `path`
    /// (none: Save asks where).
    void reset(const ExperimentSpec &spec, const QString &path = {});
    /// Reads a spec file. On failure the document is unchanged and *error
    /// names the file, the field and the value.
    bool open(const QString &path, QString *error);
    /// Writes the spec as JSON (atomically) and marks the document clean.
    bool save(const QString &path, QString *error);

    QString filePath() const { return m_path; }
    /// The file's name, or "Untitled" before the first save.
    QString displayName() const;
    bool isModified() const;

Q_SIGNALS:
    void specChanged(const netbetti::ExperimentSpec &spec);
    void modifiedChanged(bool modified);
    void filePathChanged(const QString &path);

private:
    friend class SetSpecCommand;
    void apply(const ExperimentSpec &spec);
    void setFilePath(const QString &path);

    ExperimentSpec m_spec;
    QUndoStack *m_undo;
    QString m_path;
};

} // namespace netbetti
