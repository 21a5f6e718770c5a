import Imaging
import XCTest

/// Resizing and intensity maps on arrays small enough to check by hand.
final class ResizeAndIntensityTests: XCTestCase {
    func testBilinearUpsamplingMatchesPyTorchAlignCornersFalse() {
        // torch.nn.functional.interpolate([[0, 4]], size=4, mode="linear", align_corners=False) = [0, 1, 3, 4]
        let row = Image(width: 2, height: 1, pixels: [0, 4])
        XCTAssertEqual(row.resizedBilinear(width: 4, height: 1).pixels, [0, 1, 3, 4])
    }

    func testBilinearDownsamplingAveragesPairs() {
        // 4×2 → 2×1: each output centre falls between two inputs in x and two in y.
        let image = Image(width: 4, height: 2, pixels: [0, 2, 4, 6,
                                                        10, 12, 14, 16])
        XCTAssertEqual(image.resizedBilinear(width: 2, height: 1).pixels, [6, 10])
    }

    func testSameSizeResizeIsExact() {
        let image = rampImage(width: 5, height: 3, from: -1000, to: 3000)
        XCTAssertEqual(image.resizedBilinear(width: 5, height: 3), image)
        XCTAssertEqual(image.resizedNearest(width: 5, height: 3), image)
    }

    func testNearestKeepsLabelsAndIsCentreAligned() {
        let mask = Image(width: 4, height: 1, pixels: [0, 1, 1, 0])
        // output o takes input floor((o + 0.5) · 2) = 1, 3
        XCTAssertEqual(mask.resizedNearest(width: 2, height: 1).pixels, [1, 0])
        let twice = mask.resizedNearest(width: 8, height: 1)
        XCTAssertEqual(twice.pixels, [0, 0, 1, 1, 1, 1, 0, 0])
        XCTAssertTrue(Set(Image(width: 3, height: 3, pixels: [0, 1, 0, 1, 1, 1, 0, 1, 0])
            .resizedNearest(width: 7, height: 5).pixels).isSubset(of: [0, 1]))
    }

    func testWindowMapsToUnitIntervalAndClamps() {
        let hu = Image(width: 5, height: 1, pixels: [-2000, -1000, -300, 400, 3000])
        XCTAssertEqual(hu.windowed(low: -1000, high: 400).pixels, [0, 0, 0.5, 1, 1])
    }

    func testEightBitScaling() {
        XCTAssertEqual(Image(width: 3, height: 1, pixels: [0, 51, 255]).scaledFrom8Bit().pixels, [0, 0.2, 1])
    }

    func testBinarizationAndThreshold() {
        let values = Image(width: 4, height: 1, pixels: [0, 1, 255, -3])
        XCTAssertEqual(values.binarized().pixels, [0, 1, 1, 1])
        XCTAssertEqual(Image(width: 3, height: 1, pixels: [0.2, 0.5, 0.9]).thresholded(at: 0.5).pixels, [0, 1, 1])
    }

    func testBinaryMaskCheckAcceptsBothConventionsAndNamesOffenders() throws {
        try Image(width: 3, height: 1, pixels: [0, 1, 1]).checkBinaryMask(path: "m.tif")
        try Image(width: 3, height: 1, pixels: [0, 255, 0]).checkBinaryMask(path: "m.tif")
        XCTAssertThrowsError(try Image(width: 4, height: 1, pixels: [0, 1, 2, 128]).checkBinaryMask(path: "m.tif")) {
            XCTAssertEqual($0 as? ImageError, .notBinary(path: "m.tif", offending: [2, 128]))
        }
        XCTAssertThrowsError(try Image(width: 3, height: 1, pixels: [0, 1, 255]).checkBinaryMask(path: "m.tif")) {
            XCTAssertEqual($0 as? ImageError, .notBinary(path: "m.tif", offending: [255]))
        }
    }

    func testSizeCheckNamesBothFiles() {
        let image = Image(width: 4, height: 4), mask = Image(width: 4, height: 3)
        XCTAssertThrowsError(try image.checkSameSize(as: mask, imageName: "images/a.tif", maskName: "masks/a.tif")) {
            XCTAssertEqual("\($0)", "images/a.tif is 4×4 but masks/a.tif is 4×3; image and mask must have the same size")
        }
    }
}
