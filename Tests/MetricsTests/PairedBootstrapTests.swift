import Randomness
import XCTest
@testable import Metrics

final class PairedBootstrapTests: XCTestCase {
    func testSameSeedSameIntervalDifferentSeedDifferentInterval() throws {
        // 30 irregular cases, so resampled means rarely tie and the percentiles move with the seed.
        let a = (0..<30).map { 0.70 + 0.01 * Double(($0 * 7) % 13) }
        let b = a.enumerated().map { $1 + 0.002 * Double(($0 * 5) % 11) - 0.006 }
        let one = try pairedBootstrapMeanDifference(first: a, second: b, seed: 1)
        let again = try pairedBootstrapMeanDifference(first: a, second: b, seed: 1)
        let other = try pairedBootstrapMeanDifference(first: a, second: b, seed: 2)
        XCTAssertEqual(one, again)
        XCTAssertNotEqual(one, other)
        XCTAssertEqual(one.resamples, 10_000)
        XCTAssertEqual(one.meanDifference, zip(a, b).map { $1 - $0 }.reduce(0, +) / 30, accuracy: 1e-15)
        XCTAssertLessThan(one.lower, one.meanDifference)
        XCTAssertGreaterThan(one.upper, one.meanDifference)
        // Different seeds agree to within resampling noise (the interval is ~0.008 wide).
        XCTAssertEqual(one.lower, other.lower, accuracy: 0.001)
    }

    func testConsistentImprovementExcludesZero() throws {
        // Every case improves by 0.03 to 0.05: every resampled mean lies in [0.03, 0.05].
        let a = (0..<20).map { 0.7 + Double($0) * 0.01 }
        let b = a.enumerated().map { $1 + 0.03 + Double($0 % 3) * 0.01 }
        let interval = try pairedBootstrapMeanDifference(first: a, second: b)
        XCTAssertTrue(interval.excludesZero)
        XCTAssertGreaterThanOrEqual(interval.lower, 0.03 - 1e-12)
        XCTAssertLessThanOrEqual(interval.upper, 0.05 + 1e-12)
    }

    func testSymmetricNoiseIncludesZero() throws {
        // Differences alternate +0.05 / −0.05: the mean is 0 and the interval must straddle it.
        let a = [Double](repeating: 0.8, count: 30)
        let b = a.enumerated().map { $1 + ($0 % 2 == 0 ? 0.05 : -0.05) }
        let interval = try pairedBootstrapMeanDifference(first: a, second: b)
        XCTAssertFalse(interval.excludesZero)
        XCTAssertEqual(interval.meanDifference, 0, accuracy: 1e-12)
    }

    func testUnpairedInputsAreRejected() {
        XCTAssertThrowsError(try pairedBootstrapMeanDifference(first: [0.1, 0.2], second: [0.3])) {
            XCTAssertEqual($0 as? MetricsError, .caseCountMismatch(first: 2, second: 1))
        }
        XCTAssertThrowsError(try pairedBootstrapMeanDifference(first: [], second: [])) {
            XCTAssertEqual($0 as? MetricsError, .noCases)
        }
    }

    func testIndexGeneratorStaysInRangeAndCoversIt() {
        var rng = SplitMix64(seed: 3)
        var seen = Set<Int>()
        for _ in 0..<1000 { let i = rng.nextIndex(below: 7); XCTAssert((0..<7).contains(i)); seen.insert(i) }
        XCTAssertEqual(seen.count, 7)
    }
}
