import Foundation
import XCTest
@testable import Pipeline

final class ConcurrencyAndGCTests: XCTestCase {
    var runs: URL!
    override func setUpWithError() throws { runs = try makeRunsFolder() }
    override func tearDown() { removeRunsFolder(runs) }

    /// Two "processes" (threads with their own cache objects and lock descriptors; flock excludes
    /// separate open descriptors exactly as it excludes processes) ask for the same key at once:
    /// one computes, the other waits on the lock and then finds the hit.
    func testTwoConcurrentRequestsForOneKeyComputeOnce() throws {
        let counter = RunCounter()
        var g = PipelineGraph()
        try g.add(member: "m", nodes: [StageNode(id: "slow", stage: "slow", codeVersion: 1) { context in
            counter.tick("slow")
            Thread.sleep(forTimeInterval: 0.3)   // long enough that the other request arrives mid-write
            try Data("model".utf8).write(to: context.outputDirectory.appendingPathComponent("model.bin"))
        }])
        let stage = g.stages[0]
        let results = ResultBox()
        let group = DispatchGroup()
        for _ in 0..<2 {
            group.enter()
            Thread.detachNewThread { [runs] in
                defer { group.leave() }
                results.append(Result { try StageCache(root: runs!).produce(stage, inputDirectories: [:]) })
            }
        }
        XCTAssertEqual(group.wait(timeout: .now() + 30), .success)
        XCTAssertEqual(counter["slow"], 1)
        let kinds = try results.values.map { result -> String in
            switch try result.get() { case .hit: return "hit"; case .computed: return "computed" }
        }
        XCTAssertEqual(kinds.sorted(), ["computed", "hit"])
    }

    func testGarbageCollectionDryRunListsAndRealRunRemoves() throws {
        let counter = RunCounter()
        let runner = Runner(runsRoot: runs)
        let old = try graph(["m": chain(lr: 0.001, counter: counter)])
        let new = try graph(["m": chain(lr: 0.0003, counter: counter)])
        _ = runner.run(old)
        _ = runner.run(new)
        // An abandoned work folder of a key nobody keeps (e.g. a training killed and never resumed).
        let abandoned = runner.cache.workDirectory(forKey: "ff00")
        try FileManager.default.createDirectory(at: abandoned, withIntermediateDirectories: true)
        try Data(count: 100).write(to: abandoned.appendingPathComponent("checkpoint"))

        // And a temporary folder of a write that was killed before its rename.
        let unfinished = runner.cache.temporaryDirectory.appendingPathComponent("ee11.6F1C")
        try FileManager.default.createDirectory(at: unfinished, withIntermediateDirectories: true)
        try Data(count: 10).write(to: unfinished.appendingPathComponent("model.bin"))

        let keep = Set(new.stages.map(\.key))
        let stale = Set(old.stages.map(\.key)).subtracting(keep)   // old train and evaluate
        XCTAssertEqual(stale.count, 2)
        let expectedBytes = stale.reduce(0) { total, key in
            guard case let .valid(entry) = runner.cache.inspect(key: key) else { return total }
            let record = FileManager.default.contents(atPath: runner.cache.entryDirectory(forKey: key)
                .appendingPathComponent("entry.json").path)!.count
            return total + entry.totalBytes + record
        } + 100 + 10

        let dry = try runner.cache.collectGarbage(keeping: keep, dryRun: true)
        XCTAssertTrue(dry.dryRun)
        XCTAssertEqual(Set(dry.items.map(\.key)), stale.union(["ff00", "ee11"]))
        XCTAssertEqual(dry.items.first { $0.key == "ee11" }?.kind, .temporary)
        XCTAssertEqual(dry.bytesFreed, expectedBytes)
        XCTAssertEqual(Set(runner.cache.allKeys()), keep.union(stale), "a dry run removes nothing")

        let real = try runner.cache.collectGarbage(keeping: keep, dryRun: false)
        XCTAssertEqual(real.items, dry.items)
        XCTAssertEqual(Set(runner.cache.allKeys()), keep)
        XCTAssertFalse(FileManager.default.fileExists(atPath: abandoned.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: unfinished.path))
        XCTAssertEqual(runner.plan(new).stagesToRun, 0, "kept entries are still hits")
    }

    func testGarbageCollectionLeavesAKeyWhoseLockIsHeld() throws {
        let counter = RunCounter()
        let runner = Runner(runsRoot: runs)
        let g = try graph(["m": chain(counter: counter)])
        _ = runner.run(g)
        let busy = try XCTUnwrap(g.key(member: "m", node: "train"))
        let lock = runner.cache.lockFile(forKey: busy)
        try lock.lock()
        defer { lock.unlock() }
        let report = try runner.cache.collectGarbage(keeping: [], dryRun: false)
        XCTAssertEqual(report.inUse, [busy])
        XCTAssertEqual(runner.cache.allKeys(), [busy])
    }
}

final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Result<ProduceResult, Error>] = []
    func append(_ result: Result<ProduceResult, Error>) { lock.lock(); stored.append(result); lock.unlock() }
    var values: [Result<ProduceResult, Error>] { lock.lock(); defer { lock.unlock() }; return stored }
}
