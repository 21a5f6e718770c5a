/// The header fields of one TIFF page, read by `TIFFCodec` and checked here before any pixel is
/// allocated. Codes are those of the TIFF 6.0 specification (this file does not import libtiff).
struct TIFFLayout {
    var width: Int
    var height: Int
    var bitsPerSample: Int
    var samplesPerPixel: Int
    /// SampleFormat: 1 unsigned integer, 2 signed integer, 3 IEEE float.
    var sampleFormat: Int
    /// Photometric: 0 min-is-white, 1 min-is-black, 2 RGB, 3 palette.
    var photometric: Int
    /// PlanarConfiguration: 1 samples of a pixel side by side, 2 one plane per sample.
    var planarConfig: Int
    /// Compression: 1 none, 5 LZW, 8 and 32946 deflate, 32773 PackBits.
    var compression: Int
    var tiled: Bool
    /// Bytes of one decoded row, as libtiff computes them.
    var rowBytes: Int
    /// Strips the header declares, and where each one's (compressed) bytes lie in the file (empty when
    /// the count is implausible, see `TIFFCodec.layout(of:)`).
    var stripCount: Int
    var strips: [(offset: UInt64, byteCount: UInt64)]

    /// How samples become one gray value per pixel.
    enum ColourModel: Equatable {
        case gray
        case grayAlpha
        case rgb(alpha: Bool)
        case palette
    }

    /// The checks, in the order a reader needs them; each refusal names `path`.
    func check(fileLength: Int, path: String) throws -> (ColourModel, ImageSource.SampleKind) {
        guard width > 0, height > 0 else { throw ImageError.corrupt(path: path, detail: "image size \(width)×\(height)") }
        try ImageLimits.checkSize(width: width, height: height, path: path)
        guard !tiled else { throw ImageError.unsupported(path: path, what: "a tiled TIFF", hint: "re-export it with strips") }
        let model = try colourModel(path: path)
        let kind = try sampleKind(path: path, model: model)
        let (ratio, coding) = try expansion(path: path)
        let expected = width * samplesPerPixel * bitsPerSample / 8
        guard rowBytes == expected else {
            throw ImageError.corrupt(path: path, detail: "row of \(rowBytes) bytes for \(width) pixels of "
                                     + "\(samplesPerPixel) × \(bitsPerSample) bits (expected \(expected))")
        }
        try ImageLimits.checkPayload(decodedBytes: rowBytes * height, fileLength: fileLength, ratio: ratio,
                                     coding: coding, path: path)
        try checkStrips(fileLength: fileLength, path: path)
        return (model, kind)
    }

    private func colourModel(path: String) throws -> ColourModel {
        // A `where` clause binds only the last pattern of a case, hence the explicit conditions.
        let interleaved = samplesPerPixel == 1 || planarConfig == 1
        switch (photometric, samplesPerPixel, interleaved) {
        case (0, 1, _), (1, 1, _): return .gray
        case (0, 2, true), (1, 2, true): return .grayAlpha
        case (2, 3, true): return .rgb(alpha: false)
        case (2, 4, true): return .rgb(alpha: true)
        case (3, 1, _) where bitsPerSample == 8: return .palette
        default:
            let planes = interleaved ? "" : " stored as separate planes"
            throw ImageError.unsupported(path: path, what: "a TIFF with photometric interpretation \(photometric), "
                                         + "\(samplesPerPixel) samples per pixel of \(bitsPerSample) bits\(planes)",
                                         hint: "convert it to single-channel grayscale")
        }
    }

    private func sampleKind(path: String, model: ColourModel) throws -> ImageSource.SampleKind {
        let kind: ImageSource.SampleKind? = switch (sampleFormat, bitsPerSample) {
        case (1, 8), (1, 16), (1, 32): .unsignedInteger
        case (2, 8), (2, 16), (2, 32): .signedInteger
        case (3, 32): .floatingPoint
        default: nil
        }
        guard let kind, model != .palette || kind == .unsignedInteger else {
            throw ImageError.unsupported(path: path, what: "a TIFF with \(bitsPerSample)-bit samples of format \(sampleFormat)",
                                         hint: "re-export it as 8/16-bit integer or 32-bit float")
        }
        return kind
    }

    /// How much the compression can expand the file's bytes, for the payload check.
    private func expansion(path: String) throws -> (ratio: Int, coding: String) {
        switch compression {
        case 1: return (1, "uncompressed")
        case 5: return (ImageLimits.lzwRatio, "LZW")
        case 8, 32946: return (ImageLimits.deflateRatio, "deflate")
        case 32773: return (ImageLimits.packBitsRatio, "PackBits")
        default:
            throw ImageError.unsupported(path: path, what: "a TIFF with compression scheme \(compression)",
                                         hint: "re-export it uncompressed, or with LZW or deflate compression")
        }
    }

    /// Every strip must lie inside the file: a strip that ends past it means the file was cut short.
    private func checkStrips(fileLength: Int, path: String) throws {
        guard stripCount >= 1, stripCount <= height, strips.count == stripCount else {
            throw ImageError.corrupt(path: path, detail: "\(stripCount) strips for \(height) rows")
        }
        let length = UInt64(fileLength)
        for (index, strip) in strips.enumerated() {
            let (end, overflow) = strip.offset.addingReportingOverflow(strip.byteCount)
            guard overflow || end > length else { continue }
            throw ImageError.corrupt(path: path, detail: "strip \(index + 1) of \(strips.count) needs bytes "
                                     + "\(strip.offset)…\(overflow ? "beyond 2^64" : String(end)) but the file has "
                                     + "\(fileLength) bytes: it is truncated")
        }
    }
}
