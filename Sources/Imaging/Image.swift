/// Where an image's pixels came from, so callers can report it and check it (e.g. "expected int16 HU").
public struct ImageSource: Equatable, Sendable, CustomStringConvertible {
    public enum Format: String, Sendable { case png, tiff, memory }
    public enum SampleKind: String, Sendable { case unsignedInteger, signedInteger, floatingPoint }

    public var format: Format
    /// Bits per sample in the file (8, 16, 32); 32 for images built in memory.
    public var bitDepth: Int
    public var sampleKind: SampleKind
    /// Pages (TIFF directories) in the file; always 1 for a file, since multi-page TIFFs are refused.
    public var pageCount: Int
    /// Conversions the reader applied, e.g. "RGB converted to luminance"; empty when the values are as stored.
    public var notes: [String]

    public init(format: Format, bitDepth: Int, sampleKind: SampleKind, pageCount: Int = 1, notes: [String] = []) {
        self.format = format
        self.bitDepth = bitDepth
        self.sampleKind = sampleKind
        self.pageCount = pageCount
        self.notes = notes
    }

    /// An image computed in memory (phantoms, resized or augmented images).
    public static let memory = ImageSource(format: .memory, bitDepth: 32, sampleKind: .floatingPoint)

    public var description: String {
        let kind = ["unsignedInteger": "uint", "signedInteger": "int", "floatingPoint": "float"][sampleKind.rawValue]!
        var text = "\(format.rawValue) \(kind)\(bitDepth)"
        if pageCount > 1 { text += ", first of \(pageCount) pages" }
        if !notes.isEmpty { text += ", " + notes.joined(separator: ", ") }
        return text
    }
}

/// A single-channel image: `width × height` Float samples, row-major (index `y * width + x`).
/// Values are kept as stored (HU for CT, 0…255 for 8-bit files); intensity maps are explicit calls.
public struct Image: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public var pixels: [Float]
    public var source: ImageSource

    public init(width: Int, height: Int, pixels: [Float], source: ImageSource = .memory) {
        precondition(width > 0 && height > 0, "Image needs a positive size, got \(width)×\(height)")
        precondition(pixels.count == width * height,
                     "Image \(width)×\(height) needs \(width * height) pixels, got \(pixels.count)")
        self.width = width
        self.height = height
        self.pixels = pixels
        self.source = source
    }

    /// An image filled with one value.
    public init(width: Int, height: Int, filledWith value: Float = 0) {
        self.init(width: width, height: height, pixels: [Float](repeating: value, count: width * height))
    }

    public subscript(x: Int, y: Int) -> Float {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }

    /// Smallest and largest sample, ignoring NaN (0…0 when every sample is NaN): a NaN bound would
    /// make no valid range.
    public var range: ClosedRange<Float> {
        var lo = Float.infinity, hi = -Float.infinity
        for v in pixels where !v.isNaN { lo = min(lo, v); hi = max(hi, v) }
        return lo <= hi ? lo...hi : 0...0
    }

    /// The same samples with a different provenance (e.g. after an operation built a new image).
    func withPixels(_ newPixels: [Float], width: Int? = nil, height: Int? = nil) -> Image {
        Image(width: width ?? self.width, height: height ?? self.height, pixels: newPixels, source: .memory)
    }
}
