import Imaging
import XCTest

/// The overlay of a suspect mask: image | mask over it, small enough for a report.
final class MaskPanelsTests: XCTestCase {
    func testTwoPanelsFourBlackColumnsApartWithTheMaskGreenOnTheRight() {
        let (image, mask) = Phantom.slice(seed: 2, index: 0, size: 64)
        let rgb = Overlay.maskPanels(image: image, mask: mask)
        XCTAssertEqual(rgb.width, 64 * 2 + 4)
        XCTAssertEqual(rgb.height, 64)
        let i = try! XCTUnwrap(mask.pixels.indices.first { mask.pixels[$0] != 0 })
        let (x, y) = (i % 64, i / 64)
        let left = rgb[x, y], right = rgb[x + 68, y]
        XCTAssertEqual(left.r, left.g, "the left panel is gray")
        XCTAssertGreaterThan(Int(right.g), Int(right.r), "the mask is drawn green on the right")
        XCTAssertEqual(rgb[65, y].g, 0, "the gap is black")
    }

    func testALargeSliceIsScaledDownToTheLongestSide() {
        let (image, mask) = Phantom.slice(seed: 2, index: 0, size: 512)
        let rgb = Overlay.maskPanels(image: image, mask: mask, maxSide: 256)
        XCTAssertEqual(rgb.width, 256 * 2 + 4)
        XCTAssertEqual(rgb.height, 256)
    }
}
