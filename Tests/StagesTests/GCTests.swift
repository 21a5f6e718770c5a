import Foundation
import RunsFixtures
import Pipeline
@testable import Stages
import XCTest

/// `pipeline gc`: entries no run record names go, with their stage and size; a dry run deletes nothing.
final class GCTests: XCTestCase {
    func testDryRunListsUnreferencedEntriesAndRealRunRemovesOnlyThem() throws {
        let runs = try FakeRunsFolder()
        defer { runs.remove() }
        let kept = try runs.addEvaluatedRun(id: "base-1", started: "2025-05-01T10:00:00Z", dice: [("a", 0.9)])
        let orphan = try runs.addEntry(stage: "train", files: ["model.safetensors": Data(count: 3000)])
        // A failed run's entries stay: its run.json still names them.
        let failedKey = try runs.addEntry(stage: "preprocess", files: ["images.f32": Data(count: 10)])
        try runs.addRun(runs.failedRun(id: "broken-1", started: "2025-05-02T10:00:00Z", stageKeys: ["preprocess": failedKey]))

        let dry = try CacheCollection.collect(runsRoot: runs.root, dryRun: true)
        XCTAssertEqual(dry.entries.map(\.key), [orphan])
        XCTAssertEqual(dry.entries.first?.stage, "train")
        XCTAssertGreaterThanOrEqual(dry.entries.first?.bytes ?? 0, 3000)
        XCTAssertTrue(FileManager.default.fileExists(atPath: runs.cache.entryDirectory(forKey: orphan).path), "dry run deletes nothing")
        let text = CacheCollection.render(dry.entries, inUse: dry.inUse, dryRun: true)
        XCTAssertTrue(text.hasPrefix("would remove \(orphan.prefix(12))  train  "), text)
        XCTAssertTrue(text.contains("would free") && text.contains("(\(dry.entries[0].bytes) bytes) in 1 folders"), text)

        let real = try CacheCollection.collect(runsRoot: runs.root, dryRun: false)
        XCTAssertEqual(real.entries, dry.entries, "the real run removes what the dry run listed")
        XCTAssertFalse(FileManager.default.fileExists(atPath: runs.cache.entryDirectory(forKey: orphan).path))
        for key in Array(kept.stageKeys.values) + [failedKey] {
            guard case .valid = runs.cache.inspect(key: key) else { return XCTFail("referenced entry \(key) was touched") }
        }
        XCTAssertEqual(try CacheCollection.collect(runsRoot: runs.root, dryRun: false).entries, [])
        XCTAssertEqual(CacheCollection.render([], inUse: [], dryRun: false),
                       "nothing to remove: every cache entry belongs to a recorded run\n")
    }

    /// A run holds the runs folder shared until its records are written; gc must not delete the
    /// entries it has just computed, so it refuses while the run is in progress, and a dry run still lists.
    func testRefusesWhileARunIsInProgress() throws {
        let runs = try FakeRunsFolder()
        defer { runs.remove() }
        let fresh = try runs.addEntry(stage: "train", files: ["model.safetensors": Data(count: 10)])
        let running = RunsFolderLock(runsRoot: runs.root)
        try running.acquireShared()
        XCTAssertThrowsError(try CacheCollection.collect(runsRoot: runs.root, dryRun: false)) { error in
            XCTAssertEqual(error as? GarbageCollectionError, .runInProgress(runsRoot: runs.root.path))
        }
        XCTAssertEqual(try CacheCollection.collect(runsRoot: runs.root, dryRun: true).entries.map(\.key), [fresh])
        running.release()
        XCTAssertEqual(try CacheCollection.collect(runsRoot: runs.root, dryRun: false).entries.map(\.key), [fresh])
    }

    func testSizesReadInBinaryUnits() {
        XCTAssertEqual(CacheCollection.byteText(512), "512 B")
        XCTAssertEqual(CacheCollection.byteText(1536), "1.5 KiB")
        XCTAssertEqual(CacheCollection.byteText(3 * 1024 * 1024), "3.0 MiB")
    }
}
