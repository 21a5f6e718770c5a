import Foundation
import XCTest

/// `pipeline run --executor local --jobs N`: sweep members as child processes at once, same results.
final class LocalJobsTests: XCTestCase {
    var sandbox: SweepSandbox!
    override func setUpWithError() throws { sandbox = try SweepSandbox() }
    override func tearDown() { sandbox.remove() }

    func testTwoJobsGiveTheKeysAndBitsOfOneAndASecondRunRunsNothing() throws {
        let spec = try sandbox.spec("jobs")
        let serial = try BuiltBinary.run(["run", spec, "--runs-dir", sandbox.runs("serial").path, "--quiet"])
        XCTAssertEqual(serial.exitCode, 0, serial.stderr)
        let parallel = try BuiltBinary.run(["run", spec, "--runs-dir", sandbox.runs("parallel").path, "--executor", "local", "--jobs", "2"])
        XCTAssertEqual(parallel.exitCode, 0, parallel.stderr)
        XCTAssertEqual(lines(parallel.stdout, startingWith: "submitted ").count, 9, parallel.stdout)
        XCTAssertEqual(lines(parallel.stdout, startingWith: "report: ").count, 2, parallel.stdout)

        XCTAssertEqual(sandbox.stageKeys(sandbox.runs("serial")), sandbox.stageKeys(sandbox.runs("parallel")))
        XCTAssertEqual(try sandbox.differences(sandbox.runs("serial"), sandbox.runs("parallel")), [], "models, predictions and per-case metrics are bit-identical")

        // The two trains ran at once, each pinned to its own core.
        let logs = try FileManager.default.subpathsOfDirectory(atPath: sandbox.runs("parallel").appendingPathComponent("jobs").path)
            .filter { $0.contains("/train-") }
        XCTAssertEqual(logs.count, 2, "\(logs)")
        let cores = try logs.map { try String(contentsOf: sandbox.runs("parallel").appendingPathComponent("jobs/\($0)"), encoding: .utf8) }
            .compactMap { $0.split(separator: "\n").first?.components(separatedBy: ", cores ").last }
        XCTAssertEqual(Set(cores), ["0", "1"], "\(cores)")

        let again = try BuiltBinary.run(["run", spec, "--runs-dir", sandbox.runs("parallel").path, "--executor", "local", "--jobs", "2"])
        XCTAssertEqual(again.exitCode, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("nothing to do: all 9 stages cached"), again.stdout)
        XCTAssertTrue(lines(again.stdout, startingWith: "submitted ").isEmpty, again.stdout)
    }

    func testExecutorFlagsThatDoNotFitAreUsageErrors() throws {
        let spec = try sandbox.spec("flags")
        let cases: [([String], String)] = [
            (["--executor", "slurm", "--jobs", "2"], "--jobs applies to --executor local"),
            (["--executor", "local", "--partition", "short"], "--partition applies to --executor slurm, not local"),
            (["--detach"], "--detach needs --executor slurm"),
            (["--executor", "slurm", "--time", "1h"], "--time '1h' must be digits"),
            (["--executor", "slurm", "--sbatch-arg", "--dependency=afterok:1"], "pipeline sets --dependency itself"),
        ]
        for (flags, message) in cases {
            let result = try BuiltBinary.run(["run", spec, "--runs-dir", sandbox.runs("flags").path] + flags)
            XCTAssertNotEqual(result.exitCode, 0, "\(flags)")
            XCTAssertTrue(result.stderr.contains(message), "\(flags): \(result.stderr)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.runs("flags").appendingPathComponent("cache").path), "nothing ran")
    }
}
