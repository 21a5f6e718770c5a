import Tensor
@testable import NN

// Shared fixtures for the convolution tests: seeded random tensors and weights, and the
// comparison that reports how far a fast result is from the reference.

/// Largest elementwise difference allowed between fast and reference convolutions, relative to
/// max(1, |reference|): both accumulate in Float32, in different orders, over ≤ 9·32·351 terms.
let convTolerance: Float = 1e-4
/// Largest relative difference allowed between an analytic gradient and a central finite difference.
let gradientCheckTolerance: Double = 1e-2

/// SplitMix64: a deterministic generator so a failing shape can be reproduced.
struct SeededRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [-1, 1).
    mutating func float() -> Float { Float(next() >> 40) / Float(1 << 23) - 1 }
    mutating func floats(_ n: Int) -> [Float] { (0..<n).map { _ in float() } }
}

func randomTensor(_ n: Int, _ c: Int, _ h: Int, _ w: Int, _ rng: inout SeededRandom) -> Tensor {
    let t = Tensor(batch: n, channels: c, height: h, width: w)
    t.load(nchw: rng.floats(n * c * h * w))
    return t
}

/// Largest |a - b| / max(1, |b|) with b the reference, and the largest |a - b|.
func maxDifference(_ a: [Float], _ b: [Float]) -> (rel: Float, abs: Float) {
    precondition(a.count == b.count, "compared arrays differ in size")
    var rel: Float = 0, absd: Float = 0
    for i in a.indices {
        let d = abs(a[i] - b[i])
        absd = max(absd, d)
        rel = max(rel, d / max(1, abs(b[i])))
    }
    return (rel, absd)
}

/// Sum of the border and padding-channel floats: zero when a layer kept the Tensor invariant.
func outsideInteriorMagnitude(_ t: Tensor) -> Float {
    var total: Float = 0
    var inside = [Bool](repeating: false, count: t.count)
    for n in 0..<t.batch { for c in 0..<t.channels { for y in 0..<t.height { for x in 0..<t.width {
        inside[t.index(n, c, y, x)] = true
    } } } }
    for i in 0..<t.count where !inside[i] { total += abs(t.data[i]) }
    return total
}

/// A convolution shape under test; `side` is 3 or 1.
struct ConvShape: CustomStringConvertible {
    let n, cin, cout, h, w: Int
    var description: String { "N\(n) Cin\(cin) Cout\(cout) \(h)×\(w)" }
}
