import Foundation
import Imaging
import XCTest

/// Writes the fuzzers' image seeds (`<root>/png`, `<root>/tiff`) when `PIPELINE_WRITE_FUZZ_CORPUS` names
/// a folder: small phantom slices in every format the readers take, plus the hostile files of
/// `HostileImageTests`. `make fuzz` runs it into `.build-fuzz/seeds` (the TIFF seeds are made, not
/// committed). Otherwise it writes them to a scratch folder and checks that they read back as the phantom.
final class FuzzSeedCorpus: XCTestCase {
    func testWriteOrCheckSeeds() throws {
        let slice = Phantom.slice(seed: 5, index: 0, size: 32)
        if let root = ProcessInfo.processInfo.environment["PIPELINE_WRITE_FUZZ_CORPUS"] {
            try writeSeeds(slice, png: root + "/png", tiff: root + "/tiff")
            return
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-seeds-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try writeSeeds(slice, png: scratch + "/png", tiff: scratch + "/tiff")
        XCTAssertEqual(try ImageReader.read(path: scratch + "/tiff/phantom-int16-lzw.tif").pixels, slice.image.pixels,
                       "the TIFF seed is the phantom")
    }

    private func writeSeeds(_ slice: (image: Imaging.Image, mask: Imaging.Image), png: String, tiff: String) throws {
        for folder in [png, tiff] { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let (image, mask) = slice
        let shifted = Imaging.Image(width: image.width, height: image.height, pixels: image.pixels.map { $0 + 2048 })
        try ImageWriter.writePNG(shifted, to: png + "/phantom-16bit.png", bitDepth: .sixteen)
        try ImageWriter.writePNG(mask, to: png + "/mask-8bit.png")
        try ImageWriter.writePNG(Overlay.render(image: image, window: -1000...400, truth: mask), to: png + "/overlay-rgb.png")
        for (type, compression) in [(TIFFSampleType.int16, TIFFCompression.lzw), (.int16, .none), (.uint8, .deflate), (.float32, .lzw)] {
            let values = type == .uint8 ? mask : image
            try ImageWriter.writeTIFF(values, to: tiff + "/phantom-\(type)-\(compression).tif", sampleType: type,
                                      compression: compression)
        }
        let small = [UInt8](repeating: 40, count: 64)
        let hostile: [(String, [TIFFPage])] = [
            ("packbits", [TIFFPage(width: 8, height: 8, compression: 32773, rowsPerStrip: 2, samples: small)]),
            ("three-pages", Array(repeating: TIFFPage(width: 8, height: 8, samples: small), count: 3)),
            ("rgb", [TIFFPage(width: 4, height: 4, samplesPerPixel: 3, photometric: 2, samples: Array(small[0..<48]))]),
            ("nan", [TIFFPage(width: 2, height: 2, bitsPerSample: 32, sampleFormat: 3,
                              samples: floatBytes([.nan, .infinity, -1000, 3]))]),
            ("huge", [TIFFPage(width: 100_000, height: 100_000, samples: small)]),
        ]
        for (name, pages) in hostile { _ = try write(handMadeTIFF(pages), to: name + ".tif", in: tiff) }
        _ = try write(handMadePNGHeader(width: 100_000, height: 100_000), to: "huge.png", in: png)
    }
}
