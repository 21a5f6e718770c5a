import Foundation
import RunsFixtures
import Stages
import XCTest

/// `pipeline gc --dry-run` lists and keeps; `pipeline gc` removes only unreferenced entries.
final class GCCommandTests: XCTestCase {
    func testDryRunThenRealCollection() throws {
        let runs = try FakeRunsFolder()
        defer { runs.remove() }
        try runs.addEvaluatedRun(id: "base-1", started: "2025-05-01T10:00:00Z", dice: [("a", 0.9)])
        let orphan = try runs.addEntry(stage: "evaluate", files: ["case-metrics.json": Data("{}".utf8)])
        let entry = runs.cache.entryDirectory(forKey: orphan).path
        let dry = try BuiltBinary.run(["gc", "--dry-run", "--runs-dir", runs.root.path])
        XCTAssertEqual(dry.exitCode, 0, dry.stderr)
        XCTAssertTrue(dry.stdout.hasPrefix("would remove \(orphan.prefix(12))  evaluate  "), dry.stdout)
        XCTAssertTrue(dry.stdout.contains("would free"), dry.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: entry))
        let real = try BuiltBinary.run(["gc", "--runs-dir", runs.root.path])
        XCTAssertEqual(real.exitCode, 0, real.stderr)
        XCTAssertTrue(real.stdout.hasPrefix("removed \(orphan.prefix(12))  evaluate  ") && real.stdout.contains("freed "), real.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: entry))
        let again = try BuiltBinary.run(["gc", "--runs-dir", runs.root.path])
        XCTAssertEqual(again.stdout, "nothing to remove: every cache entry belongs to a recorded run\n")
    }
}
