import Imaging
import Randomness
import XCTest

/// Flips and quarter turns move pixels exactly; augmentation draws depend only on (seed, epoch, sample).
final class WarpAndAugmentationTests: XCTestCase {
    // 1 2 3
    // 4 5 6
    let grid = Image(width: 3, height: 2, pixels: [1, 2, 3, 4, 5, 6])
    let square = Image(width: 3, height: 3, pixels: [1, 2, 3,
                                                     4, 5, 6,
                                                     7, 8, 9])

    func testHorizontalAndVerticalFlips() {
        let h = AffineTransform.centred(width: 3, height: 2, flipHorizontal: true)
        let v = AffineTransform.centred(width: 3, height: 2, flipVertical: true)
        for interpolation in [Interpolation.bilinear, .nearest] {
            XCTAssertEqual(grid.warped(by: h, interpolation: interpolation, fill: -1).pixels, [3, 2, 1, 6, 5, 4])
            XCTAssertEqual(grid.warped(by: v, interpolation: interpolation, fill: -1).pixels, [4, 5, 6, 1, 2, 3])
        }
    }

    func testQuarterTurnCounterClockwiseIsExact() {
        let turn = AffineTransform.centred(width: 3, height: 3, degrees: 90)
        let expected: [Float] = [3, 6, 9,
                                 2, 5, 8,
                                 1, 4, 7]
        XCTAssertEqual(square.warped(by: turn, interpolation: .bilinear, fill: 0).pixels, expected)
        XCTAssertEqual(square.warped(by: turn, interpolation: .nearest, fill: 0).pixels, expected)
        let back = AffineTransform.centred(width: 3, height: 3, degrees: -90)
        XCTAssertEqual(square.warped(by: turn, interpolation: .bilinear, fill: 0)
            .warped(by: back, interpolation: .bilinear, fill: 0), square.warped(by: .identity, interpolation: .bilinear, fill: 0))
    }

    func testZoomOutFillsOutsideWithTheFillValue() {
        let zoomOut = AffineTransform.centred(width: 3, height: 3, zoom: 0.5)
        let out = square.warped(by: zoomOut, interpolation: .nearest, fill: -7)
        XCTAssertEqual(out[1, 1], 5, "the centre stays")
        XCTAssertEqual(out[0, 0], -7, "corner samples input (−1, −1), outside the image")
    }

    func testBilinearSamplesBetweenPixels() {
        let halfShift = AffineTransform(a: 1, b: 0, c: 0.5, d: 0, e: 1, f: 0)
        let out = grid.warped(by: halfShift, interpolation: .bilinear, fill: 0)
        XCTAssertEqual(out.pixels, [1.5, 2.5, 1.5, 4.5, 5.5, 3])  // last column blends with fill 0
    }

    func testSameSeedEpochAndSampleGiveTheSameAugmentation() {
        let params = AugmentationParams(horizontalFlipProbability: 0.5, verticalFlipProbability: 0.5,
                                        rotationProbability: 1, rotationDegrees: -15...15,
                                        zoomProbability: 1, zoomRange: 0.9...1.1)
        let (image, mask) = Phantom.slice(seed: 1, index: 0, size: 48)
        let first = Augmenter(params: params, seed: 7).apply(image: image, mask: mask, epoch: 3, sample: 5)
        let again = Augmenter(params: params, seed: 7).apply(image: image, mask: mask, epoch: 3, sample: 5)
        XCTAssertEqual(first.image, again.image)
        XCTAssertEqual(first.mask, again.mask)
        let draws = (0..<20).map { Augmenter(params: params, seed: 7).draw(epoch: 3, sample: $0) }
        XCTAssertEqual(Set(draws.map(\.rotationDegrees)).count, 20, "each sample gets its own angle")
        XCTAssertTrue(draws.allSatisfy { (-15...15).contains($0.rotationDegrees) && (0.9...1.1).contains($0.zoom) })
        XCTAssertNotEqual(Augmenter(params: params, seed: 7).draw(epoch: 4, sample: 5), draws[5], "epochs differ")
        XCTAssertNotEqual(Augmenter(params: params, seed: 8).draw(epoch: 3, sample: 5), draws[5], "seeds differ")
    }

    func testAugmentedMaskStaysBinaryAndImageFillIsItsMinimum() {
        let params = AugmentationParams(rotationProbability: 1, rotationDegrees: 20...30, zoomProbability: 1, zoomRange: 0.7...0.8)
        let (image, mask) = Phantom.slice(seed: 2, index: 1, size: 64)
        let out = Augmenter(params: params, seed: 1).apply(image: image, mask: mask, epoch: 0, sample: 0)
        XCTAssertTrue(Set(out.mask.pixels).isSubset(of: [0, 1]))
        XCTAssertEqual(out.image[0, 0], image.range.lowerBound, "zoomed-out corner is filled with the image minimum")
        XCTAssertGreaterThan(out.mask.foregroundFraction, 0.03)
    }

    func testProbabilityZeroIsTheIdentity() {
        let (image, mask) = Phantom.slice(seed: 3, index: 2, size: 32)
        let out = Augmenter(params: .none, seed: 9).apply(image: image, mask: mask, epoch: 1, sample: 1)
        XCTAssertEqual(out.image, image)
        XCTAssertEqual(out.mask, mask)
    }

    func testSplitMix64MatchesTheReferenceSequence() {
        // Reference values for seed 1234567 from the published SplitMix64 C code (Vigna, prng.di.unimi.it).
        var rng = SplitMix64(seed: 1_234_567)
        XCTAssertEqual((0..<3).map { _ in rng.next() },
                       [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423])
    }
}
