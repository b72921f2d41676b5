#include "document/SaveFileDialog.h"

#include <QFileDialog>

namespace netbetti {

QString askSavePath(QWidget *parent, const QString &caption, const QString &suggestedPath, const QString &filter,
                    const QString &suffix)
{
    QFileDialog dialog(parent, caption, suggestedPath, filter);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(suffix); // added before the overwrite question
    dialog.selectFile(suggestedPath);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return {};
    return dialog.selectedFiles().first();
}

} // namespace netbetti
