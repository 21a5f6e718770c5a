import Foundation
import Imaging
import Pipeline
import Spec

/// The first stage: find (or generate) the image/mask pairs. For folder data its key covers every
/// file's content hash, each an input named `images/<file>` or `masks/<file>`, so `plan` can say
/// which file changed; the manifest it writes is made from exactly those files and hashes.
enum IngestStage {
    static let name = "ingest"
    static let codeVersion = 1

    static func node(_ params: IngestParams, hashes: FileHashCache) throws -> StageNode {
        switch params.data {
        case .folders(let folders):
            let listing = try PairFinder.find(folders)
            var inputs: [String: StageInput] = [:]
            var pairs: [DataPair] = []
            for candidate in listing.pairs {
                let imageHash = try hashes.hash(of: candidate.image)
                let maskHash = try hashes.hash(of: candidate.mask)
                inputs["images/" + (candidate.image as NSString).lastPathComponent] = .content(hash: imageHash)
                inputs["masks/" + (candidate.mask as NSString).lastPathComponent] = .content(hash: maskHash)
                pairs.append(DataPair(id: candidate.id, image: candidate.image, mask: candidate.mask,
                                      imageSHA256: imageHash, maskSHA256: maskHash))
            }
            let manifest = DataManifest(pairs: pairs, unmatched: listing.unmatched)
            let unmatchedHash = ContentHash.sha256Hex(listing.unmatched.map { $0.reason }.joined(separator: "\n"))
            inputs["unmatched files"] = .content(hash: unmatchedHash)
            return try StageNode(id: name, stage: name, codeVersion: codeVersion, params: params, inputs: inputs) { _, context in
                for problem in manifest.unmatched { context.log("warning: \(problem.reason)") }
                context.log("\(manifest.pairs.count) pairs found")
                try StageFiles.writeJSON(manifest, to: context.outputDirectory.appendingPathComponent(EntryFiles.manifest))
            }
        case .phantom:
            return try StageNode(id: name, stage: name, codeVersion: codeVersion, params: params) { params, context in
                guard case .phantom(let phantom) = params.data else { return }
                try generatePhantom(phantom, into: context)
            }
        }
    }
    /// Writes the phantom's slices (or, with `slices`, its NIfTI volumes) inside the entry, so the data
    /// is as cached as any stage output.
    static func generatePhantom(_ phantom: PhantomData, into context: StageContext) throws {
        let folder = context.outputDirectory.appendingPathComponent("data")
        let names = try phantom.slices.map {
            try Phantom.writeVolumeDataset(to: folder.path, count: phantom.count, seed: UInt64(phantom.seed),
                                           size: phantom.size, slices: $0)
        } ?? Phantom.writeDataset(to: folder.path, count: phantom.count, seed: UInt64(phantom.seed), size: phantom.size)
        let pairs = try names.map { name -> DataPair in
            let image = "data/images/" + name, mask = "data/masks/" + name
            return DataPair(id: PairFinder.stem(name), image: image, mask: mask,
                            imageSHA256: try ContentHash.sha256Hex(ofFile: context.outputDirectory.appendingPathComponent(image)),
                            maskSHA256: try ContentHash.sha256Hex(ofFile: context.outputDirectory.appendingPathComponent(mask)))
        }
        let what = phantom.slices.map { "volumes of \(phantom.size)×\(phantom.size)×\($0)" } ?? "slices of \(phantom.size)×\(phantom.size)"
        context.log("\(pairs.count) phantom \(what) generated")
        try StageFiles.writeJSON(DataManifest(pairs: pairs, unmatched: []),
                                 to: context.outputDirectory.appendingPathComponent(EntryFiles.manifest))
    }
}
