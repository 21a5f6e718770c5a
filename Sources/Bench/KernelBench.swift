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
}

let kernelShapes = [KernelShape(cin: 16, cout: 16, size: 256), KernelShape(cin: 16, cout: 32, size: 128),
                    KernelShape(cin: 32, cout: 32, size: 128), KernelShape(cin: 32, cout: 64, size: 64)]

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
    let ti = bestTime(reps: reps) {
        conv3x3Backward(dinp: dinp, dweight: &dweight, dbias: &dbias, dout: out, inp: inp, weight: weight,
                        threads: threads)
    }
    let tw = bestTime(reps: reps) {
        conv3x3Backward(dinp: nil, dweight: &dweight, dbias: &dbias, dout: out, inp: inp, weight: weight,
                        threads: threads)
    }
    // The dinp timing includes the weight gradient; subtract it to isolate the input gradient.
    return KernelResult(shape: s, threads: threads, forward: flops / tf / 1e9,
                        dinp: flops / max(ti - tw, 1e-9) / 1e9, dweight: flops / tw / 1e9)
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
