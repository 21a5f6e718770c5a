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
/// listing every one of them. Then the masks of the good pairs are judged against their images
/// (`checkMasks`, in ValidatePairsStage+MaskCheck.swift) under `data.on_suspect_mask`.
enum ValidatePairsStage {
    static let name = "validate"
    /// 2: also measures every mask against its image and writes mask-check.json (and overlays).
    static let codeVersion = 2

    static func node(_ params: ValidateParams) throws -> StageNode {
        try StageNode(id: name, stage: name, codeVersion: codeVersion, params: params,
                      inputs: ["ingest": .node(IngestStage.name)]) { params, context in
            let policy = params.policy
            let ingest = try context.inputDirectory("ingest")
            let manifest = try StageFiles.readJSON(DataManifest.self, from: ingest.appendingPathComponent(EntryFiles.manifest))
            let (checked, warnings, facts) = check(manifest, ingestDirectory: ingest)
            for warning in warnings { context.log("warning: \(warning)") }
            if policy == .fail, !checked.dropped.isEmpty { throw StageError.badPairs(checked.dropped) }
            for bad in checked.dropped { context.log("warning: dropped \(bad.id): \(bad.reason)") }
            let result = try checkMasks(checked, facts: facts, params: params, manifest: manifest,
                                        ingestDirectory: ingest, context: context)
            guard !result.kept.isEmpty else { throw StageError.noUsablePairs(dropped: result.dropped.count) }
            context.log("\(result.kept.count) pairs valid, \(result.dropped.count) dropped")
            try StageFiles.writeJSON(result, to: context.outputDirectory.appendingPathComponent(EntryFiles.pairs))
        }
    }

    /// The pairs kept and dropped, and the readers' warnings (e.g. an RGB file read as gray), one line each.
    /// With the facts of each kept pair's mask, in order.
    static func check(_ manifest: DataManifest, ingestDirectory: URL)
        -> (pairs: ValidatedPairs, warnings: [String], facts: [(id: String, facts: MaskFacts)]) {
        var kept: [DataPair] = []
        var dropped = manifest.unmatched
        var warnings: [String] = []
        var facts: [(id: String, facts: MaskFacts)] = []
        for pair in manifest.pairs {
            let (reason, pairFacts, pairWarnings) = problem(with: pair, manifest: manifest, ingestDirectory: ingestDirectory)
            warnings += pairWarnings
            if let reason {
                dropped.append(BadPair(id: pair.id, reason: reason))
            } else {
                kept.append(pair)
                if let pairFacts { facts.append((pair.id, pairFacts)) }
            }
        }
        return (ValidatedPairs(kept: kept, dropped: dropped), warnings, facts)
    }

    /// The first thing wrong with a pair, as the ImageError text (which names the file), or nil; and
    /// what the readers converted on the way. Non-finite pixels make a pair bad (they would train as NaN).
    /// A good pair's mask is measured against its image while both are in memory.
    static func problem(with pair: DataPair, manifest: DataManifest, ingestDirectory: URL)
        -> (problem: String?, facts: MaskFacts?, warnings: [String]) {
        let imagePath = manifest.resolve(pair.image, ingestDirectory: ingestDirectory)
        let maskPath = manifest.resolve(pair.mask, ingestDirectory: ingestDirectory)
        var warnings: [String] = []
        do {
            if VolumePairCheck.isVolumePair(image: imagePath, mask: maskPath) {
                try VolumePairCheck.check(imagePath: imagePath, maskPath: maskPath)
                return (nil, nil, warnings)   // the mask check reads 2D slices; volumes are not checked yet
            }
            let image = try ImageReader.readWithWarnings(path: imagePath)
            warnings += image.warnings.map(\.description)
            let mask = try ImageReader.readWithWarnings(path: maskPath)
            warnings += mask.warnings.map(\.description)
            try image.image.checkFinite(path: imagePath)
            try image.image.checkSameSize(as: mask.image, imageName: imagePath, maskName: maskPath)
            try mask.image.checkBinaryMask(path: maskPath)
            return (nil, MaskFacts.measure(image: image.image, mask: mask.image), warnings)
        } catch {
            return (String(describing: error), nil, warnings)
        }
    }
}
