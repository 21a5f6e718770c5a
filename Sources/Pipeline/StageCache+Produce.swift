import Foundation

/// How a key's entry was obtained.
public enum ProduceResult {
    /// Found in the cache (possibly written by another process while this one waited for the lock).
    case hit(CacheEntry)
    /// The stage ran and its entry was committed.
    case computed(CacheEntry)
}

/// Warnings the cache raises while producing an entry; never fatal.
public enum CacheWarning: Equatable, CustomStringConvertible {
    case corruptEntry(key: String, reason: String)
    case leftoverTemporaries(key: String, count: Int)

    public var description: String {
        switch self {
        case let .corruptEntry(key, reason):
            return "cache entry \(key.prefix(12)) is corrupt (\(reason)); discarded, recomputing"
        case let .leftoverTemporaries(key, count):
            return "removed \(count) unfinished temporary folder(s) of \(key.prefix(12)) from an interrupted run"
        }
    }
}

extension StageCache {
    /// Returns the entry for `stage`, running it only on a miss. Under the key's lock the cache is checked
    /// again, so of two processes asking for the same key one computes and the other finds the hit.
    /// If `run` throws, its temporary folder is removed (no entry) and the work folder is kept.
    public func produce(_ stage: ResolvedStage, inputDirectories: [String: URL], verifyingHashes: Bool = false,
                        log: @escaping (String) -> Void = { _ in },
                        progress: @escaping (StageProgress) -> Void = { _ in },
                        warn: (CacheWarning) -> Void = { _ in },
                        willRun: () -> Void = {}) throws -> ProduceResult {
        if case let .valid(entry) = inspect(key: stage.key, verifyingHashes: verifyingHashes) { return .hit(entry) }
        let lock = lockFile(forKey: stage.key)
        try lock.lock()
        defer { lock.unlock() }
        switch inspect(key: stage.key, verifyingHashes: verifyingHashes) {
        case let .valid(entry): return .hit(entry)
        case let .corrupt(reason):
            warn(.corruptEntry(key: stage.key, reason: reason))
            discardCorruptEntry(key: stage.key)
        case .absent: break
        }
        let leftovers = removeLeftoverTemporaries(key: stage.key)
        if leftovers > 0 { warn(.leftoverTemporaries(key: stage.key, count: leftovers)) }
        willRun()
        return .computed(try compute(stage, inputDirectories: inputDirectories, log: log, progress: progress))
    }

    private func compute(_ stage: ResolvedStage, inputDirectories: [String: URL], log: @escaping (String) -> Void,
                         progress: @escaping (StageProgress) -> Void) throws -> CacheEntry {
        let temporary = temporaryDirectory.appendingPathComponent("\(stage.key).\(UUID().uuidString)")
        let work = workDirectory(forKey: stage.key)
        try FileIO.createDirectory(temporary)
        try FileIO.createDirectory(work)
        var committed = false
        defer { if !committed { FileIO.removeIfPresent(temporary) } }

        let started = Date()
        try stage.run(StageContext(key: stage.key, stage: stage.stage, outputDirectory: temporary,
                                   workDirectory: work, inputDirectories: inputDirectories, log: log, progress: progress))
        let duration = Date().timeIntervalSince(started)

        let entry = CacheEntry(identity: stage.identity, key: stage.key, created: Self.timestamp(started),
                               durationSeconds: duration, outputs: try manifest(of: temporary, stage: stage.stage))
        // The record is written last: a folder without it is never mistaken for a complete entry.
        try FileIO.write(Array(try entry.json.prettyString().utf8),
                         to: temporary.appendingPathComponent(CacheEntry.fileName))
        let destination = entryDirectory(forKey: stage.key)
        try FileIO.createDirectory(destination.deletingLastPathComponent())
        try FileIO.rename(temporary, to: destination)
        committed = true
        FileIO.removeIfPresent(work)
        return entry
    }

    /// Sizes and hashes of every file the stage wrote.
    private func manifest(of directory: URL, stage: String) throws -> [OutputFile] {
        try FileIO.regularFiles(under: directory).map { path in
            guard path != CacheEntry.fileName else { throw CacheError.reservedOutputName(stage: stage, name: path) }
            let url = directory.appendingPathComponent(path)
            guard let bytes = FileIO.fileSize(url) else { throw CacheError.readFailed(path: url.path, reason: "vanished") }
            return OutputFile(path: path, bytes: bytes, sha256: try ContentHash.sha256Hex(ofFile: url))
        }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
