import Dispatch
import KernelsAVX512
import NN

// The machine's FMA peak right now, measured in plain Swift: the figure "% of peak" divides by, and a
// check that both cores run at full speed (two threads should do twice one). On the AVX-512 path it
// runs 512-bit FMAs (KernelsAVX512), otherwise 256-bit ones compiled here for x86-64-v3.

struct FMAProbe {
    let oneThread: Double   // GFLOP/s
    let twoThreads: Double  // GFLOP/s, both threads together
    /// twoThreads / (2 · oneThread): 1.0 when the second core is as fast as the first.
    var efficiency: Double { twoThreads / (2 * oneThread) }
}

/// 6 independent SIMD16 accumulators (12 ymm chains on AVX2): 192 FLOP per iteration.
@inline(never)
func fmaLoopAVX2(iterations: Int, seed: Float) -> Float {
    let x = SIMD16<Float>(repeating: 0.5), y = SIMD16<Float>(repeating: 0.25)
    var a0 = SIMD16<Float>(repeating: seed), a1 = a0 + 1, a2 = a0 + 2, a3 = a0 + 3, a4 = a0 + 4, a5 = a0 + 5
    for _ in 0..<iterations {
        a0 = y.addingProduct(a0, x); a1 = y.addingProduct(a1, x); a2 = y.addingProduct(a2, x)
        a3 = y.addingProduct(a3, x); a4 = y.addingProduct(a4, x); a5 = y.addingProduct(a5, x)
    }
    return ((a0 + a1) + (a2 + a3) + (a4 + a5)).sum()
}

/// GFLOP/s of one FMA loop of about 0.2 s on each of `threads` threads at once, summed (best of 3).
func measureFMA(threads: Int, path: KernelPath) -> Double {
    let wide = path == .avx512
    let iterations = wide ? 20_000_000 : 40_000_000, flopPerIteration = wide ? 384.0 : 192.0
    var best = 0.0
    for _ in 0..<3 {
        let t0 = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: threads) { i in
            let r = wide ? fmaLoopAVX512(iterations: iterations, seed: Float(i))
                         : fmaLoopAVX2(iterations: iterations, seed: Float(i))
            if r == 42 { print("") }  // keeps the result alive
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
        best = max(best, Double(threads * iterations) * flopPerIteration / seconds / 1e9)
    }
    return best
}

func probeFMA(path: KernelPath) -> FMAProbe {
    FMAProbe(oneThread: measureFMA(threads: 1, path: path), twoThreads: measureFMA(threads: 2, path: path))
}
