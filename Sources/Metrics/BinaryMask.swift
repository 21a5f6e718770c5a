/// A 2D binary segmentation mask, row-major (`pixels[y * width + x]`), `true` = foreground.
public struct BinaryMask: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public let pixels: [Bool]

    /// Wraps row-major booleans; throws when the count does not match `width * height`.
    public init(width: Int, height: Int, pixels: [Bool]) throws {
        guard width > 0, height > 0 else { throw MetricsError.emptyImage(width: width, height: height) }
        guard pixels.count == width * height else {
            throw MetricsError.pixelCountMismatch(width: width, height: height, count: pixels.count)
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Any nonzero byte is foreground, so both 0/1 and 0/255 masks read the same way.
    public init(width: Int, height: Int, bytes: [UInt8]) throws {
        try self.init(width: width, height: height, pixels: bytes.map { $0 != 0 })
    }

    /// Convenience for tests and small examples: rows of "0"/"1" (or "."/"#") characters.
    public init(rows: [String]) throws {
        let width = rows.first?.count ?? 0
        var pixels: [Bool] = []
        for row in rows {
            guard row.count == width else {
                throw MetricsError.pixelCountMismatch(width: width, height: rows.count, count: pixels.count + row.count)
            }
            pixels += row.map { $0 == "1" || $0 == "#" }
        }
        try self.init(width: width, height: rows.count, pixels: pixels)
    }

    public var foregroundCount: Int { pixels.reduce(0) { $0 + ($1 ? 1 : 0) } }
    public var isEmpty: Bool { !pixels.contains(true) }
    public var sizeDescription: String { "\(width)×\(height)" }

    public subscript(x: Int, y: Int) -> Bool { pixels[y * width + x] }

    func requireSameSize(as truth: BinaryMask) throws {
        guard width == truth.width, height == truth.height else {
            throw MetricsError.sizeMismatch(prediction: sizeDescription, truth: truth.sizeDescription)
        }
    }
}
