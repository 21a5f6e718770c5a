import Foundation
import Imaging
import Metrics
import Pipeline
import Spec
import XCTest
@testable import Stages

/// A scratch folder with a spec in it and a runs/ folder, removed when the test ends.
final class ExperimentSandbox {
    let root: URL
    var runs: URL { root.appendingPathComponent("runs") }
    var specPath: String { root.appendingPathComponent("exp.yaml").path }

    /// `fixedRoot` gives a folder whose path is the same in every run (for pinned keys of folder data,
    /// whose resolved paths are part of the ingest key); it is emptied first.
    init(fixedRoot: String? = nil) throws {
        root = fixedRoot.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("stages-\(UUID().uuidString)")
        try? FileManager.default.removeItem(at: root)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// A tiny experiment: 8 slices of 32×32, a width-4 depth-2 U-Net, one epoch. `data` replaces the
    /// phantom source; `extra` is appended (e.g. an evaluate section).
    func writeSpec(lr: String = "1e-2", resize: Int = 32, epochs: Int = 1, data: String? = nil, extra: String = "") throws {
        let yaml = """
        name: tiny
        seed: 0
        data:
        \(data ?? "  phantom: {count: 8, size: 32, seed: 1}")
        resize: \(resize)
        split:
          validation: 0.25
        model:
          width: 4
          depth: 2
        train:
          lr: \(lr)
          batch: 4
          epochs: \(epochs)
        \(extra)
        """
        try yaml.write(toFile: specPath, atomically: true, encoding: .utf8)
    }

    /// Real files on disk (phantom slices written as TIFF): `images/PH_000k.tif`, `masks/PH_000k.tif`.
    func writeFolderData(count: Int = 8) throws -> String {
        try Phantom.writeDataset(to: root.appendingPathComponent("data").path, count: count, seed: 1, size: 32)
        return "  images: data/images\n  masks: data/masks\n  on_bad_pair: drop"
    }

    /// Same size, one pixel changed: a mask whose content, not shape, differs.
    func flipFirstPixel(ofMaskAt path: String) throws {
        var mask = try ImageReader.read(path: path)
        mask.pixels[0] = mask.pixels[0] == 0 ? 1 : 0
        try ImageWriter.writeTIFF(mask, to: path, sampleType: .uint8, compression: .lzw)
    }

    func experiment(hooks: TrainingHooks = TrainingHooks()) throws -> Experiment {
        try Experiment(specPaths: [specPath], runsRoot: runs,
                       environment: RunEnvironment(toolVersion: "test", gitCommit: nil, machine: "test machine"), hooks: hooks)
    }

    /// Stage name → the plan's line for it.
    func planLines() throws -> [String: String] {
        let plan = try experiment().plan()
        return Dictionary(uniqueKeysWithValues: plan.items.map { ($0.stage, $0.explanation) })
    }

    func stagesThatWillRun() throws -> [String] {
        try experiment().plan().items.filter(\.decision.willRun).map(\.stage)
    }
}

/// Statistics with the given mean, SD and median, for report fixtures (min and max at the median).
func stats(mean: Double, sd: Double, median: Double, count: Int) -> SummaryStatistics {
    SummaryStatistics(count: count, mean: mean, standardDeviation: sd, median: median, minimum: median, maximum: median)
}

/// A float32 TIFF of 0.5 with its first `count` pixels patched to NaN (the writer refuses NaN).
func writeNaNTIFF(at path: String, count: Int) throws {
    try ImageWriter.writeTIFF(Image(width: 32, height: 32, filledWith: 0.5), to: path, sampleType: .float32, compression: TIFFCompression.none)
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    let half: [UInt8] = [0x00, 0x00, 0x00, 0x3F], nan: [UInt8] = [0x00, 0x00, 0xC0, 0x7F]
    var patched = 0, i = 8
    while patched < count, i + 4 <= bytes.count {
        if Array(bytes[i..<i + 4]) == half { bytes.replaceSubrange(i..<i + 4, with: nan); patched += 1 }
        i += 4
    }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}
