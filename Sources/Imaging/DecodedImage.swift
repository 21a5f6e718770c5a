/// What a reader changed on the way in: the values are no longer exactly the stored ones. Each message
/// names the file, says what was done and how to avoid it.
public enum ImageWarning: Equatable, Sendable, CustomStringConvertible {
    /// Colour samples (`from`: "RGB", "RGBA", "palette", …) became one gray channel, by `method`.
    case convertedToGray(path: String, from: String, method: String)
    /// An alpha (transparency) channel was removed; `how` says what happened to transparent pixels.
    case alphaRemoved(path: String, how: String)
    /// libpng applied the gamma the file declares (not sRGB), so 8-bit values are not the stored ones.
    case gammaCorrected(path: String)

    public var description: String {
        switch self {
        case let .convertedToGray(path, from, method):
            return "\(path): \(from) image converted to grayscale (\(method)); "
                + "save it as single-channel grayscale to use the stored values"
        case let .alphaRemoved(path, how):
            return "\(path): alpha channel removed (\(how)); save it without alpha to use the stored values"
        case let .gammaCorrected(path):
            return "\(path): values gamma-corrected by libpng (the file declares a non-sRGB gamma); "
                + "save it without a gAMA chunk to use the stored values"
        }
    }
}

/// A read image and what the reader had to change to produce it (empty when the values are as stored).
public struct DecodedImage: Equatable, Sendable {
    public var image: Image
    public var warnings: [ImageWarning]

    public init(image: Image, warnings: [ImageWarning] = []) {
        self.image = image
        self.warnings = warnings
    }
}

extension ImageWarning {
    /// The short form kept in `ImageSource.notes` (and shown by its description).
    var note: String {
        switch self {
        case let .convertedToGray(_, from, _): return "\(from.split(separator: " ").first ?? "") converted to luminance"
        case .alphaRemoved: return "alpha removed"
        case .gammaCorrected: return "gamma-corrected by libpng (file declares a non-sRGB gamma)"
        }
    }
}
