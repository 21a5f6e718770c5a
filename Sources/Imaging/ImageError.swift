/// Everything that can go wrong reading, writing or combining images. Each message names the file (when
/// there is one), says what is wrong, and what to do next.
public enum ImageError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened or read at all.
    case unreadable(path: String, reason: String)
    /// Neither PNG nor TIFF magic bytes; `leadingBytes` is a hex prefix of the file.
    case unknownFormat(path: String, leadingBytes: String)
    /// The file claims to be PNG/TIFF but decoding failed (corrupt or truncated); `detail` is the decoder's message.
    case corrupt(path: String, detail: String)
    /// A valid file in a layout we do not read (e.g. tiled TIFF, RGBA PNG, 1-bit samples).
    case unsupported(path: String, what: String, hint: String)
    /// The values cannot be stored in the requested file format without loss.
    case valuesOutOfRange(path: String, format: String, range: ClosedRange<Float>, allowed: ClosedRange<Float>)
    /// Writing (or renaming the temporary file into place) failed.
    case writeFailed(path: String, reason: String)
    /// Image and mask (or two images that must align) differ in size.
    case sizeMismatch(image: String, imageSize: String, mask: String, maskSize: String)
    /// A mask holds values other than {0,1} or {0,255}; `offending` lists some of them.
    case notBinary(path: String, offending: [Float])
    /// The header claims more pixels than `ImageLimits` allows; refused before anything is allocated.
    case tooLarge(path: String, claimed: String, limit: String)
    /// A TIFF with several pages (directories): a 2D slice reader does not pick one silently.
    case multiPage(path: String, pages: Int)
    /// Some samples are NaN or ±infinity (float TIFF); `count` of them.
    case nonFinitePixels(path: String, count: Int)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "\(path): cannot read (\(reason)); check the path and permissions"
        case let .unknownFormat(path, bytes):
            return "\(path): not a PNG or TIFF file (starts with \(bytes)); re-export it as PNG or TIFF"
        case let .corrupt(path, detail):
            return "\(path): corrupt or truncated image (\(detail)); re-export or re-download the file"
        case let .unsupported(path, what, hint):
            return "\(path): \(what) is not supported; \(hint)"
        case let .valuesOutOfRange(path, format, range, allowed):
            return "\(path): values \(range.lowerBound)…\(range.upperBound) do not fit \(format) "
                + "(\(allowed.lowerBound)…\(allowed.upperBound)); rescale or clamp first, or write float32 TIFF"
        case let .writeFailed(path, reason):
            return "\(path): cannot write (\(reason)); check that the folder exists and is writable"
        case let .sizeMismatch(image, imageSize, mask, maskSize):
            return "\(image) is \(imageSize) but \(mask) is \(maskSize); image and mask must have the same size"
        case let .notBinary(path, offending):
            let shown = offending.prefix(5).map { "\($0)" }.joined(separator: ", ")
            return "\(path): mask is not binary (found \(shown)); masks must hold {0,1} or {0,255}"
        case let .tooLarge(path, claimed, limit):
            return "\(path): image claims \(claimed), more than this tool reads (\(limit)); "
                + "crop or downsample it, or check that the file is not damaged"
        case let .multiPage(path, pages):
            return "\(path): a TIFF with \(pages) pages is not a 2D slice; "
                + "save each slice as its own single-page TIFF (e.g. `tiffsplit`) and list those"
        case let .nonFinitePixels(path, count):
            return "\(path): \(count) pixel\(count == 1 ? " is" : "s are") NaN or infinite; "
                + "replace them with a real value (e.g. the background, -1000 HU for CT) or leave the file out"
        }
    }
}
