/// Bit depth of a grayscale PNG.
public enum PNGBitDepth: Int, Sendable { case eight = 8, sixteen = 16 }

/// Writes images as PNG or TIFF. Each write goes to a temporary file renamed into place, and values are
/// checked to fit the format: a value that would be clamped is an error, not a silent change.
/// Non-integer values are rounded to the nearest integer for integer formats.
public enum ImageWriter {
    public static func writePNG(_ image: Image, to path: String, bitDepth: PNGBitDepth = .eight) throws {
        switch bitDepth {
        case .eight:
            let samples: [UInt8] = try convert(image, path: path, format: "8-bit PNG")
            try writeAtomically(to: path) {
                try PNGCodec.write(samples, width: image.width, height: image.height, rgb: false, to: $0, reportingAs: path)
            }
        case .sixteen:
            let samples: [UInt16] = try convert(image, path: path, format: "16-bit PNG")
            try writeAtomically(to: path) {
                try PNGCodec.write(samples, width: image.width, height: image.height, rgb: false, to: $0, reportingAs: path)
            }
        }
    }

    /// Writes an 8-bit RGB PNG (overlays for reports).
    public static func writePNG(_ image: RGBImage, to path: String) throws {
        try writeAtomically(to: path) {
            try PNGCodec.write(image.bytes, width: image.width, height: image.height, rgb: true, to: $0, reportingAs: path)
        }
    }

    public static func writeTIFF(_ image: Image, to path: String, sampleType: TIFFSampleType,
                                 compression: TIFFCompression = .none) throws {
        let name = "\(sampleType.rawValue) TIFF"
        func write<T>(_ samples: [T]) throws {
            try writeAtomically(to: path) {
                try TIFFCodec.write(samples, width: image.width, height: image.height, type: sampleType,
                                    compression: compression, to: $0, reportingAs: path)
            }
        }
        switch sampleType {
        case .uint8: try write(try convert(image, path: path, format: name) as [UInt8])
        case .uint16: try write(try convert(image, path: path, format: name) as [UInt16])
        case .int16: try write(try convert(image, path: path, format: name) as [Int16])
        case .float32:
            try image.checkFinite(path: path)
            try write(image.pixels)
        }
    }

    /// Rounds to the integer type, refusing (not clamping) NaN, infinities and values outside its range.
    static func convert<T: FixedWidthInteger>(_ image: Image, path: String, format: String) throws -> [T] {
        try image.checkFinite(path: path)
        let allowed = Float(T.min)...Float(T.max)
        guard image.pixels.allSatisfy({ allowed.contains($0.rounded()) }) else {
            throw ImageError.valuesOutOfRange(path: path, format: format, range: image.range, allowed: allowed)
        }
        return image.pixels.map { T($0.rounded()) }
    }
}
