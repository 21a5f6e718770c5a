/// Non-finite samples (NaN, ±infinity) can only come from float TIFFs. They are not refused by the
/// reader, so a caller can report how many there are; validation refuses them with `checkFinite`.
extension Image {
    /// Number of samples that are NaN or ±infinity: one pass, no allocation.
    public var nonFiniteCount: Int {
        var count = 0
        for v in pixels where !v.isFinite { count += 1 }
        return count
    }

    /// Throws `ImageError.nonFinitePixels` naming `path` and the count, unless every sample is finite.
    public func checkFinite(path: String) throws {
        let count = nonFiniteCount
        guard count == 0 else { throw ImageError.nonFinitePixels(path: path, count: count) }
    }
}
