import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Thin POSIX helpers whose failures become `CacheError`s naming the path and, for a full disk,
/// saying so. Foundation's errors do not reliably carry errno on Linux. Stages and run folders write
/// through these too, so a full disk reads the same everywhere.
public enum FileIO {
    static func readChunks(of url: URL, chunkSize: Int, _ body: (ArraySlice<UInt8>) throws -> Void) throws {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { throw CacheError.readFailed(path: url.path, reason: errnoText()) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, chunkSize) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CacheError.readFailed(path: url.path, reason: errnoText())
            }
            if count == 0 { return }
            try body(buffer[0..<count])
        }
    }

    public static func readAll(_ url: URL) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try readChunks(of: url, chunkSize: 1 << 16) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Writes the whole file and fsyncs it, so a crash cannot leave a short file behind a rename.
    public static func write(_ bytes: [UInt8], to url: URL) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CacheError.writeFailed(path: url.path, reason: errnoText()) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw CacheError.writeFailed(path: url.path, reason: errnoText())
            }
            offset += written
        }
        guard fsync(fd) == 0 else { throw CacheError.writeFailed(path: url.path, reason: errnoText()) }
    }

    /// Writes to a temporary file beside `url`, then renames it into place: a reader sees the old file
    /// or the whole new one, never half of one; a failed write leaves no temporary behind.
    public static func writeAtomically(_ bytes: [UInt8], to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
        do {
            try write(bytes, to: temporary)
            try rename(temporary, to: url)
        } catch {
            removeIfPresent(temporary)
            throw error
        }
    }

    public static func writeAtomically(_ text: String, to url: URL) throws {
        try writeAtomically(Array(text.utf8), to: url)
    }

    public static func createDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw CacheError.writeFailed(path: url.path, reason: "cannot create directory: \(FileIO.reason(error))")
        }
    }

    /// rename(2): atomic within one filesystem; fails if `destination` is a non-empty directory.
    public static func rename(_ source: URL, to destination: URL) throws {
        guard Glibc.rename(source.path, destination.path) == 0 else {
            throw CacheError.writeFailed(path: destination.path, reason: errnoText())
        }
    }

    public static func removeIfPresent(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
    }

    public static func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

    public static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func contents(of directory: URL) -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .sorted().map { directory.appendingPathComponent($0) }
    }

    /// Regular files under `directory`, as paths relative to it, sorted.
    static func regularFiles(under directory: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if !isDirectory(directory.appendingPathComponent(relative)) { files.append(relative) }
        }
        return files.sorted()
    }

    public static func fileSize(_ url: URL) -> Int? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    /// Bytes of all regular files under `url` (or of `url` itself when it is a file).
    static func allocatedBytes(_ url: URL) -> Int {
        guard isDirectory(url) else { return fileSize(url) ?? 0 }
        return regularFiles(under: url).reduce(0) { $0 + (fileSize(url.appendingPathComponent($1)) ?? 0) }
    }

    /// A Foundation error's errno as text (with the disk-full hint), or its description.
    public static func describe(_ error: Error) -> String { reason(error) }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError
        if let posix = [ns, underlying].compactMap({ $0 }).first(where: { $0.domain == NSPOSIXErrorDomain }) {
            return text(forErrno: Int32(posix.code))
        }
        return ns.localizedDescription
    }

    static func text(forErrno code: Int32) -> String {
        let text = String(cString: strerror(code))
        return code == ENOSPC || code == EDQUOT ? "\(text) (disk full: free space or move runs/ to a larger disk)" : text
    }

    static func errnoText() -> String {
        text(forErrno: errno)
    }
}
