import Foundation
import Pipeline

/// One line of `pipeline gc`: a folder removed (or that would be), with the stage that made it.
public struct CollectedEntry: Equatable, Sendable {
    public var key: String
    /// The stage recorded in the entry's entry.json; nil for work folders and unfinished temporaries
    /// whose entry is gone or unreadable.
    public var stage: String?
    public var kind: GarbageItem.Kind
    public var path: String
    public var bytes: Int
}

/// `pipeline gc`: removes every cache entry no run record references (RunStore.referencedKeys), plus
/// orphaned work folders and unfinished temporaries. Entries and resume checkpoints of failed, running
/// and interrupted runs are kept (their run.json names them, and a rerun resumes from them), and so is
/// every key an unreadable run.json mentions; `kept` says which runs held what back, and why.
public enum CacheCollection {
    public static func collect(runsRoot: URL, dryRun: Bool) throws -> (entries: [CollectedEntry], inUse: [String], kept: [String]) {
        // A run in progress has entries that no run record names yet: wait for no one.
        let folderLock = RunsFolderLock(runsRoot: runsRoot)
        if !dryRun, try !folderLock.tryAcquireExclusive() {
            throw GarbageCollectionError.runInProgress(runsRoot: runsRoot.path)
        }
        defer { folderLock.release() }
        let cache = StageCache(root: runsRoot)
        let store = RunStore(root: runsRoot)
        let keep = store.referencedKeys()
        // Stages are read first: a real collection deletes the entry.json that names them.
        var stages: [String: String] = [:]
        for key in cache.allKeys() where !keep.contains(key) {
            if case let .valid(entry) = cache.inspect(key: key) { stages[key] = entry.identity.stage }
        }
        let report = try cache.collectGarbage(keeping: keep, dryRun: dryRun)
        let entries = report.items.map {
            CollectedEntry(key: $0.key, stage: stages[$0.key], kind: $0.kind, path: $0.path, bytes: $0.bytes)
        }
        return (entries, report.inUse, keptNotes(store))
    }

    /// One line per run whose entries are kept for a reason other than a finished success.
    static func keptNotes(_ store: RunStore) -> [String] {
        let (records, unreadable) = store.scan()
        var notes = records.filter { $0.status != .succeeded }.map { record -> String in
            let why: String
            switch record.status {
            case .running: why = "it is running"
            case .interrupted: why = "it was interrupted; a rerun resumes from them"
            default: why = "it failed; a rerun resumes from them"
            }
            return "kept the \(record.stageKeys.count) entries and work folders of run \(record.id): \(why)"
        }
        notes += unreadable.map {
            "kept every key named in \($0.path): the run's record cannot be read (\($0.reason)); fix or remove that folder"
        }
        return notes
    }

    /// `would remove`/`removed` lines, then the total; sizes in binary units.
    public static func render(_ entries: [CollectedEntry], inUse: [String], kept: [String] = [], dryRun: Bool) -> String {
        let verb = dryRun ? "would remove" : "removed"
        var lines = entries.map { entry in
            let what = entry.kind == .entry ? (entry.stage ?? "unknown stage") : "\(entry.stage ?? "unknown stage") \(entry.kind.rawValue)"
            return "\(verb) \(entry.key.prefix(12))  \(what)  \(byteText(entry.bytes))"
        }
        for key in inUse { lines.append("kept \(key.prefix(12))  in use by a running stage") }
        lines += kept
        let total = entries.reduce(0) { $0 + $1.bytes }
        lines.append(entries.isEmpty ? "nothing to remove: every cache entry belongs to a recorded run"
                     : "\(dryRun ? "would free" : "freed") \(byteText(total)) (\(total) bytes) in \(entries.count) folders"
                        + (dryRun ? "; run without --dry-run to delete" : ""))
        return lines.joined(separator: "\n") + "\n"
    }

    public static func byteText(_ bytes: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes), unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f", value) + " " + units[unit]
    }
}

public enum GarbageCollectionError: Error, Equatable, CustomStringConvertible {
    case runInProgress(runsRoot: String)

    public var description: String {
        switch self {
        case let .runInProgress(root):
            return "a 'pipeline run' is using \(root) and its new entries are not recorded yet; "
                + "run 'pipeline gc' when it has finished ('--dry-run' works meanwhile)"
        }
    }
}
