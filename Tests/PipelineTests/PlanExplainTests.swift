import XCTest
@testable import Pipeline

/// Every invalidation rule, as `pipeline plan` would print it.
final class PlanExplainTests: XCTestCase {
    var runs: URL!
    var runner: Runner!
    let counter = RunCounter()
    override func setUpWithError() throws { runs = try makeRunsFolder(); runner = Runner(runsRoot: runs) }
    override func tearDown() { removeRunsFolder(runs) }

    private func planAfterBaseline(_ changed: [StageNode]) throws -> Plan {
        XCTAssertTrue(runner.run(try graph(["m": chain(counter: counter)])).succeeded)
        return runner.plan(try graph(["m": changed]))
    }

    func testFirstRunSaysNoCacheEntry() throws {
        let plan = runner.plan(try graph(["m": chain(counter: counter)]))
        XCTAssertEqual(plan.item("preprocess")?.explanation, "no cache entry")
        // "no cache entry" is the fallback; an upstream stage that runs is the more useful explanation.
        XCTAssertEqual(plan.item("train")?.explanation, "depends on preprocess, which will run")
        XCTAssertEqual(plan.stagesToRun, 3)
    }

    func testParamChangeNamesOldAndNewValue() throws {
        let plan = try planAfterBaseline(chain(lr: 0.0003, counter: counter))
        XCTAssertEqual(plan.item("preprocess")?.decision, .cached(key: try XCTUnwrap(plan.item("preprocess")?.key)))
        XCTAssertEqual(plan.item("train")?.decision, .run(reasons: [.paramChanged(path: "train.lr", old: 0.001, new: 0.0003)]))
        XCTAssertEqual(plan.item("train")?.explanation, "train.lr changed 0.001 → 0.0003")
        XCTAssertEqual(plan.item("evaluate")?.explanation, "depends on train, which will run")
    }

    func testInputChangeNamesTheFile() throws {
        let plan = try planAfterBaseline(chain(dataHash: "d1", counter: counter))
        XCTAssertEqual(plan.item("preprocess")?.explanation, "input changed: data/ID_0001.tif")
        XCTAssertEqual(plan.item("train")?.explanation, "depends on preprocess, which will run")
        XCTAssertEqual(plan.item("evaluate")?.explanation, "depends on preprocess, which will run; depends on train, which will run")
    }

    func testACorruptEntryIsExplainedAndRecomputed() throws {
        let g = try graph(["m": chain(counter: counter)])
        XCTAssertTrue(runner.run(g).succeeded)
        // The final stage: an upstream entry would simply not be needed while its dependents are cached.
        let evaluate = try XCTUnwrap(g.key(member: "m", node: "evaluate"))
        try FileManager.default.removeItem(at: runner.cache.entryDirectory(forKey: evaluate).appendingPathComponent("entry.json"))
        XCTAssertEqual(runner.plan(g).item("evaluate")?.explanation, "cache entry corrupt (entry.json is missing)")
        var warnings: [String] = []
        let summary = runner.run(g) { if case let .warning(w) = $0 { warnings.append(w.description) } }
        XCTAssertEqual(summary.ranCount, 1)
        XCTAssertEqual(warnings, ["cache entry \(evaluate.prefix(12)) is corrupt (entry.json is missing); discarded, recomputing"])
        XCTAssertEqual(counter["evaluate"], 2)
    }

    func testCodeVersionChange() throws {
        let plan = try planAfterBaseline(chain(trainCode: 2, counter: counter))
        XCTAssertEqual(plan.item("train")?.explanation, "code version changed 1 → 2")
        XCTAssertTrue(plan.item("preprocess")?.explanation.hasPrefix("cached ") ?? false)
    }

    func testAnUnchangedSpecRunsNothing() throws {
        // (A param a stage does not read is not in its params: see StageKeyTests for train.lr vs preprocess.)
        let plan = try planAfterBaseline(chain(counter: counter))
        XCTAssertEqual(plan.stagesToRun, 0)
    }

    func testRevertingAChangeFindsTheOldEntryAgain() throws {
        _ = try planAfterBaseline(chain(counter: counter))
        XCTAssertTrue(runner.run(try graph(["m": chain(lr: 0.0003, counter: counter)])).succeeded)
        XCTAssertEqual(runner.plan(try graph(["m": chain(lr: 0.001, counter: counter)])).stagesToRun, 0)
    }

    func testManyChangedInputsAreSummarised() throws {
        let before = StageKey(stage: "ingest", codeVersion: 1, params: [:],
                              inputs: Dictionary(uniqueKeysWithValues: (0..<8).map { ("f\($0)", "a") }))
        var g = PipelineGraph()
        try g.add(member: "m", nodes: [StageNode(id: "ingest", stage: "ingest", codeVersion: 1,
            inputs: Dictionary(uniqueKeysWithValues: (0..<8).map { ("f\($0)", StageInput.content(hash: "b")) }), run: { _ in })])
        let reasons = Planner(cache: runner.cache, index: runner.index).differences(from: before, to: g.stages[0], willRun: [:])
        XCTAssertEqual(reasons.map(\.description), ["input changed: f0", "input changed: f1", "input changed: f2",
                                                   "input changed: f3", "input changed: f4", "and 3 more inputs changed"])
    }

    func testParamsAddedAndRemovedAreNamed() {
        XCTAssertEqual(RunReason.paramChanged(path: "train.dropout", old: nil, new: 0.1).description, "train.dropout added (0.1)")
        XCTAssertEqual(RunReason.paramChanged(path: "train.momentum", old: 0.9, new: nil).description, "train.momentum removed (was 0.9)")
    }

    func testAMissingEntryIsRebuiltEvenWhenEveryStageAfterItIsCached() throws {
        // "Cached" is a promise: a run's record names every entry, so none may be silently absent.
        let g = try graph(["m": chain(counter: counter)])
        XCTAssertTrue(runner.run(g).succeeded)
        let preprocess = try XCTUnwrap(g.key(member: "m", node: "preprocess"))
        try FileManager.default.removeItem(at: runner.cache.entryDirectory(forKey: preprocess))
        let plan = runner.plan(g)
        XCTAssertEqual(plan.item("preprocess")?.explanation, "no cache entry")
        XCTAssertEqual(plan.stagesToRun, 1)
        let summary = runner.run(g)
        XCTAssertTrue(summary.succeeded)
        XCTAssertEqual(counter["preprocess"], 2)
        XCTAssertEqual(summary.ranCount, 1, "its cached dependents keep their entries")
        if case .valid = runner.cache.inspect(key: preprocess) {} else { XCTFail("preprocess was not rebuilt") }
    }

    func testASameSizeEditIsCaughtWithVerifyAndRebuilt() throws {
        let g = try graph(["m": chain(counter: counter)])
        XCTAssertTrue(runner.run(g).succeeded)
        let train = try XCTUnwrap(g.key(member: "m", node: "train"))
        let entry = try XCTUnwrap({ if case let .valid(e) = runner.cache.inspect(key: train) { return e }; return nil }())
        let file = runner.cache.entryDirectory(forKey: train).appendingPathComponent(entry.outputs[0].path)
        var bytes = try Data(contentsOf: file)
        bytes[0] ^= 0xFF
        try bytes.write(to: file)
        XCTAssertEqual(runner.plan(g).stagesToRun, 0, "without --verify only sizes are checked")
        let verifying = Runner(runsRoot: runner.cache.root, verifyHashes: true)
        let reason = verifying.plan(g).item("train")?.explanation ?? ""
        XCTAssertTrue(reason.contains(entry.outputs[0].path) && reason.contains("SHA-256"), reason)
        var warnings: [String] = []
        XCTAssertTrue(verifying.run(g) { if case let .warning(w) = $0 { warnings.append(w.description) } }.succeeded)
        XCTAssertEqual(counter["train"], 2)
        XCTAssertTrue(warnings.contains { $0.contains("corrupt") && $0.contains(entry.outputs[0].path) }, "\(warnings)")
        if case .valid = verifying.cache.inspect(key: train, verifyingHashes: true) {} else { XCTFail("train was not rebuilt") }
    }
}
