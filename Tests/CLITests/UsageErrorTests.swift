import XCTest

/// Usage errors exit 2 with one `error:` line on stderr; a command that fails while running exits 1.
final class UsageErrorTests: XCTestCase {
    private func assertUsageError(_ arguments: [String], _ message: String,
                                  file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try BuiltBinary.run(arguments)
        XCTAssertEqual(result.exitCode, 2, "exit code of \(arguments)", file: file, line: line)
        XCTAssertEqual(result.stdout, "", file: file, line: line)
        XCTAssertTrue(result.stderr.hasPrefix("error: "), result.stderr, file: file, line: line)
        XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1, "one line: \(result.stderr)", file: file, line: line)
        XCTAssertTrue(result.stderr.contains(message), "\(result.stderr) lacks \(message)", file: file, line: line)
    }

    private var existingFile: String { #filePath }

    func testPredictRequiresInputsAndAnOutputFolder() throws {
        try assertUsageError(["predict", "--model", "r1", "--out", "o"], "expected at least one input image")
        try assertUsageError(["predict", "--model", "r1", existingFile],
                             "missing expected argument '--out <dir>' (see 'pipeline predict --help')")
    }

    func testPixelSpacingMustBePositive() throws {
        try assertUsageError(["predict", "--model", "r1", existingFile, "--out", "o", "--pixel-spacing", "0"],
                             "--pixel-spacing must be a positive number of millimetres, got 0.0")
    }

    func testUnknownAugmentationNamesTheChoices() throws {
        try assertUsageError(["predict", "--model", "r1", existingFile, "--out", "o", "--tta", "rotate"], "'flip'")
    }

    func testReportNeedsRunsOrASpecOrASweep() throws {
        try assertUsageError(["report"], "name the runs to report on: give run ids, --spec or --sweep")
        try assertUsageError(["report", "a", "b", "--baseline", "c"], "baseline 'c' is not among the runs given")
    }

    func testMissingSpecFileIsNamed() throws {
        try assertUsageError(["run", "no/such/spec.yaml"], "spec file 'no/such/spec.yaml' does not exist")
        try assertUsageError(["validate"], "expected at least one spec file")
    }

    func testUnknownSubcommandPointsToRootHelp() throws {
        try assertUsageError(["trian"], "(see 'pipeline --help')")
    }

    /// A Swift source file is an existing file but not a spec: the arguments pass validation and
    /// the run itself fails, which is exit 1 whether or not the stages are wired in.
    func testAFailureWhileRunningExitsOneWithoutUsageHint() throws {
        let runs = NSTemporaryDirectory() + "cli-tests-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: runs) }
        let result = try BuiltBinary.run(["run", existingFile, "--runs-dir", runs, "--quiet"])
        XCTAssertEqual(result.exitCode, 1)
        XCTAssertTrue(result.stderr.hasPrefix("error: "), result.stderr)
        XCTAssertFalse(result.stderr.contains("--help"), "a runtime failure is not a usage problem")
    }
}
