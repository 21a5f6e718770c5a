import Imaging
import XCTest

/// The facts on images small enough to check by hand.
final class MaskFactsTests: XCTestCase {
    /// 6×6: air (−1000) around a 4×4 body of tissue (0) whose centre 2×2 is lung (−800).
    let image: Imaging.Image = {
        var image = Imaging.Image(width: 6, height: 6, filledWith: -1000)
        for y in 1...4 { for x in 1...4 { image[x, y] = 0 } }
        for y in 2...3 { for x in 2...3 { image[x, y] = -800 } }
        return image
    }()

    func testTheBodyIsTheLargestTissueRegionWithItsHolesFilled() {
        let body = image.bodyRegion()
        XCTAssertEqual(body.pixels.reduce(0, +), 16, "4×4 body including the 2×2 lung hole")
        XCTAssertEqual(body[0, 0], 0)
        XCTAssertEqual(body[2, 2], 1)
    }

    func testAMaskOnTheLungIsInsideTheBodyAndCoversAllItsAir() {
        var mask = Imaging.Image(width: 6, height: 6)
        for y in 2...3 { for x in 2...3 { mask[x, y] = 1 } }
        let facts = MaskFacts.measure(image: image, mask: mask)
        XCTAssertEqual(facts.lungFraction, 4.0 / 36)
        XCTAssertEqual(facts.outsideBody, 0)
        XCTAssertEqual(facts.borderContact, 0)
        XCTAssertEqual(facts.bodyFraction, 16.0 / 36)
        XCTAssertEqual(facts.internalAir, 4.0 / 36)
        XCTAssertEqual(facts.airCoverage, 1)
        XCTAssertEqual(facts.meanHU, -800)
        XCTAssertEqual([facts.componentCount, facts.largestComponent, facts.secondComponent], [1, 4, 0])
    }

    func testAMaskOnTheOutsideAirIsOutsideTheBodyAndOnTheBorder() {
        var mask = Imaging.Image(width: 6, height: 6)
        for x in 0..<6 { mask[x, 0] = 1 }  // the top row: 6 of the 20 border pixels
        mask[5, 5] = 1                     // a second component, 1 pixel
        let facts = MaskFacts.measure(image: image, mask: mask)
        XCTAssertEqual(facts.outsideBody, 1)
        XCTAssertEqual(facts.borderContact, 7.0 / 20)
        XCTAssertEqual(facts.airCoverage, 0)
        XCTAssertEqual(facts.meanHU, -1000)
        XCTAssertEqual([facts.componentCount, facts.largestComponent, facts.secondComponent], [2, 6, 1])
    }

    func testAnEmptyMaskHasNoMeanAndNoComponents() {
        let facts = MaskFacts.measure(image: image, mask: Imaging.Image(width: 6, height: 6))
        XCTAssertTrue(facts.isEmpty)
        XCTAssertNil(facts.meanHU)
        XCTAssertEqual(facts.outsideBody, 0)
        XCTAssertEqual(MaskCheck.absoluteFindings(facts), [.emptyWithVisibleLungs(internalAir: 4.0 / 36)])
    }

    func testRobustStatisticsIgnoreOneWildValue() {
        XCTAssertEqual(RobustStatistics.median([3, 1, 2]), 2)
        XCTAssertEqual(RobustStatistics.median([4, 1, 2, 3]), 2.5)
        XCTAssertNil(RobustStatistics.median([]))
        XCTAssertEqual(RobustStatistics.scaledMAD([1, 2, 3, 4, 1000])!, 1.4826, accuracy: 1e-12)  // deviations 2,1,0,1,997
        XCTAssertEqual(RobustStatistics.score(10, median: 2, scaledMAD: 0, floor: 4), 2, "the floor replaces a zero spread")
    }
}
