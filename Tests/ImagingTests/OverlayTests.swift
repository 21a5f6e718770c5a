import Foundation
import Imaging
import XCTest

/// Overlays: the colours land where the masks are.
final class OverlayTests: XCTestCase {
    func testTruthOutlineIsGreenAndPredictionIsTintedRed() {
        let image = Image(width: 5, height: 5, filledWith: -1000)
        var truth = Image(width: 5, height: 5), prediction = Image(width: 5, height: 5)
        for y in 1...3 { for x in 1...3 { truth[x, y] = 1 } }
        prediction[4, 4] = 1
        let rgb = Overlay.render(image: image, window: -1000...400, truth: truth, prediction: prediction)
        XCTAssertTrue(rgb[1, 1] == Overlay.truthColour, "outline pixel is green")
        XCTAssertTrue(rgb[2, 2] == (0, 0, 0), "inside of the truth is the windowed image (air is black)")
        XCTAssertTrue(rgb[4, 4] == (81, 14, 14), "black tinted 35 % towards (230, 40, 40): \(rgb[4, 4])")
    }

    func testStripHasThreePanelsAndWritesAsPNG() throws {
        let (image, mask) = Phantom.slice(seed: 1, index: 0, size: 32)
        let strip = Overlay.strip(image: image, truth: mask, prediction: mask, window: -1000...400)
        XCTAssertEqual([strip.width, strip.height], [32 * 3 + 8, 32])
        let path = try makeTemporaryFolder(self) + "/strip.png"
        try ImageWriter.writePNG(strip, to: path)
        XCTAssertEqual(try ImageReader.read(path: path).source.notes, ["RGB converted to luminance"])
    }
}
