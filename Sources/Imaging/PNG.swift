import CPNG

/// The only importer of libpng. Uses libpng's "simplified API" (png_image), which reports errors through
/// `png_image.message` instead of longjmp, so no C control flow crosses Swift frames.
enum PNGCodec {
    /// Decodes a PNG held in memory to one gray channel; `path` names it in errors and warnings.
    static func read(_ bytes: UnsafeRawBufferPointer, path: String) throws -> DecodedImage {
        if let header = PNGHeader(bytes) { try header.check(fileLength: bytes.count, path: path) }
        var png = png_image()
        png.version = png_uint_32(PNG_IMAGE_VERSION)
        defer { png_image_free(&png) }
        guard png_image_begin_read_from_memory(&png, bytes.baseAddress, bytes.count) != 0 else {
            throw ImageError.corrupt(path: path, detail: message(of: png))
        }
        // libpng accepted the IHDR, so it is there; the check above has run on these very fields.
        guard let header = PNGHeader(bytes), header.width == Int(png.width), header.height == Int(png.height) else {
            throw ImageError.corrupt(path: path, detail: "IHDR chunk does not describe the image libpng reads")
        }
        var warnings = header.conversions(hasAlpha: png.format & png_uint_32(PNG_FORMAT_FLAG_ALPHA) != 0, path: path)
        if png.flags & png_uint_32(PNG_IMAGE_FLAG_COLORSPACE_NOT_sRGB) != 0 { warnings.append(.gammaCorrected(path: path)) }
        let sixteen = png.format & png_uint_32(PNG_FORMAT_FLAG_LINEAR) != 0
        let count = header.width * header.height
        var pixels = [Float](repeating: 0, count: count)
        // Composition onto black (for files with alpha) happens in these zero-filled buffers.
        if sixteen {
            png.format = png_uint_32(PNG_FORMAT_LINEAR_Y)
            var samples = [UInt16](repeating: 0, count: count)
            guard png_image_finish_read(&png, nil, &samples, 0, nil) != 0 else {
                throw ImageError.corrupt(path: path, detail: message(of: png))
            }
            for i in samples.indices { pixels[i] = Float(samples[i]) }
        } else {
            png.format = png_uint_32(PNG_FORMAT_GRAY)
            var samples = [UInt8](repeating: 0, count: count)
            guard png_image_finish_read(&png, nil, &samples, 0, nil) != 0 else {
                throw ImageError.corrupt(path: path, detail: message(of: png))
            }
            for i in samples.indices { pixels[i] = Float(samples[i]) }
        }
        let source = ImageSource(format: .png, bitDepth: sixteen ? 16 : 8, sampleKind: .unsignedInteger,
                                 notes: warnings.map(\.note))
        return DecodedImage(image: Image(width: header.width, height: header.height, pixels: pixels, source: source),
                            warnings: warnings)
    }

    /// Writes gray samples (`UInt8` or `UInt16`) or interleaved RGB bytes to `file`; errors name `path`.
    static func write<Sample>(_ samples: [Sample], width: Int, height: Int, rgb: Bool,
                              to file: String, reportingAs path: String) throws {
        var png = png_image()
        png.version = png_uint_32(PNG_IMAGE_VERSION)
        png.width = png_uint_32(width)
        png.height = png_uint_32(height)
        if rgb { png.format = png_uint_32(PNG_FORMAT_RGB) }
        else if Sample.self == UInt16.self { png.format = png_uint_32(PNG_FORMAT_LINEAR_Y) }
        else { png.format = png_uint_32(PNG_FORMAT_GRAY) }
        defer { png_image_free(&png) }
        let ok = samples.withUnsafeBytes { png_image_write_to_file(&png, file, 0, $0.baseAddress, 0, nil) }
        guard ok != 0 else { throw ImageError.writeFailed(path: path, reason: "libpng: " + message(of: png)) }
    }

    private static func message(of png: png_image) -> String {
        var copy = png.message
        return withUnsafeBytes(of: &copy) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
    }
}
