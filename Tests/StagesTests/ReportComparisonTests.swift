import Metrics
import XCTest
@testable import Stages

final class ReportComparisonTests: XCTestCase {
    private func run(_ id: String, _ parameters: [(String, String)]) -> RunSummary {
        var run = ReportFixtures.run(id: id, name: id, level: 0.9, seed: 3, lr: "0.001", caseCount: 4)
        run.parameters = parameters.map { Parameter(path: $0.0, value: $0.1) }
        return run
    }

    func testOnlyParametersThatDifferAreShownInOrderOfFirstAppearance() {
        let a = run("a", [("train.lr", "0.001"), ("train.epochs", "20"), ("augment", "flip")])
        let b = run("b", [("train.lr", "0.0003"), ("train.epochs", "20"), ("augment", "flip")])
        let c = run("c", [("train.lr", "0.001"), ("train.epochs", "20"), ("train.seed", "2"), ("augment", "flip")])
        let differing = Comparison(title: "t", runs: [a, b, c], baselineID: "a").differingParameters
        XCTAssertEqual(differing.map(\.path), ["train.lr", "train.seed"])
        XCTAssertEqual(differing[0].values, ["0.001", "0.0003", "0.001"])
        XCTAssertEqual(differing[1].values, [nil, nil, "2"], "a path missing from some runs counts as differing")
    }

    func testIdenticalRunsHaveNoDifferingParameters() {
        let a = run("a", [("train.lr", "0.001")]), b = run("b", [("train.lr", "0.001")])
        XCTAssertTrue(Comparison(title: "t", runs: [a, b], baselineID: "a").differingParameters.isEmpty)
        XCTAssertTrue(try ComparisonReport.html(for: Comparison(title: "t", runs: [a, b], baselineID: "a"))
            .contains("All runs share the same parameters."))
    }

    func testDeltasAreAgainstTheBaselineWithTheGivenInterval() throws {
        var base = run("base", [("train.lr", "0.001")])
        var better = run("better", [("train.lr", "0.0003")])
        base.metrics.dice = stats(mean: 0.90, sd: 0.05, median: 0.91, count: 4)
        better.metrics.dice = stats(mean: 0.92, sd: 0.04, median: 0.93, count: 4)
        let comparison = Comparison(title: "lr", runs: [base, better], baselineID: "base",
                                    diceDifferenceIntervals: ["better": ConfidenceInterval(lower: 0.005, upper: 0.035)],
                                    reproducedBitForBit: true)
        let html = try ComparisonReport.html(for: comparison)
        XCTAssertTrue(html.contains("<td class=\"better\">+0.0200</td>"))
        XCTAssertTrue(html.contains("[+0.0050, +0.0350]"))
        XCTAssertTrue(html.contains("base (baseline)"))
        XCTAssertTrue(html.contains("reproduced bit for bit: <span class=\"verdict yes\">yes</span>"))
        let markdown = try ComparisonReport.markdown(for: comparison)
        XCTAssertTrue(markdown.contains("| better | 0.9200 ± 0.0400 | +0.0200 | [+0.0050, +0.0350] |"))
        XCTAssertTrue(markdown.contains("Baseline reproduced bit for bit: **yes**"))
    }

    func testWorseHD95IsAPositiveDeltaMarkedWorse() {
        let cell = ComparisonReport.hd95Delta(stats(mean: 5, sd: 1, median: 5, count: 3),
                                              stats(mean: 4, sd: 1, median: 4, count: 3))
        XCTAssertEqual(cell, TableCell("+1.00", "worse"))
    }

    func testABaselineThatIsNotARunIsAnErrorNamingTheRuns() {
        let a = run("a", []), b = run("b", [])
        XCTAssertThrowsError(try ComparisonReport.html(for: Comparison(title: "t", runs: [a, b], baselineID: "z"))) {
            XCTAssertEqual($0 as? ReportError, .unknownBaseline("z", available: ["a", "b"]))
        }
        XCTAssertThrowsError(try ComparisonReport.markdown(for: Comparison(title: "t", runs: [], baselineID: "a")))
    }
}
