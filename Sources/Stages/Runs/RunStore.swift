import Foundation

/// The run folders under a runs root: `runs/<id>/run.json` plus the files a run copies there
/// (plan.txt, log.txt, report.html, report.md, metrics.json, metrics.csv).
public struct RunStore {
    public let root: URL

    public init(root: URL) { self.root = root }

    public static let recordFileName = "run.json"

    public func directory(for id: String) -> URL { root.appendingPathComponent(id, isDirectory: true) }

    /// Every readable run record, oldest first. A folder without a readable run.json is not a run
    /// (cache/, work/, index/ live beside the runs).
    public func all() -> [RunRecord] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.compactMap { try? read(id: $0) }.sorted { ($0.started, $0.id) < ($1.started, $1.id) }
    }

    public func read(id: String) throws -> RunRecord {
        let url = directory(for: id).appendingPathComponent(RunStore.recordFileName)
        let data = try Data(contentsOf: url)
        return try JSONDecoder().decode(RunRecord.self, from: data)
    }

    /// Finds a run by exact id, or by a unique id prefix, as git does for commits.
    public func find(_ idOrPrefix: String) throws -> RunRecord {
        let runs = all()
        if let exact = runs.first(where: { $0.id == idOrPrefix }) { return exact }
        let matches = runs.filter { $0.id.hasPrefix(idOrPrefix) }
        guard matches.count == 1 else {
            throw RunStoreError.unknownRun(idOrPrefix, candidates: matches.map(\.id), root: root.path)
        }
        return matches[0]
    }

    /// Writes the record atomically (temporary file renamed into place).
    public func write(_ record: RunRecord) throws {
        let dir = directory(for: record.id)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(record).write(to: dir.appendingPathComponent(RunStore.recordFileName), options: .atomic)
    }

    /// Cache keys referenced by any recorded run: what `pipeline gc` keeps.
    public func referencedKeys() -> Set<String> {
        Set(all().flatMap { $0.stageKeys.values })
    }
}

public enum RunStoreError: Error, CustomStringConvertible, Equatable {
    case unknownRun(String, candidates: [String], root: String)

    public var description: String {
        switch self {
        case let .unknownRun(id, candidates, root) where candidates.isEmpty:
            return "no run '\(id)' in \(root); 'pipeline runs' lists the runs there"
        case let .unknownRun(id, candidates, _):
            return "run id '\(id)' is ambiguous (\(candidates.joined(separator: ", "))); give more of it"
        }
    }
}
