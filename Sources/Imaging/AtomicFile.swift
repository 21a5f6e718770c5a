import Foundation

/// Writes a file so that readers see either the old file or the complete new one, never a partial write:
/// `write` fills a temporary file in the same folder, which is then renamed over `path`.
func writeAtomically(to path: String, _ write: (_ temporaryPath: String) throws -> Void) throws {
    let url = URL(fileURLWithPath: path)
    let temporary = url.deletingLastPathComponent()
        .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)"
            + ".\(UInt32.random(in: 0...UInt32.max)).tmp").path
    do {
        try write(temporary)
        guard rename(temporary, path) == 0 else {
            throw ImageError.writeFailed(path: path, reason: String(cString: strerror(errno)))
        }
    } catch {
        unlink(temporary)
        throw error
    }
}
