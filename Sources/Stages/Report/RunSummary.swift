import Foundation

/// Everything a report shows about one run, as plain values. The stages fill it in; the
/// renderers only format it, so they compute no metric except quartiles for drawing box plots.
public struct RunSummary: Equatable, Sendable {
    public var runID: String
    public var name: String
    /// Flattened spec parameters in spec order, e.g. ("train.lr", "0.0003").
    public var parameters: [Parameter]
    public var metrics: RunMetrics
    public var curve: [CurvePoint]
    public var provenance: Provenance
    /// Overlays of sample and worst cases, in the order they should appear.
    public var overlays: [OverlayImage]

    public init(runID: String, name: String, parameters: [Parameter], metrics: RunMetrics,
                curve: [CurvePoint], provenance: Provenance, overlays: [OverlayImage]) {
        self.runID = runID; self.name = name; self.parameters = parameters; self.metrics = metrics
        self.curve = curve; self.provenance = provenance; self.overlays = overlays
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

/// One evaluated case. `hd95Pixels` is nil when undefined (a mask is empty).
public struct CaseMetrics: Equatable, Sendable {
    public var caseID: String
    public var dice: Double
    public var iou: Double
    public var precision: Double
    public var recall: Double
    public var hd95Pixels: Double?

    public init(caseID: String, dice: Double, iou: Double, precision: Double, recall: Double,
                hd95Pixels: Double?) {
        self.caseID = caseID; self.dice = dice; self.iou = iou; self.precision = precision
        self.recall = recall; self.hd95Pixels = hd95Pixels
    }
}

/// Mean, standard deviation and median of one metric over the cases, as Metrics computed them.
public struct MetricSummary: Equatable, Sendable {
    public var mean: Double
    public var standardDeviation: Double
    public var median: Double
    /// Cases the statistics are over (for HD95, the cases where it is defined).
    public var count: Int

    public init(mean: Double, standardDeviation: Double, median: Double, count: Int) {
        self.mean = mean; self.standardDeviation = standardDeviation; self.median = median
        self.count = count
    }
}

/// Pixel counts summed over all evaluated cases; lung is the positive class.
public struct ConfusionCounts: Equatable, Sendable {
    public var truePositive: Int
    public var falsePositive: Int
    public var falseNegative: Int
    public var trueNegative: Int

    public init(truePositive: Int, falsePositive: Int, falseNegative: Int, trueNegative: Int) {
        self.truePositive = truePositive; self.falsePositive = falsePositive
        self.falseNegative = falseNegative; self.trueNegative = trueNegative
    }

    public var total: Int { truePositive + falsePositive + falseNegative + trueNegative }
}

public struct RunMetrics: Equatable, Sendable {
    public var cases: [CaseMetrics]
    public var dice: MetricSummary
    public var iou: MetricSummary
    public var precision: MetricSummary
    public var recall: MetricSummary
    public var hd95Pixels: MetricSummary?
    public var confusion: ConfusionCounts

    public init(cases: [CaseMetrics], dice: MetricSummary, iou: MetricSummary,
                precision: MetricSummary, recall: MetricSummary, hd95Pixels: MetricSummary?,
                confusion: ConfusionCounts) {
        self.cases = cases; self.dice = dice; self.iou = iou; self.precision = precision
        self.recall = recall; self.hd95Pixels = hd95Pixels; self.confusion = confusion
    }
}

/// One epoch of training. Validation values are nil when validation did not run that epoch.
public struct CurvePoint: Equatable, Sendable {
    public var epoch: Int
    public var trainLoss: Double
    public var validationLoss: Double?
    public var validationDice: Double?

    public init(epoch: Int, trainLoss: Double, validationLoss: Double?, validationDice: Double?) {
        self.epoch = epoch; self.trainLoss = trainLoss
        self.validationLoss = validationLoss; self.validationDice = validationDice
    }
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
    public enum Role: String, Sendable { case sample, worst }
    public var caseID: String
    public var role: Role
    public var caption: String
    public var png: Data

    public init(caseID: String, role: Role, caption: String, png: Data) {
        self.caseID = caseID; self.role = role; self.caption = caption; self.png = png
    }
}
