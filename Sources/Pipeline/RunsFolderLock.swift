import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A lock over a whole runs folder: every `pipeline run` holds it shared for its duration and
/// garbage collection takes it exclusively, so gc never deletes the entries of a run that has
/// computed them but not yet written its run record. Like `FileLock`, the kernel drops it when
/// the process dies, so a killed run never blocks gc.
public final class RunsFolderLock {
    public let url: URL
    private var fd: Int32 = -1

    public init(runsRoot: URL) { url = runsRoot.appendingPathComponent("cache/locks/runs-folder.lock") }

    deinit { release() }

    /// Blocks until no garbage collection holds the folder.
    public func acquireShared() throws { try acquire(LOCK_SH) }

    /// False at once when a run holds the folder.
    public func tryAcquireExclusive() throws -> Bool {
        try open()
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return true }
        if errno == EWOULDBLOCK { return false }
        throw CacheError.lockFailed(path: url.path, reason: FileIO.errnoText())
    }

    public func release() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    private func acquire(_ operation: Int32) throws {
        try open()
        while flock(fd, operation) != 0 {
            if errno == EINTR { continue }
            throw CacheError.lockFailed(path: url.path, reason: FileIO.errnoText())
        }
    }

    private func open() throws {
        guard fd < 0 else { return }
        try FileIO.createDirectory(url.deletingLastPathComponent())
        fd = Glibc.open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CacheError.lockFailed(path: url.path, reason: FileIO.errnoText()) }
    }
}
