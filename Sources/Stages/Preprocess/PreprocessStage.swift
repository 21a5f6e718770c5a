import Foundation
import Imaging
import Pipeline
import Spec

/// Intensity map to [0, 1] (window: clip then scale; scale: divide), THEN resize: bilinear for the
/// image, nearest for the mask, so masks stay binary. Windowing first keeps air and bone from
/// blending before the clip. Predict applies the same steps to new slices.
enum PreprocessStage {
    static let name = "preprocess"
    static let codeVersion = 1

    static func node(for spec: ExperimentSpec) -> StageNode {
        let intensity = spec.intensity, size = spec.resize
        return StageNode(id: name, stage: name, codeVersion: codeVersion, params: StageParams.of(spec, ["intensity", "resize"]),
                         inputs: ["ingest": .node(IngestStage.name), "pairs": .node(ValidatePairsStage.name)]) { context in
            let ingest = try context.inputDirectory("ingest")
            let manifest = try StageFiles.readJSON(DataManifest.self, from: ingest.appendingPathComponent(EntryFiles.manifest))
            let pairs = try StageFiles.readJSON(ValidatedPairs.self, from: try context.inputDirectory("pairs").appendingPathComponent(EntryFiles.pairs))
            var data = PreprocessedData(height: size.height, width: size.width, cases: [], images: [], masks: [])
            data.images.reserveCapacity(pairs.kept.count * data.pixelsPerCase)
            data.masks.reserveCapacity(pairs.kept.count * data.pixelsPerCase)
            for pair in pairs.kept {
                let image = try ImageReader.read(path: manifest.resolve(pair.image, ingestDirectory: ingest))
                let mask = try ImageReader.read(path: manifest.resolve(pair.mask, ingestDirectory: ingest))
                data.images += mapIntensity(image, intensity).resizedBilinear(width: size.width, height: size.height).pixels
                data.masks += mask.binarized().resizedNearest(width: size.width, height: size.height).pixels.map { $0 != 0 ? 1 : 0 }
                data.cases.append(.init(id: pair.id, originalWidth: image.width, originalHeight: image.height))
            }
            context.log("\(data.cases.count) cases at \(size.height)×\(size.width)")
            try data.write(to: context.outputDirectory)
        }
    }

    static func mapIntensity(_ image: Image, _ intensity: IntensitySpec) -> Image {
        switch intensity {
        case let .window(lo, hi): return image.windowed(low: Float(lo), high: Float(hi))
        case let .scale(divisor):
            let factor = 1 / Float(divisor)
            return Image(width: image.width, height: image.height, pixels: image.pixels.map { $0 * factor })
        }
    }
}
