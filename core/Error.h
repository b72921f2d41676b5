#pragma once
// The two kinds of failure the pipeline reports. Both carry a message that a
// user can act on: the file, the field (or line) and the value at fault.

#include <QString>
#include <stdexcept>

namespace netbetti {

/// Bad input (a spec, a CSV, a matrix file, a command-line value). The CLI
/// prints what() as one line and exits 2.
class InputError : public std::runtime_error
{
public:
    /// "file: field = value: reason", leaving out the parts that are empty.
    InputError(const QString &file, const QString &field, const QString &value,
               const QString &reason);
    explicit InputError(const QString &message);

    /// The field at fault ("model.layers[1]", "line 3"), empty if none was named:
    /// a form uses it to mark the widget that holds the bad value.
    QString field() const { return m_field; }

private:
    QString m_field;
};

/// A stage that failed while running (ripser crashed, a write failed, a run
/// was cancelled). The message names the file or program involved.
class RunError : public std::runtime_error
{
public:
    explicit RunError(const QString &message);
};

/// Thrown when a cancel request stops a stage. It is a RunError so that code
/// that only reports failures needs no special case.
class Cancelled : public RunError
{
public:
    Cancelled();
};

QString describeLocation(const QString &file, const QString &field, const QString &value,
                         const QString &reason);

} // namespace netbetti
