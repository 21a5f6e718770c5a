import Imaging
import XCTest

/// The 2D phantom's output is pinned bit for bit: ingest cache keys and every stored phantom dataset depend
/// on it, so a refactor (such as the volume mode sharing its renderer) must not change a single pixel.
final class PhantomPinnedOutputTests: XCTestCase {
    /// FNV-1a over the Float bit patterns of image then mask.
    private func checksum(seed: UInt64, index: Int, size: Int) -> UInt64 {
        let (image, mask) = Phantom.slice(seed: seed, index: index, size: size)
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for value in image.pixels + mask.pixels {
            hash = (hash ^ UInt64(value.bitPattern)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    func testSlicesAreBitIdenticalToThePinnedOutput() {
        let cases: [(seed: UInt64, index: Int, size: Int)] = [(11, 4, 96), (5, 0, 128), (20_240_601, 7, 64), (3, 1, 256)]
        let sums = cases.map { checksum(seed: $0.seed, index: $0.index, size: $0.size) }
        XCTAssertEqual(sums, Self.pinned)
    }

    /// Computed from the phantom before the volume mode was added (commit b736a18).
    static let pinned: [UInt64] = [0xA745_5DE9_751D_0325, 0x7532_BAE5_51CC_2325, 0x357A_40FE_4C1E_6325, 0x5A66_818E_C440_A325]
}
