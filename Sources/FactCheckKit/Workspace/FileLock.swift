#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on a document, held through a lock file beside it that is never renamed or
/// deleted: locking the document itself would protect nothing once a write replaces it.
final class FileLock {
    private let descriptor: Int32

    /// The lock file that guards `path`: `.NAME.lock` in the same folder.
    static func lockPath(for path: String) -> String {
        let (folder, name) = PathNames.split(path)
        return PathNames.join(folder, ".\(name).lock")
    }

    /// Waits up to `timeout` seconds for the lock on `path`.
    init(guarding path: String, timeout: Double) throws(DocumentError) {
        let lockPath = Self.lockPath(for: path)
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw .unreadable([Diagnostic(file: lockPath, message: "cannot open lock file: \(SystemError.lastMessage())")])
        }
        let deadline = MonotonicClock.seconds() + timeout
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, MonotonicClock.seconds() < deadline else {
                let reason = errno == EWOULDBLOCK ? "another process held it for \(Int(timeout)) s" : SystemError.lastMessage()
                close(fd)
                throw .unreadable([Diagnostic(file: path, message: "could not lock the document: \(reason)")])
            }
            usleep(2_000)
        }
        descriptor = fd
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
