import Foundation

/// Reads PNG and TIFF files into `Image`, choosing the decoder by the file's magic bytes, not its extension.
public enum ImageReader {
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Reads the first page of a grayscale PNG (8/16-bit; RGB and palette are converted to luminance, alpha
    /// is refused) or TIFF (8/16/32-bit unsigned or signed integer, float32; any compression libtiff decodes).
    public static func read(path: String) throws -> Image {
        let head = try leadingBytes(of: path, count: 8)
        if head.starts(with: pngSignature) { return try PNGCodec.read(path: path) }
        if isTIFF(head) { return try TIFFCodec.read(path: path) }
        let shown = head.isEmpty ? "nothing: the file is empty"
            : "0x" + head.prefix(4).map { String(format: "%02X", $0) }.joined() + "…"
        throw ImageError.unknownFormat(path: path, leadingBytes: shown)
    }

    /// Classic TIFF ("II*\0", "MM\0*") and BigTIFF ("II+\0", "MM\0+").
    static func isTIFF(_ head: [UInt8]) -> Bool {
        guard head.count >= 4 else { return false }
        let little = head[0] == 0x49 && head[1] == 0x49 && (head[2] == 42 || head[2] == 43) && head[3] == 0
        let big = head[0] == 0x4D && head[1] == 0x4D && head[2] == 0 && (head[3] == 42 || head[3] == 43)
        return little || big
    }

    static func leadingBytes(of path: String, count: Int) throws -> [UInt8] {
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
