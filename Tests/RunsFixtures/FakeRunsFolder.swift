import Foundation
import NN
import Pipeline
import Stages

/// A runs folder written by hand the way `pipeline run` leaves it: run.json records and committed
/// cache entries (files + entry.json with sizes and hashes), so report, predict, runs and gc can be
/// tested without training anything. Shared by StagesTests and CLITests.
public final class FakeRunsFolder {
    public let root: URL
    private var counter = 0

    public init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("runs-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    public func remove() { try? FileManager.default.removeItem(at: root) }

    public var store: RunStore { RunStore(root: root) }
    public var cache: StageCache { StageCache(root: root) }

    /// A committed entry of `stage` holding `files`; returns its key.
    @discardableResult
    public func addEntry(stage: String, files: [String: Data]) throws -> String {
        counter += 1
        let identity = StageKey(stage: stage, codeVersion: 1, params: ["n": .int(counter)], inputs: [:])
        let key = try identity.hex()
        let directory = cache.entryDirectory(forKey: key)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var outputs: [OutputFile] = []
        for (name, data) in files.sorted(by: { $0.key < $1.key }) {
            try data.write(to: directory.appendingPathComponent(name))
            outputs.append(OutputFile(path: name, bytes: data.count, sha256: ContentHash.sha256Hex(data)))
        }
        let entry = CacheEntry(identity: identity, key: key, created: "2025-05-01T10:00:00Z", durationSeconds: 1, outputs: outputs)
        try Data(entry.json.prettyString().utf8).write(to: directory.appendingPathComponent(CacheEntry.fileName))
        return key
    }

    public static let predictParameters: [[String]] = [
        ["evaluate.postprocess.fill_holes", "false"], ["evaluate.postprocess.largest_components", "0"],
        ["evaluate.threshold", "0.5"], ["evaluate.tta", "none"], ["intensity.window", "[-1000, 400]"],
        ["model.depth", "2"], ["model.width", "4"], ["resize", "[16, 16]"], ["train.lr", "0.001"],
    ]

    /// A succeeded run with ingest, train (model + history) and evaluate (case metrics) entries.
    @discardableResult
    public func addEvaluatedRun(id: String, member: String? = nil, name: String = "baseline", sweepValues: [String: String] = [:],
                         specFile: String = "experiments/baseline.yaml", started: String,
                         parameters: [[String]] = FakeRunsFolder.predictParameters,
                         dice: [(String, Double)], manifest: String = "manifest-1",
                         model: UNet = UNet(width: 4, depth: 2, seed: 3)) throws -> RunRecord {
        let ingest = try addEntry(stage: "ingest", files: [EntryFiles.manifest: Data(manifest.utf8)])
        let history = #"[{"epoch": 1, "train_loss": 0.6, "val_loss": 0.5, "val_dice": 0.7, "lr": 0.001, "seconds": 2}]"#
        let train = try addEntry(stage: "train", files: [EntryFiles.model: Data(model.checkpoint()),
                                                         EntryFiles.history: Data(history.utf8)])
        let rows = dice.map { id, d in
            CaseMetricsFile.Row(caseID: id, dice: d, iou: d / (2 - d), precision: d, recall: d,
                                hd95Pixels: d > 0 ? 2 * (1 - d) : nil, tp: Int(d * 100), fp: 5, fn: 5, tn: 900)
        }
        let evaluate = try addEntry(stage: "evaluate", files: [EntryFiles.caseMetrics: try CaseMetricsFile(cases: rows).encoded()])
        let mean = dice.map(\.1).reduce(0, +) / Double(dice.count)
        return try addRun(RunRecord(
            id: id, name: name, member: member ?? name, sweepValues: sweepValues, specFile: specFile,
            specText: "name: \(name)\n", started: started, finished: started, status: .succeeded, failure: nil,
            stageKeys: ["ingest": ingest, "train": train, "evaluate": evaluate], parameters: parameters,
            metrics: ["dice.mean": mean, "dice.pooled": mean + 0.001], toolVersion: "0.1.0", gitCommit: nil, machine: "test"))
    }

    @discardableResult
    public func addRun(_ record: RunRecord) throws -> RunRecord {
        try store.write(record)
        return record
    }

    public func failedRun(id: String, started: String, stageKeys: [String: String] = [:]) -> RunRecord {
        RunRecord(id: id, name: "broken", member: "broken", sweepValues: [:], specFile: "experiments/broken.yaml",
                  specText: "name: broken\n", started: started, finished: started, status: .failed,
                  failure: "train: out of memory", stageKeys: stageKeys, parameters: FakeRunsFolder.predictParameters,
                  metrics: [:], toolVersion: "0.1.0", gitCommit: nil, machine: "test")
    }
}

