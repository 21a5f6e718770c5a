import Foundation
import Imaging
import XCTest

/// Reads a few slices of the real dataset (../shared/data/lung-ct beside the package), as a user gets them.
final class RealDataTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath)  // Tests/ImagingTests/RealDataTests.swift
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/lung-ct").path

    func testThreeRealSlicesAreInt16HUWithBinaryMasks() throws {
        let images = RealDataTests.folder + "/images", masks = RealDataTests.folder + "/masks"
        guard FileManager.default.fileExists(atPath: images) else {
            throw XCTSkip("real dataset not found at \(RealDataTests.folder); it lives beside the project as ../shared/data/lung-ct")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: images).filter { $0.hasSuffix(".tif") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 3)
        for name in names.prefix(3) {
            let image = try ImageReader.read(path: images + "/" + name)
            let mask = try ImageReader.read(path: masks + "/" + name)
            XCTAssertEqual([image.width, image.height, mask.width, mask.height], [512, 512, 512, 512], name)
            XCTAssertEqual(image.source, ImageSource(format: .tiff, bitDepth: 16, sampleKind: .signedInteger), name)
            XCTAssertTrue(image.range.lowerBound >= -3024 && image.range.upperBound > 300, "\(name): \(image.range)")
            XCTAssertEqual(Set(mask.pixels), [0, 1], name)
            try mask.checkBinaryMask(path: name)
            XCTAssertTrue((0.05...0.6).contains(mask.foregroundFraction), "\(name): \(mask.foregroundFraction)")
        }
    }
}
