import Foundation

/// One folder `gc` removes (or would remove, in a dry run).
public struct GarbageItem: Equatable, Sendable {
    /// `temporary`: an unfinished entry left by a killed or failed writer (never a valid entry).
    public enum Kind: String, Sendable { case entry, work, temporary }
    public let kind: Kind
    public let key: String
    public let path: String
    public let bytes: Int
}

public struct GarbageReport: Equatable, Sendable {
    public let items: [GarbageItem]
    public let dryRun: Bool
    /// Keys skipped because a running process holds their lock.
    public let inUse: [String]
    public var bytesFreed: Int { items.reduce(0) { $0 + $1.bytes } }
}

extension StageCache {
    /// Removes every cache entry and work folder whose key is not in `keeping` (the keys the kept runs
    /// reference), and every unfinished temporary folder. A key whose lock is held by a running stage
    /// is left alone and listed in `inUse`.
    /// With `dryRun`, nothing is removed and the report lists what would be.
    public func collectGarbage(keeping: Set<String>, dryRun: Bool) throws -> GarbageReport {
        var items: [GarbageItem] = []
        var inUse: [String] = []
        let workKeys = FileIO.contents(of: workRoot).map(\.lastPathComponent)
        let candidates = Set(allKeys() + workKeys).subtracting(keeping).sorted()
        for key in candidates {
            let lock = lockFile(forKey: key)
            guard try lock.tryLock() else { inUse.append(key); continue }
            defer { lock.unlock() }
            for (kind, url) in [(GarbageItem.Kind.entry, entryDirectory(forKey: key)), (.work, workDirectory(forKey: key))]
            where FileIO.isDirectory(url) {
                items.append(GarbageItem(kind: kind, key: key, path: url.path, bytes: FileIO.allocatedBytes(url)))
                if !dryRun { try remove(url) }
            }
        }
        for url in FileIO.contents(of: temporaryDirectory) {
            let key = String(url.lastPathComponent.prefix { $0 != "." })
            let lock = lockFile(forKey: key)
            guard try lock.tryLock() else { if !inUse.contains(key) { inUse.append(key) }; continue }
            defer { lock.unlock() }
            items.append(GarbageItem(kind: .temporary, key: key, path: url.path, bytes: FileIO.allocatedBytes(url)))
            if !dryRun { try remove(url) }
        }
        return GarbageReport(items: items, dryRun: dryRun, inUse: inUse)
    }

    private func remove(_ url: URL) throws {
        do { try FileManager.default.removeItem(at: url) } catch {
            throw CacheError.writeFailed(path: url.path, reason: "cannot remove: \(error.localizedDescription)")
        }
    }
}
