import Foundation
import Imaging
import Pipeline
import Spec

/// The mask check of validate: verdicts over the data set, `mask-check.json` and an overlay of each
/// flagged pair in the entry, and the policy `data.on_suspect_mask` applied.
extension ValidatePairsStage {
    /// The pairs to go on with: all of them for `warn` (each flagged one logged as a warning), the
    /// unflagged ones for `drop` (the others dropped with their reasons); `fail` throws listing them all.
    static func checkMasks(_ pairs: ValidatedPairs, facts: [(id: String, facts: MaskFacts)], params: ValidateParams,
                           manifest: DataManifest, ingestDirectory: URL, context: StageContext) throws -> ValidatedPairs {
        let verdicts = MaskCheck.verdicts(facts, thresholds: params.thresholds)
        let flagged = verdicts.filter(\.isSuspect)
        let policy = params.maskCheck.onSuspectMask
        if policy == .fail, !flagged.isEmpty { throw StageError.suspectMasks(flagged.map(\.description)) }
        let overlays = try writeOverlays(of: flagged, pairs: pairs.kept, manifest: manifest, ingestDirectory: ingestDirectory,
                                         into: context.outputDirectory)
        let results = MaskCheckResults(policy: policy.rawValue, thresholds: params.thresholds, verdicts: verdicts, overlays: overlays)
        try StageFiles.writeJSON(results, to: context.outputDirectory.appendingPathComponent(EntryFiles.maskCheck))
        context.log("mask check: \(flagged.count) of \(verdicts.count) masks flagged")
        guard policy == .drop else {
            for verdict in flagged { context.log("warning: suspect mask \(verdict.description)") }
            return pairs
        }
        var result = pairs
        let ids = Set(flagged.map(\.id))
        result.kept.removeAll { ids.contains($0.id) }
        for verdict in flagged {
            let reason = "suspect mask: " + verdict.findings.map(\.description).joined(separator: "; ")
            result.dropped.append(BadPair(id: verdict.id, reason: reason))
            context.log("warning: dropped \(verdict.id): \(reason)")
        }
        return result
    }

    /// `mask-check/<id>.png` for each flagged pair (image | mask over it); id → path in the entry.
    static func writeOverlays(of flagged: [MaskVerdict], pairs: [DataPair], manifest: DataManifest,
                              ingestDirectory: URL, into entry: URL) throws -> [String: String] {
        guard !flagged.isEmpty else { return [:] }
        let folder = entry.appendingPathComponent(EntryFiles.maskOverlays)
        try FileIO.createDirectory(folder)
        var written: [String: String] = [:]
        for verdict in flagged {
            guard let pair = pairs.first(where: { $0.id == verdict.id }) else { continue }
            let image = try ImageReader.read(path: manifest.resolve(pair.image, ingestDirectory: ingestDirectory))
            let mask = try ImageReader.read(path: manifest.resolve(pair.mask, ingestDirectory: ingestDirectory))
            let name = verdict.id + ".png"
            try ImageWriter.writePNG(Overlay.maskPanels(image: image, mask: mask), to: folder.appendingPathComponent(name).path)
            written[verdict.id] = EntryFiles.maskOverlays + "/" + name
        }
        return written
    }
}
