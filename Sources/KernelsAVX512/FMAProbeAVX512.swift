// A plain FMA loop for the benchmark's peak: 12 independent 512-bit accumulators (more than the 8
// that two FMA pipes with a 4-cycle latency keep busy), no memory traffic.

/// Runs `iterations` × 12 SIMD16 FMAs (384 FLOP per iteration) and returns a value that depends on
/// all of them, so the loop cannot be dropped.
@inline(never)
public func fmaLoopAVX512(iterations: Int, seed: Float) -> Float {
    let x = SIMD16<Float>(repeating: 0.5), y = SIMD16<Float>(repeating: 0.25)
    var a0 = SIMD16<Float>(repeating: seed), a1 = a0 + 1, a2 = a0 + 2, a3 = a0 + 3, a4 = a0 + 4, a5 = a0 + 5
    var a6 = a0 + 6, a7 = a0 + 7, a8 = a0 + 8, a9 = a0 + 9, a10 = a0 + 10, a11 = a0 + 11
    for _ in 0..<iterations {
        a0 = y.addingProduct(a0, x); a1 = y.addingProduct(a1, x); a2 = y.addingProduct(a2, x)
        a3 = y.addingProduct(a3, x); a4 = y.addingProduct(a4, x); a5 = y.addingProduct(a5, x)
        a6 = y.addingProduct(a6, x); a7 = y.addingProduct(a7, x); a8 = y.addingProduct(a8, x)
        a9 = y.addingProduct(a9, x); a10 = y.addingProduct(a10, x); a11 = y.addingProduct(a11, x)
    }
    let s = (a0 + a1 + a2 + a3) + (a4 + a5 + a6 + a7) + (a8 + a9 + a10 + a11)
    return s.sum()
}
