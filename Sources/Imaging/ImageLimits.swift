/// What a file's header may claim before any pixel is allocated. A header is untrusted input: a
/// 100-byte TIFF can claim 100000 × 100000 pixels, which would ask for 40 GB and abort the process.
/// Every reader checks its header against these limits and against what the file's length can hold,
/// and refuses with `ImageError.tooLarge` or `.corrupt` naming the file, before it allocates.
public enum ImageLimits {
    /// At most 16384 pixels per side: CT slices are 512², chest radiographs up to about 4300².
    public static let maxSide = 16384
    /// At most 2^26 = 67,108,864 pixels (8192 × 8192, or 16384 × 4096): 256 MiB as Float samples,
    /// so a batch of a few such slices still fits in memory beside a model.
    public static let maxPixels = 1 << 26

    /// Largest expansion of a deflate stream (PNG, deflate TIFF): a 258-byte match coded in 2 bits.
    static let deflateRatio = 1032
    /// Largest expansion of TIFF LZW: a code is at least 9 bits and emits at most 3839 bytes (a table
    /// entry grows by one byte per new entry, from 258 to 4095 entries), so 3839 × 8 / 9 < 3413.
    static let lzwRatio = 3413
    /// Largest expansion of PackBits: a 2-byte run code emits at most 128 bytes.
    static let packBitsRatio = 64

    /// Throws `ImageError.tooLarge` unless `width × height` is within `maxSide` and `maxPixels`.
    static func checkSize(width: Int, height: Int, path: String) throws {
        if width > maxSide || height > maxSide {
            throw ImageError.tooLarge(path: path, claimed: "\(width)×\(height) pixels",
                                      limit: "at most \(maxSide) pixels per side")
        }
        if width * height > maxPixels {
            throw ImageError.tooLarge(path: path, claimed: "\(width)×\(height) = \(width * height) pixels",
                                      limit: "at most \(maxPixels) pixels")
        }
    }

    /// Throws `ImageError.corrupt` when `decodedBytes` of samples cannot come out of a file of
    /// `fileLength` bytes whose data expands at most `ratio` times: the header lies, or the file is cut.
    static func checkPayload(decodedBytes: Int, fileLength: Int, ratio: Int, coding: String, path: String) throws {
        let (most, overflow) = fileLength.multipliedReportingOverflow(by: ratio)
        guard overflow || decodedBytes <= most else {
            throw ImageError.corrupt(path: path, detail: "the header claims \(decodedBytes) bytes of samples, but \(coding) "
                                     + "data in a file of \(fileLength) bytes decodes to at most \(most)")
        }
    }
}
