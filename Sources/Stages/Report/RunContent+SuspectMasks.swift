import Foundation
import Pipeline

/// A pair whose mask validate flagged, as the report shows it: the reasons in words and its overlay
/// (image | mask over it), copied into the report entry so the report needs only that entry.
public struct SuspectMask: Codable, Equatable, Sendable {
    public var caseID: String
    public var reasons: [String]
    /// Relative to the report entry, e.g. `suspect-masks/ID_0007.png`; nil when validate drew none.
    public var overlay: String?
    /// `warn`, `drop` or `fail`: what the run did with it.
    public var policy: String
    /// Whether it is among the evaluated (validation) cases, so part of the mean Dice.
    public var evaluated: Bool

    public init(caseID: String, reasons: [String], overlay: String?, policy: String, evaluated: Bool) {
        self.caseID = caseID; self.reasons = reasons; self.overlay = overlay; self.policy = policy; self.evaluated = evaluated
    }
}

/// A suspect mask with its overlay's bytes, for the renderers.
public struct SuspectMaskImage: Equatable, Sendable {
    public var mask: SuspectMask
    public var png: Data?
}

extension ReportStage {
    static let suspectMaskFolder = "suspect-masks"

    /// The flagged pairs of validate's `mask-check.json` (nil when the entry has none, e.g. written by an
    /// older validate), their overlays copied into the report entry.
    static func suspectMasks(validateEntry: URL, evaluated: Set<String>, into entry: URL) throws -> [SuspectMask]? {
        let file = validateEntry.appendingPathComponent(EntryFiles.maskCheck)
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let results = try StageFiles.readJSON(MaskCheckResults.self, from: file)
        let flagged = results.flagged
        if flagged.contains(where: { $0.overlay != nil }) { try FileIO.createDirectory(entry.appendingPathComponent(suspectMaskFolder)) }
        return try flagged.map { pair in
            var copied: String?
            if let overlay = pair.overlay {
                let name = suspectMaskFolder + "/" + (overlay as NSString).lastPathComponent
                try FileIO.write(FileIO.readAll(validateEntry.appendingPathComponent(overlay)), to: entry.appendingPathComponent(name))
                copied = name
            }
            return SuspectMask(caseID: pair.id, reasons: pair.reasons, overlay: copied, policy: results.policy,
                               evaluated: evaluated.contains(pair.id))
        }
    }
}

extension RunSummary {
    /// The suspect masks of a report entry's summary with their overlays read.
    static func suspectMaskImages(_ content: RunContent, reportEntry: URL) -> [SuspectMaskImage] {
        (content.suspectMasks ?? []).map { mask in
            SuspectMaskImage(mask: mask, png: mask.overlay.flatMap { FileManager.default.contents(atPath: reportEntry.appendingPathComponent($0).path) })
        }
    }
}
