import Foundation
import Pipeline
import RunsFixtures
import XCTest
@testable import Stages

/// Run folders cannot lose a run: ids are unique under concurrency, a record exists from the start,
/// a killed run is listed as interrupted, an unreadable record is named, and gc keeps what they need.
final class RunStoreTests: XCTestCase {
    var runs: FakeRunsFolder!
    override func setUpWithError() throws { runs = try FakeRunsFolder() }
    override func tearDown() { runs.remove() }

    func testRunsStartedInTheSameSecondByManyThreadsGetTheirOwnFolders() throws {
        let started = Date(timeIntervalSince1970: 1_750_000_000)
        let ids = ConcurrentIDs()
        DispatchQueue.concurrentPerform(iterations: 12) { _ in
            if let folder = try? runs.store.reserve(member: "sweep/lr=0.001", started: started) { ids.add(folder.id); folder.release() }
        }
        XCTAssertEqual(ids.all.count, 12)
        XCTAssertEqual(Set(ids.all).count, 12, "\(ids.all)")
        XCTAssertTrue(ids.all.contains("sweep-lr=0.001-20250615-150640"), "\(ids.all)")
    }

    func testAHeldRunIsRunningAndAReleasedOneWithARunningRecordIsInterrupted() throws {
        let record = try runs.addEvaluatedRun(id: "placeholder", started: "2025-05-01T10:00:00Z", dice: [("a", 0.9)])
        let folder = try runs.store.reserve(member: "killed", started: Date())
        var running = record
        (running.id, running.status) = (folder.id, .running)
        try runs.store.write(running)
        XCTAssertEqual(try runs.store.read(id: folder.id).status, .running)
        folder.release()   // as the kernel does when the process is killed
        let read = try runs.store.read(id: folder.id)
        XCTAssertEqual(read.status, .interrupted)
        XCTAssertTrue(read.failure?.contains("rerun its spec to resume") ?? false)
        XCTAssertTrue(RunsTable.render(runs.store.all()).contains("interrupted"))

        // gc keeps an interrupted run's entries and its resume checkpoints.
        let work = runs.cache.workDirectory(forKey: record.stageKeys["train"]!)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try runs.store.write(try { var r = try runs.store.read(id: folder.id); r.stageKeys = ["train": record.stageKeys["train"]!]; r.status = .running; return r }())
        try FileManager.default.removeItem(at: runs.store.directory(for: "placeholder"))
        let collected = try CacheCollection.collect(runsRoot: runs.root, dryRun: false)
        XCTAssertFalse(collected.entries.contains { $0.key == record.stageKeys["train"]! }, "\(collected.entries)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: work.path), "a killed run's resume checkpoint is kept")
        XCTAssertTrue(collected.kept.contains { $0.contains(folder.id) && $0.contains("interrupted") }, "\(collected.kept)")
    }

    func testAnUnreadableRecordIsListedAndNamedAndGCKeepsTheKeysItMentions() throws {
        let record = try runs.addEvaluatedRun(id: "broken-json", started: "2025-05-01T10:00:00Z", dice: [("a", 0.9)])
        let file = runs.store.directory(for: record.id).appendingPathComponent(RunStore.recordFileName)
        let text = try String(contentsOf: file)
        try String(text.dropFirst(3)).write(to: file, atomically: true, encoding: .utf8)

        let (records, unreadable) = runs.store.scan()
        XCTAssertTrue(records.isEmpty)
        XCTAssertEqual(unreadable.map(\.id), ["broken-json"])
        XCTAssertThrowsError(try runs.store.find("broken-json")) {
            XCTAssertTrue("\($0)".hasPrefix(file.path) && "\($0)".contains("cannot be read"), "\($0)")
        }
        let collected = try CacheCollection.collect(runsRoot: runs.root, dryRun: true)
        XCTAssertEqual(collected.entries, [], "every key the damaged record names is kept")
        XCTAssertTrue(collected.kept.contains { $0.contains(file.path) }, "\(collected.kept)")
        let check = try RunsFolderCheck.run(runsRoot: runs.root, repair: true)
        XCTAssertFalse(check.isClean, "an unreadable record needs a person")
        XCTAssertTrue(check.text.contains("needs you: run folder \(file.path)"), check.text)
    }

    func testAFolderWithoutARecordIsListedNotDropped() throws {
        try FileManager.default.createDirectory(at: runs.root.appendingPathComponent("half-made"), withIntermediateDirectories: true)
        XCTAssertEqual(runs.store.scan().unreadable.map(\.id), ["half-made"])
        XCTAssertTrue(runs.store.scan().unreadable[0].reason.contains("no run.json"))
    }
}

/// Ids collected from several threads.
final class ConcurrentIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [String] = []
    func add(_ id: String) { lock.lock(); ids.append(id); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return ids }
}
