import XCTest
@testable import Pipeline

final class RunnerTests: XCTestCase {
    var runs: URL!
    override func setUpWithError() throws { runs = try makeRunsFolder() }
    override func tearDown() { removeRunsFolder(runs) }

    func testSharedPreprocessRunsOnceForTwoMembers() throws {
        let counter = RunCounter()
        let g = try graph(["lr-a": chain(lr: 0.001, counter: counter), "lr-b": chain(lr: 0.0003, counter: counter)])
        let summary = Runner(runsRoot: runs).run(g)
        XCTAssertTrue(summary.succeeded)
        XCTAssertEqual(counter["preprocess"], 1)
        XCTAssertEqual(counter["train"], 2)
        XCTAssertEqual(counter["evaluate"], 2)
        // Both members' evaluate read the one preprocess entry.
        for member in ["lr-a", "lr-b"] {
            let key = try XCTUnwrap(g.key(member: member, node: "evaluate"))
            let text = try String(contentsOf: Runner(runsRoot: runs).cache.entryDirectory(forKey: key)
                .appendingPathComponent("out.txt"), encoding: .utf8)
            XCTAssertTrue(text.contains("preprocess \(g.key(member: member, node: "preprocess")!)"), text)
        }
    }

    func testAFailedStageSkipsItsDependentsAndIndependentStagesContinue() throws {
        let counter = RunCounter()
        let g = try graph(["bad": chain(lr: 0.1, counter: counter, failing: ["train"]),
                           "good": chain(lr: 0.001, counter: counter)])
        var events: [String] = []
        let summary = Runner(runsRoot: runs).run(g) { event in
            switch event {
            case let .started(s): events.append("started \(s.stage)")
            case let .finished(s, .failed(error, _)): events.append("failed \(s.stage) \(error is StageFailedOnPurpose)")
            case let .finished(s, .skipped(reason)): events.append("\(s.stage): \(reason)")
            case let .finished(s, outcome): events.append("finished \(s.stage) \(outcome.succeeded)")
            default: break
            }
        }
        XCTAssertFalse(summary.succeeded)
        XCTAssertEqual(summary.failedCount, 1)
        XCTAssertEqual(summary.skippedCount, 1)
        XCTAssertEqual(summary.ranCount, 3, "shared preprocess, good train, good evaluate")
        XCTAssertTrue(events.contains("failed train true"))
        XCTAssertTrue(events.contains("evaluate: skipped: depends on train, which failed"))
        XCTAssertEqual(counter["evaluate"], 1)
        // The failure left no entry: the next plan still wants to run it.
        XCTAssertEqual(Runner(runsRoot: runs).plan(g).stagesToRun, 2)
    }

    func testFailFastStopsAtTheFirstFailure() throws {
        let counter = RunCounter()
        let g = try graph(["a-bad": chain(lr: 0.1, counter: counter, failing: ["train"]),
                           "b-good": chain(lr: 0.001, counter: counter)])
        let summary = Runner(runsRoot: runs).run(g, failFast: true)
        XCTAssertEqual(counter["train"], 1, "the good member's train is never started")
        let notRun = summary.results.compactMap { result -> String? in
            if case let .skipped(reason) = result.outcome { return reason.description }
            return nil
        }
        XCTAssertTrue(notRun.contains("not run: stopped after train failed (fail-fast)"), "\(notRun)")
        XCTAssertEqual(summary.failedCount, 1)
    }

    func testProgressReportsStartedOnlyForStagesThatRun() throws {
        let counter = RunCounter()
        let g = try graph(["m": chain(counter: counter)])
        _ = Runner(runsRoot: runs).run(g)
        var started = 0, cached = 0
        _ = Runner(runsRoot: runs).run(g) { event in
            if case .started = event { started += 1 }
            if case .finished(_, .cached) = event { cached += 1 }
        }
        XCTAssertEqual(started, 0)
        XCTAssertEqual(cached, 3)
    }

    func testStageLogLinesArriveBetweenStartedAndFinished() throws {
        var g = PipelineGraph()
        try g.add(member: "m", nodes: [StageNode(id: "train", stage: "train", codeVersion: 1) { context in
            context.log("epoch 1 loss 0.5")
        }])
        var events: [String] = []
        _ = Runner(runsRoot: runs).run(g) { event in
            switch event {
            case .started: events.append("started")
            case let .log(_, line): events.append(line)
            case .finished(_, .ran): events.append("ran")
            default: events.append("other")
            }
        }
        XCTAssertEqual(events, ["started", "epoch 1 loss 0.5", "ran"])
    }

    func testRunIndexRecordsEachMembersLastKey() throws {
        let counter = RunCounter()
        let g = try graph(["m": chain(counter: counter)])
        let runner = Runner(runsRoot: runs)
        _ = runner.run(g)
        let record = try XCTUnwrap(runner.index.record(member: "m", node: "train"))
        XCTAssertEqual(record.key, g.key(member: "m", node: "train"))
        XCTAssertEqual(record.dependencyStages, ["preprocess": "preprocess"])
        XCTAssertEqual(RunIndex.safeName("sweep/lr=0.1"), "sweep%2Flr%3D0.1")
        XCTAssertEqual(RunIndex.safeName(".."), "%2E.")
    }
}
