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

/// A TIFF held in memory, served to libtiff through its client I/O procedures. `map` hands libtiff the
/// bytes themselves, so strips are decoded in place and never copied into buffers sized by the header.
private final class TIFFMemory {
    let base: UnsafeRawPointer?
    let count: Int
    var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        base = bytes.baseAddress
        count = bytes.count
    }

    static func from(_ handle: thandle_t?) -> TIFFMemory {
        Unmanaged<TIFFMemory>.fromOpaque(handle!).takeUnretainedValue()
    }
}

/// The only importer of libtiff. Every TIFF is opened with per-file error handlers (libtiff ≥ 4.5).
enum TIFFCodec {
    /// libtiff's own cap on one allocation: far above what a valid page within `ImageLimits` needs
    /// (rows are at most 256 KiB; strips are read in place), far below what would exhaust memory.
    static let maxSingleAllocation = 64 << 20

    private static func options(_ messages: TIFFMessages) -> OpaquePointer? {
        let options = TIFFOpenOptionsAlloc()
        TIFFOpenOptionsSetMaxSingleMemAlloc(options, tmsize_t(maxSingleAllocation))
        let context = Unmanaged.passUnretained(messages).toOpaque()
        TIFFOpenOptionsSetErrorHandlerExtR(options, { _, data, module, format, arguments in
            record(data, module, format, arguments!, isError: true)
        }, context)
        TIFFOpenOptionsSetWarningHandlerExtR(options, { _, data, module, format, arguments in
            record(data, module, format, arguments!, isError: false)
        }, context)
        return options
    }

    private static func open(_ file: String, mode: String, messages: TIFFMessages) -> OpaquePointer? {
        let options = options(messages)
        defer { TIFFOpenOptionsFree(options) }
        return TIFFOpenExt(file, mode, options)
    }

    private static func open(_ memory: TIFFMemory, name: String, messages: TIFFMessages) -> OpaquePointer? {
        let options = options(messages)
        defer { TIFFOpenOptionsFree(options) }
        return TIFFClientOpenExt(name, "r", Unmanaged.passUnretained(memory).toOpaque(),
            { handle, buffer, size in  // read
                let m = TIFFMemory.from(handle)
                let n = max(0, min(Int(size), m.count - m.offset))
                if n > 0, let buffer, let base = m.base { buffer.copyMemory(from: base + m.offset, byteCount: n) }
                m.offset += n
                return tmsize_t(n)
            },
            { _, _, _ in 0 },  // write: never, the file is opened read-only
            { handle, offset, whence in  // seek
                let m = TIFFMemory.from(handle)
                let origin = whence == SEEK_CUR ? m.offset : whence == SEEK_END ? m.count : 0
                let (target, overflow) = origin.addingReportingOverflow(Int(truncatingIfNeeded: offset))
                guard !overflow, target >= 0 else { return toff_t.max }
                m.offset = target
                return toff_t(target)
            },
            { _ in 0 },  // close: the caller owns the bytes
            { handle in toff_t(TIFFMemory.from(handle).count) },
            { handle, base, size in  // map: the bytes are already in memory
                let m = TIFFMemory.from(handle)
                guard let start = m.base, m.count > 0 else { return 0 }
                base?.pointee = UnsafeMutableRawPointer(mutating: start)
                size?.pointee = toff_t(m.count)
                return 1
            },
            { _, _, _ in },  // unmap
            options)
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
    /// Decodes a single-page TIFF held in memory to one gray channel; `path` names it in messages.
    static func read(_ bytes: UnsafeRawBufferPointer, path: String) throws -> DecodedImage {
        let messages = TIFFMessages()
        let memory = TIFFMemory(bytes)
        return try withExtendedLifetime((messages, memory)) {
            guard let tiff = open(memory, name: path, messages: messages) else {
                throw ImageError.corrupt(path: path, detail: messages.summary.isEmpty ? "not a readable TIFF" : messages.summary)
            }
            defer { TIFFClose(tiff) }
            let layout = layout(of: tiff)
            let (model, kind) = try layout.check(fileLength: bytes.count, path: path)
            let pages = Int(TIFFNumberOfDirectories(tiff))
            guard pages <= 1 else { throw ImageError.multiPage(path: path, pages: pages) }
            let palette = model == .palette ? try paletteLuminance(tiff, path: path) : []
            var decoder = TIFFRowDecoder(layout: layout, model: model, kind: kind, palette: palette)
            let image = try decodeRows(tiff, layout: layout, decoder: &decoder, messages: messages, path: path)
            let warnings = decoder.conversions(path: path)
            var source = ImageSource(format: .tiff, bitDepth: layout.bitsPerSample, sampleKind: kind)
            source.notes = warnings.map(\.note)
            return DecodedImage(image: Image(width: layout.width, height: layout.height, pixels: image, source: source),
                                warnings: warnings)
        }
    }

    private static func layout(of tiff: OpaquePointer) -> TIFFLayout {
        let height = Int(field(tiff, TIFFTAG_IMAGELENGTH, UInt32.self) ?? 0)
        // The strip table is only read when it can be valid (at most one strip per row of a size within
        // the limits): a header can claim billions of strips.
        let stripCount = Int(TIFFNumberOfStrips(tiff))
        let plausible = stripCount <= height && height <= ImageLimits.maxSide
        let strips = !plausible ? [] : (0..<UInt32(stripCount)).map { index in
            (offset: TIFFGetStrileOffset(tiff, index), byteCount: TIFFGetStrileByteCount(tiff, index))
        }
        return TIFFLayout(width: Int(field(tiff, TIFFTAG_IMAGEWIDTH, UInt32.self) ?? 0),
                          height: height,
                          bitsPerSample: Int(field(tiff, TIFFTAG_BITSPERSAMPLE, UInt16.self) ?? 1),
                          samplesPerPixel: Int(field(tiff, TIFFTAG_SAMPLESPERPIXEL, UInt16.self) ?? 1),
                          sampleFormat: Int(field(tiff, TIFFTAG_SAMPLEFORMAT, UInt16.self) ?? UInt16(SAMPLEFORMAT_UINT)),
                          photometric: Int(field(tiff, TIFFTAG_PHOTOMETRIC, UInt16.self) ?? UInt16(PHOTOMETRIC_MINISBLACK)),
                          planarConfig: Int(field(tiff, TIFFTAG_PLANARCONFIG, UInt16.self) ?? UInt16(PLANARCONFIG_CONTIG)),
                          compression: Int(field(tiff, TIFFTAG_COMPRESSION, UInt16.self) ?? UInt16(COMPRESSION_NONE)),
                          tiled: TIFFIsTiled(tiff) != 0,
                          rowBytes: Int(TIFFScanlineSize64(tiff)),
                          stripCount: stripCount, strips: strips)
    }

    /// The colour map's 2^8 entries as luminance; a palette TIFF without one is corrupt.
    private static func paletteLuminance(_ tiff: OpaquePointer, path: String) throws -> [Float] {
        var red: UnsafeMutablePointer<UInt16>?, green: UnsafeMutablePointer<UInt16>?, blue: UnsafeMutablePointer<UInt16>?
        let found = withUnsafeMutablePointer(to: &red) { r in
            withUnsafeMutablePointer(to: &green) { g in
                withUnsafeMutablePointer(to: &blue) { b in
                    withVaList([r, g, b]) { TIFFVGetField(tiff, UInt32(TIFFTAG_COLORMAP), $0) }
                }
            }
        }
        guard found == 1, let red, let green, let blue else {
            throw ImageError.corrupt(path: path, detail: "a palette image without a colour map")
        }
        let entries = 256
        return TIFFRowDecoder.paletteLuminance(red: Array(UnsafeBufferPointer(start: red, count: entries)),
                                               green: Array(UnsafeBufferPointer(start: green, count: entries)),
                                               blue: Array(UnsafeBufferPointer(start: blue, count: entries)))
    }

    /// Reads every row in order (compressed strips decode sequentially) into a buffer sized by the
    /// checked layout.
    private static func decodeRows(_ tiff: OpaquePointer, layout: TIFFLayout, decoder: inout TIFFRowDecoder,
                                   messages: TIFFMessages, path: String) throws -> [Float] {
        var pixels = [Float](repeating: 0, count: layout.width * layout.height)
        var row = [UInt8](repeating: 0, count: layout.rowBytes)
        for y in 0..<layout.height {
            guard TIFFReadScanline(tiff, &row, UInt32(y), 0) == 1 else {
                let detail = messages.summary.isEmpty ? "cannot decode row \(y)" : messages.summary
                throw ImageError.corrupt(path: path, detail: detail)
            }
            row.withUnsafeBytes { decoder.decode($0, into: &pixels, row: y) }
        }
        return pixels
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
