import Foundation
import Imaging
import Pipeline
import Spec

/// Images through the `Preprocessor` predict also uses (intensity map to [0, 1], then bilinear
/// resize), so a model sees the same pixels in training and in use; masks binarized, then resized
/// nearest so they stay binary.
enum PreprocessStage {
    static let name = "preprocess"
    static let codeVersion = 1

    static func node(_ params: PreprocessParams) throws -> StageNode {
        try StageNode(id: name, stage: name, codeVersion: codeVersion, params: params,
                      inputs: ["ingest": .node(IngestStage.name), "pairs": .node(ValidatePairsStage.name)]) { params, context in
            let preprocessor = params.preprocessor, size = params.resize
            let ingest = try context.inputDirectory("ingest")
            let manifest = try StageFiles.readJSON(DataManifest.self, from: ingest.appendingPathComponent(EntryFiles.manifest))
            let pairs = try StageFiles.readJSON(ValidatedPairs.self, from: try context.inputDirectory("pairs").appendingPathComponent(EntryFiles.pairs))
            var data = PreprocessedData(height: size.height, width: size.width, cases: [], images: [], masks: [])
            data.images.reserveCapacity(pairs.kept.count * data.pixelsPerCase)
            data.masks.reserveCapacity(pairs.kept.count * data.pixelsPerCase)
            for pair in pairs.kept {
                let image = try ImageReader.read(path: manifest.resolve(pair.image, ingestDirectory: ingest))
                let mask = try ImageReader.read(path: manifest.resolve(pair.mask, ingestDirectory: ingest))
                data.images += preprocessor.apply(image).pixels
                data.masks += mask.binarized().resizedNearest(width: size.width, height: size.height).pixels.map { $0 != 0 ? 1 : 0 }
                data.cases.append(.init(id: pair.id, originalWidth: image.width, originalHeight: image.height))
            }
            context.log("\(data.cases.count) cases at \(size.height)×\(size.width)")
            try data.write(to: context.outputDirectory)
        }
    }
}
