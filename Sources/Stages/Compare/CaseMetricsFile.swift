import Foundation

/// `case-metrics.json` in the evaluate entry: one row per evaluated case, in evaluation order.
/// The evaluate stage writes it with `encoded()`; report and comparison read it with `decode`.
///
///     {"cases": [{"case": "ID_0001", "dice": 0.97, "iou": 0.94, "precision": 0.96, "recall": 0.98,
///                 "hd95_px": 1.4, "tp": 5021, "fp": 210, "fn": 102, "tn": 60203}, …]}
///
/// `hd95_px` is null when undefined (a mask is empty); the confusion counts are per case, in pixels.
public struct CaseMetricsFile: Codable, Equatable, Sendable {
    public var cases: [Row]

    public struct Row: Codable, Equatable, Sendable {
        public var caseID: String
        public var dice: Double
        public var iou: Double
        public var precision: Double
        public var recall: Double
        public var hd95Pixels: Double?
        public var tp: Int
        public var fp: Int
        public var fn: Int
        public var tn: Int

        public init(caseID: String, dice: Double, iou: Double, precision: Double, recall: Double,
                    hd95Pixels: Double?, tp: Int, fp: Int, fn: Int, tn: Int) {
            self.caseID = caseID; self.dice = dice; self.iou = iou; self.precision = precision
            self.recall = recall; self.hd95Pixels = hd95Pixels
            self.tp = tp; self.fp = fp; self.fn = fn; self.tn = tn
        }

        enum CodingKeys: String, CodingKey {
            case caseID = "case", dice, iou, precision, recall, hd95Pixels = "hd95_px", tp, fp, fn, tn
        }

        /// hd95_px is written as an explicit null, so a reader can tell "undefined" from "forgotten".
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

    public init(cases: [Row]) { self.cases = cases }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// Reads the file, naming it in the error when it is missing or malformed.
    public static func read(from url: URL) throws -> CaseMetricsFile {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw CompareError.unreadableEntryFile(path: url.path, reason: "missing")
        }
        do { return try JSONDecoder().decode(CaseMetricsFile.self, from: data) } catch {
            throw CompareError.unreadableEntryFile(path: url.path, reason: String(describing: error).prefix(200).description)
        }
    }
}

/// One epoch of `history.json` in the train entry (an array of these). Only the fields a report draws
/// are read; validation values may be absent.
struct HistoryRow: Decodable {
    var epoch: Int
    var trainLoss: Double
    var validationLoss: Double?
    var validationDice: Double?

    enum CodingKeys: String, CodingKey {
        case epoch, trainLoss = "train_loss", validationLoss = "val_loss", validationDice = "val_dice"
    }
}
