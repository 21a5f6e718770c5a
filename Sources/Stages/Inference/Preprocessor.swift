import Imaging
import Spec

/// Raw slice -> network input, exactly as the preprocess stage does it, so evaluate and predict see
/// the same pixels: first the intensity map to [0, 1] (window: clip to [lo, hi] then scale; scale:
/// divide), THEN the bilinear resize (align-corners = false) to the spec's height × width.
/// Windowing before resizing matters: resizing raw HU would blend air and bone before clipping.
public struct Preprocessor: Equatable, Sendable {
    public var intensity: IntensitySpec
    public var height: Int
    public var width: Int

    public init(intensity: IntensitySpec, height: Int, width: Int) {
        precondition(height > 0 && width > 0, "Preprocessor needs a positive size, got \(height)×\(width)")
        self.intensity = intensity; self.height = height; self.width = width
    }

    /// The network input for one slice: intensity map, then resize.
    public func apply(_ image: Image) -> Image {
        mapIntensity(image).resizedBilinear(width: width, height: height)
    }

    /// Only the intensity step (values in [0, 1] for a window).
    public func mapIntensity(_ image: Image) -> Image {
        switch intensity {
        case let .window(lo, hi):
            return image.windowed(low: Float(lo), high: Float(hi))
        case let .scale(divisor):
            let factor = 1 / Float(divisor)
            return Image(width: image.width, height: image.height, pixels: image.pixels.map { $0 * factor })
        }
    }

    /// The raw-value range shown as gray in overlays: the window itself, or [0, divisor].
    public var displayWindow: ClosedRange<Float> {
        switch intensity {
        case let .window(lo, hi): return Float(lo)...Float(hi)
        case let .scale(divisor): return 0...Float(divisor)
        }
    }
}
