/// An 8-bit RGB image, interleaved `r, g, b` per pixel, row-major. Used for overlays in reports.
public struct RGBImage: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public var bytes: [UInt8]

    public init(width: Int, height: Int, bytes: [UInt8]) {
        precondition(bytes.count == width * height * 3, "RGBImage \(width)×\(height) needs \(width * height * 3) bytes")
        self.width = width
        self.height = height
        self.bytes = bytes
    }

    public init(width: Int, height: Int) {
        self.init(width: width, height: height, bytes: [UInt8](repeating: 0, count: width * height * 3))
    }

    public subscript(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
        get {
            let i = (y * width + x) * 3
            return (bytes[i], bytes[i + 1], bytes[i + 2])
        }
        set {
            let i = (y * width + x) * 3
            bytes[i] = newValue.r; bytes[i + 1] = newValue.g; bytes[i + 2] = newValue.b
        }
    }
}
