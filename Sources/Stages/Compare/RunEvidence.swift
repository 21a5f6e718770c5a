import Foundation
import Pipeline

/// One finished run read back from its run.json and cache entries: the summary a report shows, plus
/// the content hashes that decide whether two runs reproduced each other bit for bit.
public struct RunEvidence {
    public let record: RunRecord
    public let summary: RunSummary
    /// SHA-256 of the ingest entry's manifest.json: the data the run saw (names and content hashes).
    public var dataManifestHash: String { summary.provenance.dataManifestHash }
    public let modelHash: String?
    public let caseMetricsHash: String

    /// The run's summary (through the same `RunSummary(record:reportEntry:)` its own report used),
    /// the hash of its model and of its per-case metrics; throws naming the run and the missing entry.
    public static func load(_ record: RunRecord, runsRoot: URL) throws -> RunEvidence {
        guard record.status == .succeeded, let reportKey = record.stageKeys[ReportStage.name],
              let evaluateKey = record.stageKeys[EvaluateStage.name] else {
            throw CompareError.runNotEvaluated(runID: record.id, reason: record.failure.map { "it failed: \($0)" }
                                               ?? "its run.json names no evaluate and report stages")
        }
        let cache = StageCache(root: runsRoot)
        _ = try entry(cache, record, stage: ReportStage.name, key: reportKey)
        let summary = try RunSummary(record: record, reportEntry: cache.entryDirectory(forKey: reportKey))
        let evaluate = try entry(cache, record, stage: EvaluateStage.name, key: evaluateKey)
        let modelHash = try record.stageKeys[TrainStage.name].map {
            try entry(cache, record, stage: TrainStage.name, key: $0).outputs.first { $0.path == EntryFiles.model }?.sha256
        } ?? nil
        return RunEvidence(record: record, summary: summary, modelHash: modelHash,
                           caseMetricsHash: try hash(of: EntryFiles.caseMetrics, in: evaluate, cache: cache))
    }

    private static func entry(_ cache: StageCache, _ record: RunRecord, stage: String, key: String) throws -> CacheEntry {
        guard case let .valid(entry) = cache.inspect(key: key) else {
            throw CompareError.missingEntry(runID: record.id, stage: stage, key: key)
        }
        return entry
    }

    private static func hash(of file: String, in entry: CacheEntry, cache: StageCache) throws -> String {
        guard let output = entry.outputs.first(where: { $0.path == file }) else {
            throw CompareError.unreadableEntryFile(path: cache.entryDirectory(forKey: entry.key).appendingPathComponent(file).path,
                                                   reason: "not among the entry's outputs")
        }
        return output.sha256
    }
}
