import Randomness
import XCTest
@testable import Metrics

final class HausdorffDistance3DTests: XCTestCase {
    private func volume(_ nx: Int, _ ny: Int, _ nz: Int, _ on: [(Int, Int, Int)]) throws -> BinaryVolume {
        var voxels = [Bool](repeating: false, count: nx * ny * nz)
        for (i, j, k) in on { voxels[(k * ny + j) * nx + i] = true }
        return try BinaryVolume(nx: nx, ny: ny, nz: nz, voxels: voxels)
    }

    func testTwoVoxelsApartAlongEachAxisWorkedByHand() throws {
        // One voxel each, 3 voxels apart along one axis: every voxel is surface, distance = 3 × spacing.
        let spacing = SIMD3(0.5, 0.8, 2.5)
        for (axis, other) in [(0, (3, 0, 0)), (1, (0, 3, 0)), (2, (0, 0, 3))] {
            let a = try volume(4, 4, 4, [(0, 0, 0)]), b = try volume(4, 4, 4, [other])
            XCTAssertEqual(try XCTUnwrap(hausdorffDistance95(prediction: a, truth: b, spacing: spacing)),
                           3 * spacing[axis], accuracy: 1e-12, "axis \(axis)")
        }
        // Diagonal: (1, 2, 1) voxels → √(0.5² + 1.6² + 2.5²) mm.
        let a = try volume(3, 3, 3, [(0, 0, 0)]), b = try volume(3, 3, 3, [(1, 2, 1)])
        XCTAssertEqual(try XCTUnwrap(hausdorffDistance95(prediction: a, truth: b, spacing: spacing)),
                       (0.25 + 2.56 + 6.25).squareRoot(), accuracy: 1e-12)
    }

    func testCubeAgainstItsCornerWorkedByHand() throws {
        // truth: a full 3×3×3 cube → 26 surface voxels (the centre is interior); prediction: the corner voxel.
        // truth → prediction with unit spacing: distances √(i²+j²+k²) over the 26; the largest is √12 (far corner).
        // Classic Hausdorff = √12; prediction → truth is 0.
        let cube = try volume(3, 3, 3, (0..<27).map { ($0 % 3, ($0 / 3) % 3, $0 / 9) })
        let corner = try volume(3, 3, 3, [(0, 0, 0)])
        XCTAssertEqual(surfaceVoxels(of: cube).count, 26)
        XCTAssertEqual(try XCTUnwrap(hausdorffDistance(prediction: corner, truth: cube, spacing: [1, 1, 1], percentile: 100)),
                       12.0.squareRoot(), accuracy: 1e-12)
    }

    func testEmptyMaskPolicy() throws {
        let empty = try volume(2, 2, 2, []), some = try volume(2, 2, 2, [(1, 0, 1)])
        XCTAssertEqual(try hausdorffDistance95(prediction: empty, truth: empty, spacing: [1, 1, 1]), 0)
        XCTAssertNil(try hausdorffDistance95(prediction: empty, truth: some, spacing: [1, 1, 1]))
        XCTAssertNil(try hausdorffDistance95(prediction: some, truth: empty, spacing: [1, 1, 1]))
        XCTAssertThrowsError(try hausdorffDistance95(prediction: some, truth: try volume(2, 2, 3, []), spacing: [1, 1, 1]))
    }

    /// The cropped, anisotropic distance-transform path equals the brute-force oracle on random blobs.
    func testMatchesBruteForceReferenceOnRandomVolumes() throws {
        var rng = SplitMix64(seed: 11)
        var largest = 0.0
        for _ in 0..<30 {
            let nx = 2 + rng.nextIndex(below: 9), ny = 2 + rng.nextIndex(below: 9), nz = 1 + rng.nextIndex(below: 7)
            let spacing = SIMD3(0.3 + Double(rng.nextIndex(below: 10)) / 10, 0.5 + Double(rng.nextIndex(below: 10)) / 7,
                                1 + Double(rng.nextIndex(below: 10)) / 3)
            let n = nx * ny * nz
            let a = try BinaryVolume(nx: nx, ny: ny, nz: nz, voxels: (0..<n).map { _ in rng.nextIndex(below: 4) == 0 })
            let b = try BinaryVolume(nx: nx, ny: ny, nz: nz, voxels: (0..<n).map { _ in rng.nextIndex(below: 5) == 0 })
            for q in [50.0, 95, 100] {
                let fast = try hausdorffDistance(prediction: a, truth: b, spacing: spacing, percentile: q)
                let slow = try hausdorffDistanceReference(prediction: a, truth: b, spacing: spacing, percentile: q)
                XCTAssertEqual(fast == nil, slow == nil)
                if let fast, let slow { largest = max(largest, abs(fast - slow)) }
            }
        }
        XCTAssertLessThanOrEqual(largest, 1e-9, "largest |fast − reference| = \(largest) mm, tolerance 1e-9")
    }

    func testDistanceTransformOfSinglePointWithSpacing() {
        // One feature at (1, 0, 0) in a 2×2×2 grid, spacing (1, 2, 3): squared distance (di·1)² + (dj·2)² + (dk·3)².
        var features = [Bool](repeating: false, count: 8)
        features[1] = true
        let d = squaredEuclideanDistanceTransform(features, nx: 2, ny: 2, nz: 2, spacing: [1, 2, 3])
        XCTAssertEqual(d, [1, 0, 5, 4, 10, 9, 14, 13])
    }

    func testVolumeDiceCountsEveryVoxel() throws {
        // truth 4 voxels, prediction 3 of them plus 1 outside: Dice = 2·3 / (3+1 + 4) = 0.75.
        let truth = try volume(2, 2, 2, [(0, 0, 0), (1, 0, 0), (0, 1, 1), (1, 1, 1)])
        let prediction = try volume(2, 2, 2, [(0, 0, 0), (1, 0, 0), (0, 1, 1), (0, 0, 1)])
        let counts = try ConfusionCounts(prediction: prediction, truth: truth)
        XCTAssertEqual(counts, ConfusionCounts(tp: 3, fp: 1, fn: 1, tn: 3))
        XCTAssertEqual(counts.dice, 0.75)
        XCTAssertThrowsError(try BinaryVolume(nx: 2, ny: 2, nz: 2, voxels: [true]))
    }
}
