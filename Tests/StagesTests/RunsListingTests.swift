import Foundation
import RunsFixtures
@testable import Stages
import XCTest

/// `pipeline runs`: one row per recorded run, newest last, Dice as recorded, failed runs shown.
final class RunsListingTests: XCTestCase {
    func testRowsAreOldestFirstWithRecordedDice() throws {
        let runs = try FakeRunsFolder()
        defer { runs.remove() }
        try runs.addEvaluatedRun(id: "late-1", started: "2025-05-03T10:00:00Z", dice: [("a", 0.9), ("b", 0.8)])
        try runs.addRun(runs.failedRun(id: "broken-1", started: "2025-05-02T10:00:00Z"))
        try runs.addEvaluatedRun(id: "early-1", started: "2025-05-01T10:00:00Z", dice: [("a", 0.5)])
        // Not a run: the cache and a folder without run.json are skipped.
        try FileManager.default.createDirectory(at: runs.root.appendingPathComponent("scratch"), withIntermediateDirectories: true)
        XCTAssertEqual(RunsTable.rows(runs.store.all()), [
            ["early-1", "baseline", "succeeded", "2025-05-01T10:00:00Z", "0.5000", "0.5000"],
            ["broken-1", "broken", "failed", "2025-05-02T10:00:00Z", "—", "—"],
            ["late-1", "baseline", "succeeded", "2025-05-03T10:00:00Z", "0.8500", "0.8500"],
        ])
        let lines = RunsTable.render(runs.store.all()).split(separator: "\n")
        XCTAssertEqual(lines.count, 4)
        XCTAssertTrue(lines[0].hasPrefix("id ") && lines[0].hasSuffix("pooled Dice"), String(lines[0]))
        XCTAssertTrue(lines[3].hasPrefix("late-1") && lines[3].hasSuffix("0.8500"), String(lines[3]))
    }
}
