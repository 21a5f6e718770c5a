import Metrics

/// Scores of one validation case at the preprocessed resolution: one row of `case-metrics.json`, written
/// by evaluate and read by the report, the comparison and `pipeline runs`. HD95 is in pixels and nil when
/// exactly one of prediction and truth is empty (undefined; never averaged as a number), written as an
/// explicit null so a reader can tell "undefined" from "forgotten".
public struct CaseScore: Codable, Equatable, Sendable {
    public var caseID: String
    public var dice: Double
    public var iou: Double
    public var precision: Double
    public var recall: Double
    public var hd95Pixels: Double?
    public var tp: Int, fp: Int, fn: Int, tn: Int

    enum CodingKeys: String, CodingKey {
        case caseID = "case", dice, iou, precision, recall, hd95Pixels = "hd95_px", tp, fp, fn, tn
    }

    public init(caseID: String, dice: Double, iou: Double, precision: Double, recall: Double, hd95Pixels: Double?,
                tp: Int, fp: Int, fn: Int, tn: Int) {
        self.caseID = caseID; self.dice = dice; self.iou = iou; self.precision = precision; self.recall = recall
        self.hd95Pixels = hd95Pixels; self.tp = tp; self.fp = fp; self.fn = fn; self.tn = tn
    }

    public init(caseID: String, counts c: ConfusionCounts, hd95Pixels: Double?) {
        self.caseID = caseID; dice = c.dice; iou = c.iou; precision = c.precision; recall = c.recall
        self.hd95Pixels = hd95Pixels; tp = c.tp; fp = c.fp; fn = c.fn; tn = c.tn
    }

    public var counts: ConfusionCounts { ConfusionCounts(tp: tp, fp: fp, fn: fn, tn: tn) }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(caseID, forKey: .caseID)
        try c.encode(dice, forKey: .dice); try c.encode(iou, forKey: .iou)
        try c.encode(precision, forKey: .precision); try c.encode(recall, forKey: .recall)
        try c.encode(hd95Pixels, forKey: .hd95Pixels)
        try c.encode(tp, forKey: .tp); try c.encode(fp, forKey: .fp)
        try c.encode(fn, forKey: .fn); try c.encode(tn, forKey: .tn)
    }
}

/// What evaluate leaves in `case-metrics.json`.
public struct EvaluationResult: Codable, Equatable, Sendable {
    /// Says where the numbers were measured, e.g. "128×128 preprocessed slices".
    public var resolution: String
    public var threshold: Double
    public var cases: [CaseScore]

    public init(resolution: String, threshold: Double, cases: [CaseScore]) {
        self.resolution = resolution; self.threshold = threshold; self.cases = cases
    }
}

enum CaseScoring {
    /// Pixel counts of 0/1 masks of one size; lung (1) is the positive class.
    static func counts<P: Collection, T: Collection>(prediction: P, truth: T) -> ConfusionCounts
        where P.Element == UInt8, T.Element == UInt8 {
        var tp = 0, fp = 0, fn = 0, tn = 0
        for (p, t) in zip(prediction, truth) {
            switch (p != 0, t != 0) {
            case (true, true): tp += 1
            case (true, false): fp += 1
            case (false, true): fn += 1
            case (false, false): tn += 1
            }
        }
        return ConfusionCounts(tp: tp, fp: fp, fn: fn, tn: tn)
    }

    static func score(id: String, prediction: [UInt8], truth: [UInt8], width: Int, height: Int) throws -> CaseScore {
        let c = counts(prediction: prediction, truth: truth)
        let hd95 = try hausdorffDistance95(prediction: BinaryMask(width: width, height: height, bytes: prediction),
                                           truth: BinaryMask(width: width, height: height, bytes: truth))
        return CaseScore(caseID: id, counts: c, hd95Pixels: hd95)
    }
}
