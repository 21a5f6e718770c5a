import Randomness
/// Which random geometric augmentations to apply, each with its own probability. `.none` applies nothing.
public struct AugmentationParams: Equatable, Sendable {
    public var horizontalFlipProbability: Double
    public var verticalFlipProbability: Double
    public var rotationProbability: Double
    /// Rotation angle range in degrees (counter-clockwise as displayed), drawn uniformly.
    public var rotationDegrees: ClosedRange<Double>
    public var zoomProbability: Double
    /// Zoom factor range (> 1 magnifies), drawn uniformly.
    public var zoomRange: ClosedRange<Double>

    public init(horizontalFlipProbability: Double = 0, verticalFlipProbability: Double = 0,
                rotationProbability: Double = 0, rotationDegrees: ClosedRange<Double> = -15...15,
                zoomProbability: Double = 0, zoomRange: ClosedRange<Double> = 0.9...1.1) {
        for p in [horizontalFlipProbability, verticalFlipProbability, rotationProbability, zoomProbability] {
            precondition((0...1).contains(p), "augmentation probability \(p) is outside 0…1")
        }
        precondition(zoomRange.lowerBound > 0, "zoom range \(zoomRange) must be positive")
        self.horizontalFlipProbability = horizontalFlipProbability
        self.verticalFlipProbability = verticalFlipProbability
        self.rotationProbability = rotationProbability
        self.rotationDegrees = rotationDegrees
        self.zoomProbability = zoomProbability
        self.zoomRange = zoomRange
    }

    public static let none = AugmentationParams()
}

/// One sample's drawn augmentation: what `Augmenter.apply` does to that image and mask.
public struct AugmentationDraw: Equatable, Sendable {
    public var flipHorizontal: Bool
    public var flipVertical: Bool
    public var rotationDegrees: Double
    public var zoom: Double

    public static let identity = AugmentationDraw(flipHorizontal: false, flipVertical: false, rotationDegrees: 0, zoom: 1)

    public var isIdentity: Bool { self == .identity }

    public func transform(width: Int, height: Int) -> AffineTransform {
        .centred(width: width, height: height, flipHorizontal: flipHorizontal, flipVertical: flipVertical,
                 degrees: rotationDegrees, zoom: zoom)
    }
}

/// Applies the same random geometric transform to an image and its mask. The draw depends only on
/// (seed, epoch, sample), so a run can be replayed exactly and any sample's augmentation inspected.
public struct Augmenter: Sendable {
    public let params: AugmentationParams
    public let seed: UInt64

    public init(params: AugmentationParams, seed: UInt64) {
        self.params = params
        self.seed = seed
    }

    /// Always consumes six numbers in a fixed order, so changing one probability does not shift the others.
    public func draw(epoch: Int, sample: Int) -> AugmentationDraw {
        var rng = SplitMix64(seed: seed, keys: UInt64(truncatingIfNeeded: epoch), UInt64(truncatingIfNeeded: sample))
        let flipH = rng.chance(params.horizontalFlipProbability)
        let flipV = rng.chance(params.verticalFlipProbability)
        let rotate = rng.chance(params.rotationProbability)
        let angle = rng.uniform(params.rotationDegrees)
        let zoomed = rng.chance(params.zoomProbability)
        let zoom = rng.uniform(params.zoomRange)
        return AugmentationDraw(flipHorizontal: flipH, flipVertical: flipV,
                                rotationDegrees: rotate ? angle : 0, zoom: zoomed ? zoom : 1)
    }

    /// The augmented pair: one warp each, bilinear for the image (outside filled with the image's minimum),
    /// nearest for the mask (outside filled with 0). Returns the inputs unchanged when nothing was drawn.
    public func apply(image: Image, mask: Image, epoch: Int, sample: Int) -> (image: Image, mask: Image) {
        precondition(image.width == mask.width && image.height == mask.height,
                     "image \(image.width)×\(image.height) and mask \(mask.width)×\(mask.height) differ")
        let drawn = draw(epoch: epoch, sample: sample)
        if drawn.isIdentity { return (image, mask) }
        let transform = drawn.transform(width: image.width, height: image.height)
        return (image.warped(by: transform, interpolation: .bilinear, fill: image.range.lowerBound),
                mask.warped(by: transform, interpolation: .nearest, fill: 0))
    }
}
