import Foundation
import RunsFixtures
@testable import Stages
import XCTest

final class RunsFolderFixtureTests: XCTestCase {
    /// The fixture is only worth something if the engine accepts its entries as committed ones.
    func testFakeEntriesAreValidCacheEntriesAndRunsAreReadable() throws {
        let runs = try FakeRunsFolder()
        defer { runs.remove() }
        let record = try runs.addEvaluatedRun(id: "baseline-1", started: "2025-05-01T10:00:00Z", dice: [("a", 0.9)])
        for key in record.stageKeys.values {
            guard case .valid = runs.cache.inspect(key: key) else { return XCTFail("entry \(key) is not valid") }
        }
        XCTAssertEqual(try runs.store.find("baseline"), record)
    }
}
