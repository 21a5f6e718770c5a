import XCTest
@testable import PipelineCLI

/// In-process checks that parsed arguments become the right request for the stages.
final class ArgumentParsingTests: XCTestCase {
    func testPredictOptionsMapOntoTheRequest() throws {
        let command = try PredictCommand.parse(["--model", "r1", #filePath, "--out", "masks", "--pixel-spacing", "0.7",
                                                "--largest-components", "2", "--fill-holes", "--tta", "flip"])
        XCTAssertEqual(command.model, "r1")
        XCTAssertEqual(command.inputs, [#filePath])
        XCTAssertEqual(command.pixelSpacing, 0.7)
        XCTAssertEqual(command.largestComponents, 2)
        XCTAssertTrue(command.fillHoles)
        XCTAssertEqual(command.tta, .flip)
        XCTAssertEqual(command.runs.runsDirectory, "runs")
    }

    func testRunDefaultsToTheRunsFolderAndRunningEverySpec() throws {
        let command = try RunCommand.parse([#filePath])
        XCTAssertFalse(command.failFast)
        XCTAssertFalse(command.quiet)
        XCTAssertEqual(command.runs.runsDirectory, "runs")
    }

    func testLargestComponentsBelowOneIsRejected() {
        XCTAssertThrowsError(try PredictCommand.parse(["--model", "r", #filePath, "--out", "o", "--largest-components", "0"]))
    }

    func testExecuteMapsErrorsWithoutExiting() {
        let usage = PipelineCommand.execute(["report"])
        XCTAssertEqual(usage.exitCode, .usage)
        XCTAssertEqual(usage.stderr, "error: name the runs to report on: give run ids, --spec or --sweep (see 'pipeline report --help')")
        let version = PipelineCommand.execute(["--version"])
        XCTAssertEqual(version, CommandOutcome(exitCode: .success, stdout: "0.1.0"))
    }

    func testErrorMessagesBecomeOneLowercaseLedLine() {
        XCTAssertEqual(PipelineCommand.oneLine("Error: Missing value\n  for x\n"), "missing value for x")
        XCTAssertEqual(PipelineCommand.oneLine("URL is bad"), "URL is bad")
    }
}
