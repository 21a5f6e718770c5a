import Foundation
import Imaging
import XCTest

/// A header is untrusted input: every claim is checked against `ImageLimits` and the file's length
/// before anything is allocated, and every refusal is an `ImageError` that names the file.
final class HostileImageTests: XCTestCase {
    func testTIFFClaiming100000By100000PixelsIsRefusedNamingTheFile() throws {
        let folder = try makeTemporaryFolder(self)
        let page = TIFFPage(width: 100_000, height: 100_000, samples: [UInt8](repeating: 7, count: 100))
        let path = try write(handMadeTIFF([page]), to: "huge.tif", in: folder)
        XCTAssertThrowsError(try ImageReader.read(path: path)) { error in
            XCTAssertEqual(error as? ImageError, .tooLarge(path: path, claimed: "100000×100000 pixels",
                                                           limit: "at most 16384 pixels per side"))
            XCTAssertTrue("\(error)".hasPrefix(path + ": image claims 100000×100000 pixels"), "\(error)")
        }
    }

    func testTIFFWithinTheSideLimitButOverThePixelLimitIsRefused() throws {
        let folder = try makeTemporaryFolder(self)
        let path = try write(handMadeTIFF([TIFFPage(width: 16384, height: 16384, samples: [0])]), to: "wide.tif", in: folder)
        XCTAssertThrowsError(try ImageReader.read(path: path)) { error in
            XCTAssertEqual(error as? ImageError, .tooLarge(path: path, claimed: "16384×16384 = 268435456 pixels",
                                                           limit: "at most \(ImageLimits.maxPixels) pixels"))
        }
    }

    func testUncompressedTIFFClaimingMoreSamplesThanTheFileHoldsIsCorrupt() throws {
        let folder = try makeTemporaryFolder(self)
        let page = TIFFPage(width: 4000, height: 4000, samples: [UInt8](repeating: 1, count: 64))
        let path = try write(handMadeTIFF([page]), to: "liar.tif", in: folder)
        assertCorrupt(path, mentioning: "claims 16000000 bytes of samples, but uncompressed data")
    }

    func testTIFFWithATruncatedStripNamesTheStrip() throws {
        let folder = try makeTemporaryFolder(self)
        let samples = (0..<64 * 64).map { UInt8($0 % 251) }
        let page = TIFFPage(width: 64, height: 64, compression: 32773, rowsPerStrip: 16, samples: samples)
        let whole = handMadeTIFF([page])
        let intact = try write(whole, to: "whole.tif", in: folder)
        XCTAssertTrue(try ImageReader.read(path: intact).pixels == samples.map(Float.init), "the control reads")
        let cut = try write(Array(whole.dropLast(300)), to: "cut.tif", in: folder)
        assertCorrupt(cut, mentioning: "strip 4 of 4 needs bytes")
        assertCorrupt(cut, mentioning: "it is truncated")
    }

    func testMultiPageTIFFIsRefusedWithItsPageCount() throws {
        let folder = try makeTemporaryFolder(self)
        let page = TIFFPage(width: 4, height: 4, samples: [UInt8](repeating: 9, count: 16))
        let path = try write(handMadeTIFF([page, page, page]), to: "stack.tif", in: folder)
        XCTAssertThrowsError(try ImageReader.read(path: path)) { error in
            XCTAssertEqual(error as? ImageError, .multiPage(path: path, pages: 3))
            XCTAssertTrue("\(error)".hasPrefix(path + ": a TIFF with 3 pages is not a 2D slice"), "\(error)")
        }
    }

    func testFloatTIFFWithNaNPixelsReadsAndReportsTheCount() throws {
        let folder = try makeTemporaryFolder(self)
        var values = (0..<36).map { Float($0) - 1000 }
        for i in [0, 5, 17] { values[i] = .nan }
        values[20] = .infinity
        values[21] = -.infinity
        let page = TIFFPage(width: 6, height: 6, bitsPerSample: 32, sampleFormat: 3, samples: floatBytes(values))
        let path = try write(handMadeTIFF([page]), to: "nan.tif", in: folder)
        let image = try ImageReader.read(path: path)
        XCTAssertEqual(image.nonFiniteCount, 5)
        XCTAssertThrowsError(try image.checkFinite(path: path)) { error in
            XCTAssertEqual(error as? ImageError, .nonFinitePixels(path: path, count: 5))
            XCTAssertEqual("\(error)", "\(path): 5 pixels are NaN or infinite; replace them with a real value "
                           + "(e.g. the background, -1000 HU for CT) or leave the file out")
        }
        XCTAssertNoThrow(try Imaging.Image(width: 2, height: 1, pixels: [1, 2]).checkFinite(path: path))
    }

    func testNaNPixelsNeitherTrapNorLeakIntoOverlaysAndWriters() throws {
        let folder = try makeTemporaryFolder(self)
        let image = Imaging.Image(width: 3, height: 1, pixels: [.nan, 40, .infinity])
        XCTAssertEqual(image.range, 40...Float.infinity, "NaN is ignored, so the range exists")
        XCTAssertEqual(Imaging.Image(width: 1, height: 1, pixels: [.nan]).range, 0...0)
        let mask = Imaging.Image(width: 3, height: 1, pixels: [1, 0, 1])
        let overlay = Overlay.render(image: image, window: 0...80, prediction: mask)
        XCTAssertEqual(overlay[1, 0].r, 128, "a finite pixel windows as before")
        XCTAssertEqual(Overlay.strip(image: image, truth: mask, prediction: mask, window: 0...80).width, 3 * 3 + 8)
        XCTAssertThrowsError(try ImageWriter.writePNG(image, to: folder + "/x.png")) { error in
            XCTAssertEqual(error as? ImageError, .nonFinitePixels(path: folder + "/x.png", count: 2))
        }
        XCTAssertThrowsError(try ImageWriter.writeTIFF(image, to: folder + "/x.tif", sampleType: .float32)) { error in
            XCTAssertEqual(error as? ImageError, .nonFinitePixels(path: folder + "/x.tif", count: 2))
        }
    }

    func testRGBPNGIsConvertedToGrayWithAWarningNamingTheFile() throws {
        let folder = try makeTemporaryFolder(self)
        var rgb = RGBImage(width: 2, height: 1)
        rgb[0, 0] = (90, 90, 90)
        rgb[1, 0] = (0, 0, 255)
        try ImageWriter.writePNG(rgb, to: folder + "/rgb.png")
        let decoded = try ImageReader.readWithWarnings(path: folder + "/rgb.png")
        XCTAssertEqual(decoded.image.pixels[0], 90, accuracy: 1)
        XCTAssertLessThan(decoded.image.pixels[1], 90, "blue weighs least")
        XCTAssertEqual(decoded.warnings.count, 1)
        let text = "\(decoded.warnings[0])"
        XCTAssertTrue(text.hasPrefix(folder + "/rgb.png: RGB image converted to grayscale (luminance"), text)
        XCTAssertTrue(text.hasSuffix("save it as single-channel grayscale to use the stored values"), text)
        let gray = try ImageReader.readWithWarnings(path: writeGrayPNG(in: folder))
        XCTAssertEqual(gray.warnings, [], "a gray PNG is read as stored")
    }

    func testRGBAndRGBATIFFsAreConvertedToGrayWithWarnings() throws {
        let folder = try makeTemporaryFolder(self)
        let rgb = TIFFPage(width: 2, height: 1, samplesPerPixel: 3, photometric: 2, samples: [100, 100, 100, 255, 0, 0])
        let decoded = try ImageReader.readWithWarnings(path: write(handMadeTIFF([rgb]), to: "rgb.tif", in: folder))
        XCTAssertEqual(decoded.image.pixels, [100, (0.2126 * 255).rounded()])
        XCTAssertEqual(decoded.warnings.map(\.description).map { $0.contains("RGB image converted to grayscale") }, [true])
        let rgba = TIFFPage(width: 1, height: 1, samplesPerPixel: 4, photometric: 2, samples: [0, 200, 0, 9])
        let withAlpha = try ImageReader.readWithWarnings(path: write(handMadeTIFF([rgba]), to: "rgba.tif", in: folder))
        XCTAssertEqual(withAlpha.image.pixels, [(0.7152 * 200).rounded()])
        XCTAssertEqual(withAlpha.warnings.count, 2, "\(withAlpha.warnings)")
        XCTAssertTrue(withAlpha.warnings[1].description.contains("alpha channel removed (ignored"))
        XCTAssertEqual(withAlpha.image.source.notes, ["RGBA converted to luminance", "alpha removed"])
    }

    func testPaletteTIFFIsConvertedThroughItsColourMap() throws {
        let folder = try makeTemporaryFolder(self)
        var map = [UInt16](repeating: 0, count: 768)
        for i in 0..<256 { map[i] = UInt16(i) * 257; map[256 + i] = UInt16(i) * 257; map[512 + i] = UInt16(i) * 257 }
        map[3] = 65535; map[256 + 3] = 0; map[512 + 3] = 0  // entry 3 is pure red
        let page = TIFFPage(width: 3, height: 1, photometric: 3, samples: [7, 200, 3], colourMap: map)
        let decoded = try ImageReader.readWithWarnings(path: write(handMadeTIFF([page]), to: "p.tif", in: folder))
        XCTAssertEqual(decoded.image.pixels, [7, 200, (0.2126 * 255).rounded()])
        XCTAssertTrue(decoded.warnings.first?.description.contains("palette (indexed colour) image converted") ?? false)
    }

    func testPNGClaimingHugeDimensionsIsRefusedBeforeDecoding() throws {
        let folder = try makeTemporaryFolder(self)
        let huge = try write(handMadePNGHeader(width: 100_000, height: 100_000), to: "huge.png", in: folder)
        XCTAssertThrowsError(try ImageReader.read(path: huge)) { error in
            XCTAssertEqual(error as? ImageError, .tooLarge(path: huge, claimed: "100000×100000 pixels",
                                                           limit: "at most 16384 pixels per side"))
        }
        let liar = try write(handMadePNGHeader(width: 3000, height: 3000, bitDepth: 16, colourType: 6),
                             to: "liar.png", in: folder)
        assertCorrupt(liar, mentioning: "claims 72000000 bytes of samples, but deflate data in a file of 45 bytes")
    }

    func testMemoryAndFileReadsAgree() throws {
        let folder = try makeTemporaryFolder(self)
        let path = try writeGrayPNG(in: folder)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(try ImageReader.decode(bytes, path: "memory.png").image, try ImageReader.read(path: path))
        XCTAssertThrowsError(try ImageReader.decode(Data([1, 2, 3]), path: "memory.bin")) { error in
            XCTAssertEqual(error as? ImageError, .unknownFormat(path: "memory.bin", leadingBytes: "0x010203…"))
        }
    }

    func testAFolderIsNotAnImage() throws {
        let folder = try makeTemporaryFolder(self)
        XCTAssertThrowsError(try ImageReader.read(path: folder)) { error in
            XCTAssertEqual(error as? ImageError, .unreadable(path: folder, reason: "is a folder, not an image file"))
        }
    }

    // MARK: helpers

    private func writeGrayPNG(in folder: String) throws -> String {
        let path = folder + "/gray.png"
        try ImageWriter.writePNG(rampImage(width: 5, height: 3, from: 0, to: 255), to: path)
        return path
    }

    private func assertCorrupt(_ path: String, mentioning text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try ImageReader.read(path: path), file: file, line: line) { error in
            guard case let .corrupt(reported, detail)? = error as? ImageError else {
                return XCTFail("expected ImageError.corrupt, got \(error)", file: file, line: line)
            }
            XCTAssertEqual(reported, path, file: file, line: line)
            XCTAssertTrue(detail.contains(text), "\(detail)", file: file, line: line)
        }
    }
}
