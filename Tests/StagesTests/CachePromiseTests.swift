import Foundation
import Pipeline
import XCTest
@testable import Stages

/// "Cached" is a promise: a missing or damaged entry is rebuilt, never reported as cached, and the
/// rebuilt result is the same as the original.
final class CachePromiseTests: XCTestCase {
    func entry(_ result: ExperimentResult, _ stage: String, runs: URL) throws -> URL {
        StageCache(root: runs).entryDirectory(forKey: try XCTUnwrap(result.members[0].record.stageKeys[stage]))
    }

    func testADeletedTrainEntryIsRebuiltToTheSameModel() throws {
        let sandbox = try ExperimentSandbox()
        try sandbox.writeSpec()
        let first = try sandbox.experiment().run()
        let model = try Data(contentsOf: entry(first, "train", runs: sandbox.runs).appendingPathComponent(EntryFiles.model))
        try FileManager.default.removeItem(at: entry(first, "train", runs: sandbox.runs))

        let again = try sandbox.experiment()
        XCTAssertEqual(again.plan().items.first { $0.stage == "train" }?.explanation, "no cache entry")
        let second = try again.run()
        XCTAssertTrue(second.succeeded, "\(second.members.map(\.record.failure))")
        XCTAssertEqual(second.summary.ranCount, 1, "only train is rebuilt; its dependents' entries are intact")
        XCTAssertEqual(try Data(contentsOf: entry(second, "train", runs: sandbox.runs).appendingPathComponent(EntryFiles.model)), model)
        XCTAssertNoThrow(try TrainedRun.load(second.members[0].record.id, runsRoot: sandbox.runs))
    }

    func testATruncatedModelIsAMissWithAWarningNamingTheFile() throws {
        let sandbox = try ExperimentSandbox()
        try sandbox.writeSpec()
        let first = try sandbox.experiment().run()
        let file = try entry(first, "train", runs: sandbox.runs).appendingPathComponent(EntryFiles.model)
        try Data(try Data(contentsOf: file).prefix(100)).write(to: file)
        var warnings: [String] = []
        let second = try sandbox.experiment().run { warnings.append($0) }
        XCTAssertTrue(second.succeeded)
        XCTAssertTrue(warnings.contains { $0.contains("corrupt") && $0.contains(EntryFiles.model) }, "\(warnings)")
        XCTAssertNoThrow(try TrainedRun.load(second.members[0].record.id, runsRoot: sandbox.runs))
    }

    func testASameSizeEditOfAnEvaluateOutputIsFoundByCheckAndRebuiltByVerify() throws {
        let sandbox = try ExperimentSandbox()
        try sandbox.writeSpec()
        let first = try sandbox.experiment().run()
        XCTAssertTrue(try RunsFolderCheck.run(runsRoot: sandbox.runs, repair: false).isClean)
        let file = try entry(first, "evaluate", runs: sandbox.runs).appendingPathComponent(EntryFiles.caseMetrics)
        var text = try String(contentsOf: file)
        text = text.replacingOccurrences(of: "\"dice\" : 0.", with: "\"dice\" : 9.")
        try text.write(to: file, atomically: true, encoding: .utf8)

        let check = try RunsFolderCheck.run(runsRoot: sandbox.runs, repair: false)
        XCTAssertFalse(check.isClean)
        XCTAssertTrue(check.text.contains("damaged entry") && check.text.contains(EntryFiles.caseMetrics), check.text)
        let verified = try sandbox.experiment().run(verifyHashes: true)
        XCTAssertTrue(verified.succeeded)
        XCTAssertTrue(try RunsFolderCheck.run(runsRoot: sandbox.runs, repair: false).isClean)
    }

    func testRepairRemovesDamageAndUnfinishedTemporariesAndTheNextRunRebuilds() throws {
        let sandbox = try ExperimentSandbox()
        try sandbox.writeSpec()
        let first = try sandbox.experiment().run()
        let history = try entry(first, "train", runs: sandbox.runs).appendingPathComponent(EntryFiles.history)
        try Data(repeating: 32, count: try Data(contentsOf: history).count).write(to: history)
        let leftover = sandbox.runs.appendingPathComponent("cache/tmp/\(first.members[0].record.stageKeys["report"]!).dead")
        try FileManager.default.createDirectory(at: leftover, withIntermediateDirectories: true)

        let repaired = try RunsFolderCheck.run(runsRoot: sandbox.runs, repair: true)
        XCTAssertEqual(repaired.problems.count, 2, repaired.text)
        XCTAssertTrue(repaired.isClean, repaired.text)
        XCTAssertFalse(FileManager.default.fileExists(atPath: leftover.path))
        XCTAssertEqual(try sandbox.experiment().plan().items.first { $0.stage == "train" }?.explanation, "no cache entry")
        XCTAssertTrue(try sandbox.experiment().run().succeeded)
        XCTAssertTrue(try RunsFolderCheck.run(runsRoot: sandbox.runs, repair: false).isClean)
    }
}
