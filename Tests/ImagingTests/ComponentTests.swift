import Imaging
import XCTest

/// Connected components, keep-largest and hole filling on masks drawn in the test.
final class ComponentTests: XCTestCase {
    /// Parses rows of "#" (foreground) and "." (background).
    func mask(_ rows: [String]) -> Image {
        Image(width: rows[0].count, height: rows.count, pixels: rows.joined().map { $0 == "#" ? 1 : 0 })
    }

    func testDiagonalNeighboursJoinOnlyWithEightConnectivity() {
        let diagonal = mask(["#..",
                             ".#.",
                             "..#"])
        XCTAssertEqual(diagonal.connectedComponents(connectivity: .four).sizes, [1, 1, 1])
        XCTAssertEqual(diagonal.connectedComponents(connectivity: .eight).sizes, [3])
    }

    func testLabelsAreNumberedInRasterOrder() {
        let two = mask(["##.#",
                        "...#"])
        let components = two.connectedComponents(connectivity: .four)
        XCTAssertEqual(components.labels, [1, 1, 0, 2, 0, 0, 0, 2])
        XCTAssertEqual(components.sizes, [2, 2])
    }

    func testKeepLargestDropsSmallIslands() {
        let islands = mask(["###..#",
                            "###...",
                            "....##"])
        XCTAssertEqual(islands.keepingLargestComponents(1, connectivity: .eight),
                       mask(["###...",
                             "###...",
                             "......"]))
        XCTAssertEqual(islands.keepingLargestComponents(2, connectivity: .eight),
                       mask(["###...",
                             "###...",
                             "....##"]))
        XCTAssertEqual(islands.keepingLargestComponents(0, connectivity: .eight).foregroundFraction, 0)
    }

    func testFillHolesFillsEnclosedBackgroundOnly() {
        let ring = mask(["#####.",
                         "#...#.",
                         "#.#.#.",
                         "#####.",
                         "......"])
        XCTAssertEqual(ring.fillingHoles(), mask(["#####.",
                                                  "#####.",
                                                  "#####.",
                                                  "#####.",
                                                  "......"]))
        let open = mask(["###",
                         "#..",
                         "###"])
        XCTAssertEqual(open.fillingHoles(), open, "a bay open to the border is not a hole")
    }

    func testDiagonalGapStillEnclosesAHole() {
        let diamond = mask([".#.",
                            "#.#",
                            ".#."])
        XCTAssertEqual(diamond.fillingHoles().pixels, [0, 1, 0, 1, 1, 1, 0, 1, 0])
    }
}
