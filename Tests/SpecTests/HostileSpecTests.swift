import XCTest
@testable import Spec

/// Spec text is untrusted input: whatever it says, the loader answers with `SpecErrors` (or specs),
/// never a crash. Fuzzer-found inputs are added here as they are fixed.
final class HostileSpecTests: XCTestCase {
    func testASweepWhoseMemberCountOverflowsIntIsRefusedNotATrap() {
        // 20 fields × 10 values: 10^20 members, more than Int.max. The count is checked before any
        // value is decoded, so the fields' types do not matter.
        let axes = Array(SpecSchema.fieldPaths.prefix(20))
        XCTAssertEqual(axes.count, 20, "the schema has at least 20 fields")
        let sweep = axes.map { "  \($0): [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]" }.joined(separator: "\n")
        let found = diagnostics(phantomData + "sweep:\n" + sweep + "\n")
        XCTAssertTrue(found.contains { $0.description.contains("values has more than 10000 members") },
                      found.map(\.description).joined(separator: "\n"))
    }
}
