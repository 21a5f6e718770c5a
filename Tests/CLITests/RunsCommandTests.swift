import Foundation
import RunsFixtures
import Stages
import XCTest

/// `pipeline runs` lists recorded runs, newest last, and says what to do when there are none.
final class RunsCommandTests: XCTestCase {
    func testListsRunsNewestLastOrExplainsAnEmptyFolder() throws {
        let runs = try FakeRunsFolder()
        defer { runs.remove() }
        let empty = try BuiltBinary.run(["runs", "--runs-dir", runs.root.path])
        XCTAssertEqual(empty.exitCode, 0)
        XCTAssertTrue(empty.stdout.hasPrefix("no runs recorded in"), empty.stdout)
        try runs.addEvaluatedRun(id: "new-1", started: "2025-05-02T10:00:00Z", dice: [("a", 0.8)])
        try runs.addEvaluatedRun(id: "old-1", started: "2025-05-01T10:00:00Z", dice: [("a", 0.9)])
        let listed = try BuiltBinary.run(["runs", "--runs-dir", runs.root.path])
        let lines = listed.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 3, listed.stdout)
        XCTAssertTrue(lines[1].hasPrefix("old-1") && lines[1].hasSuffix("0.9000       0.9000"), String(lines[1]))
        XCTAssertTrue(lines[2].hasPrefix("new-1"), String(lines[2]))
    }
}
