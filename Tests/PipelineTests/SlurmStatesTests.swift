import Foundation
import XCTest
@testable import Pipeline

/// What Slurm 22.05's tools print (copied from the one-node cluster of scripts/slurm-up.sh), read back.
final class SlurmStatesTests: XCTestCase {
    func testSqueueLinesGiveStateAndReason() {
        let text = "1|COMPLETED|None\n2|FAILED|NonZeroExitCode\n3|CANCELLED|DependencyNeverSatisfied\n"
            + "4|PENDING|Dependency\n5|RUNNING|None\n6|TIMEOUT|TimeLimit\n"
        let states = SlurmStates.parseSqueue(text)
        XCTAssertEqual(states["1"], .succeeded)
        XCTAssertEqual(states["2"], .failed(state: "FAILED", exitCode: nil))
        XCTAssertEqual(states["3"], .cancelled(reason: "DependencyNeverSatisfied"))
        XCTAssertEqual(states["4"], .pending(reason: "Dependency"))
        XCTAssertEqual(states["5"], .running)
        XCTAssertEqual(states["6"], .failed(state: "TIMEOUT", exitCode: nil))
    }

    func testSacctLinesSkipStepsAndKeepExitCodes() {
        let text = "2|FAILED|3:0\n2.batch|FAILED|3:0\n3|CANCELLED by 0|0:0\n7|OUT_OF_MEMORY|0:125\n8|NODE_FAIL|0:0\n9|COMPLETED|0:0\n"
        let states = SlurmStates.parseSacct(text)
        XCTAssertEqual(states.count, 5)
        XCTAssertEqual(states["2"], .failed(state: "FAILED", exitCode: "3:0"))
        XCTAssertEqual(states["3"], .cancelled(reason: nil))
        XCTAssertEqual(states["7"], .failed(state: "OUT_OF_MEMORY", exitCode: "0:125"))
        XCTAssertEqual(states["8"], .failed(state: "NODE_FAIL", exitCode: "0:0"))
        XCTAssertEqual(states["9"], .succeeded)
    }

    func testScontrolLineGivesStateReasonAndExitCode() throws {
        let line = "JobId=2 JobName=b UserId=root(0) JobState=FAILED Reason=NonZeroExitCode Dependency=(null) "
            + "Requeue=1 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=3:0 RunTime=00:00:00 StdOut=/tmp/tt/b-2.out"
        let parsed = try XCTUnwrap(SlurmStates.parseScontrol(line))
        XCTAssertEqual(parsed.id, "2")
        XCTAssertEqual(parsed.state, .failed(state: "FAILED", exitCode: "3:0"))
    }

    func testParsableSubmissionIsTheJobIdWithOrWithoutCluster() {
        XCTAssertEqual(SlurmStates.parseSubmission("4711\n"), "4711")
        XCTAssertEqual(SlurmStates.parseSubmission("4711;cluster\n"), "4711")
        XCTAssertNil(SlurmStates.parseSubmission("sbatch: error: Batch job submission failed\n"))
    }

    func testEveryFailureStateSaysWhatToDo() {
        XCTAssertTrue(JobFailed.explanation(of: .failed(state: "TIMEOUT", exitCode: "0:15")).contains("--time"))
        XCTAssertTrue(JobFailed.explanation(of: .failed(state: "OUT_OF_MEMORY", exitCode: nil)).contains("--mem"))
        XCTAssertTrue(JobFailed.explanation(of: .failed(state: "NODE_FAIL", exitCode: nil)).contains("rerun"))
    }

    func testTheStageErrorIsTheLastErrorLineOfTheLog() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("job-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: log) }
        try "train: 12 training cases\n  epoch 1/3 loss 0.5\nerror: training diverged: loss is nan at epoch 1\n"
            .write(to: log, atomically: true, encoding: .utf8)
        XCTAssertEqual(JobLog.stageError(in: log), "training diverged: loss is nan at epoch 1")
        let follower = JobLog(url: log)
        XCTAssertEqual(follower.newLines().count, 3)
        XCTAssertEqual(follower.newLines(), [], "lines are handed out once")
    }

    func testLocalJobsDivideTheCores() {
        XCTAssertEqual(ProcessExecutor.cpus(slot: 0, jobs: 2, cores: 2), [0])
        XCTAssertEqual(ProcessExecutor.cpus(slot: 1, jobs: 2, cores: 2), [1])
        XCTAssertEqual(ProcessExecutor.cpus(slot: 1, jobs: 2, cores: 8), [1, 3, 5, 7])
        XCTAssertEqual(ProcessExecutor.cpus(slot: 2, jobs: 3, cores: 2), [0], "more jobs than cores share them")
        XCTAssertEqual(ProcessExecutor.cpus(slot: 0, jobs: 1, cores: 4), [0, 1, 2, 3])
    }

    func testJobNamesAreFileSafe() {
        XCTAssertEqual(JobNames.slug("train · sweep-example/lr=0.003,width=4"), "train-sweep-example-lr=0.003-width=4")
        XCTAssertEqual(ToolCommand.shellQuoted("it's"), "'it'\\''s'")
    }
}
