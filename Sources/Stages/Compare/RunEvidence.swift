import Foundation
import Metrics
import Pipeline

/// One finished run read back from its run.json and cache entries: the summary a report shows, plus
/// the content hashes that decide whether two runs reproduced each other bit for bit.
public struct RunEvidence {
    public let record: RunRecord
    public let summary: RunSummary
    /// SHA-256 of the ingest entry's manifest.json: the data the run saw (names and content hashes).
    public let dataManifestHash: String
    public let modelHash: String?
    public let caseMetricsHash: String

    /// The evaluate stage's overlays of its lowest-Dice cases (image | truth | prediction strips).
    static func worstOverlays(evaluateFolder: URL) throws -> [OverlayImage] {
        /// Only the caption needs it; an entry without it still shows its overlays.
        struct Measured: Decodable { var resolution: String? }
        let measured = try? StageFiles.readJSON(Measured.self, from: evaluateFolder.appendingPathComponent(EntryFiles.caseMetrics))
        return try ReportStage.overlays(in: evaluateFolder.appendingPathComponent(EvaluateStage.overlayFolder),
                                        resolution: measured?.resolution ?? "preprocessed resolution")
            .filter { $0.role == .worst }
    }

    /// The stage order of the experiment DAG; stages a record names beyond these follow, sorted.
    public static let stageOrder = ["ingest", "validate", "preprocess", "train", "evaluate", "report"]

    public static func load(_ record: RunRecord, runsRoot: URL) throws -> RunEvidence {
        guard record.status == .succeeded, let evaluateKey = record.stageKeys["evaluate"] else {
            throw CompareError.runNotEvaluated(runID: record.id, reason: record.failure.map { "it failed: \($0)" }
                                               ?? "its run.json names no evaluate stage")
        }
        let cache = StageCache(root: runsRoot)
        let evaluate = try entry(cache, record, stage: "evaluate", key: evaluateKey)
        let caseFile = try CaseMetricsFile.read(from: cache.entryDirectory(forKey: evaluateKey)
            .appendingPathComponent(EntryFiles.caseMetrics))
        guard let ingestKey = record.stageKeys["ingest"] else {
            throw CompareError.missingEntry(runID: record.id, stage: "ingest", key: "(none recorded)")
        }
        let manifestHash = try hash(of: EntryFiles.manifest, in: entry(cache, record, stage: "ingest", key: ingestKey),
                                    runID: record.id, cache: cache)
        var curve: [CurvePoint] = []
        var modelHash: String?
        if let trainKey = record.stageKeys["train"] {
            let train = try entry(cache, record, stage: "train", key: trainKey)
            modelHash = train.outputs.first { $0.path == EntryFiles.model }?.sha256
            curve = try readCurve(cache.entryDirectory(forKey: trainKey).appendingPathComponent(EntryFiles.history))
        }
        let summary = RunSummary(
            runID: record.id, name: record.member,
            parameters: record.parameters.filter { $0.count == 2 }.map { Parameter(path: $0[0], value: $0[1]) },
            metrics: try metrics(caseFile, runID: record.id), curve: curve,
            provenance: Provenance(specText: record.specText, stageKeys: orderedKeys(record.stageKeys),
                                   dataManifestHash: manifestHash, toolVersion: record.toolVersion,
                                   gitCommit: record.gitCommit, machine: record.machine),
            overlays: try worstOverlays(evaluateFolder: cache.entryDirectory(forKey: evaluateKey)))
        return RunEvidence(record: record, summary: summary, dataManifestHash: manifestHash, modelHash: modelHash,
                           caseMetricsHash: try hash(of: EntryFiles.caseMetrics, in: evaluate, runID: record.id, cache: cache))
    }

    /// Per-case rows -> the summaries Metrics computes (HD95 over the cases where it is defined).
    static func metrics(_ file: CaseMetricsFile, runID: String) throws -> RunMetrics {
        guard !file.cases.isEmpty else { throw CompareError.runNotEvaluated(runID: runID, reason: "case-metrics.json lists no cases") }
        func summary(_ values: [Double?]) throws -> MetricSummary {
            let s = try SummaryStatistics(values)
            return MetricSummary(mean: s.mean, standardDeviation: s.standardDeviation, median: s.median, count: s.count)
        }
        let rows = file.cases
        let hd95 = rows.map(\.hd95Pixels)
        return RunMetrics(
            cases: rows.map { CaseMetrics(caseID: $0.caseID, dice: $0.dice, iou: $0.iou, precision: $0.precision,
                                          recall: $0.recall, hd95Pixels: $0.hd95Pixels) },
            dice: try summary(rows.map(\.dice)), iou: try summary(rows.map(\.iou)),
            precision: try summary(rows.map(\.precision)), recall: try summary(rows.map(\.recall)),
            hd95Pixels: hd95.contains { $0 != nil } ? try summary(hd95) : nil,
            confusion: ConfusionCounts(truePositive: rows.reduce(0) { $0 + $1.tp }, falsePositive: rows.reduce(0) { $0 + $1.fp },
                                       falseNegative: rows.reduce(0) { $0 + $1.fn }, trueNegative: rows.reduce(0) { $0 + $1.tn }))
    }

    static func readCurve(_ url: URL) throws -> [CurvePoint] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CompareError.unreadableEntryFile(path: url.path, reason: "missing")
        }
        do {
            return try JSONDecoder().decode([HistoryRow].self, from: data).map {
                CurvePoint(epoch: $0.epoch, trainLoss: $0.trainLoss, validationLoss: $0.validationLoss,
                           validationDice: $0.validationDice)
            }
        } catch {
            throw CompareError.unreadableEntryFile(path: url.path, reason: String(describing: error).prefix(200).description)
        }
    }

    static func orderedKeys(_ keys: [String: String]) -> [(stage: String, key: String)] {
        let known = stageOrder.filter { keys[$0] != nil }
        let others = keys.keys.filter { !stageOrder.contains($0) }.sorted()
        return (known + others).map { ($0, keys[$0]!) }
    }

    private static func entry(_ cache: StageCache, _ record: RunRecord, stage: String, key: String) throws -> CacheEntry {
        guard case let .valid(entry) = cache.inspect(key: key) else {
            throw CompareError.missingEntry(runID: record.id, stage: stage, key: key)
        }
        return entry
    }

    private static func hash(of file: String, in entry: CacheEntry, runID: String, cache: StageCache) throws -> String {
        guard let output = entry.outputs.first(where: { $0.path == file }) else {
            throw CompareError.unreadableEntryFile(path: cache.entryDirectory(forKey: entry.key).appendingPathComponent(file).path,
                                                   reason: "not among the entry's outputs")
        }
        return output.sha256
    }
}
