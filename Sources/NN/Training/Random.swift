import Foundation

// The seeded generator behind weight initialisation: SplitMix64 for uniform bits, Box–Muller for
// normals. Our own, so the same seed gives bitwise identical weights on every platform and release.

public struct SplitMix64 {
    private var state: UInt64
    private var spare: Double?

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in (0, 1]: never 0, so log() below is finite.
    public mutating func nextUniform() -> Double { (Double(next() >> 11) + 1) / 9_007_199_254_740_992 }

    /// Standard normal (Box–Muller, both values used).
    public mutating func nextGaussian() -> Double {
        if let s = spare { spare = nil; return s }
        let r = (-2 * log(nextUniform())).squareRoot(), theta = 2 * Double.pi * nextUniform()
        spare = r * sin(theta)
        return r * cos(theta)
    }
}
