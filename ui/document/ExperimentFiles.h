#pragma once
// File › New, Open, Open Recent, Examples, Save and Save As for the
// experiment document: the dialogs, the recent-files list, and the question
// before unsaved edits are lost. The document itself knows no widgets.

#include <QObject>
#include <vector>

class QMenu;
class QWidget;

namespace netbetti {

class ExperimentDocument;

/// An experiment shipped with the program, compiled into its resources.
struct ExampleExperiment
{
    QString name; ///< the spec's own name
    QString path; ///< ":/examples/…json"
    int dim = 0;  ///< of its dataset: the menu puts the planar sets apart
    int group = 0; ///< 0 the D⁴ ball, 1 the plane, 2 real data: one menu section each
};

class ExperimentFiles : public QObject
{
    Q_OBJECT
public:
    ExperimentFiles(ExperimentDocument *document, QWidget *window);

    /// New, Open…, Open Recent, Examples, Save and Save As… at the end of `menu`.
    void addActions(QMenu *menu);

    /// Asks what to do with unsaved edits: true to go on (saved or
    /// discarded), false when the user cancels.
    bool maybeSave();
    bool newExperiment();
    /// Opens a spec file, asking for one when `path` is empty. A file that
    /// does not parse is refused with the reason; the document is kept.
    bool open(const QString &path = {});
    /// Starts an untitled experiment from an example (Save asks where).
    bool openExample(const QString &path);
    bool save();
    /// Saves to `path`, asking for one when it is empty.
    bool saveAs(const QString &path = {});

    /// The reference architectures on D⁴ by size, then the planar sets.
    static std::vector<ExampleExperiment> examples();

Q_SIGNALS:
    /// What happened, for the log and the status bar.
    void info(const QString &message);
    void error(const QString &message);

private:
    void remember(const QString &path);
    void showError(const QString &title, const QString &message);

    ExperimentDocument *m_document;
    QWidget *m_window;
};

} // namespace netbetti
