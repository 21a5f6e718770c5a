import XCTest
@testable import NN
import Tensor

// Helpers shared by the NN tests: seeded random tensors, the Σ r·out objective the gradient checks
// differentiate, and the finite-difference checker that prints how far off it is.

/// Central-difference step for Float forward passes with a Double objective.
let finiteDifferenceStep: Float = 1e-3
/// Gradients smaller than this (in absolute value) are compared absolutely, not relatively.
let gradientFloor: Double = 1e-3

func randomTensor(_ n: Int, _ c: Int, _ h: Int, _ w: Int, seed: UInt64, scale: Double = 1) -> Tensor {
    var rng = GaussianStream(seed: seed)
    let t = Tensor(batch: n, channels: c, height: h, width: w)
    t.load(nchw: (0..<(n * c * h * w)).map { _ in Float(rng.nextGaussian() * scale) })
    return t
}

func randomArray(_ count: Int, seed: UInt64, scale: Double = 1) -> [Float] {
    var rng = GaussianStream(seed: seed)
    return (0..<count).map { _ in Float(rng.nextGaussian() * scale) }
}

/// Σ r·out over real channels and interior pixels, in Double.
func dot(_ r: Tensor, _ out: Tensor) -> Double {
    zip(r.nchw(), out.nchw()).reduce(0) { $0 + Double($1.0) * Double($1.1) }
}

/// True when every border pixel and padding channel of t is zero (the layout invariant).
func borderAndPaddingAreZero(_ t: Tensor) -> Bool {
    var interior = Set<Int>()
    for n in 0..<t.batch { for c in 0..<t.channels { for y in 0..<t.height { for x in 0..<t.width {
        interior.insert(t.index(n, c, y, x))
    } } } }
    return (0..<t.count).allSatisfy { interior.contains($0) || t.data[$0] == 0 }
}

/// Compares analytic gradients at `indices` of `values` with central differences of `objective`;
/// prints and returns the largest relative difference. With `skipKinks`, an element whose central
/// differences at `step` and `step`/2 disagree by more than the tolerance straddles a ReLU or max-pool
/// kink, where the finite difference is meaningless; it is skipped and counted (at most a quarter).
@discardableResult
func gradientCheck(_ name: String, values: UnsafeMutablePointer<Float>, analytic: [Float], indices: [Int],
                   tolerance: Double, step: Float = finiteDifferenceStep, floor: Double = gradientFloor,
                   skipKinks: Bool = false, file: StaticString = #filePath, line: UInt = #line,
                   objective: () -> Double) -> Double {
    func centralDifference(_ i: Int, _ h: Float) -> Double {
        let saved = values[i], plus = saved + h, minus = saved - h
        values[i] = plus; let fPlus = objective()
        values[i] = minus; let fMinus = objective()
        values[i] = saved
        return (fPlus - fMinus) / (Double(plus) - Double(minus))
    }
    func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(a), abs(b), floor) }
    var worst: Double = 0, worstIndex = -1, skipped = 0
    for i in indices {
        let numeric = centralDifference(i, step)
        if skipKinks && relative(numeric, centralDifference(i, step / 2)) > tolerance { skipped += 1; continue }
        let diff = relative(Double(analytic[i]), numeric)
        if diff > worst { worst = diff; worstIndex = i }
    }
    print("gradient check \(name): largest relative difference \(String(format: "%.2e", worst)) at [\(worstIndex)]"
          + " (tolerance \(tolerance), \(indices.count - skipped) elements\(skipKinks ? ", \(skipped) at kinks skipped" : ""))")
    XCTAssertLessThan(worst, tolerance, "\(name) gradient", file: file, line: line)
    XCTAssertLessThanOrEqual(4 * skipped, indices.count, "\(name): too many kinks to check", file: file, line: line)
    return worst
}

/// Up to `limit` indices spread over 0..<count.
func sampleIndices(_ count: Int, limit: Int = 40) -> [Int] {
    count <= limit ? Array(0..<count) : (0..<limit).map { $0 * count / limit }
}

/// A tensor's values at every float of its buffer in NCHW order, as a pointer-indexable array for
/// gradientCheck: maps NCHW index -> buffer offset.
func nchwOffsets(_ t: Tensor) -> [Int] {
    var offsets: [Int] = []
    for n in 0..<t.batch { for c in 0..<t.channels { for y in 0..<t.height { for x in 0..<t.width {
        offsets.append(t.index(n, c, y, x))
    } } } }
    return offsets
}

/// Gradient check of a tensor input: analytic gradient tensor `grad`, perturbing `inp` in place.
@discardableResult
func tensorGradientCheck(_ name: String, inp: Tensor, grad: Tensor, tolerance: Double, step: Float = finiteDifferenceStep,
                         file: StaticString = #filePath, line: UInt = #line, objective: () -> Double) -> Double {
    let offsets = nchwOffsets(inp)
    var analytic = [Float](repeating: 0, count: inp.count)
    for o in offsets { analytic[o] = grad.data[o] }
    return gradientCheck(name, values: inp.data, analytic: analytic, indices: sampleIndices(offsets.count).map { offsets[$0] },
                         tolerance: tolerance, step: step, file: file, line: line, objective: objective)
}

/// Runs `body` once on every kernel path this CPU has (AVX2 always, AVX-512 where the CPU has it), so
/// one test run checks each path against the references; the chosen path is restored afterwards.
func forEachKernelPath(_ body: (KernelPath) throws -> Void) rethrows {
    let saved = KernelPath.current
    defer { KernelPath.current = saved }
    for path in KernelPath.available {
        KernelPath.current = path
        try body(path)
    }
}
