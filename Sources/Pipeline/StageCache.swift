import Foundation
import JSON

/// The content-addressed store of stage outputs under a `runs/` folder:
///
///     runs/cache/<key[0..2]>/<key>/   committed entries: output files + entry.json
///     runs/cache/tmp/<key>.<uuid>/    entries being written (same filesystem, renamed into place)
///     runs/cache/locks/<key>.lock     per-key flock, so concurrent `pipeline` processes compute once
///     runs/work/<key>/                per-key scratch that survives a kill (checkpoints), removed on commit
public final class StageCache {
    public let root: URL
    public var cacheDirectory: URL { root.appendingPathComponent("cache") }
    var temporaryDirectory: URL { cacheDirectory.appendingPathComponent("tmp") }
    var lockDirectory: URL { cacheDirectory.appendingPathComponent("locks") }
    public var workRoot: URL { root.appendingPathComponent("work") }

    /// `root` is the runs/ folder; nothing is created until something is written.
    public init(root: URL) { self.root = root }

    public func entryDirectory(forKey key: String) -> URL {
        cacheDirectory.appendingPathComponent(String(key.prefix(2))).appendingPathComponent(key)
    }

    public func workDirectory(forKey key: String) -> URL { workRoot.appendingPathComponent(key) }

    func lockFile(forKey key: String) -> FileLock {
        FileLock(url: lockDirectory.appendingPathComponent(key + ".lock"))
    }

    /// What is on disk for a key, without changing anything (safe for `plan`).
    public enum EntryState: Equatable {
        case valid(CacheEntry)
        case absent
        /// Present but unusable; `reason` says why (for the warning).
        case corrupt(reason: String)
    }

    /// Checks the record parses, names this key, and that every listed output exists with its size
    /// (cheap, on every lookup) and, when `verifyingHashes`, that each file's SHA-256 is the recorded one
    /// (`--verify`, `pipeline check`): a same-size edit is caught only then. A reason names the file.
    public func inspect(key: String, verifyingHashes: Bool = false) -> EntryState {
        let directory = entryDirectory(forKey: key)
        guard FileIO.isDirectory(directory) else { return .absent }
        let record = directory.appendingPathComponent(CacheEntry.fileName)
        guard FileIO.exists(record) else { return .corrupt(reason: "\(CacheEntry.fileName) is missing") }
        let entry: CacheEntry
        do {
            entry = try CacheEntry(json: JSONValue(parsing: FileIO.readAll(record)))
        } catch {
            return .corrupt(reason: "\(CacheEntry.fileName) is unreadable: \(error)")
        }
        guard entry.key == key else { return .corrupt(reason: "\(CacheEntry.fileName) records key \(entry.key)") }
        for output in entry.outputs {
            let size = FileIO.fileSize(directory.appendingPathComponent(output.path))
            guard size == output.bytes else {
                let found = size.map { "\($0) bytes" } ?? "missing"
                return .corrupt(reason: "output \(output.path) should be \(output.bytes) bytes, found \(found)")
            }
        }
        if verifyingHashes {
            for output in entry.outputs {
                let file = directory.appendingPathComponent(output.path)
                guard let hash = try? ContentHash.sha256Hex(ofFile: file) else {
                    return .corrupt(reason: "output \(output.path) cannot be read")
                }
                guard hash == output.sha256 else {
                    return .corrupt(reason: "output \(output.path) does not match its recorded SHA-256 (changed after it was written)")
                }
            }
        }
        return .valid(entry)
    }

    /// Removes an unusable entry so it can be recomputed: renamed into tmp/ first (one atomic step, so
    /// the entry path is free at once), then deleted.
    func discardCorruptEntry(key: String) {
        let directory = entryDirectory(forKey: key)
        let aside = temporaryDirectory.appendingPathComponent("\(key).corrupt.\(UUID().uuidString)")
        if (try? FileIO.createDirectory(temporaryDirectory)) != nil, (try? FileIO.rename(directory, to: aside)) != nil {
            FileIO.removeIfPresent(aside)
        } else {
            FileIO.removeIfPresent(directory)
        }
    }

    /// Temporary folders of `key` left by a killed or failed writer. Only called with the key's lock
    /// held, so none of them can belong to a live writer.
    func removeLeftoverTemporaries(key: String) -> Int {
        let leftovers = FileIO.contents(of: temporaryDirectory).filter { $0.lastPathComponent.hasPrefix(key + ".") }
        leftovers.forEach(FileIO.removeIfPresent)
        return leftovers.count
    }

    /// Keys of all committed entry folders (valid or not), sorted.
    public func allKeys() -> [String] {
        FileIO.contents(of: cacheDirectory)
            .filter { $0.lastPathComponent.count == 2 && FileIO.isDirectory($0) }
            .flatMap { FileIO.contents(of: $0).map(\.lastPathComponent) }
            .sorted()
    }
}
