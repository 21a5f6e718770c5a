import XCTest
@testable import Metrics

final class SegmentationReportTests: XCTestCase {
    func testPerCaseMeanMedianSDAndPooledDiffer() throws {
        // Case A: tp 2, fp 1, fn 0 → Dice 4/5 = 0.8
        // Case B: tp 0, fp 0, fn 2 → Dice 0 (missed everything)
        // Case C: both empty       → Dice 1 (policy)
        // Per-case mean = (0.8 + 0 + 1) / 3 = 0.6; median = 0.8
        // SD (n − 1) = sqrt(((0.2)² + (−0.6)² + (0.4)²) / 2) = sqrt(0.56 / 2) = sqrt(0.28)
        // Pooled = 2·2 / (2·2 + 1 + 2) = 4 / 7: empty case C adds nothing to the pool.
        let cases = [
            ConfusionCounts(tp: 2, fp: 1, fn: 0, tn: 1),
            ConfusionCounts(tp: 0, fp: 0, fn: 2, tn: 2),
            ConfusionCounts(tp: 0, fp: 0, fn: 0, tn: 4),
        ]
        let report = try SegmentationReport(cases: cases)
        XCTAssertEqual(report.perCaseDice, [0.8, 0, 1])
        XCTAssertEqual(report.diceSummary.mean, 0.6, accuracy: 1e-12)
        XCTAssertEqual(report.diceSummary.median, 0.8)
        XCTAssertEqual(report.diceSummary.standardDeviation, 0.28.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(report.pooledDice, 4.0 / 7.0, accuracy: 1e-15)
        XCTAssertEqual(report.pooledIoU, 2.0 / 5.0, accuracy: 1e-15) // 2 / (2 + 1 + 2)
        XCTAssertEqual(report.diceSummary.count, 3)
    }

    func testSummaryCountsUndefinedValuesInsteadOfAveragingThem() throws {
        // [1, nil, 3, 4]: defined values 1, 3, 4 → mean 8/3, median 3, one undefined case reported.
        let s = try SummaryStatistics([1, nil, 3, 4])
        XCTAssertEqual(s.count, 3)
        XCTAssertEqual(s.undefinedCount, 1)
        XCTAssertEqual(s.mean, 8.0 / 3.0, accuracy: 1e-15)
        XCTAssertEqual(s.median, 3)
        XCTAssertEqual(s.minimum, 1)
        XCTAssertEqual(s.maximum, 4)
    }

    func testMedianOfEvenCountInterpolatesAndSingleCaseHasZeroSD() throws {
        XCTAssertEqual(try SummaryStatistics([4, 1, 3, 2]).median, 2.5)
        XCTAssertEqual(try SummaryStatistics([0.9]).standardDeviation, 0)
    }

    func testNoCasesIsAnErrorNotNaN() {
        XCTAssertThrowsError(try SummaryStatistics([Double]())) { XCTAssertEqual($0 as? MetricsError, .noCases) }
        XCTAssertThrowsError(try SummaryStatistics([nil, nil])) { XCTAssertEqual($0 as? MetricsError, .noCases) }
        XCTAssertThrowsError(try SegmentationReport(cases: [])) { XCTAssertEqual($0 as? MetricsError, .noCases) }
    }
}
