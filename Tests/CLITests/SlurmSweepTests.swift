import Foundation
import Pipeline
import XCTest

/// `pipeline run --executor slurm` against a real cluster: the one-node cluster `scripts/slurm-up.sh`
/// starts (CI's `.ci/run` does, and exports SLURM_CONF). Skipped, saying so, without one.
final class SlurmSweepTests: XCTestCase {
    var sandbox: SweepSandbox!

    override func setUpWithError() throws {
        let conf = ProcessInfo.processInfo.environment["SLURM_CONF"]
        guard ToolCommand.locate("sbatch") != nil, let conf, FileManager.default.fileExists(atPath: conf) else {
            throw XCTSkip("Slurm tests need sbatch and SLURM_CONF (a running cluster); `bash scripts/slurm-up.sh` starts a "
                          + "one-node cluster on this machine and prints the export, and `bash .ci/run` does both")
        }
        sandbox = try SweepSandbox()
    }

    override func tearDown() { sandbox?.remove() }

    func slurm(_ arguments: [String]) throws -> BuiltBinary.Result {
        try BuiltBinary.run(["run"] + arguments + ["--executor", "slurm"])
    }

    func testSlurmGivesTheLocalKeysAndBitsAndASecondRunSubmitsNothing() throws {
        let spec = try sandbox.spec("slurm-same")
        let local = try BuiltBinary.run(["run", spec, "--runs-dir", sandbox.runs("local").path, "--quiet"])
        XCTAssertEqual(local.exitCode, 0, local.stderr)
        let first = try slurm([spec, "--runs-dir", sandbox.runs("slurm").path])
        XCTAssertEqual(first.exitCode, 0, first.stderr + first.stdout)
        let submitted = lines(first.stdout, startingWith: "submitted ")
        XCTAssertEqual(submitted.count, 9, "shared ingest, validate, preprocess once; train, evaluate, report per member: \(first.stdout)")
        XCTAssertTrue(submitted.allSatisfy { $0.contains(" Slurm job ") && $0.contains(" key ") }, "\(submitted)")
        XCTAssertEqual(lines(first.stdout, startingWith: "report: ").count, 2, first.stdout)

        XCTAssertEqual(sandbox.stageKeys(sandbox.runs("local")), sandbox.stageKeys(sandbox.runs("slurm")))
        XCTAssertEqual(try sandbox.differences(sandbox.runs("local"), sandbox.runs("slurm")), [], "models, predictions and per-case metrics are bit-identical")

        let second = try slurm([spec, "--runs-dir", sandbox.runs("slurm").path])
        XCTAssertEqual(second.exitCode, 0, second.stderr)
        XCTAssertTrue(second.stdout.contains("nothing to do: all 9 stages cached"), second.stdout)
        XCTAssertTrue(lines(second.stdout, startingWith: "submitted ").isEmpty, second.stdout)
    }

    func testAMemberWhoseTrainingDivergesFailsAloneWithItsJobIdAndItsDependentsAreCancelled() throws {
        // train.eps 1e-50 is 0 in Float: Adam divides 0 by 0 on the first zero gradient, and the loss is NaN.
        let spec = try sandbox.spec("slurm-fail", axis: "train.eps: [1e-8, 1e-50]")
        let result = try slurm([spec, "--runs-dir", sandbox.runs("fail").path])
        XCTAssertEqual(result.exitCode, 1, result.stdout)
        let failure = try XCTUnwrap(result.stderr.range(of: #"train failed: Slurm job (\d+) FAILED \(exit 1:0\): training diverged"#,
                                                         options: .regularExpression), result.stderr)
        XCTAssertTrue(result.stderr.hasPrefix("error: 1 of 2 members failed: slurm-fail/eps=1e-50: "), result.stderr)
        XCTAssertTrue(result.stderr[failure.upperBound...].contains("(log \(sandbox.runs("fail").path)/jobs/"), result.stderr)
        XCTAssertEqual(lines(result.stdout, startingWith: "report: ").count, 1, "the other member finished: \(result.stdout)")

        let cancelled = lines(result.stdout, startingWith: "  ").filter { $0.hasSuffix("cancelled, not run") }
        XCTAssertEqual(cancelled.count, 2, "evaluate and report of the diverged member: \(result.stdout)")
        let ids = cancelled.compactMap { $0.components(separatedBy: "Slurm job ").last?.split(separator: " ").first.map(String.init) }
        let queue = try ToolCommand.succeed("squeue", ["-h", "-t", "all", "-j", ids.joined(separator: ","), "-o", "%T|%r"])
        XCTAssertEqual(queue.split(separator: "\n"), ["CANCELLED|DependencyNeverSatisfied", "CANCELLED|DependencyNeverSatisfied"],
                       "Slurm cancelled them (kill-on-invalid-dep), nothing is left pending")
    }

    func testAJobKilledMidTrainingResumesFromItsCheckpointWithTheBitsOfAnUninterruptedRun() throws {
        let spec = try sandbox.spec("slurm-kill", axis: "seed: [0]", size: 64, count: 24, epochs: 30)
        let runs = sandbox.runs("kill")
        let detached = try slurm([spec, "--runs-dir", runs.path, "--detach"])
        XCTAssertEqual(detached.exitCode, 0, detached.stderr)
        let submissionID = try XCTUnwrap(detached.stdout.components(separatedBy: "`pipeline status ").last?.split(separator: "`").first)
        let trainLine = try XCTUnwrap(lines(detached.stdout, startingWith: "submitted train"), detached.stdout).first
        let trainJob = try XCTUnwrap(trainLine?.components(separatedBy: "Slurm job ").last)

        // Wait until a few epochs are checkpointed, then kill the job as an administrator would.
        let log = runs.appendingPathComponent("jobs/\(submissionID)")
        let deadline = Date().addingTimeInterval(120)
        var epochs = 0
        while Date() < deadline, epochs < 3 {
            Thread.sleep(forTimeInterval: 0.2)
            let text = (try? FileManager.default.contentsOfDirectory(atPath: log.path))?.filter { $0.hasPrefix("train-") && $0.hasSuffix(".out") }
                .compactMap { try? String(contentsOf: log.appendingPathComponent($0), encoding: .utf8) }.joined() ?? ""
            epochs = text.components(separatedBy: "  epoch ").count - 1
        }
        XCTAssertGreaterThanOrEqual(epochs, 3, "training never got going")
        _ = try ToolCommand.succeed("scancel", [trainJob])
        Thread.sleep(forTimeInterval: 2)

        let status = try BuiltBinary.run(["status", String(submissionID), "--runs-dir", runs.path])
        XCTAssertEqual(status.exitCode, 1, status.stdout)
        XCTAssertTrue(status.stdout.contains("Slurm job \(trainJob)  cancelled"), status.stdout)
        XCTAssertTrue(status.stderr.contains("train failed: Slurm job \(trainJob) cancelled"), status.stderr)

        let rerun = try slurm([spec, "--runs-dir", runs.path, "--quiet"])
        XCTAssertEqual(rerun.exitCode, 0, rerun.stderr)
        XCTAssertTrue(rerun.stdout.contains("3 of 6 stages will run"), "ingest, validate, preprocess are cached: \(rerun.stdout)")
        let resumed = try FileManager.default.subpathsOfDirectory(atPath: runs.appendingPathComponent("jobs").path)
            .filter { $0.contains("/train-") && $0.hasSuffix(".out") && !$0.hasPrefix(String(submissionID)) }
        let text = try resumed.map { try String(contentsOf: runs.appendingPathComponent("jobs/\($0)"), encoding: .utf8) }.joined()
        XCTAssertNotNil(text.range(of: #"train: resuming after epoch \d+ of 30"#, options: .regularExpression), text)

        let local = try BuiltBinary.run(["run", spec, "--runs-dir", sandbox.runs("uninterrupted").path, "--quiet"])
        XCTAssertEqual(local.exitCode, 0, local.stderr)
        XCTAssertEqual(try sandbox.differences(runs, sandbox.runs("uninterrupted")), [], "the resumed model is the uninterrupted one, bit for bit")
    }

    func testCtrlCCancelsTheJobsThisRunSubmittedAndSaysSo() throws {
        let spec = try sandbox.spec("slurm-interrupt", axis: "seed: [0]", size: 64, count: 24, epochs: 30)
        let out = sandbox.root.appendingPathComponent("stdout"), err = sandbox.root.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let client = Process()
        client.executableURL = try BuiltBinary.locate()
        client.arguments = ["run", spec, "--runs-dir", sandbox.runs("interrupt").path, "--executor", "slurm"]
        client.standardOutput = try FileHandle(forWritingTo: out)
        client.standardError = try FileHandle(forWritingTo: err)
        try client.run()
        let deadline = Date().addingTimeInterval(120)
        var text = ""
        while Date() < deadline, !text.contains("train: epoch 2/30") {
            Thread.sleep(forTimeInterval: 0.2)
            text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        }
        XCTAssertTrue(text.contains("train: epoch 2/30"), "training progress is followed from the job's log: \(text)")
        client.interrupt()
        client.waitUntilExit()
        let stdout = try String(contentsOf: out, encoding: .utf8), stderr = try String(contentsOf: err, encoding: .utf8)
        XCTAssertEqual(client.terminationStatus, 1, stdout)
        XCTAssertTrue(stdout.contains("interrupted: cancelling the jobs this run submitted"), stdout)
        let ids = lines(stdout, startingWith: "submitted ").compactMap { $0.components(separatedBy: "Slurm job ").last }
        XCTAssertEqual(ids.count, 6, stdout)
        XCTAssertTrue(stderr.hasPrefix("error: interrupted (Ctrl-C); cancelled 3 job(s) this run submitted: "), stderr)
        let queue = try ToolCommand.succeed("squeue", ["-h", "-t", "all", "-j", ids.suffix(3).joined(separator: ","), "-o", "%T"])
        XCTAssertEqual(queue.split(separator: "\n"), ["CANCELLED", "CANCELLED", "CANCELLED"], "train, evaluate and report")
    }
}
