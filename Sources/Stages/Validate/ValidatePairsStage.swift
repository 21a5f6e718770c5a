import Foundation
import Imaging
import Pipeline
import Spec

/// What validate leaves in `pairs.json`: the pairs that decode, match in size and have binary masks,
/// and every dropped pair with its reason.
public struct ValidatedPairs: Codable, Equatable, Sendable {
    public var kept: [DataPair]
    public var dropped: [BadPair]
}

/// Checks every pair: both files decode, image and mask have one size, the mask is binary (0/1 or
/// 0/255). Bad pairs are all found before the policy applies: `drop` warns and goes on, `fail` stops
/// listing every one of them.
enum ValidatePairsStage {
    static let name = "validate"
    static let codeVersion = 1

    static func node(_ params: ValidateParams) throws -> StageNode {
        try StageNode(id: name, stage: name, codeVersion: codeVersion, params: params,
                      inputs: ["ingest": .node(IngestStage.name)]) { params, context in
            let policy = params.policy
            let ingest = try context.inputDirectory("ingest")
            let manifest = try StageFiles.readJSON(DataManifest.self, from: ingest.appendingPathComponent(EntryFiles.manifest))
            let result = check(manifest, ingestDirectory: ingest)
            if policy == .fail, !result.dropped.isEmpty { throw StageError.badPairs(result.dropped) }
            for bad in result.dropped { context.log("warning: dropped \(bad.id): \(bad.reason)") }
            guard !result.kept.isEmpty else { throw StageError.noUsablePairs(dropped: result.dropped.count) }
            context.log("\(result.kept.count) pairs valid, \(result.dropped.count) dropped")
            try StageFiles.writeJSON(result, to: context.outputDirectory.appendingPathComponent(EntryFiles.pairs))
        }
    }

    static func check(_ manifest: DataManifest, ingestDirectory: URL) -> ValidatedPairs {
        var kept: [DataPair] = []
        var dropped = manifest.unmatched
        for pair in manifest.pairs {
            if let reason = problem(with: pair, manifest: manifest, ingestDirectory: ingestDirectory) {
                dropped.append(BadPair(id: pair.id, reason: reason))
            } else {
                kept.append(pair)
            }
        }
        return ValidatedPairs(kept: kept, dropped: dropped)
    }

    /// The first thing wrong with a pair, as the ImageError text (which names the file), or nil.
    static func problem(with pair: DataPair, manifest: DataManifest, ingestDirectory: URL) -> String? {
        let imagePath = manifest.resolve(pair.image, ingestDirectory: ingestDirectory)
        let maskPath = manifest.resolve(pair.mask, ingestDirectory: ingestDirectory)
        do {
            if VolumePairCheck.isVolumePair(image: imagePath, mask: maskPath) {
                try VolumePairCheck.check(imagePath: imagePath, maskPath: maskPath)
                return nil
            }
            let image = try ImageReader.read(path: imagePath)
            let mask = try ImageReader.read(path: maskPath)
            try image.checkSameSize(as: mask, imageName: imagePath, maskName: maskPath)
            try mask.checkBinaryMask(path: maskPath)
            return nil
        } catch {
            return String(describing: error)
        }
    }
}
