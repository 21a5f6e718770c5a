import Foundation
import Imaging
import XCTest

/// The phantom is deterministic, varied, and statistically like a chest CT slice.
final class PhantomTests: XCTestCase {
    func testSameSeedAndIndexGiveIdenticalSlices() {
        let a = Phantom.slice(seed: 11, index: 4, size: 96)
        let b = Phantom.slice(seed: 11, index: 4, size: 96)
        XCTAssertEqual(a.image, b.image)
        XCTAssertEqual(a.mask, b.mask)
        XCTAssertNotEqual(Phantom.slice(seed: 11, index: 5, size: 96).mask, a.mask)
        XCTAssertNotEqual(Phantom.slice(seed: 12, index: 4, size: 96).mask, a.mask)
    }

    func testStatisticsLookLikeChestCT() {
        var fractions: [Double] = []
        var paddedSlices = 0
        for index in 0..<12 {
            let (image, mask) = Phantom.slice(seed: 5, index: index, size: 128)
            fractions.append(mask.foregroundFraction)
            XCTAssertEqual(Set(mask.pixels), [0, 1])
            XCTAssertTrue(image.pixels.allSatisfy { $0 == $0.rounded() && $0 >= -2048 && $0 <= 3071 }, "int16 HU")
            if image.range.lowerBound == -2048 { paddedSlices += 1 }
            let lung = zip(image.pixels, mask.pixels).filter { $0.1 == 1 }.map { Double($0.0) }
            let lungMean = lung.reduce(0, +) / Double(lung.count)
            XCTAssertTrue((-900 ... -700).contains(lungMean), "slice \(index): lung mean \(lungMean) HU")
            XCTAssertGreaterThan(image.range.upperBound, 300, "slice \(index): bone present")
            let components = mask.connectedComponents(connectivity: .eight)
            XCTAssertEqual(components.count, 2, "slice \(index): two lungs")
        }
        XCTAssertTrue(fractions.allSatisfy { (0.08...0.50).contains($0) }, "lung fractions \(fractions)")
        XCTAssertGreaterThan(fractions.max()! - fractions.min()!, 0.05, "lung size varies: \(fractions)")
        XCTAssertTrue((1...11).contains(paddedSlices), "some slices have field-of-view padding: \(paddedSlices)")
    }

    func testDatasetIsWrittenLikeTheRealOne() throws {
        let folder = try makeTemporaryFolder(self)
        let names = try Phantom.writeDataset(to: folder, count: 2, seed: 3, size: 64)
        XCTAssertEqual(names, ["PH_0000.tif", "PH_0001.tif"])
        let image = try ImageReader.read(path: folder + "/images/PH_0001.tif")
        let mask = try ImageReader.read(path: folder + "/masks/PH_0001.tif")
        XCTAssertEqual(image.source, ImageSource(format: .tiff, bitDepth: 16, sampleKind: .signedInteger))
        XCTAssertEqual(mask.source, ImageSource(format: .tiff, bitDepth: 8, sampleKind: .unsignedInteger))
        let expected = Phantom.slice(seed: 3, index: 1, size: 64)
        XCTAssertEqual(image.pixels, expected.image.pixels)
        XCTAssertEqual(mask.pixels, expected.mask.pixels)
    }
}
