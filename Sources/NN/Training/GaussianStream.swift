import Foundation
import Randomness

// Normals for weight initialisation: Box–Muller over SplitMix64, both values of each pair used. Our own,
// so the same seed gives bitwise identical weights on every platform and release.

public struct GaussianStream {
    private var bits: SplitMix64
    private var spare: Double?

    public init(seed: UInt64) { bits = SplitMix64(seed: seed) }

    /// Uniform in (0, 1], from the same stream.
    public mutating func nextUniform() -> Double { bits.nextUniformExcludingZero() }

    /// Standard normal (Box–Muller, both values used).
    public mutating func nextGaussian() -> Double {
        if let s = spare { spare = nil; return s }
        let r = (-2 * log(bits.nextUniformExcludingZero())).squareRoot(), theta = 2 * Double.pi * bits.nextUniformExcludingZero()
        spare = r * sin(theta)
        return r * cos(theta)
    }
}
