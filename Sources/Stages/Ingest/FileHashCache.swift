import Foundation
import Pipeline

/// Content hashes of data files, re-computed only for files whose size or modification time changed
/// since the last look. Kept in `runs/index/file-hashes.json`; losing it only costs a re-hash.
final class FileHashCache {
    struct Entry: Codable, Equatable {
        var size: Int
        var mtime: Double
        var sha256: String
    }

    let url: URL
    private var entries: [String: Entry]
    private var changed = false

    init(runsRoot: URL) {
        url = runsRoot.appendingPathComponent("index").appendingPathComponent("file-hashes.json")
        entries = (try? JSONDecoder().decode([String: Entry].self, from: Data(contentsOf: url))) ?? [:]
    }

    /// SHA-256 of the file at `path` (absolute), from the cache when size and mtime are unchanged.
    func hash(of path: String) throws -> String {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw CacheError.readFailed(path: path, reason: "cannot stat the file")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? -1
        let mtime = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        if let known = entries[path], known.size == size, known.mtime == mtime { return known.sha256 }
        let hash = try ContentHash.sha256Hex(ofFile: URL(fileURLWithPath: path))
        entries[path] = Entry(size: size, mtime: mtime, sha256: hash)
        changed = true
        return hash
    }

    /// Writes the cache back if anything was hashed; a failure to write is not an error (it is a cache).
    func save() {
        guard changed else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if let data = try? encoder.encode(entries) { try? data.write(to: url, options: .atomic) }
        changed = false
    }
}
