/// Intensity maps and mask checks: the explicit steps between stored values and network inputs.
extension Image {
    /// Maps the window `[low, high]` (e.g. HU −1000…400) linearly to [0, 1], clamping values outside it.
    public func windowed(low: Float, high: Float) -> Image {
        precondition(high > low, "window needs high > low, got [\(low), \(high)]")
        let scale = 1 / (high - low)
        return withPixels(pixels.map { min(max(($0 - low) * scale, 0), 1) })
    }

    /// Divides by 255: 8-bit intensities to [0, 1].
    public func scaledFrom8Bit() -> Image {
        withPixels(pixels.map { $0 / 255 })
    }

    /// Any non-zero value becomes 1 (Kaggle's masks store lung as 255, the re-encoded ones as 1).
    public func binarized() -> Image {
        withPixels(pixels.map { $0 != 0 ? 1 : 0 })
    }

    /// Values ≥ threshold become 1, others 0 (probability maps to masks).
    public func thresholded(at threshold: Float) -> Image {
        withPixels(pixels.map { $0 >= threshold ? 1 : 0 })
    }

    /// Fraction of non-zero pixels.
    public var foregroundFraction: Double {
        Double(pixels.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }) / Double(pixels.count)
    }

    /// Throws `ImageError.notBinary` unless every value is in {0, 1} or every value is in {0, 255};
    /// the error lists (up to 5 of) the values that break the rule, smallest first. `path` names the mask.
    public func checkBinaryMask(path: String) throws {
        var seen = Set<Float>()
        for v in pixels where v != 0 { seen.insert(v) }
        let ok = seen.isSubset(of: [1]) || seen.isSubset(of: [255])
        guard !ok else { return }
        var offending = seen.filter { $0 != 1 && $0 != 255 }.sorted()
        if offending.isEmpty { offending = [255] }  // both 1 and 255: 255 is the odd one out
        throw ImageError.notBinary(path: path, offending: Array(offending.prefix(5)))
    }

    /// Throws `ImageError.sizeMismatch` unless `mask` has this image's size; the names go into the message.
    public func checkSameSize(as mask: Image, imageName: String, maskName: String) throws {
        guard width != mask.width || height != mask.height else { return }
        throw ImageError.sizeMismatch(image: imageName, imageSize: "\(width)×\(height)",
                                      mask: maskName, maskSize: "\(mask.width)×\(mask.height)")
    }
}
