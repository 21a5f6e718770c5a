import Tensor
import NN

// Kernel micro-benchmark: GFLOP/s of the 3×3 convolution's three passes on the U-Net's layer
// shapes, on 1 and 2 threads, next to OpenBLAS sgemm on a 2048² product measured in the same run.

struct KernelShape {
    let cin, cout, size: Int
    var label: String { "(\(cin),\(cout),\(size))" }
}

struct KernelResult {
    let shape: KernelShape
    let threads: Int
    let forward, dinp, dweight: Double  // GFLOP/s
    /// The forward pass by Winograd F(2×2, 3×3), in direct-convolution GFLOP/s (the same FLOP count over
    /// its time), so forward and winograd compare as speeds.
    let winograd: Double
    /// sgemm alone on the forward pass's im2col product (M = N·H·W, N = Cout, K = 9·Cin), no im2col
    /// copy counted: the most a sgemm path could reach. Deep shapes only (the matrix fits in memory).
    var sgemm: Double?
}

/// The U-Net's layer shapes: the wide shallow levels, and the deep ones (128–512 channels on
/// 16²–32² planes) where sgemm is the alternative to decide against.
let kernelShapes = [KernelShape(cin: 16, cout: 16, size: 256), KernelShape(cin: 16, cout: 32, size: 128),
                    KernelShape(cin: 32, cout: 32, size: 256), KernelShape(cin: 32, cout: 32, size: 128),
                    KernelShape(cin: 32, cout: 64, size: 64), KernelShape(cin: 64, cout: 64, size: 128),
                    KernelShape(cin: 128, cout: 128, size: 32), KernelShape(cin: 256, cout: 256, size: 16),
                    KernelShape(cin: 256, cout: 256, size: 32), KernelShape(cin: 512, cout: 512, size: 16)]

func benchKernel(_ s: KernelShape, batch: Int, threads: Int, reps: Int) -> KernelResult {
    let inp = Tensor(batch: batch, channels: s.cin, height: s.size, width: s.size)
    let out = Tensor(batch: batch, channels: s.cout, height: s.size, width: s.size)
    let dinp = Tensor(batch: batch, channels: s.cin, height: s.size, width: s.size)
    var seed: UInt32 = 1
    func fill(_ t: Tensor) {
        for n in 0..<t.batch { for c in 0..<t.channels { for y in 0..<t.height { for x in 0..<t.width {
            seed = seed &* 1_664_525 &+ 1_013_904_223
            t[n, c, y, x] = Float(seed >> 9) / Float(1 << 23) - 0.5
        } } } }
    }
    fill(inp); fill(out)
    let weight = (0..<(s.cout * s.cin * 9)).map { Float($0 % 7) * 0.01 - 0.03 }
    let bias = [Float](repeating: 0.1, count: s.cout)
    var dweight = [Float](repeating: 0, count: weight.count), dbias = [Float](repeating: 0, count: s.cout)
    let flops = 2.0 * Double(batch * s.size * s.size * s.cin * s.cout * 9)
    let tf = bestTime(reps: reps) {
        conv3x3Forward(out: out, inp: inp, weight: weight, bias: bias, relu: true, threads: threads)
    }
    let twino = bestTime(reps: reps) {
        conv3x3Forward(out: out, inp: inp, weight: weight, bias: bias, relu: true, threads: threads, algorithm: .winograd)
    }
    let ti = bestTime(reps: reps) {
        conv3x3Backward(dinp: dinp, dweight: &dweight, dbias: &dbias, dout: out, inp: inp, weight: weight,
                        threads: threads)
    }
    let tw = bestTime(reps: reps) {
        conv3x3Backward(dinp: nil, dweight: &dweight, dbias: &dbias, dout: out, inp: inp, weight: weight,
                        threads: threads)
    }
    // The dinp timing includes the weight gradient; subtract it to isolate the input gradient.
    let gemm = s.size <= 32 ? benchIm2colSgemm(s, batch: batch, threads: threads, reps: reps) : nil
    return KernelResult(shape: s, threads: threads, forward: flops / tf / 1e9,
                        dinp: flops / max(ti - tw, 1e-9) / 1e9, dweight: flops / tw / 1e9, winograd: flops / twino / 1e9,
                        sgemm: gemm)
}

/// GFLOP/s of OpenBLAS sgemm on the im2col product of a forward 3×3 convolution of this shape.
func benchIm2colSgemm(_ s: KernelShape, batch: Int, threads: Int, reps: Int) -> Double {
    setBLASThreads(threads)
    defer { setBLASThreads(1) }
    let m = batch * s.size * s.size, k = 9 * s.cin, n = s.cout
    let a = [Float](repeating: 0.5, count: m * k), b = [Float](repeating: 0.25, count: k * n)
    var c = [Float](repeating: 0, count: m * n)
    let t = bestTime(reps: reps) { sgemm(m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, c: &c, ldc: n) }
    return 2.0 * Double(m * n * k) / t / 1e9
}

/// OpenBLAS sgemm GFLOP/s on an n×n×n product with `threads` OpenBLAS threads.
func benchSgemm(n: Int = 2048, threads: Int, reps: Int) -> Double {
    setBLASThreads(threads)
    defer { setBLASThreads(1) }
    let a = [Float](repeating: 0.5, count: n * n), b = [Float](repeating: 0.25, count: n * n)
    var c = [Float](repeating: 0, count: n * n)
    let t = bestTime(reps: reps) { sgemm(m: n, n: n, k: n, a: a, lda: n, b: b, ldb: n, c: &c, ldc: n) }
    return 2.0 * Double(n * n * n) / t / 1e9
}
