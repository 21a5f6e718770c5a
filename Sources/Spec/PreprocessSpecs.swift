/// How raw pixel values map to the network's [0, 1] input.
public enum IntensitySpec: Equatable, Sendable {
    /// Clip Hounsfield units to [lo, hi], then scale to [0, 1].
    case window(lo: Double, hi: Double)
    /// Divide by this value (255 for 8-bit images).
    case scale(Double)

    public static let defaultWindow = IntensitySpec.window(lo: -1000, hi: 400)
}

/// The size every slice and mask is resized to before training.
public struct ResizeSpec: Equatable, Sendable {
    public var height = 256
    public var width = 256
}

/// How pairs divide into training and validation sets.
public enum SplitSpec: Equatable, Sendable {
    /// A random fraction goes to validation, drawn with the spec's `seed`.
    case fraction(validation: Double)
    /// Named pairs (file stems) go to validation; `train` empty means "every other pair".
    case explicit(train: [String], validation: [String])
}

/// Random training-time augmentation; the default does nothing.
public struct AugmentSpec: Equatable, Sendable {
    /// Probability of a left-right flip.
    public var flipHorizontal = 0.0
    /// Probability of an up-down flip.
    public var flipVertical = 0.0
    /// Maximum rotation in degrees; the angle is uniform in ±rotation.
    public var rotation = 0.0
    /// Zoom factor range; the factor is uniform in [lo, hi].
    public var zoom: (lo: Double, hi: Double) = (1, 1)
    /// Probability of applying the geometric transform (rotation and zoom) to a sample.
    public var probability = 1.0

    /// Whether any augmentation can change a sample.
    public var isEnabled: Bool {
        flipHorizontal > 0 || flipVertical > 0 || (probability > 0 && (rotation > 0 || zoom != (1, 1)))
    }

    public static func == (a: AugmentSpec, b: AugmentSpec) -> Bool {
        a.flipHorizontal == b.flipHorizontal && a.flipVertical == b.flipVertical && a.rotation == b.rotation
            && a.zoom == b.zoom && a.probability == b.probability
    }
}
