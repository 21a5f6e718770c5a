import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive flock(2) on a lock file. Each `FileLock` opens its own descriptor, so two threads of
/// one process exclude each other just as two processes do. The lock is released by `unlock()` or when
/// the process dies (the kernel closes the descriptor), so a killed run never leaves a key locked.
/// Lock files are never deleted: deleting one while another process waits on it would split the lock.
public final class FileLock {
    public let url: URL
    private var fd: Int32 = -1

    public init(url: URL) { self.url = url }

    deinit { unlock() }

    /// Blocks until the lock is held.
    public func lock() throws {
        try openFile()
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            throw CacheError.lockFailed(path: url.path, reason: FileIO.errnoText())
        }
    }

    /// Returns false at once when another holder has it.
    public func tryLock() throws -> Bool {
        try openFile()
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return true }
        if errno == EWOULDBLOCK { close(fd); fd = -1; return false }
        throw CacheError.lockFailed(path: url.path, reason: FileIO.errnoText())
    }

    public func unlock() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    private func openFile() throws {
        guard fd < 0 else { return }
        try FileIO.createDirectory(url.deletingLastPathComponent())
        fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CacheError.lockFailed(path: url.path, reason: FileIO.errnoText()) }
    }
}
