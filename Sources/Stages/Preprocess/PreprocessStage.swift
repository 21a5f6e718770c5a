import Foundation
import Imaging
import Pipeline
import Spec

/// Images through the `Preprocessor` predict also uses (intensity map to [0, 1], then bilinear
/// resize), so a model sees the same pixels in training and in use; masks binarized, then resized
/// nearest so they stay binary. A NIfTI volume is cut into axial slices (`Volume.axialSlice`: i along
/// columns, j along rows), chosen by `data.slices`, each preprocessed exactly as a 2D slice is.
enum PreprocessStage {
    static let name = "preprocess"
    static let codeVersion = 1

    static func node(_ params: PreprocessParams) throws -> StageNode {
        try StageNode(id: name, stage: name, codeVersion: codeVersion, params: params,
                      inputs: ["ingest": .node(IngestStage.name), "pairs": .node(ValidatePairsStage.name)]) { params, context in
            let size = params.resize
            let ingest = try context.inputDirectory("ingest")
            let manifest = try StageFiles.readJSON(DataManifest.self, from: ingest.appendingPathComponent(EntryFiles.manifest))
            let pairs = try StageFiles.readJSON(ValidatedPairs.self, from: try context.inputDirectory("pairs").appendingPathComponent(EntryFiles.pairs))
            var data = PreprocessedData(height: size.height, width: size.width, cases: [], images: [], masks: [])
            data.images.reserveCapacity(pairs.kept.count * data.pixelsPerCase)
            data.masks.reserveCapacity(pairs.kept.count * data.pixelsPerCase)
            for pair in pairs.kept {
                let imagePath = manifest.resolve(pair.image, ingestDirectory: ingest)
                let maskPath = manifest.resolve(pair.mask, ingestDirectory: ingest)
                if VolumeReader.isNIfTIName(imagePath) {
                    let selection = params.slices ?? .lung
                    let count = try appendVolume(id: pair.id, image: VolumeReader.read(path: imagePath),
                                                 mask: VolumeReader.read(path: maskPath), selection: selection,
                                                 params: params, to: &data)
                    context.log("\(pair.id): \(count) slices (data.slices: \(selection.text))")
                } else {
                    append(image: try ImageReader.read(path: imagePath), mask: try ImageReader.read(path: maskPath),
                           case: .init(id: pair.id, originalWidth: 0, originalHeight: 0), params: params, to: &data)
                }
            }
            context.log("\(data.cases.count) cases at \(size.height)×\(size.width)")
            try data.write(to: context.outputDirectory)
        }
    }

    /// One slice and its mask, preprocessed, appended as `entry` (its original size filled in here).
    static func append(image: Image, mask: Image, case entry: PreprocessedData.Case, params: PreprocessParams,
                       to data: inout PreprocessedData) {
        let size = params.resize
        data.images += params.preprocessor.apply(image).pixels
        data.masks += mask.binarized().resizedNearest(width: size.width, height: size.height).pixels.map { $0 != 0 ? 1 : 0 }
        var entry = entry
        (entry.originalWidth, entry.originalHeight) = (image.width, image.height)
        data.cases.append(entry)
    }

    /// The selected axial slices of a volume as cases `<id>#k042`; returns how many.
    static func appendVolume(id: String, image: Volume, mask: Volume, selection: SliceSelection,
                             params: PreprocessParams, to data: inout PreprocessedData) throws -> Int {
        let slab = mask.nx * mask.ny
        let chosen = selection.indices(count: mask.nz) { k in mask.voxels[(k * slab)..<((k + 1) * slab)].contains { $0 != 0 } }
        let spacing = image.geometry.spacing
        for k in chosen {
            let entry = PreprocessedData.Case(id: sliceID(volume: id, slice: k), originalWidth: 0, originalHeight: 0,
                                              volume: id, slice: k, spacing: [spacing.x, spacing.y, spacing.z])
            append(image: image.axialSlice(k), mask: mask.axialSlice(k), case: entry, params: params, to: &data)
        }
        return chosen.count
    }

    /// `PV_0003#k017`: the volume's id and the slice index, at least three digits so ids sort by slice.
    static func sliceID(volume: String, slice: Int) -> String { volume + "#k" + String(format: "%03d", slice) }
}
