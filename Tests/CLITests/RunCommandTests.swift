import Foundation
import XCTest

/// `pipeline run/plan/validate` as a user runs them: the built binary on experiments/smoke.yaml.
final class RunCommandTests: XCTestCase {
    var runs: URL!
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    var smoke: String { repository.appendingPathComponent("experiments/smoke.yaml").path }

    override func setUpWithError() throws {
        runs = FileManager.default.temporaryDirectory.appendingPathComponent("cli-runs-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: runs) }

    func testRunOnSmokePrintsTheReportAndASecondRunHasNothingToDo() throws {
        let first = try BuiltBinary.run(["run", smoke, "--runs-dir", runs.path])
        XCTAssertEqual(first.exitCode, 0, first.stderr)
        let reportLine = try XCTUnwrap(first.stdout.split(separator: "\n").first { $0.hasPrefix("report: ") }, first.stdout)
        let path = String(reportLine.dropFirst("report: ".count).split(separator: " ")[0])
        XCTAssertTrue(path.hasSuffix("/report.html") && FileManager.default.fileExists(atPath: path), path)

        let second = try BuiltBinary.run(["run", smoke, "--runs-dir", runs.path])
        XCTAssertEqual(second.exitCode, 0, second.stderr)
        XCTAssertTrue(second.stdout.contains("nothing to do: all 6 stages cached"), second.stdout)

        let plan = try BuiltBinary.run(["plan", smoke, "--runs-dir", runs.path])
        XCTAssertEqual(plan.exitCode, 0, plan.stderr)
        XCTAssertTrue(plan.stdout.contains("train       cached "), plan.stdout)
    }

    func testValidateReportsEveryProblemWithFileLineAndColumnAndRunsNothing() throws {
        let spec = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: spec) }
        try "name: bad\ndata:\n  phantom: {count: 8}\ntrain:\n  lr: fast\n  epoch: 3\n".write(to: spec, atomically: true, encoding: .utf8)
        let result = try BuiltBinary.run(["validate", spec.path])
        XCTAssertEqual(result.exitCode, 1)
        XCTAssertTrue(result.stderr.contains("\(spec.path):5:7: train.lr: expected a number"), result.stderr)
        XCTAssertTrue(result.stderr.contains("\(spec.path):6:3: train.epoch: unknown key; did you mean 'epochs'?"), result.stderr)
        XCTAssertTrue(result.stderr.contains("2 problems in the spec; nothing was run"), result.stderr)

        let ok = try BuiltBinary.run(["validate", smoke])
        XCTAssertEqual(ok.exitCode, 0, ok.stderr)
        XCTAssertEqual(ok.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "ok: 1 member")
    }
}
