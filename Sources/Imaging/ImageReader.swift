import Foundation

/// Reads PNG and TIFF files into `Image`, choosing the decoder by the file's magic bytes, not its extension.
///
/// Accepted: PNG 8/16-bit gray; TIFF 8/16/32-bit unsigned or signed integer and float32, one page, in
/// strips, uncompressed, LZW, deflate or PackBits. Converted to gray with a warning: RGB, RGBA, gray+alpha
/// and palette PNGs and TIFFs. Refused with an `ImageError` naming the file: anything else, multi-page
/// TIFFs, and headers that claim more than `ImageLimits` or than the file's length can hold.
public enum ImageReader {
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The image alone; what the reader converted is in `source.notes` (`readWithWarnings` says it in full).
    public static func read(path: String) throws -> Image {
        try readWithWarnings(path: path).image
    }

    /// The image and a warning for every conversion the reader applied (e.g. RGB to gray).
    public static func readWithWarnings(path: String) throws -> DecodedImage {
        let head = try leadingBytes(of: path, count: 8)
        guard head.starts(with: pngSignature) || isTIFF(head) else { throw unknownFormat(head, path: path) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw ImageError.unreadable(path: path, reason: "reading failed: \((error as NSError).localizedDescription)")
        }
        return try decode(data, path: path)
    }

    /// Decodes PNG or TIFF bytes held in memory; `path` names them in errors and warnings.
    public static func decode(_ data: Data, path: String) throws -> DecodedImage {
        try data.withUnsafeBytes { try decode($0, path: path) }
    }

    /// Decodes PNG or TIFF bytes held in memory (the fuzz targets' entry); `path` names them in messages.
    public static func decode(_ bytes: UnsafeRawBufferPointer, path: String) throws -> DecodedImage {
        let head = Array(bytes.prefix(8))
        if head.starts(with: pngSignature) { return try PNGCodec.read(bytes, path: path) }
        if isTIFF(head) { return try TIFFCodec.read(bytes, path: path) }
        throw unknownFormat(head, path: path)
    }

    private static func unknownFormat(_ head: [UInt8], path: String) -> ImageError {
        let shown = head.isEmpty ? "nothing: the file is empty"
            : "0x" + head.prefix(4).map { String(format: "%02X", $0) }.joined() + "…"
        return ImageError.unknownFormat(path: path, leadingBytes: shown)
    }

    /// Classic TIFF ("II*\0", "MM\0*") and BigTIFF ("II+\0", "MM\0+").
    static func isTIFF(_ head: [UInt8]) -> Bool {
        guard head.count >= 4 else { return false }
        let little = head[0] == 0x49 && head[1] == 0x49 && (head[2] == 42 || head[2] == 43) && head[3] == 0
        let big = head[0] == 0x4D && head[1] == 0x4D && head[2] == 0 && (head[3] == 42 || head[3] == 43)
        return little || big
    }

    static func leadingBytes(of path: String, count: Int) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ImageError.unreadable(path: path, reason: "is a folder, not an image file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"
            throw ImageError.unreadable(path: path, reason: reason)
        }
        defer { try? handle.close() }
        do {
            return [UInt8](try handle.read(upToCount: count) ?? Data())
        } catch {
            throw ImageError.unreadable(path: path, reason: "\(error)")
        }
    }
}
