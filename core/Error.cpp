#include "Error.h"

#include <QStringList>

namespace netbetti {

QString describeLocation(const QString &file, const QString &field, const QString &value,
                         const QString &reason)
{
    QStringList parts;
    if (!file.isEmpty())
        parts << file;
    if (!field.isEmpty())
        parts << (value.isNull() ? field : field + QStringLiteral(" = ") + value);
    else if (!value.isNull())
        parts << value;
    parts << reason;
    return parts.join(QStringLiteral(": "));
}

InputError::InputError(const QString &file, const QString &field, const QString &value,
                       const QString &reason)
    : std::runtime_error(describeLocation(file, field, value, reason).toStdString()), m_field(field)
{
}

InputError::InputError(const QString &message) : std::runtime_error(message.toStdString()) {}

RunError::RunError(const QString &message) : std::runtime_error(message.toStdString()) {}

Cancelled::Cancelled() : RunError(QStringLiteral("cancelled")) {}

} // namespace netbetti
