import Foundation
@testable import Pipeline
import XCTest

final class ContentHashTests: XCTestCase {
    func testHashOfBytesAndOfAStreamedFileAgree() throws {
        // SHA-256("abc") from FIPS 180-2, appendix B.1.
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        XCTAssertEqual(ContentHash.sha256Hex("abc"), abc)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        // Larger than one chunk, so the streaming path is exercised across chunk boundaries.
        let bytes = (0..<(ContentHash.chunkSize * 2 + 17)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(bytes).write(to: file)
        XCTAssertEqual(try ContentHash.sha256Hex(ofFile: file), ContentHash.sha256Hex(bytes))
        XCTAssertThrowsError(try ContentHash.sha256Hex(ofFile: file.appendingPathExtension("missing"))) {
            guard case .readFailed(let path, _) = $0 as? CacheError else { return XCTFail("\($0)") }
            XCTAssertTrue(path.hasSuffix(".missing"))
        }
    }
}
