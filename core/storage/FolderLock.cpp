#include "FolderLock.h"

#include "Error.h"

#include <QDir>
#include <QSysInfo>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace netbetti {

namespace {

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

/// "pid\nhost\n", as the holder wrote it; nothing when the holder has not
/// written it yet (it writes right after it takes the lock).
std::optional<FolderLock::Holder> readHolder(int fd)
{
    char buffer[512];
    const ssize_t n = pread(fd, buffer, sizeof buffer - 1, 0);
    if (n <= 0)
        return std::nullopt;
    const QStringList lines = QString::fromUtf8(buffer, int(n)).split(QLatin1Char('\n'));
    bool ok = false;
    FolderLock::Holder holder{lines.value(0).toLongLong(&ok), lines.value(1)};
    return ok ? std::optional(holder) : std::nullopt;
}

bool sameFile(int fd, const QByteArray &path)
{
    struct stat open {}, named {};
    return fstat(fd, &open) == 0 && stat(path.constData(), &named) == 0 && open.st_dev == named.st_dev
           && open.st_ino == named.st_ino;
}

} // namespace

QString FolderLock::lockPath(const QString &folder)
{
    return QDir(folder).filePath(QStringLiteral("lock"));
}

FolderLock FolderLock::acquire(const QString &folder)
{
    if (!QDir().mkpath(folder))
        throw RunError(QStringLiteral("%1: cannot make the folder").arg(folder));
    const QString path = lockPath(folder);
    const QByteArray native = QFile::encodeName(path);
    // A holder that ends removes the file: a lock taken on the file it just
    // removed is no lock, so take it again on the file the name now gives.
    for (int attempt = 0; attempt < 100; ++attempt) {
        const int fd = ::open(native.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0)
            throw RunError(QStringLiteral("%1: cannot open the lock file: %2").arg(path, systemError(errno)));
        if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
            const int error = errno;
            const std::optional<Holder> holder = readHolder(fd);
            ::close(fd);
            if (error != EWOULDBLOCK)
                throw RunError(QStringLiteral("%1: cannot lock: %2").arg(path, systemError(error)));
            throw InputError(folder, {}, {},
                             holder ? QStringLiteral("locked by process %1 on host %2, which is writing it; wait "
                                                     "for it to end, or stop it")
                                          .arg(holder->pid)
                                          .arg(holder->host)
                                    : QStringLiteral("locked by another process, which is writing it"));
        }
        if (!sameFile(fd, native)) {
            ::close(fd);
            continue;
        }
        const QByteArray text = QByteArray::number(qint64(getpid())) + '\n' + QSysInfo::machineHostName().toUtf8()
                                + '\n';
        if (ftruncate(fd, 0) != 0 || pwrite(fd, text.constData(), size_t(text.size()), 0) != text.size()) {
            const int error = errno;
            ::close(fd);
            throw RunError(QStringLiteral("%1: write failed: %2").arg(path, systemError(error)));
        }
        return FolderLock(fd, path);
    }
    throw RunError(QStringLiteral("%1: cannot lock: the lock file keeps being replaced").arg(path));
}

FolderLock::FolderLock(int fd, QString path) : m_fd(fd), m_path(std::move(path)) {}

FolderLock::FolderLock(FolderLock &&other) noexcept : m_fd(other.m_fd), m_path(std::move(other.m_path))
{
    other.m_fd = -1;
}

FolderLock &FolderLock::operator=(FolderLock &&other) noexcept
{
    if (this != &other) {
        release();
        m_fd = std::exchange(other.m_fd, -1);
        m_path = std::move(other.m_path);
    }
    return *this;
}

FolderLock::~FolderLock()
{
    release();
}

void FolderLock::release()
{
    if (m_fd < 0)
        return;
    // Removed while still held, so that nobody takes the lock on a file
    // about to disappear (acquire() checks that it locked the named file).
    ::unlink(QFile::encodeName(m_path).constData());
    ::close(m_fd);
    m_fd = -1;
}

} // namespace netbetti
