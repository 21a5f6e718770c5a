import CTIFF
import Foundation

/// Sample types the TIFF writer produces.
public enum TIFFSampleType: String, Sendable, CaseIterable {
    case uint8, uint16, int16, float32
}

/// Compression the TIFF writer applies; LZW and deflate use a predictor (horizontal for integers,
/// floating-point for float32) as the real masks do.
public enum TIFFCompression: String, Sendable, CaseIterable {
    case none, lzw, deflate
}

/// Collects libtiff's error and warning messages for one file, so they become part of an `ImageError`
/// instead of lines on stderr.
private final class TIFFMessages {
    var errors: [String] = []
    var warnings: [String] = []
    var summary: String { (errors.isEmpty ? warnings : errors).joined(separator: "; ") }
}

private func record(_ userData: UnsafeMutableRawPointer?, _ module: UnsafePointer<CChar>?,
                    _ format: UnsafePointer<CChar>?, _ arguments: CVaListPointer, isError: Bool) -> Int32 {
    guard let userData, let format else { return 1 }
    var buffer = [CChar](repeating: 0, count: 512)
    _ = vsnprintf(&buffer, buffer.count, format, arguments)
    let text = String(cString: buffer)
    let messages = Unmanaged<TIFFMessages>.fromOpaque(userData).takeUnretainedValue()
    if isError { messages.errors.append(text) } else { messages.warnings.append(text) }
    return 1  // handled: libtiff must not also print it
}

/// The only importer of libtiff. Every TIFF is opened with per-file error handlers (libtiff ≥ 4.5).
enum TIFFCodec {
    private static func open(_ file: String, mode: String, messages: TIFFMessages) -> OpaquePointer? {
        let options = TIFFOpenOptionsAlloc()
        defer { TIFFOpenOptionsFree(options) }
        let context = Unmanaged.passUnretained(messages).toOpaque()
        TIFFOpenOptionsSetErrorHandlerExtR(options, { _, data, module, format, arguments in
            record(data, module, format, arguments!, isError: true)
        }, context)
        TIFFOpenOptionsSetWarningHandlerExtR(options, { _, data, module, format, arguments in
            record(data, module, format, arguments!, isError: false)
        }, context)
        return TIFFOpenExt(file, mode, options)
    }

    private static func field<T: FixedWidthInteger>(_ tiff: OpaquePointer, _ tag: Int32, _ type: T.Type) -> T? {
        var value: T = 0
        let found = withUnsafeMutablePointer(to: &value) { pointer in
            withVaList([pointer]) { TIFFVGetFieldDefaulted(tiff, UInt32(tag), $0) }
        }
        return found == 1 ? value : nil
    }

    private static func set(_ tiff: OpaquePointer, _ tag: Int32, _ value: CVarArg) {
        _ = withVaList([value]) { TIFFVSetField(tiff, UInt32(tag), $0) }
    }
}

extension TIFFCodec {
    static func read(path: String) throws -> Image {
        let messages = TIFFMessages()
        return try withExtendedLifetime(messages) {
            guard let tiff = open(path, mode: "r", messages: messages) else {
                throw ImageError.corrupt(path: path, detail: messages.summary)
            }
            defer { TIFFClose(tiff) }
            return try readFirstPage(tiff, path: path, messages: messages)
        }
    }

    private static func readFirstPage(_ tiff: OpaquePointer, path: String, messages: TIFFMessages) throws -> Image {
        let width = Int(field(tiff, TIFFTAG_IMAGEWIDTH, UInt32.self) ?? 0)
        let height = Int(field(tiff, TIFFTAG_IMAGELENGTH, UInt32.self) ?? 0)
        let bits = Int(field(tiff, TIFFTAG_BITSPERSAMPLE, UInt16.self) ?? 1)
        let samplesPerPixel = Int(field(tiff, TIFFTAG_SAMPLESPERPIXEL, UInt16.self) ?? 1)
        let format = Int32(field(tiff, TIFFTAG_SAMPLEFORMAT, UInt16.self) ?? UInt16(SAMPLEFORMAT_UINT))
        guard width > 0, height > 0 else {
            throw ImageError.corrupt(path: path, detail: "image size \(width)×\(height)")
        }
        guard samplesPerPixel == 1 else {
            throw ImageError.unsupported(path: path, what: "a TIFF with \(samplesPerPixel) samples per pixel",
                                         hint: "convert it to single-channel grayscale")
        }
        guard TIFFIsTiled(tiff) == 0 else {
            throw ImageError.unsupported(path: path, what: "a tiled TIFF", hint: "re-export it with strips")
        }
        let kind: ImageSource.SampleKind
        switch (format, bits) {
        case (SAMPLEFORMAT_UINT, 8), (SAMPLEFORMAT_UINT, 16), (SAMPLEFORMAT_UINT, 32): kind = .unsignedInteger
        case (SAMPLEFORMAT_INT, 8), (SAMPLEFORMAT_INT, 16), (SAMPLEFORMAT_INT, 32): kind = .signedInteger
        case (SAMPLEFORMAT_IEEEFP, 32): kind = .floatingPoint
        default:
            throw ImageError.unsupported(path: path, what: "a TIFF with \(bits)-bit samples of format \(format)",
                                         hint: "re-export it as 8/16-bit integer or 32-bit float")
        }
        let rowBytes = Int(TIFFScanlineSize64(tiff))
        guard rowBytes == width * bits / 8 else {
            throw ImageError.corrupt(path: path, detail: "row of \(rowBytes) bytes for \(width) samples of \(bits) bits")
        }
        var pixels = [Float](repeating: 0, count: width * height)
        var row = [UInt8](repeating: 0, count: rowBytes)
        for y in 0..<height {
            guard TIFFReadScanline(tiff, &row, UInt32(y), 0) == 1 else {
                let detail = messages.summary.isEmpty ? "cannot decode row \(y)" : messages.summary
                throw ImageError.corrupt(path: path, detail: detail)
            }
            row.withUnsafeBytes { decode($0, kind: kind, bits: bits, into: &pixels, offset: y * width, count: width) }
        }
        let pages = Int(TIFFNumberOfDirectories(tiff))
        let source = ImageSource(format: .tiff, bitDepth: bits, sampleKind: kind, pageCount: max(pages, 1))
        return Image(width: width, height: height, pixels: pixels, source: source)
    }

    /// Converts one decoded row (host byte order: libtiff swaps) to Float.
    private static func decode(_ raw: UnsafeRawBufferPointer, kind: ImageSource.SampleKind, bits: Int,
                               into pixels: inout [Float], offset: Int, count: Int) {
        func copy<T>(_ type: T.Type, _ convert: (T) -> Float) {
            let typed = raw.bindMemory(to: T.self)
            for x in 0..<count { pixels[offset + x] = convert(typed[x]) }
        }
        switch (kind, bits) {
        case (.unsignedInteger, 8): copy(UInt8.self) { Float($0) }
        case (.unsignedInteger, 16): copy(UInt16.self) { Float($0) }
        case (.unsignedInteger, _): copy(UInt32.self) { Float($0) }
        case (.signedInteger, 8): copy(Int8.self) { Float($0) }
        case (.signedInteger, 16): copy(Int16.self) { Float($0) }
        case (.signedInteger, _): copy(Int32.self) { Float($0) }
        case (.floatingPoint, _): copy(Float.self) { $0 }
        }
    }
}

extension TIFFCodec {
    /// Writes `samples` (whose element type matches `type`) to `file` as one striped page; errors name `path`.
    static func write<Sample>(_ samples: [Sample], width: Int, height: Int, type: TIFFSampleType,
                              compression: TIFFCompression, to file: String, reportingAs path: String) throws {
        let messages = TIFFMessages()
        try withExtendedLifetime(messages) {
            guard let tiff = open(file, mode: "w", messages: messages) else {
                throw ImageError.writeFailed(path: path, reason: messages.summary)
            }
            var closed = false
            defer { if !closed { TIFFClose(tiff) } }
            let (bits, format): (Int, Int32) = switch type {
            case .uint8: (8, SAMPLEFORMAT_UINT)
            case .uint16: (16, SAMPLEFORMAT_UINT)
            case .int16: (16, SAMPLEFORMAT_INT)
            case .float32: (32, SAMPLEFORMAT_IEEEFP)
            }
            set(tiff, TIFFTAG_IMAGEWIDTH, UInt32(width))
            set(tiff, TIFFTAG_IMAGELENGTH, UInt32(height))
            set(tiff, TIFFTAG_BITSPERSAMPLE, Int32(bits))
            set(tiff, TIFFTAG_SAMPLESPERPIXEL, Int32(1))
            set(tiff, TIFFTAG_SAMPLEFORMAT, format)
            set(tiff, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK)
            set(tiff, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG)
            switch compression {
            case .none: set(tiff, TIFFTAG_COMPRESSION, COMPRESSION_NONE)
            case .lzw: set(tiff, TIFFTAG_COMPRESSION, COMPRESSION_LZW)
            case .deflate: set(tiff, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE)
            }
            if compression != .none {
                set(tiff, TIFFTAG_PREDICTOR, type == .float32 ? PREDICTOR_FLOATINGPOINT : PREDICTOR_HORIZONTAL)
            }
            set(tiff, TIFFTAG_ROWSPERSTRIP, TIFFDefaultStripSize(tiff, 0))
            let rowBytes = width * bits / 8
            // libtiff's predictors difference the row in place, so each row is copied to a scratch buffer.
            var row = [UInt8](repeating: 0, count: rowBytes)
            try samples.withUnsafeBytes { bytes in
                for y in 0..<height {
                    row.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[y * rowBytes ..< (y + 1) * rowBytes])) }
                    guard TIFFWriteScanline(tiff, &row, UInt32(y), 0) == 1 else {
                        throw ImageError.writeFailed(path: path, reason: "libtiff: " + messages.summary)
                    }
                }
            }
            closed = true
            TIFFClose(tiff)  // flushes the last strip; failures arrive as messages
            if !messages.errors.isEmpty {
                throw ImageError.writeFailed(path: path, reason: "libtiff: " + messages.errors.joined(separator: "; "))
            }
        }
    }
}
