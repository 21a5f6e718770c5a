import Foundation
import XCTest

/// A fresh folder under the system temp directory, removed when the test ends.
func makeTemporaryFolder(_ test: XCTestCase) throws -> String {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("ImagingTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url.path
}

/// A small image whose pixels are all different, spanning `range`.
func rampImage(width: Int, height: Int, from low: Float, to high: Float) -> Imaging.Image {
    let n = width * height
    let pixels = (0..<n).map { i in (low + (high - low) * Float(i) / Float(max(n - 1, 1))).rounded() }
    return Imaging.Image(width: width, height: height, pixels: pixels)
}

import Imaging
