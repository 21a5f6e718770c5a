import Foundation
import XCTest
@testable import Pipeline

final class StageCacheTests: XCTestCase {
    var runs: URL!
    override func setUpWithError() throws { runs = try makeRunsFolder() }
    override func tearDown() { removeRunsFolder(runs) }

    func testAHitDoesNotRunTheStage() throws {
        let counter = RunCounter()
        let runner = Runner(runsRoot: runs)
        let g = try graph(["m": chain(counter: counter)])
        let first = runner.run(g)
        XCTAssertEqual(first.ranCount, 3)
        XCTAssertEqual(counter.total, 3)
        let second = runner.run(g)
        XCTAssertEqual(second.cachedCount, 3)
        XCTAssertEqual(counter.total, 3, "a cached stage must not run again")
        XCTAssertTrue(runner.plan(g).items.allSatisfy { $0.explanation.hasPrefix("cached ") })
    }

    func testEntryHoldsOutputsAndAManifest() throws {
        let counter = RunCounter()
        let runner = Runner(runsRoot: runs)
        let g = try graph(["m": chain(counter: counter)])
        _ = runner.run(g)
        let key = try XCTUnwrap(g.key(member: "m", node: "train"))
        let directory = runner.cache.entryDirectory(forKey: key)
        XCTAssertEqual(directory.path, runs.path + "/cache/\(key.prefix(2))/\(key)")
        guard case let .valid(entry) = runner.cache.inspect(key: key) else { return XCTFail("no entry") }
        let text = try Data(contentsOf: directory.appendingPathComponent("out.txt"))
        XCTAssertEqual(entry.outputs, [OutputFile(path: "out.txt", bytes: text.count, sha256: ContentHash.sha256Hex(text))])
        XCTAssertEqual(entry.identity.params, ["train.lr": 0.001, "train.epochs": 3])
        XCTAssertEqual(entry.identity.inputs["preprocess"], g.key(member: "m", node: "preprocess"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: runner.cache.workDirectory(forKey: key).path),
                       "the work folder is removed once the entry is committed")
    }

    func testAStageThatThrowsMidwayLeavesNoEntryButKeepsItsWorkFolder() throws {
        let cache = StageCache(root: runs)
        let stage = try single { context in
            try Data("partial".utf8).write(to: context.outputDirectory.appendingPathComponent("model.bin"))
            try Data("epoch 3".utf8).write(to: context.workDirectory.appendingPathComponent("checkpoint"))
            throw StageFailedOnPurpose()
        }
        XCTAssertThrowsError(try cache.produce(stage, inputDirectories: [:]))
        XCTAssertEqual(cache.inspect(key: stage.key), .absent)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cache.temporaryDirectory.path), [],
                       "the temporary folder of a failed stage is removed")
        let checkpoint = cache.workDirectory(forKey: stage.key).appendingPathComponent("checkpoint")
        XCTAssertEqual(try String(contentsOf: checkpoint, encoding: .utf8), "epoch 3", "kept for resuming")
    }

    func testARetryResumesFromTheWorkFolderWhichIsRemovedOnCommit() throws {
        let cache = StageCache(root: runs)
        var attempts = 0
        var resumedFrom: String?
        let stage = try single { context in
            attempts += 1
            let checkpoint = context.workDirectory.appendingPathComponent("checkpoint")
            resumedFrom = try? String(contentsOf: checkpoint, encoding: .utf8)
            try Data("epoch \(attempts)".utf8).write(to: checkpoint)
            if attempts == 1 { throw StageFailedOnPurpose() }   // killed after epoch 1
            try Data("model".utf8).write(to: context.outputDirectory.appendingPathComponent("model.bin"))
        }
        XCTAssertThrowsError(try cache.produce(stage, inputDirectories: [:]))
        _ = try cache.produce(stage, inputDirectories: [:])
        XCTAssertEqual(resumedFrom, "epoch 1")
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache.workDirectory(forKey: stage.key).path))
    }

    func testALeftoverTemporaryFolderIsIgnoredThenCleanedWithAWarning() throws {
        let cache = StageCache(root: runs)
        let counter = RunCounter()
        let stage = try single { context in
            counter.tick("s")
            try Data("done".utf8).write(to: context.outputDirectory.appendingPathComponent("out"))
        }
        // What a kill -9 mid-write leaves: a temp folder with outputs but never renamed into place.
        let leftover = cache.temporaryDirectory.appendingPathComponent("\(stage.key).deadbeef")
        try FileManager.default.createDirectory(at: leftover, withIntermediateDirectories: true)
        try Data("half".utf8).write(to: leftover.appendingPathComponent("out"))
        XCTAssertEqual(cache.inspect(key: stage.key), .absent, "a temporary folder never looks like an entry")
        var warnings: [CacheWarning] = []
        guard case .computed = try cache.produce(stage, inputDirectories: [:], warn: { warnings.append($0) }) else {
            return XCTFail("expected the stage to run")
        }
        XCTAssertEqual(warnings, [.leftoverTemporaries(key: stage.key, count: 1)])
        XCTAssertFalse(FileManager.default.fileExists(atPath: leftover.path))
        XCTAssertEqual(counter.total, 1)
    }

    func testCorruptEntriesAreAWarningAndAMiss() throws {
        let corruptions: [(String, (URL) throws -> Void)] = [
            ("entry.json is missing", { try FileManager.default.removeItem(at: $0.appendingPathComponent("entry.json")) }),
            ("entry.json is unreadable", { try Data("{\"key\":".utf8).write(to: $0.appendingPathComponent("entry.json")) }),
            ("output out should be 4 bytes, found 2 bytes", { try Data("do".utf8).write(to: $0.appendingPathComponent("out")) }),
            ("output out should be 4 bytes, found missing", { try FileManager.default.removeItem(at: $0.appendingPathComponent("out")) }),
        ]
        for (expected, corrupt) in corruptions {
            let cache = StageCache(root: runs)
            let counter = RunCounter()
            let stage = try single(name: expected) { context in
                counter.tick("s")
                try Data("done".utf8).write(to: context.outputDirectory.appendingPathComponent("out"))
            }
            _ = try cache.produce(stage, inputDirectories: [:])
            try corrupt(cache.entryDirectory(forKey: stage.key))
            guard case let .corrupt(reason) = cache.inspect(key: stage.key) else { return XCTFail(expected) }
            XCTAssertTrue(reason.hasPrefix(expected), "\(reason) should start with \(expected)")
            var warnings: [CacheWarning] = []
            guard case .computed = try cache.produce(stage, inputDirectories: [:], warn: { warnings.append($0) }) else {
                return XCTFail("a corrupt entry must be a miss: \(expected)")
            }
            XCTAssertEqual(warnings, [.corruptEntry(key: stage.key, reason: reason)])
            XCTAssertEqual(counter.total, 2)
            guard case .valid = cache.inspect(key: stage.key) else { return XCTFail("not recomputed: \(expected)") }
        }
    }

    func testAStageMayNotWriteTheCacheRecordName() throws {
        let cache = StageCache(root: runs)
        let stage = try single { try Data("{}".utf8).write(to: $0.outputDirectory.appendingPathComponent("entry.json")) }
        XCTAssertThrowsError(try cache.produce(stage, inputDirectories: [:])) {
            XCTAssertEqual($0 as? CacheError, .reservedOutputName(stage: "solo", name: "entry.json"))
        }
        XCTAssertEqual(cache.inspect(key: stage.key), .absent)
    }

    func testAnUnwritableCacheIsATypedErrorNamingThePath() throws {
        // A regular file where the shard folder should be: the commit cannot create it.
        let cache = StageCache(root: runs)
        let stage = try single { try Data("x".utf8).write(to: $0.outputDirectory.appendingPathComponent("out")) }
        let shard = cache.entryDirectory(forKey: stage.key).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: cache.cacheDirectory, withIntermediateDirectories: true)
        try Data().write(to: shard)
        XCTAssertThrowsError(try cache.produce(stage, inputDirectories: [:])) { error in
            guard case let .writeFailed(path, _) = error as? CacheError else { return XCTFail("\(error)") }
            XCTAssertTrue(path.hasPrefix(shard.path), path)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cache.temporaryDirectory.path), [])
    }

    /// One stage with no inputs, resolved through a graph like every real stage.
    private func single(name: String = "solo", _ run: @escaping (StageContext) throws -> Void) throws -> ResolvedStage {
        var g = PipelineGraph()
        try g.add(member: "m", nodes: [StageNode(id: "solo", stage: "solo", codeVersion: 1, params: ["case": .string(name)], run: run)])
        return g.stages[0]
    }
}
