import Foundation
import Metrics
import RunsFixtures
@testable import Stages
import XCTest

/// Comparisons of configurations repeated over seeds: grouping, the summaries over seeds, and the
/// two-level interval against the baseline configuration.
final class SeedComparisonTests: XCTestCase {
    var runs: FakeRunsFolder!
    override func setUpWithError() throws { runs = try FakeRunsFolder() }
    override func tearDown() { runs.remove() }

    /// Member `lr=<lr>,seed=<seed>` of sweep "seeds", scored on cases c1…c4 with `dice`.
    @discardableResult
    func member(lr: String, seed: Int, dice: [Double]) throws -> RunRecord {
        try runs.addEvaluatedRun(id: "seeds-\(lr)-\(seed)", member: "seeds/lr=\(lr),seed=\(seed)", name: "seeds",
                                 sweepValues: ["train.lr": lr, "seed": "\(seed)"], started: "2025-05-01T10:0\(seed):00Z",
                                 specText: FakeRunsFolder.specText(name: "seeds", lr: lr, extra: "seed: \(seed)"),
                                 dice: zip(["c1", "c2", "c3", "c4"], dice).map { ($0, $1) })
    }

    func testRunsThatDifferOnlyInSeedFormOneConfigurationSummarisedOverSeeds() throws {
        let base = [[0.80, 0.82, 0.84, 0.86], [0.78, 0.80, 0.82, 0.84], [0.82, 0.84, 0.86, 0.88]]
        var records: [RunRecord] = []
        for (seed, dice) in base.enumerated() { records.append(try member(lr: "0.001", seed: seed, dice: dice)) }
        for (seed, dice) in base.enumerated() { records.append(try member(lr: "0.003", seed: seed, dice: dice.map { $0 + 0.05 })) }
        let evidence = try records.map { try RunEvidence.load($0, runsRoot: runs.root) }
        let result = try ComparisonBuilder.build(evidence, baselineID: records[0].id, title: "Sweep seeds")
        let configurations = result.comparison.configurations
        XCTAssertEqual(configurations.map(\.label), ["train.lr=0.001", "train.lr=0.003"])
        XCTAssertEqual(configurations.map(\.seeds), [["0", "1", "2"], ["0", "1", "2"]])
        XCTAssertEqual(configurations[0].dice.mean, 0.83, accuracy: 1e-12)          // mean over seeds of 0.83, 0.81, 0.85
        XCTAssertEqual(configurations[0].dice.standardDeviation, 0.02, accuracy: 1e-12)
        XCTAssertEqual(configurations[0].dice.minimum, 0.81, accuracy: 1e-12)
        XCTAssertTrue(configurations[0].isBaseline)
        // Every case moved by +0.05; the interval holds it, and its width comes from the spread over seeds
        // (seed means 0.81…0.85 in each configuration), not from the cases, which are paired.
        let ci = try XCTUnwrap(configurations[1].diceDifference)
        XCTAssertTrue(ci.lower > 0 && ci.lower < 0.05 && ci.upper > 0.05 && ci.upper < 0.09, "\(ci)")
        XCTAssertTrue(result.comparison.notes.isEmpty)

        let html = try ComparisonReport.html(for: result.comparison)
        XCTAssertTrue(html.contains("Configurations, repeated over seeds"))
        XCTAssertTrue(html.contains("two-level bootstrap"))
        XCTAssertTrue(html.contains("<details><summary>Per-seed runs (6)</summary>"))
        XCTAssertTrue(try ComparisonReport.markdown(for: result.comparison).contains("| train.lr=0.003 | 3 | 0.8800 |"))
    }

    func testASingleSeedComparisonHasNoConfigurationSection() throws {
        let a = try member(lr: "0.001", seed: 0, dice: [0.8, 0.8, 0.8, 0.8])
        let b = try member(lr: "0.003", seed: 0, dice: [0.9, 0.9, 0.9, 0.9])
        let result = try ComparisonBuilder.build(try [a, b].map { try RunEvidence.load($0, runsRoot: runs.root) }, title: "t")
        XCTAssertTrue(result.comparison.configurations.isEmpty)
        XCTAssertFalse(try ComparisonReport.html(for: result.comparison).contains("repeated over seeds"))
    }

    func testHundredsOfRunsListTheBestAndWorstFirstAndChartOnlyAFew() throws {
        var records: [RunRecord] = []
        for i in 0..<30 {
            records.append(try runs.addEvaluatedRun(id: "wide-\(i)", member: "wide/lr=\(i)", name: "wide", started: "2025-05-01T10:00:00Z",
                                                    specText: FakeRunsFolder.specText(name: "wide", lr: "\(i + 1)e-4"),
                                                    dice: [("c1", 0.5 + Double(i) / 100)]))
        }
        let result = try ComparisonBuilder.build(try records.map { try RunEvidence.load($0, runsRoot: runs.root) }, title: "t")
        let html = try ComparisonReport.html(for: result.comparison)
        XCTAssertTrue(html.contains("<h3>Best 10 of 30 runs</h3>") && html.contains("<h3>Worst 10</h3>"))
        XCTAssertTrue(html.contains("the baseline and the 7 best of 30 runs by mean Dice"))
        let best = try XCTUnwrap(html.range(of: "Best 10 of 30 runs"))
        let firstListed = try XCTUnwrap(html[best.upperBound...].range(of: "wide/lr=[0-9]+", options: .regularExpression))
        XCTAssertEqual(html[firstListed], "wide/lr=29", "the best run (highest Dice) is listed first")
    }
}
