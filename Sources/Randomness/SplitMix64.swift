/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, fast generator whose output depends only on its seed, so
/// weights, augmentations, phantoms, splits and bootstrap intervals are identical across runs and platforms (Swift's SystemRandomNumberGenerator
/// is not seedable). Conforms to `RandomNumberGenerator`, so `Float.random(in:using:)` works too, but the
/// helpers below are used internally because their results are pinned by our own code, not the stdlib's.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for one item of a family, e.g. `(seed, epoch, sample)`: each key is mixed in turn so
    /// neighbouring keys give unrelated streams.
    public init(seed: UInt64, keys: UInt64...) {
        var state = SplitMix64.mix(seed)
        for key in keys { state = SplitMix64.mix(state ^ SplitMix64.mix(key &+ 0x632B_E59B_D9B4_E019)) }
        self.state = state
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// Uniform in (0, 1] with 53 random bits: never 0, so `log` of it is finite (weight initialisation).
    public mutating func nextUniformExcludingZero() -> Double {
        (Double(next() >> 11) + 1) / 9_007_199_254_740_992
    }

    /// Uniform in 0..<bound by multiply-high (Lemire); the bias, bound/2⁶⁴, is far below resampling noise.
    public mutating func nextIndex(below bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    public mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * nextUnit()
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { nextUnit() < p }

    /// Standard normal by Box–Muller (one of the pair is discarded: simplicity over speed).
    public mutating func gaussian() -> Double {
        let u1 = max(nextUnit(), 1e-300), u2 = nextUnit()
        return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import Foundation
private func _log(_ x: Double) -> Double { Foundation.log(x) }
private func _cos(_ x: Double) -> Double { Foundation.cos(x) }
