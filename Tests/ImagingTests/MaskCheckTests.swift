import Imaging
import XCTest

/// Phantom slices with the label errors the check must catch, each flagged for the right reason, among
/// clean slices that must not be flagged.
final class MaskCheckTests: XCTestCase {
    static let size = 256
    static let clean: [(image: Imaging.Image, mask: Imaging.Image)] = (0..<16).map { Phantom.slice(seed: 3, index: $0, size: size) }

    func testCleanPhantomSlicesAreNotFlagged() {
        let verdicts = MaskCheck.verdicts(Self.clean.enumerated().map { ("clean\($0.offset)", facts($0.element)) })
        XCTAssertEqual(verdicts.filter(\.isSuspect).map(\.description), [])
    }

    func testEachDefectIsFlaggedForItsReason() {
        typealias Slice = (image: Imaging.Image, mask: Imaging.Image)
        let size = Self.size
        let defects: [(name: String, damage: (Slice) -> Imaging.Image)] = [
            ("outside-air", { $0.image.withBodyOutsideAsMask() }),
            ("shifted-40px", { $0.mask.shifted(dx: 40) }),
            ("one-lung", { $0.mask.keepingLargestComponents(1, connectivity: .eight) }),
            ("inverted", { Imaging.Image(width: size, height: size, pixels: $0.mask.pixels.map { 1 - $0 }) }),
            ("empty", { _ in Imaging.Image(width: size, height: size) }),
        ]
        var pairs = Self.clean.enumerated().map { ("clean\($0.offset)", facts($0.element)) }
        for (index, (name, damage)) in defects.enumerated() {
            let slice = Phantom.slice(seed: 9, index: index, size: Self.size)
            pairs.append((name, MaskFacts.measure(image: slice.image, mask: damage(slice))))
        }
        let verdicts = Dictionary(uniqueKeysWithValues: MaskCheck.verdicts(pairs).map { ($0.id, $0) })
        for verdict in verdicts.values where verdict.isSuspect { print(verdict) }  // the reasons, as a user reads them
        XCTAssertEqual(verdicts.values.filter(\.isSuspect).map(\.id).sorted(), defects.map(\.name).sorted(), "exactly the defects")
        XCTAssertTrue(verdicts["outside-air"]!.findings.contains { if case .outsideBody = $0 { true } else { false } })
        XCTAssertTrue(verdicts["shifted-40px"]!.findings.contains { if case .notLungDensity = $0 { true } else { false } })
        XCTAssertTrue(verdicts["one-lung"]!.findings.contains { if case .outlier("air coverage", _, _, _) = $0 { true } else { false } })
        XCTAssertTrue(verdicts["inverted"]!.findings.contains { if case .touchesBorder = $0 { true } else { false } })
        XCTAssertTrue(verdicts["inverted"]!.findings.contains { if case .tooLarge = $0 { true } else { false } })
        XCTAssertTrue(verdicts["empty"]!.findings.contains { if case .emptyWithVisibleLungs = $0 { true } else { false } })
    }

    func testTooFewPairsGetNoRobustScores() {
        let one = facts(Self.clean[0])
        var single = one
        single.lungFraction = 0.9  // far off, but there is no dataset to be far from
        let verdicts = MaskCheck.verdicts([("a", one), ("b", single)])
        XCTAssertEqual(verdicts[1].findings, [.tooLarge(fraction: 0.9)])
    }

    private func facts(_ slice: (image: Imaging.Image, mask: Imaging.Image)) -> MaskFacts {
        MaskFacts.measure(image: slice.image, mask: slice.mask)
    }
}

extension Imaging.Image {
    /// A mask of the air outside the body (a mask drawn on the wrong side of the skin).
    func withBodyOutsideAsMask() -> Imaging.Image {
        let body = bodyRegion()
        return Imaging.Image(width: width, height: height,
                             pixels: zip(pixels, body.pixels).map { $1 == 0 && $0 < -500 ? 1 : 0 })
    }

    /// Moved `dx` pixels to the right, zeros coming in from the left.
    func shifted(dx: Int) -> Imaging.Image {
        var out = Imaging.Image(width: width, height: height)
        for y in 0..<height { for x in 0..<width where x - dx >= 0 { out[x, y] = self[x - dx, y] } }
        return out
    }
}
