#pragma once
// One writer per folder: a lock file (FOLDER/lock) held with flock(2) for as
// long as a process writes the folder. The kernel drops the lock when its
// holder dies, however it dies, so a lock left by a killed process is simply
// taken over; the file names the holder (pid and host) so that a second
// writer is refused with a message saying who writes. flock also works
// between hosts on NFS (Linux emulates it with POSIX locks there).

#include <QString>
#include <optional>

namespace netbetti {

class FolderLock
{
public:
    struct Holder
    {
        qint64 pid = 0;
        QString host;
    };

    /// Takes the lock of folder (made if missing). Throws InputError naming
    /// the folder and the holder's pid and host when another process, or
    /// another lock in this one, holds it; RunError when it cannot be made.
    static FolderLock acquire(const QString &folder);
    static QString lockPath(const QString &folder);

    FolderLock(FolderLock &&other) noexcept;
    FolderLock &operator=(FolderLock &&other) noexcept;
    FolderLock(const FolderLock &) = delete;
    FolderLock &operator=(const FolderLock &) = delete;
    /// Releases the lock and removes the lock file.
    ~FolderLock();

private:
    FolderLock(int fd, QString path);
    void release();

    int m_fd = -1;
    QString m_path;
};

} // namespace netbetti
