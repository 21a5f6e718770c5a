import XCTest
@testable import Spec

/// The thin libyaml wrapper: nodes carry 1-based positions; quoting is kept.
final class YAMLTests: XCTestCase {
    func testNodesCarryOneBasedLineAndColumn() throws {
        let root = try XCTUnwrap(try YAML.parse("a: 1\nb:\n  - 'x'\n"))
        guard case .mapping(let pairs, _) = root else { return XCTFail("expected a mapping") }
        XCTAssertEqual(pairs[0].value, .scalar("1", quoted: false, YAMLMark(line: 1, column: 4)))
        guard case .sequence(let items, let mark) = pairs[1].value else { return XCTFail("expected a list") }
        XCTAssertEqual(mark, YAMLMark(line: 3, column: 3))
        XCTAssertEqual(items, [.scalar("x", quoted: true, YAMLMark(line: 3, column: 5))])
    }

    func testAliasesCopyTheAnchoredNode() throws {
        let root = try XCTUnwrap(try YAML.parse("a: &w [1, 2]\nb: *w\n"))
        guard case .mapping(let pairs, _) = root else { return XCTFail("expected a mapping") }
        guard case .sequence(let a, _) = pairs[0].value, case .sequence(let b, _) = pairs[1].value else {
            return XCTFail("expected lists")
        }
        XCTAssertEqual(a, b)
    }

    func testASecondDocumentIsAnError() {
        XCTAssertThrowsError(try YAML.parse("a: 1\n---\nb: 2\n")) { error in
            XCTAssertEqual((error as? YAMLError)?.mark.line, 2)
        }
    }

    func testEmptyTextHasNoDocument() throws {
        XCTAssertNil(try YAML.parse(""))
    }
}
