import Randomness
import Imaging
import NN
@testable import Stages
import XCTest

/// Segmenter: batching, flip test-time augmentation and post-processing, on a tiny random U-Net.
final class InferenceSegmenterTests: XCTestCase {
    /// Different batch sizes sum in a different order inside GEMM; the results may differ by rounding only.
    static let batchTolerance: Float = 1e-5
    static let (height, width) = (8, 12)

    func tinyModel() -> UNet { UNet(width: 4, depth: 2, batchNorm: false, seed: 7) }

    func slices(_ count: Int, seed: UInt64 = 1) -> [[Float]] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in (0..<(Self.height * Self.width)).map { _ in Float(rng.nextUnit()) } }
    }

    func segmenter(_ model: UNet, tta: Bool = false, k: Int = 0, fill: Bool = false) -> Segmenter {
        Segmenter(model: model, threshold: 0.5, largestComponents: k, fillHoles: fill, flipTTA: tta)
    }

    func maxDifference(_ a: [[Float]], _ b: [[Float]]) -> Float {
        zip(a, b).flatMap { zip($0, $1).map { abs($0 - $1) } }.max() ?? 0
    }

    func testBatchingGivesTheSameProbabilitiesAsOneByOne() throws {
        let model = tinyModel(), images = slices(5)
        let oneByOne = try segmenter(model).probabilities(images: images, height: Self.height, width: Self.width, batch: 1)
        let batched = try segmenter(model).probabilities(images: images, height: Self.height, width: Self.width, batch: 2)
        let whole = try segmenter(model).probabilities(images: images, height: Self.height, width: Self.width, batch: 16)
        XCTAssertEqual(batched.count, 5)
        let difference = max(maxDifference(oneByOne, batched), maxDifference(oneByOne, whole))
        XCTAssertLessThanOrEqual(difference, Self.batchTolerance, "largest difference \(difference)")
        XCTAssertTrue(oneByOne.joined().allSatisfy { $0 > 0 && $0 < 1 }, "probabilities are sigmoids")
    }

    func testFlipTTAOnASymmetricSliceGivesASymmetricMap() throws {
        let model = tinyModel()
        var image = slices(1)[0]
        for y in 0..<Self.height { for x in 0..<(Self.width / 2) {
            image[y * Self.width + Self.width - 1 - x] = image[y * Self.width + x]
        } }
        let plain = try segmenter(model).probabilities(images: [image], height: Self.height, width: Self.width, batch: 1)[0]
        let tta = try segmenter(model, tta: true).probabilities(images: [image], height: Self.height, width: Self.width, batch: 1)[0]
        let mirror = Segmenter.flippedHorizontally(plain, width: Self.width)
        // Random kernels are not symmetric, so without TTA the map is not: the check below can fail.
        XCTAssertGreaterThan(zip(plain, mirror).map { abs($0 - $1) }.max()!, 1e-4)
        let asymmetry = zip(tta, Segmenter.flippedHorizontally(tta, width: Self.width)).map { abs($0 - $1) }.max()!
        XCTAssertLessThanOrEqual(asymmetry, 1e-6, "TTA map asymmetry \(asymmetry)")
        let expected = zip(plain, mirror).map { ($0 + $1) / 2 }
        XCTAssertLessThanOrEqual(maxDifference([tta], [expected]), 1e-6)
    }

    func testFlipTTAAveragesWithTheUnflippedPredictionOfTheFlippedSlice() throws {
        let model = tinyModel(), image = slices(1, seed: 9)[0]
        let flipped = Segmenter.flippedHorizontally(image, width: Self.width)
        let plain = try segmenter(model).probabilities(images: [image, flipped], height: Self.height, width: Self.width, batch: 2)
        let expected = zip(plain[0], Segmenter.flippedHorizontally(plain[1], width: Self.width)).map { ($0 + $1) / 2 }
        let tta = try segmenter(model, tta: true).probabilities(images: [image], height: Self.height, width: Self.width, batch: 1)
        XCTAssertLessThanOrEqual(maxDifference(tta, [expected]), Self.batchTolerance)
    }

    func testThresholdIsInclusive() {
        let mask = segmenter(tinyModel()).mask(probabilities: [0.49, 0.5, 0.51, 0.0], height: 2, width: 2)
        XCTAssertEqual(mask, [0, 1, 1, 0])
    }

    /// Three blobs (sizes 4, 3 with a corner-touching pixel, and 1), one with a hole.
    let blobs: [Float] = [
        0.9, 0.9, 0.9, 0.0, 0.0, 0.0,
        0.9, 0.1, 0.9, 0.0, 0.8, 0.0,
        0.9, 0.9, 0.9, 0.0, 0.0, 0.8,
        0.0, 0.0, 0.0, 0.0, 0.0, 0.8,
        0.7, 0.0, 0.0, 0.0, 0.0, 0.0,
    ]

    func testPostProcessingKeepsLargest8ConnectedComponentsAndFillsHoles() {
        let model = tinyModel()
        let raw = segmenter(model).mask(probabilities: blobs, height: 5, width: 6)
        XCTAssertEqual(raw.reduce(0) { $0 + Int($1) }, 8 + 3 + 1)
        // The diagonal pair at (4,1)-(5,2) joins the column below it: one component of 3, so k = 2
        // keeps the ring and that trio and drops the lone pixel.
        let two = segmenter(model, k: 2).mask(probabilities: blobs, height: 5, width: 6)
        XCTAssertEqual(two, raw.enumerated().map { $0.offset == 24 ? 0 : $0.element })
        let one = segmenter(model, k: 1, fill: true).mask(probabilities: blobs, height: 5, width: 6)
        XCTAssertEqual(one, [1, 1, 1, 0, 0, 0,
                             1, 1, 1, 0, 0, 0,
                             1, 1, 1, 0, 0, 0,
                             0, 0, 0, 0, 0, 0,
                             0, 0, 0, 0, 0, 0])
    }

    func testMasksApplyThresholdAndPostProcessingToEverySlice() throws {
        let model = tinyModel(), images = slices(3)
        let probabilities = try segmenter(model).probabilities(images: images, height: Self.height, width: Self.width, batch: 2)
        let masks = try segmenter(model, k: 1, fill: true).masks(images: images, height: Self.height, width: Self.width, batch: 2)
        XCTAssertEqual(masks, probabilities.map { segmenter(model, k: 1, fill: true).mask(probabilities: $0, height: Self.height, width: Self.width) })
    }

    func testWrongSizesAreRefusedWithAReason() {
        let model = tinyModel()
        XCTAssertThrowsError(try segmenter(model).probabilities(images: [[0, 1]], height: Self.height, width: Self.width, batch: 1)) {
            XCTAssertEqual($0 as? InferenceError, .imageSize(index: 0, expected: 96, found: 2))
        }
        XCTAssertThrowsError(try segmenter(model).probabilities(images: [], height: 6, width: 8, batch: 1)) {
            XCTAssertEqual($0 as? UNetError, .inputSizeNotDivisible(height: 6, width: 8, divisor: 4))
        }
    }
}
