import Foundation
import Metrics

/// Everything a report shows about one run, as plain values: what the report stage summarised
/// (`RunContent`, cached) and the facts of the run it sits in (`RunRecord`, never cached). The
/// renderers only format it, so they compute no metric except quartiles for drawing box plots.
public struct RunSummary: Equatable, Sendable {
    public var runID: String
    public var name: String
    /// Flattened spec parameters in spec order, e.g. ("train.lr", "0.0003").
    public var parameters: [Parameter]
    public var metrics: RunMetrics
    public var curve: [EpochRecord]
    public var provenance: Provenance
    /// Overlays of sample and worst cases, in the order they should appear.
    public var overlays: [OverlayImage]
    /// Per-volume (3D) metrics, for runs on volume data.
    public var volumes: VolumeMetrics?
    /// The masks validate flagged, with their overlays (empty: none flagged, or no mask check).
    public var suspectMasks: [SuspectMaskImage] = []

    public init(runID: String, name: String, parameters: [Parameter], metrics: RunMetrics,
                curve: [EpochRecord], provenance: Provenance, overlays: [OverlayImage], volumes: VolumeMetrics? = nil) {
        self.runID = runID; self.name = name; self.parameters = parameters; self.metrics = metrics
        self.curve = curve; self.provenance = provenance; self.overlays = overlays; self.volumes = volumes
    }

    public func value(of path: String) -> String? {
        parameters.first { $0.path == path }?.value
    }
}

public struct Parameter: Equatable, Sendable {
    public var path: String
    public var value: String
    public init(path: String, value: String) { self.path = path; self.value = value }
}

/// The per-case scores of one run and their summaries, as the Metrics module computes them: per-case
/// (macro) statistics of each ratio, HD95 over the cases where it is defined, and the pooled confusion
/// counts (micro). Built only by `init(cases:)`, which the report stage calls; stored in `summary.json`.
public struct RunMetrics: Codable, Equatable, Sendable {
    public var cases: [CaseScore]
    public var dice: SummaryStatistics
    public var iou: SummaryStatistics
    public var precision: SummaryStatistics
    public var recall: SummaryStatistics
    /// nil when HD95 is undefined for every case (each has exactly one empty mask).
    public var hd95Pixels: SummaryStatistics?
    /// Pixel counts summed over all cases; lung is the positive class.
    public var confusion: ConfusionCounts
    /// Per-case Dice over the cases whose masks validate did not flag; nil when no evaluated case was
    /// flagged (or every one was), so one wrong label cannot hide a model's quality.
    public var withoutFlagged: SummaryStatistics?

    /// Throws `StageError.noEvaluatedCases` for an empty list: a run with nothing evaluated has no metrics.
    /// `flaggedIDs`: the cases whose masks validate flagged as suspect.
    public init(cases: [CaseScore], flaggedIDs: Set<String> = []) throws {
        guard !cases.isEmpty else { throw StageError.noEvaluatedCases }
        self.cases = cases
        dice = try SummaryStatistics(cases.map(\.dice))
        iou = try SummaryStatistics(cases.map(\.iou))
        precision = try SummaryStatistics(cases.map(\.precision))
        recall = try SummaryStatistics(cases.map(\.recall))
        let hd95 = cases.map(\.hd95Pixels)
        hd95Pixels = hd95.contains { $0 != nil } ? try SummaryStatistics(hd95) : nil
        confusion = cases.map(\.counts).reduce(.zero, +)
        let unflagged = cases.filter { !flaggedIDs.contains($0.caseID) }
        withoutFlagged = unflagged.count < cases.count && !unflagged.isEmpty ? try SummaryStatistics(unflagged.map(\.dice)) : nil
    }

    /// How many evaluated cases were flagged (0 without a Dice without them).
    public var flaggedCount: Int { withoutFlagged.map { cases.count - $0.count } ?? 0 }

    /// Pooled (micro-averaged) Dice over all pixels of all cases.
    public var pooledDice: Double { confusion.dice }
}

/// What is needed to trust and reproduce a run.
public struct Provenance: Equatable, Sendable {
    public var specText: String
    /// (stage name, cache key) in execution order.
    public var stageKeys: [(stage: String, key: String)]
    public var dataManifestHash: String
    public var toolVersion: String
    public var gitCommit: String?
    public var machine: String

    public init(specText: String, stageKeys: [(stage: String, key: String)], dataManifestHash: String,
                toolVersion: String, gitCommit: String?, machine: String) {
        self.specText = specText; self.stageKeys = stageKeys; self.dataManifestHash = dataManifestHash
        self.toolVersion = toolVersion; self.gitCommit = gitCommit; self.machine = machine
    }

    public static func == (lhs: Provenance, rhs: Provenance) -> Bool {
        lhs.specText == rhs.specText && lhs.dataManifestHash == rhs.dataManifestHash
            && lhs.toolVersion == rhs.toolVersion && lhs.gitCommit == rhs.gitCommit
            && lhs.machine == rhs.machine
            && lhs.stageKeys.map(\.stage) == rhs.stageKeys.map(\.stage)
            && lhs.stageKeys.map(\.key) == rhs.stageKeys.map(\.key)
    }
}

/// A PNG of the CT slice with truth and prediction drawn over it (Imaging makes the bytes).
public struct OverlayImage: Equatable, Sendable {
    public enum Role: String, Codable, Sendable { case sample, worst }
    public var caseID: String
    public var role: Role
    public var caption: String
    public var png: Data

    public init(caseID: String, role: Role, caption: String, png: Data) {
        self.caseID = caseID; self.role = role; self.caption = caption; self.png = png
    }
}
