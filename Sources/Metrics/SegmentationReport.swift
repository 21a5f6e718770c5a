/// Dice and IoU over a set of cases, both as per-case (macro) statistics and pooled (micro).
///
/// - `perCaseDice` / `diceSummary`: Dice of each case, then mean ± SD and median over cases; an
///   empty-vs-empty case counts as 1 (see `ConfusionCounts`), so every case is in the mean.
/// - `pooledDice`: one Dice from the summed counts of all cases (micro average): large lungs weigh
///   more than small ones, and empty cases add nothing.
public struct SegmentationReport: Sendable {
    public let perCase: [ConfusionCounts]
    public let perCaseDice: [Double]
    public let perCaseIoU: [Double]
    public let diceSummary: SummaryStatistics
    public let iouSummary: SummaryStatistics
    /// Dice of the summed counts over all cases (micro average).
    public let pooledDice: Double
    /// IoU of the summed counts over all cases (micro average).
    public let pooledIoU: Double
    public let pooledCounts: ConfusionCounts

    /// Throws `MetricsError.noCases` for an empty list.
    public init(cases: [ConfusionCounts]) throws {
        guard !cases.isEmpty else { throw MetricsError.noCases }
        perCase = cases
        perCaseDice = cases.map(\.dice)
        perCaseIoU = cases.map(\.iou)
        diceSummary = try SummaryStatistics(perCaseDice)
        iouSummary = try SummaryStatistics(perCaseIoU)
        pooledCounts = cases.reduce(.zero, +)
        pooledDice = pooledCounts.dice
        pooledIoU = pooledCounts.iou
    }

    /// Scores prediction/truth pairs; throws when any pair differs in size.
    public init(pairs: [(prediction: BinaryMask, truth: BinaryMask)]) throws {
        try self.init(cases: pairs.map { try ConfusionCounts(prediction: $0.prediction, truth: $0.truth) })
    }
}
