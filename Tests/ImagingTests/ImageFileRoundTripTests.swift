import Foundation
import Imaging
import XCTest

/// Every writer paired with the reader: what goes out comes back bit for bit, with its provenance.
final class ImageFileRoundTripTests: XCTestCase {
    func testEightBitPNGRoundTrip() throws {
        let folder = try makeTemporaryFolder(self)
        let image = rampImage(width: 7, height: 5, from: 0, to: 255)
        try ImageWriter.writePNG(image, to: folder + "/a.png", bitDepth: .eight)
        let back = try ImageReader.read(path: folder + "/a.png")
        XCTAssertEqual(back.pixels, image.pixels)
        XCTAssertEqual(back.source, ImageSource(format: .png, bitDepth: 8, sampleKind: .unsignedInteger))
    }

    func testSixteenBitPNGRoundTrip() throws {
        let folder = try makeTemporaryFolder(self)
        let image = rampImage(width: 9, height: 4, from: 0, to: 65535)
        try ImageWriter.writePNG(image, to: folder + "/a.png", bitDepth: .sixteen)
        let back = try ImageReader.read(path: folder + "/a.png")
        XCTAssertEqual(back.pixels, image.pixels)
        XCTAssertEqual(back.source.bitDepth, 16)
        XCTAssertEqual(back.source.notes, [])
    }

    func testRGBPNGIsReadAsLuminance() throws {
        let folder = try makeTemporaryFolder(self)
        var rgb = RGBImage(width: 2, height: 1)
        rgb[0, 0] = (200, 200, 200)  // gray stays gray
        rgb[1, 0] = (255, 0, 0)      // pure red is darker than white
        try ImageWriter.writePNG(rgb, to: folder + "/rgb.png")
        let back = try ImageReader.read(path: folder + "/rgb.png")
        XCTAssertEqual(back.pixels[0], 200, accuracy: 1)
        XCTAssertLessThan(back.pixels[1], 200)
        XCTAssertEqual(back.source.notes, ["RGB converted to luminance"])
    }

    func testEveryTIFFSampleTypeAndCompressionRoundTrips() throws {
        let folder = try makeTemporaryFolder(self)
        let ranges: [TIFFSampleType: (Float, Float, ImageSource.SampleKind, Int)] = [
            .uint8: (0, 255, .unsignedInteger, 8), .uint16: (0, 65535, .unsignedInteger, 16),
            .int16: (-3024, 3071, .signedInteger, 16), .float32: (-1.5, 2.25, .floatingPoint, 32),
        ]
        for type in TIFFSampleType.allCases {
            let (low, high, kind, bits) = ranges[type]!
            var image = rampImage(width: 13, height: 11, from: low, to: high)
            if type == .float32 { image.pixels = image.pixels.indices.map { Float($0) * 0.37 - 20.125 } }
            for compression in TIFFCompression.allCases {
                let path = folder + "/\(type)-\(compression).tif"
                try ImageWriter.writeTIFF(image, to: path, sampleType: type, compression: compression)
                let back = try ImageReader.read(path: path)
                XCTAssertEqual(back.pixels, image.pixels, "\(type) \(compression)")
                XCTAssertEqual(back.source, ImageSource(format: .tiff, bitDepth: bits, sampleKind: kind),
                               "\(type) \(compression)")
            }
        }
    }

    func testWriterRefusesValuesThatDoNotFit() throws {
        let folder = try makeTemporaryFolder(self)
        let image = Imaging.Image(width: 2, height: 1, pixels: [-1, 300])
        XCTAssertThrowsError(try ImageWriter.writePNG(image, to: folder + "/x.png")) { error in
            XCTAssertEqual(error as? ImageError, .valuesOutOfRange(path: folder + "/x.png", format: "8-bit PNG",
                                                                  range: -1...300, allowed: 0...255))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/x.png"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), [], "no temporary file left")
    }

    func testWriteReplacesAnExistingFile() throws {
        let folder = try makeTemporaryFolder(self)
        let path = folder + "/a.tif"
        try ImageWriter.writeTIFF(Imaging.Image(width: 3, height: 3, filledWith: 1), to: path, sampleType: .uint8)
        try ImageWriter.writeTIFF(Imaging.Image(width: 2, height: 2, filledWith: 7), to: path, sampleType: .uint8)
        XCTAssertEqual(try ImageReader.read(path: path).pixels, [7, 7, 7, 7])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["a.tif"])
    }
}
