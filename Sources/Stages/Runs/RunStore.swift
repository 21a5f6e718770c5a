import Foundation
import Pipeline
#if canImport(Glibc)
import Glibc
#endif

/// The run folders under a runs root: `runs/<id>/run.json` plus the files a run writes there (plan.txt,
/// log.txt, report.html, report.md, metrics.json, metrics.csv) and `run.lock`, held by the process
/// running it. Every folder that is not the cache's own is a run folder, so a run whose record cannot
/// be read is listed as such, never silently dropped.
public struct RunStore {
    public let root: URL

    public init(root: URL) { self.root = root }

    public static let recordFileName = "run.json"
    public static let lockFileName = "run.lock"
    /// Folders of a runs root that are not runs.
    static let otherFolders: Set<String> = ["cache", "work", "index", "reports"]

    public func directory(for id: String) -> URL { root.appendingPathComponent(id, isDirectory: true) }

    /// A run folder whose run.json is missing or cannot be decoded.
    public struct UnreadableRun: Equatable, Sendable {
        public var id: String
        public var reason: String
        public var path: String
    }

    /// Every run folder: the readable records (oldest first) and the folders without one.
    public func scan() -> (records: [RunRecord], unreadable: [UnreadableRun]) {
        var records: [RunRecord] = [], unreadable: [UnreadableRun] = []
        for id in runFolderNames() {
            do { records.append(try read(id: id)) } catch let RunStoreError.unreadableRecord(path, reason) {
                unreadable.append(UnreadableRun(id: id, reason: reason, path: path))
            } catch {
                unreadable.append(UnreadableRun(id: id, reason: "\(error)", path: directory(for: id).path))
            }
        }
        return (records.sorted { ($0.started, $0.id) < ($1.started, $1.id) }, unreadable)
    }

    /// Every readable run record, oldest first.
    public func all() -> [RunRecord] { scan().records }

    /// The record of run `id`. A record still marked `running` whose lock no process holds is returned
    /// as `interrupted`. Throws `RunStoreError.unreadableRecord` naming the file when it is missing or
    /// damaged.
    public func read(id: String) throws -> RunRecord {
        let url = directory(for: id).appendingPathComponent(RunStore.recordFileName)
        guard FileIO.exists(url) else {
            throw RunStoreError.unreadableRecord(path: url.path, reason: "the folder has no \(RunStore.recordFileName)")
        }
        var record: RunRecord
        do {
            record = try JSONDecoder().decode(RunRecord.self, from: Data(FileIO.readAll(url)))
        } catch {
            throw RunStoreError.unreadableRecord(path: url.path, reason: ExperimentText.oneLine(error).prefix(160).description)
        }
        if record.status == .running, !isLive(id: id) {
            record.status = .interrupted
            record.failure = record.failure ?? "interrupted: the process ended before the run finished; rerun its spec to resume"
        }
        return record
    }

    /// Whether a process holds the run's lock, i.e. is running it now.
    public func isLive(id: String) -> Bool {
        let lock = FileLock(url: directory(for: id).appendingPathComponent(RunStore.lockFileName))
        guard FileIO.exists(lock.url), let acquired = try? lock.tryLock() else { return false }
        if acquired { lock.unlock() }
        return !acquired
    }

    /// A folder holding nothing but its lock (and perhaps the temporary of a first record never
    /// renamed into place), which no process holds: a run killed between creating its folder and
    /// finishing its first record.
    func isUnstarted(id: String) -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory(for: id).path)) ?? []
        let unfinishedRecord = ".\(RunStore.recordFileName).tmp-"
        return names.allSatisfy { $0 == RunStore.lockFileName || $0.hasPrefix(unfinishedRecord) } && !isLive(id: id)
    }

    /// Finds a run by exact id, or by a unique id prefix, as git does for commits. A folder whose
    /// record cannot be read is named as such, not reported as unknown.
    public func find(_ idOrPrefix: String) throws -> RunRecord {
        let (runs, unreadable) = scan()
        if let exact = runs.first(where: { $0.id == idOrPrefix }) { return exact }
        if let broken = unreadable.first(where: { $0.id == idOrPrefix }) {
            throw RunStoreError.unreadableRecord(path: broken.path, reason: broken.reason)
        }
        let matches = runs.filter { $0.id.hasPrefix(idOrPrefix) }
        guard matches.count == 1 else {
            throw RunStoreError.unknownRun(idOrPrefix, candidates: matches.map(\.id), root: root.path)
        }
        return matches[0]
    }

    /// Writes the record atomically (temporary file renamed into place), creating the folder if needed.
    public func write(_ record: RunRecord) throws {
        let dir = directory(for: record.id)
        try FileIO.createDirectory(dir)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try FileIO.writeAtomically([UInt8](try encoder.encode(record)), to: dir.appendingPathComponent(RunStore.recordFileName))
    }

    /// Cache keys any run may need, which `pipeline gc` keeps: every key a readable record names,
    /// whatever its status (a failed or interrupted run resumes from its entries and work folders),
    /// and every 64-hex-digit word in an unreadable run.json (it may be a key its run needs).
    public func referencedKeys() -> Set<String> {
        let (records, unreadable) = scan()
        var keys = Set(records.flatMap { $0.stageKeys.values })
        for run in unreadable {
            keys.formUnion(RunStore.hexKeys(in: (try? FileIO.readAll(URL(fileURLWithPath: run.path))) ?? []))
        }
        return keys
    }

    static func hexKeys(in bytes: [UInt8]) -> Set<String> {
        let isHex = { (b: UInt8) in (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) }
        var keys = Set<String>(), run: [UInt8] = []
        for byte in bytes + [0] {
            if isHex(byte) { run.append(byte); continue }
            if run.count == 64 { keys.insert(String(decoding: run, as: UTF8.self)) }
            run.removeAll()
        }
        return keys
    }

    /// Creates a new run folder exclusively (mkdir fails if it exists, so two runs started in the same
    /// second by two processes get different ids) and takes its lock, held until `release()` or the
    /// process's end.
    public func reserve(member: String, started: Date) throws -> RunFolder {
        try FileIO.createDirectory(root)
        let base = RunStore.slug(member) + "-" + RunStore.timestamp(started)
        for n in 1...10_000 {
            let id = n == 1 ? base : "\(base)-\(n)"
            let url = directory(for: id)
            if mkdir(url.path, 0o755) == 0 {
                let lock = FileLock(url: url.appendingPathComponent(RunStore.lockFileName))
                try lock.lock()
                return RunFolder(id: id, directory: url, lock: lock)
            }
            guard errno == EEXIST else {
                throw CacheError.writeFailed(path: url.path, reason: "cannot create the run folder: \(String(cString: strerror(errno)))")
            }
        }
        throw CacheError.writeFailed(path: directory(for: base).path, reason: "10,000 runs of this member started in one second")
    }

    /// Folder names under the root that are runs: not the cache's own folders, not hidden.
    func runFolderNames() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter { name in
            !name.hasPrefix(".") && !RunStore.otherFolders.contains(name) && FileIO.isDirectory(directory(for: name))
        }.sorted()
    }

    /// Letters, digits, `.`, `_`, `=` kept; anything else (`/`, `,`, spaces) becomes `-`.
    static func slug(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || "._=".contains($0) ? $0 : "-" })
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date)
    }
}

/// A run folder this process created and holds: its lock tells readers the run is live.
public final class RunFolder {
    public let id: String
    public let directory: URL
    private let lock: FileLock

    init(id: String, directory: URL, lock: FileLock) { self.id = id; self.directory = directory; self.lock = lock }

    public func release() { lock.unlock() }
}

public enum RunStoreError: Error, CustomStringConvertible, Equatable {
    case unknownRun(String, candidates: [String], root: String)
    case unreadableRecord(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownRun(id, candidates, root) where candidates.isEmpty:
            return "no run '\(id)' in \(root); 'pipeline runs' lists the runs there"
        case let .unknownRun(id, candidates, _):
            return "run id '\(id)' is ambiguous (\(candidates.joined(separator: ", "))); give more of it"
        case let .unreadableRecord(path, reason):
            return "\(path): the run's record cannot be read (\(reason)); restore it from a backup, or remove the "
                + "folder if the run is not needed ('pipeline check' lists every such folder)"
        }
    }
}
