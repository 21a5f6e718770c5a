/// The fields of a PNG's IHDR chunk, read from the bytes before libpng sees them, so that a header's
/// claims are checked against `ImageLimits` and the file's length before any pixel is allocated.
struct PNGHeader: Equatable {
    var width: Int
    var height: Int
    var bitDepth: Int
    /// 0 gray, 2 RGB, 3 palette, 4 gray + alpha, 6 RGBA.
    var colourType: Int

    /// Parses the IHDR that must follow the 8-byte signature; nil when it is not there (libpng then
    /// reports what is wrong).
    init?(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 26, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        func bigEndian(_ offset: Int) -> Int {
            (0..<4).reduce(0) { $0 << 8 | Int(bytes[offset + $1]) }
        }
        width = bigEndian(16)
        height = bigEndian(20)
        bitDepth = Int(bytes[24])
        colourType = Int(bytes[25])
    }

    var channels: Int {
        switch colourType {
        case 2: return 3
        case 4: return 2
        case 6: return 4
        default: return 1
        }
    }

    /// Bytes of samples per row (without the filter byte), as the deflate stream holds them.
    var rowBytes: Int { (width * channels * bitDepth + 7) / 8 }

    /// Refuses a header whose size exceeds `ImageLimits` or whose samples a file of `fileLength` bytes
    /// cannot hold (deflate expands at most 1032 times).
    func check(fileLength: Int, path: String) throws {
        try ImageLimits.checkSize(width: width, height: height, path: path)
        try ImageLimits.checkPayload(decodedBytes: rowBytes * height, fileLength: fileLength,
                                     ratio: ImageLimits.deflateRatio, coding: "deflate", path: path)
    }

    /// What reading it as one gray channel changes; `hasAlpha` includes a tRNS chunk (libpng's view).
    func conversions(hasAlpha: Bool, path: String) -> [ImageWarning] {
        var warnings: [ImageWarning] = []
        let method = "luminance, libpng's sRGB weights 0.2126 R + 0.7152 G + 0.0722 B"
        switch colourType {
        case 2, 6: warnings.append(.convertedToGray(path: path, from: colourType == 6 ? "RGBA" : "RGB", method: method))
        case 3: warnings.append(.convertedToGray(path: path, from: "palette (indexed colour)", method: method))
        default: break
        }
        if hasAlpha { warnings.append(.alphaRemoved(path: path, how: "composited onto black: transparent pixels become 0")) }
        return warnings
    }
}
