import Metrics

/// Scores of one validation case at the preprocessed resolution. HD95 is in pixels and nil when
/// exactly one of prediction and truth is empty (undefined; never averaged as a number).
public struct CaseScore: Codable, Equatable, Sendable {
    public var id: String
    public var dice: Double
    public var iou: Double
    public var precision: Double
    public var recall: Double
    public var hd95Pixels: Double?
    public var tp: Int, fp: Int, fn: Int, tn: Int

    enum CodingKeys: String, CodingKey {
        case id = "case", dice, iou, precision, recall, hd95Pixels = "hd95_px", tp, fp, fn, tn
    }
}

/// What evaluate leaves in `case-metrics.json`.
public struct EvaluationResult: Codable, Equatable, Sendable {
    /// Says where the numbers were measured, e.g. "128×128 preprocessed slices".
    public var resolution: String
    public var threshold: Double
    public var cases: [CaseScore]
}

enum CaseScoring {
    /// Pixel counts of 0/1 masks of one size; lung (1) is the positive class.
    static func counts<P: Collection, T: Collection>(prediction: P, truth: T) -> Metrics.ConfusionCounts
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
        return Metrics.ConfusionCounts(tp: tp, fp: fp, fn: fn, tn: tn)
    }

    static func score(id: String, prediction: [UInt8], truth: [UInt8], width: Int, height: Int) throws -> CaseScore {
        let c = counts(prediction: prediction, truth: truth)
        let hd95 = try hausdorffDistance95(prediction: BinaryMask(width: width, height: height, bytes: prediction),
                                           truth: BinaryMask(width: width, height: height, bytes: truth))
        return CaseScore(id: id, dice: c.dice, iou: c.iou, precision: c.precision, recall: c.recall, hd95Pixels: hd95,
                         tp: c.tp, fp: c.fp, fn: c.fn, tn: c.tn)
    }
}
