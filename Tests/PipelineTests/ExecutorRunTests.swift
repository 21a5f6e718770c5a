import Foundation
import XCTest
@testable import Pipeline

/// An executor that runs one ready job in this process per check, like a cluster that finishes one
/// job between two polls; it can order dependencies itself (as Slurm does) or not, and cancels
/// queued jobs whose inputs failed, as Slurm's kill-on-invalid-dep does.
final class FakeExecutor: Executor {
    let jobKind = "fake job"
    let capacity: Int?
    let ordersDependencies: Bool
    let cache: StageCache
    var submitted: [(key: String, after: [String])] = []
    var cancelled: [String] = []
    var maxActive = 0
    private var queued: [String: (ExecutorJob, JobHandle)] = [:]
    private var done: [String: JobState] = [:]
    private var order: [String] = []
    /// Jobs that stay running until released (to test Ctrl-C and detach).
    var holdRunning = false

    init(cache: StageCache, ordersDependencies: Bool, capacity: Int? = nil) {
        self.cache = cache; self.ordersDependencies = ordersDependencies; self.capacity = capacity
    }

    func submit(_ job: ExecutorJob) throws -> JobHandle {
        let id = String(submitted.count + 1)
        submitted.append((job.stage.key, job.after.map(\.id)))
        let handle = JobHandle(id: id, key: job.stage.key, log: cache.root.appendingPathComponent("fake-\(id).log"), kind: jobKind)
        queued[id] = (job, handle)
        order.append(id)
        maxActive = max(maxActive, queued.count)
        return handle
    }

    func check(_ active: [JobHandle]) throws -> [String: JobState] {
        var states: [String: JobState] = [:]
        var ranOne = false
        for id in order where queued[id] != nil && active.contains(where: { $0.id == id }) {
            if holdRunning { states[id] = .running; continue }
            let (job, _) = queued[id]!
            if job.after.contains(where: { done[$0.id].map { $0 != .succeeded } ?? false }) {
                done[id] = .cancelled(reason: "DependencyNeverSatisfied")
            } else if job.after.contains(where: { done[$0.id] == nil }) || ranOne {
                states[id] = .pending(reason: "Dependency")
                continue
            } else {
                ranOne = true
                let inputs = job.stage.dependencies.mapValues { cache.entryDirectory(forKey: $0) }
                do {
                    _ = try cache.produce(job.stage, inputDirectories: inputs)
                    done[id] = .succeeded
                } catch {
                    try? Data("error: \(error)\n".utf8).write(to: queued[id]!.1.log)
                    done[id] = .failed(state: "FAILED", exitCode: "1:0")
                }
            }
            states[id] = done[id]
            queued[id] = nil
        }
        return states
    }

    func cancel(_ active: [JobHandle]) {
        cancelled += active.map(\.id)
        active.forEach { queued[$0.id] = nil }
    }
}

final class ExecutorRunTests: XCTestCase {
    var runs: URL!
    override func setUpWithError() throws { runs = try makeRunsFolder() }
    override func tearDown() { removeRunsFolder(runs) }

    func fast() -> ExecutorRunOptions {
        var options = ExecutorRunOptions()
        options.pollInterval = 0.001
        return options
    }

    func testSlurmLikeExecutorGetsEveryStageAtOnceWithItsInputsJobsAndASecondRunSubmitsNothing() throws {
        let counter = RunCounter()
        let g = try graph(["lr-a": chain(lr: 0.001, counter: counter), "lr-b": chain(lr: 0.0003, counter: counter)])
        let executor = FakeExecutor(cache: StageCache(root: runs), ordersDependencies: true)
        let result = Runner(runsRoot: runs).run(g, executor: executor, options: fast())
        XCTAssertTrue(result.summary.succeeded)
        XCTAssertEqual(result.summary.ranCount, 5, "one shared preprocess, two trains, two evaluates")
        XCTAssertEqual(executor.submitted.count, 5)
        XCTAssertEqual(executor.maxActive, 5, "all placed before any finished: Slurm orders them")
        let ids = Dictionary(uniqueKeysWithValues: executor.submitted.enumerated().map { ($1.key, String($0 + 1)) })
        for member in ["lr-a", "lr-b"] {
            let train = try XCTUnwrap(g.key(member: member, node: "train"))
            let preprocess = try XCTUnwrap(g.key(member: member, node: "preprocess"))
            let evaluate = try XCTUnwrap(g.key(member: member, node: "evaluate"))
            XCTAssertEqual(executor.submitted.first { $0.key == train }?.after, [ids[preprocess]!])
            XCTAssertEqual(Set(executor.submitted.first { $0.key == evaluate }?.after ?? []), [ids[preprocess]!, ids[train]!])
        }
        XCTAssertEqual(Runner(runsRoot: runs).index.record(member: "lr-a", node: "train")?.key, g.key(member: "lr-a", node: "train"))

        let again = FakeExecutor(cache: StageCache(root: runs), ordersDependencies: true)
        let second = Runner(runsRoot: runs).run(g, executor: again, options: fast())
        XCTAssertTrue(again.submitted.isEmpty, "everything is cached")
        XCTAssertEqual(second.summary.cachedCount, 5)
    }

    func testAFailedJobsQueuedDependentsAreSkippedAndTheOtherMemberGoesOn() throws {
        let counter = RunCounter()
        let g = try graph(["bad": chain(lr: 0.1, counter: counter, failing: ["train"]), "good": chain(lr: 0.001, counter: counter)])
        let executor = FakeExecutor(cache: StageCache(root: runs), ordersDependencies: true)
        let summary = Runner(runsRoot: runs).run(g, executor: executor, options: fast()).summary
        XCTAssertEqual(summary.failedCount, 1)
        XCTAssertEqual(summary.skippedCount, 1)
        XCTAssertEqual(summary.ranCount, 3)
        let badTrain = try XCTUnwrap(g.key(member: "bad", node: "train"))
        guard case let .failed(error as JobFailed, _)? = summary.outcome(forKey: badTrain) else {
            return XCTFail("train should fail with JobFailed: \(String(describing: summary.outcome(forKey: badTrain)))")
        }
        XCTAssertEqual(error.message, "StageFailedOnPurpose()", "the stage's own error, read from the log's error: line")
        XCTAssertTrue(error.description.hasPrefix("fake job \(error.job.id) FAILED (exit 1:0): "), error.description)
        let badEvaluate = try XCTUnwrap(g.key(member: "bad", node: "evaluate"))
        XCTAssertEqual(summary.outcome(forKey: badEvaluate).map { "\($0)" }, "\(StageOutcome.skipped(.dependencyFailed(stage: "train")))")
        XCTAssertEqual(counter["evaluate"], 1, "only the good member's evaluate ran")
    }

    func testAnExecutorThatDoesNotOrderDependenciesGetsOnlyReadyStagesUpToItsCapacity() throws {
        let counter = RunCounter()
        let g = try graph(["a": chain(lr: 0.001, counter: counter), "b": chain(lr: 0.0003, counter: counter), "c": chain(lr: 0.01, counter: counter)])
        let executor = FakeExecutor(cache: StageCache(root: runs), ordersDependencies: false, capacity: 2)
        let summary = Runner(runsRoot: runs).run(g, executor: executor, options: fast()).summary
        XCTAssertTrue(summary.succeeded)
        XCTAssertTrue(executor.submitted.allSatisfy(\.after.isEmpty), "inputs were done before each submission")
        XCTAssertLessThanOrEqual(executor.maxActive, 2)
        XCTAssertEqual(executor.maxActive, 2, "two trains at once")
    }

    func testFailFastCancelsTheActiveJobs() throws {
        let counter = RunCounter()
        let g = try graph(["a-bad": chain(lr: 0.1, counter: counter, failing: ["preprocess"]), "b-good": chain(lr: 0.001, size: 128, counter: counter)])
        var options = fast()
        options.failFast = true
        let executor = FakeExecutor(cache: StageCache(root: runs), ordersDependencies: true)
        let summary = Runner(runsRoot: runs).run(g, executor: executor, options: options).summary
        XCTAssertEqual(summary.failedCount, 1)
        XCTAssertFalse(executor.cancelled.isEmpty, "the other member's queued jobs are cancelled")
        let stopped = summary.results.filter { if case .skipped(.stoppedAfterFailure) = $0.outcome { return true }; return false }
        XCTAssertFalse(stopped.isEmpty)
    }

    func testInterruptCancelsWhatThisRunPlacedAndSaysWhich() throws {
        let g = try graph(["a": chain(counter: RunCounter())])
        let executor = FakeExecutor(cache: StageCache(root: runs), ordersDependencies: true)
        executor.holdRunning = true
        var options = fast()
        var polls = 0
        options.interrupted = { polls += 1; return polls > 3 }
        let summary = Runner(runsRoot: runs).run(g, executor: executor, options: options).summary
        XCTAssertEqual(executor.cancelled.sorted(), ["1", "2", "3"])
        XCTAssertEqual(summary.failedCount, 3)
        guard case let .failed(error, _)? = summary.results.first?.outcome else { return XCTFail("preprocess should be interrupted") }
        XCTAssertEqual("\(error)", "interrupted (Ctrl-C); cancelled 3 job(s) this run submitted: fake job 1, fake job 2, fake job 3")
    }

    func testDetachReturnsOncePlacedAndStatusFollowsTheSameJobsWithoutSubmitting() throws {
        let g = try graph(["a": chain(counter: RunCounter())])
        let executor = FakeExecutor(cache: StageCache(root: runs), ordersDependencies: true)
        var options = fast()
        options.detach = true
        let placed = Runner(runsRoot: runs).run(g, executor: executor, options: options)
        XCTAssertTrue(placed.detached)
        XCTAssertEqual(placed.jobs.count, 3)
        XCTAssertTrue(placed.summary.results.isEmpty, "nothing has finished yet")

        var follow = fast()
        follow.submit = false
        follow.attached = placed.jobs
        let followed = Runner(runsRoot: runs).run(g, executor: executor, options: follow)
        XCTAssertEqual(executor.submitted.count, 3, "following submits nothing")
        XCTAssertTrue(followed.summary.succeeded)
        XCTAssertEqual(followed.summary.ranCount, 3)
    }
}
