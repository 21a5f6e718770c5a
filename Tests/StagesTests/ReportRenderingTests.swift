import XCTest
@testable import Stages

/// Renders whole reports from the made-up fixtures. Set PIPELINE_REPORT_SAMPLE_DIR to a folder to
/// also write them there for a look in a browser (e.g. a headless-chromium screenshot).
final class ReportRenderingTests: XCTestCase {
    private let baseline = ReportFixtures.run(id: "20240501-101203-baseline", name: "baseline", level: 0.935, seed: 11, lr: "0.001")
    private let lowLR = ReportFixtures.run(id: "20240501-113540-lr3e-4", name: "lr 3e-4", level: 0.951, seed: 23, lr: "0.0003")
    private let highLR = ReportFixtures.run(id: "20240501-125911-lr3e-3", name: "lr 3e-3", level: 0.902, seed: 37, lr: "0.003")

    func testRunReportIsOneSelfContainedPageWithEverySection() throws {
        let html = RunReport.html(for: baseline)
        for heading in ["Metrics", "Confusion matrix", "Training curves", "Per-case Dice", "Sample overlays", "Spec", "Provenance"] {
            XCTAssertTrue(html.contains("<h2>\(heading)</h2>"), "missing section \(heading)")
        }
        XCTAssertTrue(html.contains("<style>"))
        XCTAssertTrue(html.contains("data:image/png;base64,iVBORw0KGgo"), "overlays are embedded PNGs")
        XCTAssertFalse(html.contains("src=\"http"), "a shared report must not fetch anything")
        XCTAssertFalse(html.contains("<link"))
        XCTAssertEqual(html.components(separatedBy: "<svg").count - 1, 3, "loss, validation Dice, per-case Dice")
        XCTAssertTrue(html.contains("1,204,311  (16.5 %)"), "confusion counts are grouped with their share")
        try writeSample("report.html", html)
        try writeSample("report.md", RunReport.markdown(for: baseline))
    }

    func testRunMarkdownListsTheLowestDiceCasesFirst() {
        let markdown = RunReport.markdown(for: baseline)
        let worst = baseline.metrics.cases.min { $0.dice < $1.dice }!
        let table = markdown.components(separatedBy: "## Lowest Dice")[1]
        XCTAssertTrue(table.split(separator: "\n")[3].hasPrefix("| \(Markdown.escape(worst.caseID)) |"))
        XCTAssertTrue(markdown.contains("```yaml\nname: baseline"))
    }

    func testComparisonReportShowsEveryRunAndOnlyTheDifferingParameter() throws {
        let comparison = Comparison(
            title: "Learning-rate sweep", runs: [baseline, lowLR, highLR], baselineID: baseline.runID,
            diceDifferenceIntervals: [lowLR.runID: ConfidenceInterval(lower: 0.006, upper: 0.027),
                                      highLR.runID: ConfidenceInterval(lower: -0.049, upper: -0.018)],
            reproducedBitForBit: true)
        let html = try ComparisonReport.html(for: comparison)
        XCTAssertTrue(html.contains(">train.lr</th>"))
        XCTAssertFalse(html.contains(">train.epochs</th>"), "shared parameters are left out")
        XCTAssertEqual(html.components(separatedBy: "<h3>").count - 1, 3, "worst cases of each run")
        XCTAssertTrue(html.contains("[+0.0060, +0.0270]"))
        XCTAssertTrue(html.contains("[−0.0490, −0.0180]"))
        try writeSample("comparison.html", html)
        try writeSample("comparison.md", ComparisonReport.markdown(for: comparison))
    }

    func testRenderingIsDeterministic() throws {
        XCTAssertEqual(RunReport.html(for: baseline), RunReport.html(for: baseline))
        let comparison = Comparison(title: "t", runs: [baseline, lowLR], baselineID: baseline.runID)
        XCTAssertEqual(try ComparisonReport.html(for: comparison), try ComparisonReport.html(for: comparison))
    }

    private func writeSample(_ name: String, _ text: String) throws {
        guard let folder = ProcessInfo.processInfo.environment["PIPELINE_REPORT_SAMPLE_DIR"] else { return }
        let url = URL(fileURLWithPath: folder, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
}
