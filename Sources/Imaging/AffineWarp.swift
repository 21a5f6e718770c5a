import Foundation

/// An affine map from OUTPUT pixel coordinates to INPUT pixel coordinates (the inverse map a warp needs):
/// `xIn = a·x + b·y + c`, `yIn = d·x + e·y + f`, with pixel centres at integers and y pointing down.
public struct AffineTransform: Equatable, Sendable {
    public var a, b, c, d, e, f: Double

    public init(a: Double, b: Double, c: Double, d: Double, e: Double, f: Double) {
        (self.a, self.b, self.c, self.d, self.e, self.f) = (a, b, c, d, e, f)
    }

    public static let identity = AffineTransform(a: 1, b: 0, c: 0, d: 0, e: 1, f: 0)

    /// The inverse map of: flip (optional, about the centre), then scale by `zoom` (> 1 magnifies), then
    /// rotate by `degrees` counter-clockwise as displayed, all about the image centre `((w−1)/2, (h−1)/2)`.
    /// Multiples of 90° use exact sines and cosines, so such rotations move pixels without blending.
    public static func centred(width: Int, height: Int, flipHorizontal: Bool = false, flipVertical: Bool = false,
                               degrees: Double = 0, zoom: Double = 1) -> AffineTransform {
        let (cosine, sine) = exactCosSin(degrees: degrees)
        let cx = Double(width - 1) / 2, cy = Double(height - 1) / 2
        let fx: Double = flipHorizontal ? -1 : 1, fy: Double = flipVertical ? -1 : 1
        // input − centre = F · (1/zoom) · R(−θ) · (output − centre); R(−θ) on screen = [[cos, −sin], [sin, cos]]
        let a = fx * cosine / zoom, b = -fx * sine / zoom
        let d = fy * sine / zoom, e = fy * cosine / zoom
        return AffineTransform(a: a, b: b, c: cx - a * cx - b * cy, d: d, e: e, f: cy - d * cx - e * cy)
    }

    public func apply(x: Double, y: Double) -> (x: Double, y: Double) {
        (a * x + b * y + c, d * x + e * y + f)
    }

    static func exactCosSin(degrees: Double) -> (Double, Double) {
        let quarterTurns = degrees / 90
        if quarterTurns == quarterTurns.rounded() {
            switch ((Int(quarterTurns) % 4) + 4) % 4 {
            case 0: return (1, 0)
            case 1: return (0, 1)
            case 2: return (-1, 0)
            default: return (0, -1)
            }
        }
        let radians = degrees * .pi / 180
        return (cos(radians), sin(radians))
    }
}

/// How a warp samples between pixels.
public enum Interpolation: Sendable { case bilinear, nearest }

extension Image {
    /// Resamples through `transform` (output → input coordinates); points outside the input take `fill`
    /// (for bilinear, each of the four taps that falls outside counts as `fill`).
    public func warped(by transform: AffineTransform, interpolation: Interpolation, fill: Float) -> Image {
        var out = [Float](repeating: fill, count: pixels.count)
        pixels.withUnsafeBufferPointer { src in
            func at(_ x: Int, _ y: Int) -> Float {
                x >= 0 && x < width && y >= 0 && y < height ? src[y * width + x] : fill
            }
            for oy in 0..<height {
                for ox in 0..<width {
                    let (x, y) = transform.apply(x: Double(ox), y: Double(oy))
                    guard x > -1 && x < Double(width) && y > -1 && y < Double(height) else { continue }
                    switch interpolation {
                    case .nearest:
                        out[oy * width + ox] = at(Int((x + 0.5).rounded(.down)), Int((y + 0.5).rounded(.down)))
                    case .bilinear:
                        let x0 = Int(x.rounded(.down)), y0 = Int(y.rounded(.down))
                        let wx = Float(x - Double(x0)), wy = Float(y - Double(y0))
                        let top = at(x0, y0) + (at(x0 + 1, y0) - at(x0, y0)) * wx
                        let bottom = at(x0, y0 + 1) + (at(x0 + 1, y0 + 1) - at(x0, y0 + 1)) * wx
                        out[oy * width + ox] = top + (bottom - top) * wy
                    }
                }
            }
        }
        return withPixels(out)
    }
}
