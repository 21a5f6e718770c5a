import Foundation
import Imaging
import Randomness
import XCTest

/// Bad files give an ImageError that names the file, never a crash or a line on stderr.
final class ImageFileErrorTests: XCTestCase {
    func testMissingFileIsUnreadable() {
        XCTAssertThrowsError(try ImageReader.read(path: "/nonexistent/x.tif")) { error in
            XCTAssertEqual(error as? ImageError, .unreadable(path: "/nonexistent/x.tif", reason: "no such file"))
        }
    }

    func testXMLFileIsNamedWithItsLeadingBytes() throws {
        let path = try makeTemporaryFolder(self) + "/x.tif"
        try Data("<?xml version=\"1.0\"?>".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try ImageReader.read(path: path)) { error in
            XCTAssertEqual(error as? ImageError, .unknownFormat(path: path, leadingBytes: "0x3C3F786D…"))
            XCTAssertEqual("\(error)", "\(path): not a PNG or TIFF file (starts with 0x3C3F786D…); "
                           + "re-export it as PNG or TIFF")
        }
    }

    func testCorruptTIFFHeaderNamesTheFile() throws {
        let path = try makeTemporaryFolder(self) + "/bad.tif"
        try Data([0x49, 0x49, 42, 0, 0xFF, 0xFF, 0xFF, 0x7F] + [UInt8](repeating: 0xAB, count: 40))
            .write(to: URL(fileURLWithPath: path))
        assertCorrupt(path)
    }

    func testTruncatedTIFFNamesTheFile() throws {
        try assertTruncatedFileIsCorrupt(name: "cut.tif") { image, path in
            try ImageWriter.writeTIFF(image, to: path, sampleType: .int16, compression: .lzw)
        }
    }

    func testTruncatedPNGNamesTheFile() throws {
        try assertTruncatedFileIsCorrupt(name: "cut.png") { image, path in
            try ImageWriter.writePNG(image, to: path, bitDepth: .sixteen)
        }
    }

    func testCorruptPNGNamesTheFile() throws {
        let path = try makeTemporaryFolder(self) + "/bad.png"
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        bytes += [UInt8](repeating: 0x11, count: 64)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        assertCorrupt(path)
    }

    func testEmptyFileIsUnknownFormat() throws {
        let path = try makeTemporaryFolder(self) + "/empty.png"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data()))
        XCTAssertThrowsError(try ImageReader.read(path: path)) { error in
            XCTAssertEqual(error as? ImageError, .unknownFormat(path: path, leadingBytes: "nothing: the file is empty"))
        }
    }

    // MARK: helpers

    private func assertTruncatedFileIsCorrupt(name: String, write: (Imaging.Image, String) throws -> Void) throws {
        let path = try makeTemporaryFolder(self) + "/" + name
        var noise = SplitMix64(seed: 3)
        let pixels = (0..<64 * 64).map { _ in Float(noise.next() % 2000) }
        try write(Imaging.Image(width: 64, height: 64, pixels: pixels), path)
        let full = try Data(contentsOf: URL(fileURLWithPath: path))
        try full.prefix(full.count / 2).write(to: URL(fileURLWithPath: path))
        assertCorrupt(path)
    }

    private func assertCorrupt(_ path: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try ImageReader.read(path: path), file: file, line: line) { error in
            guard case let .corrupt(reported, detail)? = error as? ImageError else {
                return XCTFail("expected ImageError.corrupt, got \(error)", file: file, line: line)
            }
            XCTAssertEqual(reported, path, file: file, line: line)
            XCTAssertFalse(detail.isEmpty, "the decoder's reason is kept", file: file, line: line)
            XCTAssertTrue("\(error)".hasPrefix(path + ": corrupt"), file: file, line: line)
        }
    }
}
