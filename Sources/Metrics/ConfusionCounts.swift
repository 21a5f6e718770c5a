/// Pixel counts of a prediction against ground truth, and the ratios built from them.
///
/// Empty-mask policy (the same for every ratio, so no value is ever NaN):
/// - a ratio whose denominator is zero because **both** masks are empty is **1** (nothing to find,
///   nothing falsely found: a perfect answer);
/// - a ratio whose denominator is zero while the other mask is not empty is **0**
///   (e.g. precision when nothing was predicted but there was something to find).
public struct ConfusionCounts: Codable, Equatable, Sendable {
    public var tp: Int
    public var fp: Int
    public var fn: Int
    public var tn: Int

    public init(tp: Int, fp: Int, fn: Int, tn: Int) {
        self.tp = tp; self.fp = fp; self.fn = fn; self.tn = tn
    }

    /// Counts for one case; throws `MetricsError.sizeMismatch` when the sizes differ.
    public init(prediction: BinaryMask, truth: BinaryMask) throws {
        try prediction.requireSameSize(as: truth)
        var tp = 0, fp = 0, fn = 0, tn = 0
        for (p, t) in zip(prediction.pixels, truth.pixels) {
            switch (p, t) {
            case (true, true): tp += 1
            case (true, false): fp += 1
            case (false, true): fn += 1
            case (false, false): tn += 1
            }
        }
        self.init(tp: tp, fp: fp, fn: fn, tn: tn)
    }

    /// Sum of counts, for pooled (micro-averaged) metrics over many cases.
    public static func + (a: ConfusionCounts, b: ConfusionCounts) -> ConfusionCounts {
        ConfusionCounts(tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn, tn: a.tn + b.tn)
    }

    public static let zero = ConfusionCounts(tp: 0, fp: 0, fn: 0, tn: 0)

    public var total: Int { tp + fp + fn + tn }
    var bothEmpty: Bool { tp == 0 && fp == 0 && fn == 0 }

    /// (tp + tn) / total; 1 for a case with no pixels at all.
    public var accuracy: Double { ratio(tp + tn, total, emptyValue: 1) }
    /// tp / (tp + fp); both empty → 1, nothing predicted but something to find → 0.
    public var precision: Double { ratio(tp, tp + fp, emptyValue: bothEmpty ? 1 : 0) }
    /// tp / (tp + fn); both empty → 1, nothing to find but something predicted → 0.
    public var recall: Double { ratio(tp, tp + fn, emptyValue: bothEmpty ? 1 : 0) }
    /// Dice = F1 = 2tp / (2tp + fp + fn); both empty → 1, one empty → 0 (its formula gives 0 already).
    public var dice: Double { ratio(2 * tp, 2 * tp + fp + fn, emptyValue: 1) }
    /// F1 is Dice on binary masks; kept as a name for readers from classification.
    public var f1: Double { dice }
    /// IoU (Jaccard) = tp / (tp + fp + fn); both empty → 1, one empty → 0.
    public var iou: Double { ratio(tp, tp + fp + fn, emptyValue: 1) }

    private func ratio(_ numerator: Int, _ denominator: Int, emptyValue: Double) -> Double {
        denominator == 0 ? emptyValue : Double(numerator) / Double(denominator)
    }
}
