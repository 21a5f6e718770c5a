import Randomness
import XCTest
@testable import Metrics

final class HausdorffDistanceTests: XCTestCase {
    func testOneRowWorkedByHand() throws {
        // 5×1 image; every foreground pixel is boundary (image border counts as background).
        // truth      1 1 0 0 0   boundary x = 0, 1
        // prediction 1 1 1 1 0   boundary x = 0, 1, 2, 3
        // prediction → truth: 0, 0, 1, 2   → 95th at rank 0.95·3 = 2.85 → 1 + 0.85·(2 − 1) = 1.85
        // truth → prediction: 0, 0         → 0
        // HD95 = max(1.85, 0) = 1.85; classic Hausdorff (100th) = 2
        let truth = try BinaryMask(rows: ["11000"])
        let prediction = try BinaryMask(rows: ["11110"])
        XCTAssertEqual(try XCTUnwrap(hausdorffDistance95(prediction: prediction, truth: truth)), 1.85, accuracy: 1e-12)
        XCTAssertEqual(try hausdorffDistance(prediction: prediction, truth: truth, percentile: 100), 2)
    }

    func testFourByFourSquareAgainstCornerWorkedByHand() throws {
        // truth: full 4×4 → boundary is the 12-pixel ring (the inner 2×2 is interior).
        // prediction: top-left 2×2 → all 4 pixels are boundary.
        // prediction → truth: (0,0) (1,0) (0,1) on the ring: 0; (1,1) is 1 from the ring → [0, 0, 0, 1]
        //   95th at rank 2.85 → 0 + 0.85·1 = 0.85
        // truth → prediction (ring pixel: nearest of (0,0) (1,0) (0,1) (1,1)):
        //   (0,0) 0, (1,0) 0, (0,1) 0, (2,0) 1, (0,2) 1, (3,0) 2, (0,3) 2, (3,1) 2, (1,3) 2,
        //   (3,2) √5, (2,3) √5, (3,3) √8  → sorted, 95th at rank 0.95·11 = 10.45
        //   → √5 + 0.45·(√8 − √5) ≈ 2.50263
        // HD95 = max(0.85, 2.50263)
        let truth = try BinaryMask(rows: ["1111", "1111", "1111", "1111"])
        let prediction = try BinaryMask(rows: ["1100", "1100", "0000", "0000"])
        let expected = 5.0.squareRoot() + 0.45 * (8.0.squareRoot() - 5.0.squareRoot())
        XCTAssertEqual(try XCTUnwrap(hausdorffDistance95(prediction: prediction, truth: truth)), expected, accuracy: 1e-12)
        XCTAssertEqual(boundaryPixels(of: truth).count, 12)
    }

    func testEmptyMaskPolicy() throws {
        let empty = try BinaryMask(rows: ["000", "000"])
        let some = try BinaryMask(rows: ["010", "000"])
        XCTAssertEqual(try hausdorffDistance95(prediction: empty, truth: empty), 0, "both empty: identical answers")
        XCTAssertNil(try hausdorffDistance95(prediction: empty, truth: some), "one empty: undefined, reported as nil")
        XCTAssertNil(try hausdorffDistance95(prediction: some, truth: empty))
    }

    func testIdenticalMasksAreZeroApart() throws {
        let mask = try BinaryMask(rows: ["0110", "1111", "0110"])
        XCTAssertEqual(try hausdorffDistance95(prediction: mask, truth: mask), 0)
    }

    /// The distance-transform path must equal the brute-force oracle on random blobs.
    func testMatchesBruteForceReferenceOnRandomMasks() throws {
        var rng = SplitMix64(seed: 7)
        var largest = 0.0
        for _ in 0..<40 {
            let w = 3 + rng.nextIndex(below: 20), h = 3 + rng.nextIndex(below: 20)
            let a = try BinaryMask(width: w, height: h, pixels: (0..<(w * h)).map { _ in rng.nextIndex(below: 3) == 0 })
            let b = try BinaryMask(width: w, height: h, pixels: (0..<(w * h)).map { _ in rng.nextIndex(below: 4) == 0 })
            for q in [50.0, 95, 100] {
                let fast = try hausdorffDistance(prediction: a, truth: b, percentile: q)
                let slow = try hausdorffDistanceReference(prediction: a, truth: b, percentile: q)
                XCTAssertEqual(fast == nil, slow == nil)
                if let fast, let slow { largest = max(largest, abs(fast - slow)) }
            }
        }
        XCTAssertLessThanOrEqual(largest, 1e-12, "largest |fast − reference| = \(largest), tolerance 1e-12")
    }

    func testDistanceTransformOfSinglePoint() {
        // One feature at (1,0) in a 3×2 grid: squared distances are dx² + dy².
        let d = squaredEuclideanDistanceTransform([false, true, false, false, false, false], width: 3, height: 2)
        XCTAssertEqual(d, [1, 0, 1, 2, 1, 2])
    }
}
