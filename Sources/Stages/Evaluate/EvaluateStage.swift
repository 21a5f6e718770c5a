import Foundation
import Imaging
import NN
import Pipeline
import Spec

/// Applies the trained model to the validation cases through the Segmenter (the same threshold,
/// post-processing and TTA code predict uses) and scores them at the preprocessed resolution.
/// Outputs `case-metrics.json`, `predictions.u8` (V×H×W, 0/1, in split order) and overlay PNGs of the
/// worst and some sample cases.
enum EvaluateStage {
    static let name = "evaluate"
    static let codeVersion = 1
    /// Overlays of the lowest-Dice cases, then of the first other cases by id.
    static let worstOverlays = 3, sampleOverlays = 3
    static let overlayFolder = "overlays"

    static func node(_ params: EvaluateParams) throws -> StageNode {
        try StageNode(id: name, stage: name, codeVersion: codeVersion, params: params,
                      inputs: ["train": .node(TrainStage.name), "preprocess": .node(PreprocessStage.name)]) { params, context in
            try run(params, context: context)
        }
    }

    static func run(_ params: EvaluateParams, context: StageContext) throws {
        let trained = try context.inputDirectory("train")
        let data = try PreprocessedData.read(from: try context.inputDirectory("preprocess"))
        let split = try StageFiles.readJSON(TrainingSplit.self, from: trained.appendingPathComponent(EntryFiles.split))
        let model = try UNet(checkpoint: try FileIO.readAll(trained.appendingPathComponent(EntryFiles.model)))
        let segmenter = Segmenter(model: model, evaluate: params.evaluate)
        let position = Dictionary(uniqueKeysWithValues: data.cases.enumerated().map { ($1.id, $0) })
        let indices = split.validation.compactMap { position[$0] }
        let masks = try segmenter.masks(images: indices.map { data.image($0) }, height: data.height, width: data.width, batch: params.batch)
        let scores = try zip(indices, masks).map { index, mask in
            try CaseScoring.score(id: data.cases[index].id, prediction: mask, truth: data.mask(index), width: data.width, height: data.height)
        }
        let out = context.outputDirectory
        let result = EvaluationResult(resolution: "\(data.height)×\(data.width) preprocessed slices",
                                      threshold: params.evaluate.threshold, cases: scores)
        try StageFiles.writeJSON(result, to: out.appendingPathComponent(EntryFiles.caseMetrics))
        try FileIO.write(Array(masks.joined()), to: out.appendingPathComponent(EntryFiles.predictions))
        try writeOverlays(scores: scores, indices: indices, masks: masks, data: data, to: out.appendingPathComponent(overlayFolder))
        let meanDice = scores.map(\.dice).reduce(0, +) / Double(max(scores.count, 1))
        context.log("\(scores.count) validation cases, mean Dice \(String(format: "%.4f", meanDice))")
        if let volumes = try scoreVolumes(indices: indices, masks: masks, data: data, selection: params.slices) {
            try StageFiles.writeJSON(volumes, to: out.appendingPathComponent(EntryFiles.volumeMetrics))
            for v in volumes.volumes {
                context.log("\(v.volume): volume Dice \(String(format: "%.4f", v.dice)), predicted \(String(format: "%.1f", v.predictedMillilitres)) mL, "
                            + "reference \(String(format: "%.1f", v.referenceMillilitres)) mL over \(v.slices) slices")
            }
        }
    }

    /// Per-volume scores of the validation cases cut from volumes (nil when none are): each volume's
    /// evaluated slices stacked in slice order. Volume metrics cover the slices `data.slices` chose,
    /// not the whole scan: evaluate sees only preprocessed cases (whole scans are `pipeline predict`'s).
    static func scoreVolumes(indices: [Int], masks: [[UInt8]], data: PreprocessedData,
                             selection: SliceSelection?) throws -> VolumeEvaluation? {
        var byVolume: [String: VolumeScoring.Slices] = [:]
        for (index, mask) in zip(indices, masks) {
            let c = data.cases[index]
            guard let volume = c.volume, let k = c.slice, let s = c.spacing, s.count == 3 else { continue }
            byVolume[volume, default: VolumeScoring.Slices(volume: volume, spacing: SIMD3(s[0], s[1], s[2]),
                                                           originalWidth: c.originalWidth, originalHeight: c.originalHeight,
                                                           slices: [])].slices.append((k, mask, data.mask(index)))
        }
        guard !byVolume.isEmpty else { return nil }
        let scores = try byVolume.keys.sorted().map { try VolumeScoring.score(byVolume[$0]!, width: data.width, height: data.height) }
        let rule = selection ?? .lung
        let coverage: String
        switch rule {
        case .all: coverage = "every slice of each volume (data.slices: all)"
        case .lung: coverage = "the slices data.slices: lung chose: those with reference lung ± \(SliceSelection.lungMargin)"
        case .every(let k): coverage = "slices 0, \(k), \(2 * k), … (data.slices: every \(k)), each standing for \(k) slices in mL"
        }
        return VolumeEvaluation(coverage: coverage + ", at \(data.height)×\(data.width) in-plane", volumes: scores)
    }

    /// `worst-1-<id>.png` … and `sample-1-<id>.png` …: image | truth | prediction over truth outline.
    static func writeOverlays(scores: [CaseScore], indices: [Int], masks: [[UInt8]], data: PreprocessedData, to folder: URL) throws {
        try FileIO.createDirectory(folder)
        let ranked = scores.indices.sorted { (scores[$0].dice, scores[$0].caseID) < (scores[$1].dice, scores[$1].caseID) }
        let worst = Array(ranked.prefix(worstOverlays))
        let samples = scores.indices.filter { !worst.contains($0) }.prefix(sampleOverlays)
        for (role, chosen) in [("worst", worst), ("sample", Array(samples))] {
            for (rank, i) in chosen.enumerated() {
                let index = indices[i]
                let image = Image(width: data.width, height: data.height, pixels: data.image(index))
                let truth = Image(width: data.width, height: data.height, pixels: data.mask(index).map(Float.init))
                let prediction = Image(width: data.width, height: data.height, pixels: masks[i].map(Float.init))
                let strip = Overlay.strip(image: image, truth: truth, prediction: prediction, window: 0...1)
                try ImageWriter.writePNG(strip, to: folder.appendingPathComponent("\(role)-\(rank + 1)-\(scores[i].caseID).png").path)
            }
        }
    }
}
