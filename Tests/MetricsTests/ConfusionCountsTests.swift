import XCTest
@testable import Metrics

/// Hand-checkable masks in the style of MONAI's tests: every expected value is worked out in a comment.
final class ConfusionCountsTests: XCTestCase {
    func testTwoByTwoCountsAndRatios() throws {
        // prediction 1 1    truth 1 0    → tp = 1 (top-left), fp = 1 (top-right),
        //            0 0          1 0      fn = 1 (bottom-left), tn = 1 (bottom-right)
        let prediction = try BinaryMask(rows: ["11", "00"])
        let truth = try BinaryMask(rows: ["10", "10"])
        let c = try ConfusionCounts(prediction: prediction, truth: truth)
        XCTAssertEqual(c, ConfusionCounts(tp: 1, fp: 1, fn: 1, tn: 1))
        XCTAssertEqual(c.accuracy, 0.5)        // (1 + 1) / 4
        XCTAssertEqual(c.precision, 0.5)       // 1 / (1 + 1)
        XCTAssertEqual(c.recall, 0.5)          // 1 / (1 + 1)
        XCTAssertEqual(c.dice, 0.5)            // 2·1 / (2·1 + 1 + 1)
        XCTAssertEqual(c.iou, 1.0 / 3.0)       // 1 / (1 + 1 + 1)
    }

    func testDiceZeroPointEight() throws {
        // prediction 1 1    truth 1 1   → tp = 2, fp = 1, fn = 0, tn = 1
        //            1 0          0 0     Dice = 4 / (4 + 1) = 0.8, IoU = 2 / 3
        //                                 precision = 2/3, recall = 1
        let c = try ConfusionCounts(prediction: BinaryMask(rows: ["11", "10"]), truth: BinaryMask(rows: ["11", "00"]))
        XCTAssertEqual(c.dice, 0.8, accuracy: 1e-15)
        XCTAssertEqual(c.f1, c.dice)
        XCTAssertEqual(c.iou, 2.0 / 3.0, accuracy: 1e-15)
        XCTAssertEqual(c.precision, 2.0 / 3.0, accuracy: 1e-15)
        XCTAssertEqual(c.recall, 1)
        XCTAssertEqual(c.accuracy, 0.75)
    }

    func testBytesAnyNonzeroIsForeground() throws {
        let mask = try BinaryMask(width: 2, height: 2, bytes: [0, 255, 1, 0])
        XCTAssertEqual(mask.pixels, [false, true, true, false])
        XCTAssertEqual(mask.foregroundCount, 2)
    }

    func testBothEmptyIsPerfectNeverNaN() throws {
        let empty = try BinaryMask(rows: ["00", "00"])
        let c = try ConfusionCounts(prediction: empty, truth: empty)
        XCTAssertEqual([c.dice, c.iou, c.precision, c.recall, c.accuracy], [1, 1, 1, 1, 1])
    }

    func testOneEmptyScoresZeroNeverNaN() throws {
        let empty = try BinaryMask(rows: ["00", "00"])
        let some = try BinaryMask(rows: ["01", "00"])
        // Predicted nothing, truth has one pixel: tp = 0, fn = 1 → Dice 0, IoU 0, recall 0, precision 0 (policy).
        let missed = try ConfusionCounts(prediction: empty, truth: some)
        XCTAssertEqual([missed.dice, missed.iou, missed.recall, missed.precision], [0, 0, 0, 0])
        // Predicted one pixel, truth empty: fp = 1 → Dice 0, IoU 0, precision 0, recall 0 (policy).
        let hallucinated = try ConfusionCounts(prediction: some, truth: empty)
        XCTAssertEqual([hallucinated.dice, hallucinated.iou, hallucinated.recall, hallucinated.precision], [0, 0, 0, 0])
        XCTAssertEqual(hallucinated.accuracy, 0.75)
    }

    func testSizeMismatchNamesBothSizes() throws {
        let a = try BinaryMask(rows: ["00", "00"])
        let b = try BinaryMask(rows: ["000"])
        XCTAssertThrowsError(try ConfusionCounts(prediction: a, truth: b)) { error in
            XCTAssertEqual(error as? MetricsError, .sizeMismatch(prediction: "2×2", truth: "3×1"))
        }
    }

    func testPixelCountMustMatchSize() {
        XCTAssertThrowsError(try BinaryMask(width: 3, height: 2, bytes: [0, 1])) { error in
            XCTAssertEqual(error as? MetricsError, .pixelCountMismatch(width: 3, height: 2, count: 2))
        }
    }
}
