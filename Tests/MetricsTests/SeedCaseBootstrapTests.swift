import Metrics
import XCTest

/// The two-level bootstrap over seeds and cases, on examples small enough to work out by hand.
final class SeedCaseBootstrapTests: XCTestCase {
    func testOneCaseTwoSeedsGivesTheIntervalOfTheSeedMeans() throws {
        // Config A: seeds score 0.9 and 0.7 on the one case; B scores 0.5 twice. A resample of A's two
        // seeds has mean 0.9 (¼), 0.8 (½) or 0.7 (¼), so B − A is −0.4, −0.3 or −0.2, and the 95 %
        // percentile interval spans exactly [−0.4, −0.2].
        let interval = try seedAndCaseBootstrapMeanDifference(first: [[0.9], [0.7]], second: [[0.5], [0.5]], pairedCases: true)
        XCTAssertEqual(interval.meanDifference, -0.3, accuracy: 1e-12)
        XCTAssertEqual(interval.lower, -0.4, accuracy: 1e-12)
        XCTAssertEqual(interval.upper, -0.2, accuracy: 1e-12)
    }

    func testWithoutSeedOrCaseSpreadTheIntervalIsThePoint() throws {
        let a = [[0.8, 0.8, 0.8], [0.8, 0.8, 0.8]], b = [[0.85, 0.85, 0.85], [0.85, 0.85, 0.85], [0.85, 0.85, 0.85]]
        let interval = try seedAndCaseBootstrapMeanDifference(first: a, second: b, pairedCases: true)
        XCTAssertEqual(interval.lower, 0.05, accuracy: 1e-12)
        XCTAssertEqual(interval.upper, 0.05, accuracy: 1e-12)
    }

    func testSeedSpreadWidensTheIntervalBeyondTheCaseOnlyOne() throws {
        let cases = [0.7, 0.8, 0.9, 0.85]
        let steady = [cases, cases, cases], noisy = [cases.map { $0 - 0.1 }, cases, cases.map { $0 + 0.1 }]
        let base = [cases.map { $0 - 0.02 }, cases.map { $0 - 0.02 }, cases.map { $0 - 0.02 }]
        let narrow = try seedAndCaseBootstrapMeanDifference(first: base, second: steady, pairedCases: true)
        let wide = try seedAndCaseBootstrapMeanDifference(first: base, second: noisy, pairedCases: true)
        XCTAssertEqual(narrow.upper - narrow.lower, 0, accuracy: 1e-12, "paired cases cancel when seeds agree")
        XCTAssertGreaterThan(wide.upper - wide.lower, 0.1)
        XCTAssertEqual(try seedAndCaseBootstrapMeanDifference(first: base, second: noisy, pairedCases: true), wide, "deterministic")
    }

    func testUnpairedCasesAreResampledPerSeedAndMismatchedPairedCountsAreRefused() throws {
        let unpaired = try seedAndCaseBootstrapMeanDifference(first: [[0.8, 0.9]], second: [[0.7, 0.8, 0.9]], pairedCases: false)
        XCTAssertEqual(unpaired.meanDifference, -0.05, accuracy: 1e-12)
        XCTAssertLessThan(unpaired.lower, unpaired.upper)
        XCTAssertThrowsError(try seedAndCaseBootstrapMeanDifference(first: [[0.8, 0.9]], second: [[0.7]], pairedCases: true))
        XCTAssertThrowsError(try seedAndCaseBootstrapMeanDifference(first: [], second: [[0.7]], pairedCases: false))
    }
}
