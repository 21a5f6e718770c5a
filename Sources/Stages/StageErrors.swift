import Foundation

/// What can go wrong inside the experiment stages. Each message names the file, case or field and
/// says what to do next.
public enum StageError: Error, Equatable, CustomStringConvertible {
    /// A data folder holds no file matching its pattern.
    case noImages(folder: String, pattern: String?)
    /// `data.on_bad_pair: fail` and at least one pair is bad; every one is listed.
    case badPairs([BadPair])
    /// Every pair was dropped: nothing left to train on.
    case noUsablePairs(dropped: Int)
    /// An explicit split names an id that is not among the validated pairs.
    case unknownSplitID(id: String, field: String)
    /// The split leaves one side empty.
    case emptySplit(side: String, cases: Int)
    /// Loss became NaN or infinite.
    case diverged(epoch: Int, batch: Int, loss: Float, lr: Double)
    /// A stage's own file is missing or unreadable (a damaged cache entry).
    case unreadableEntryFile(path: String, reason: String)
    /// Evaluation scored no case, so there is nothing to summarise.
    case noEvaluatedCases
    /// `data.on_suspect_mask: fail` and at least one mask looks wrong; each is listed with its reasons.
    case suspectMasks([String])

    public var description: String {
        switch self {
        case let .noImages(folder, pattern):
            return "no image files in \(folder)\(pattern.map { " matching \($0)" } ?? ""); check data.images in the spec"
        case let .badPairs(pairs):
            let listed = pairs.map { "\($0.id): \($0.reason)" }.joined(separator: "; ")
            return "\(pairs.count) bad image/mask pair(s) with data.on_bad_pair: fail: \(listed); "
                + "fix or remove them, or set data.on_bad_pair: drop"
        case let .noUsablePairs(dropped):
            return "all \(dropped) image/mask pairs were dropped as bad; nothing is left to train on (see the warnings above)"
        case let .unknownSplitID(id, field):
            return "\(field) names '\(id)', which is not a valid pair; use the file stem of an image (e.g. ID_0003_Z_0132)"
        case let .emptySplit(side, cases):
            return "the split leaves no \(side) cases out of \(cases); change split.validation or add data"
        case let .diverged(epoch, batch, loss, lr):
            return "training diverged: loss is \(loss) at epoch \(epoch), batch \(batch) with train.lr \(lr); "
                + "lower train.lr (e.g. 10× smaller) and run again"
        case .noEvaluatedCases:
            return "evaluation scored no validation case, so the run has no metrics; check split.validation"
        case let .unreadableEntryFile(path, reason):
            return "cannot read \(path) (\(reason)); the cache entry is damaged: run 'pipeline gc' and run again"
        case let .suspectMasks(verdicts):
            return "\(verdicts.count) suspect mask(s) with data.on_suspect_mask: fail: \(verdicts.joined(separator: "; ")); "
                + "look at each (pipeline validate SPEC --masks), fix or remove the wrong ones, "
                + "or set data.on_suspect_mask: drop (leave them out) or warn (keep them)"
        }
    }
}

extension StageError: LocalizedError {
    public var errorDescription: String? { description }
}

/// One image/mask pair that cannot be used, and why.
public struct BadPair: Codable, Equatable, Sendable {
    public var id: String
    public var reason: String
    public init(id: String, reason: String) { self.id = id; self.reason = reason }
}
