import Foundation
import RunsFixtures
import Stages
import XCTest

/// `pipeline report` over hand-made runs: the comparison files and the refusal of unpaired cases.
final class ReportCommandTests: XCTestCase {
    var runs: FakeRunsFolder!
    override func setUpWithError() throws { runs = try FakeRunsFolder() }
    override func tearDown() { runs.remove() }

    let dice = [("c1", 0.90), ("c2", 0.80), ("c3", 0.85)]

    func testComparisonIsWrittenUnderReportsAndItsPathPrinted() throws {
        try runs.addEvaluatedRun(id: "base-1", started: "2025-05-01T10:00:00Z", dice: dice)
        try runs.addEvaluatedRun(id: "base-2", started: "2025-05-02T10:00:00Z", dice: dice)
        try runs.addEvaluatedRun(id: "lr-1", member: "lr", started: "2025-05-03T10:00:00Z", specText: FakeRunsFolder.specText(lr: "0.0003"),
                                 dice: dice.map { ($0.0, $0.1 + 0.01) })
        let result = try BuiltBinary.run(["report", "base-1", "base-2", "lr-1", "--runs-dir", runs.root.path])
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "reproduced bit for bit: yes: base-2 vs base-1 share parameters and data; identical model and metrics")
        let html = try XCTUnwrap(lines.last)
        XCTAssertTrue(html.hasPrefix(runs.root.appendingPathComponent("reports").path) && html.hasSuffix("/comparison.html"), html)
        let text = try String(contentsOfFile: html, encoding: .utf8)
        XCTAssertTrue(text.contains("train.lr") && text.contains("Baseline reproduced bit for bit"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: html.replacingOccurrences(of: ".html", with: ".md")))
    }

    func testOneRunWritesItsRunReportAndMismatchedCasesGiveAnUnpairedNote() throws {
        try runs.addEvaluatedRun(id: "base-1", started: "2025-05-01T10:00:00Z", dice: dice)
        let out = runs.root.appendingPathComponent("single")
        let single = try BuiltBinary.run(["report", "base-1", "--out", out.path, "--runs-dir", runs.root.path])
        XCTAssertEqual(single.exitCode, 0, single.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.html").path))
        try runs.addEvaluatedRun(id: "other-1", started: "2025-05-02T10:00:00Z", dice: [("c1", 0.9), ("c7", 0.8), ("c3", 0.85)])
        let unpaired = try BuiltBinary.run(["report", "base-1", "other-1", "--runs-dir", runs.root.path])
        XCTAssertEqual(unpaired.exitCode, 0, unpaired.stderr)
        let html = try String(contentsOfFile: String(try XCTUnwrap(unpaired.stdout.split(separator: "\n").last)))
        XCTAssertTrue(html.contains("Note: other-1 was evaluated on other validation cases than the baseline base-1"), html)
    }
}
