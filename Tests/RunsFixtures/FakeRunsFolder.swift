import Foundation
import Imaging
import NN
import Pipeline
import Spec
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
            let file = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: file)
            outputs.append(OutputFile(path: name, bytes: data.count, sha256: ContentHash.sha256Hex(data)))
        }
        let entry = CacheEntry(identity: identity, key: key, created: "2025-05-01T10:00:00Z", durationSeconds: 1, outputs: outputs)
        try Data(entry.json.prettyString().utf8).write(to: directory.appendingPathComponent(CacheEntry.fileName))
        return key
    }

    /// A real spec for the fixture's runs, so predict reads back the settings it names: intensity window
    /// [-1000, 400], 16×16 slices, a width-4 depth-2 U-Net, `train.lr` and anything in `extra`.
    public static func specText(name: String = "baseline", lr: String = "0.001", extra: String = "") -> String {
        """
        name: \(name)
        data:
          phantom: {count: 8, size: 16, seed: 0}
        intensity:
          window: [-1000, 400]
        resize: 16
        split:
          validation: 0.25
        model: {width: 4, depth: 2}
        train: {lr: \(lr)}
        \(extra)
        """
    }

    /// The parameters run.json records for `specText` (its resolved fields).
    public static func parameters(of specText: String, file: String) throws -> [[String]] {
        try SpecLoader.parse(yaml: specText, file: file)[0].fields().map { [$0.path, $0.value.description] }
    }

    /// A succeeded run with ingest, train (model + history), evaluate (case metrics) and report
    /// (summary + one worst-case overlay) entries, written with the stages' own file types.
    @discardableResult
    public func addEvaluatedRun(id: String, member: String? = nil, name: String = "baseline", sweepValues: [String: String] = [:],
                                specFile: String = "experiments/baseline.yaml", started: String,
                                specText: String? = nil, dice: [(String, Double)], manifest: String = "manifest-1",
                                model: UNet = UNet(width: 4, depth: 2, seed: 3)) throws -> RunRecord {
        let spec = specText ?? FakeRunsFolder.specText(name: name)
        let manifestData = Data(manifest.utf8)
        let ingest = try addEntry(stage: "ingest", files: [EntryFiles.manifest: manifestData])
        let history = [EpochRecord(epoch: 1, trainLoss: 0.6, validationLoss: 0.5, validationDice: 0.7, learningRate: 0.001, seconds: 2)]
        let train = try addEntry(stage: "train", files: [EntryFiles.model: Data(model.checkpoint()),
                                                         EntryFiles.history: try FakeRunsFolder.json(history)])
        // Counts that give exactly Dice d (and IoU d/(2-d), precision = recall = d): 1000 lung pixels.
        let rows = dice.map { id, d in
            CaseScore(caseID: id, dice: d, iou: d / (2 - d), precision: d, recall: d, hd95Pixels: d > 0 ? 2 * (1 - d) : nil,
                      tp: Int((d * 1000).rounded()), fp: Int(((1 - d) * 1000).rounded()), fn: Int(((1 - d) * 1000).rounded()), tn: 9000)
        }
        let result = EvaluationResult(resolution: "16×16 preprocessed slices", threshold: 0.5, cases: rows)
        let evaluate = try addEntry(stage: "evaluate", files: [EntryFiles.caseMetrics: try FakeRunsFolder.json(result)])
        let worst = rows.min { $0.dice < $1.dice }!
        let overlayFile = "overlays/worst-1-\(worst.caseID).png"
        let content = RunContent(metrics: try RunMetrics(cases: rows), curve: history,
                                 dataManifestSHA256: ContentHash.sha256Hex(manifestData), resolution: result.resolution,
                                 overlays: [.init(file: overlayFile, caseID: worst.caseID, role: .worst, caption: "lowest Dice #1")])
        let report = try addEntry(stage: "report", files: [EntryFiles.summary: try FakeRunsFolder.json(content),
                                                           overlayFile: FakeRunsFolder.overlayPNG])
        return try addRun(RunRecord(
            id: id, name: name, member: member ?? name, sweepValues: sweepValues, specFile: specFile,
            specText: spec, started: started, finished: started, status: .succeeded, failure: nil,
            stageKeys: ["ingest": ingest, "train": train, "evaluate": evaluate, "report": report],
            parameters: try FakeRunsFolder.parameters(of: spec, file: specFile),
            metrics: content.metrics.headline, toolVersion: "0.1.0", gitCommit: nil, machine: "test"))
    }

    static func json<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(value)
    }

    /// A 2×1 gray PNG, enough for a report to embed.
    static let overlayPNG: Data = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fixture-overlay-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: url) }
        try? ImageWriter.writePNG(Image(width: 2, height: 1, pixels: [0, 1]), to: url.path)
        return FileManager.default.contents(atPath: url.path) ?? Data()
    }()

    @discardableResult
    public func addRun(_ record: RunRecord) throws -> RunRecord {
        try store.write(record)
        return record
    }

    public func failedRun(id: String, started: String, stageKeys: [String: String] = [:]) -> RunRecord {
        RunRecord(id: id, name: "broken", member: "broken", sweepValues: [:], specFile: "experiments/broken.yaml",
                  specText: FakeRunsFolder.specText(name: "broken"), started: started, finished: started, status: .failed,
                  failure: "train: out of memory", stageKeys: stageKeys,
                  parameters: (try? FakeRunsFolder.parameters(of: FakeRunsFolder.specText(name: "broken"), file: "experiments/broken.yaml")) ?? [],
                  metrics: [:], toolVersion: "0.1.0", gitCommit: nil, machine: "test")
    }
}

