import XCTest
import Tensor
@testable import NN

// Finite-difference checks: the analytic gradients of the fast convolutions against central
// differences of the loss L = Σ out · G (G fixed and random), the loss summed in Float64.
// A convolution is linear in each parameter, so the difference is exact up to rounding.
final class ConvGradientCheckTests: XCTestCase {
    typealias Forward = (Tensor, Tensor, [Float], [Float]) -> Void
    typealias Backward = (Tensor, inout [Float], inout [Float], Tensor, Tensor, [Float]) -> Void

    func testConv3x3GradientsMatchFiniteDifferences() {
        check(name: "conv3x3", taps: 9,
              forward: { out, inp, w, b in conv3x3Forward(out: out, inp: inp, weight: w, bias: b) },
              backward: { dinp, dw, db, dout, inp, w in
                  conv3x3Backward(dinp: dinp, dweight: &dw, dbias: &db, dout: dout, inp: inp, weight: w) })
    }

    func testConv1x1GradientsMatchFiniteDifferences() {
        check(name: "conv1x1", taps: 1,
              forward: { out, inp, w, b in conv1x1Forward(out: out, inp: inp, weight: w, bias: b) },
              backward: { dinp, dw, db, dout, inp, w in
                  conv1x1Backward(dinp: dinp, dweight: &dw, dbias: &db, dout: dout, inp: inp, weight: w) })
    }

    private func check(name: String, taps: Int, forward: Forward, backward: Backward) {
        forEachKernelPath { check(name: "\(name) \($0)", taps: taps, forward: forward, backward: backward, width: 5) }
        // A row wider than the AVX-512 path's 16-pixel block, so its overlapping last call is checked too.
        forEachKernelPath { check(name: "\(name) \($0) wide", taps: taps, forward: forward, backward: backward, width: 19) }
    }

    private func check(name: String, taps: Int, forward: Forward, backward: Backward, width w: Int) {
        var rng = SeededRandom(state: 7)
        let n = 2, cin = 3, cout = 2, h = 4
        let inp = randomTensor(n, cin, h, w, &rng), g = randomTensor(n, cout, h, w, &rng)
        var weight = rng.floats(cout * cin * taps), bias = rng.floats(cout)
        let out = Tensor(batch: n, channels: cout, height: h, width: w)
        let gValues = g.nchw()
        func loss() -> Double {
            forward(out, inp, weight, bias)
            return zip(out.nchw(), gValues).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        var dw = [Float](repeating: 0, count: weight.count), db = [Float](repeating: 0, count: cout)
        let dinp = Tensor(batch: n, channels: cin, height: h, width: w)
        backward(dinp, &dw, &db, g, inp, weight)

        // Linear in each value, so a large step loses nothing to curvature and divides the Float
        // rounding of the loss by less (a power of two, so x ± eps is exact for most x).
        let eps: Float = 0.25
        func central(_ bump: (Float) -> Void) -> Double {
            bump(eps); let up = loss(); bump(-2 * eps); let down = loss(); bump(eps)
            return (up - down) / Double(2 * eps)
        }
        var worst = 0.0
        func compare(_ numeric: Double, _ analytic: Float) {
            worst = max(worst, abs(numeric - Double(analytic)) / max(abs(numeric), abs(Double(analytic)), 1e-3))
        }
        for i in weight.indices { compare(central { weight[i] += $0 }, dw[i]) }
        for i in bias.indices { compare(central { bias[i] += $0 }, db[i]) }
        for ni in 0..<n { for c in 0..<cin { for y in 0..<h { for x in 0..<w {
            compare(central { inp[ni, c, y, x] += $0 }, dinp[ni, c, y, x])
        } } } }
        print("\(name) finite-difference check: max rel diff \(worst) (tol \(gradientCheckTolerance))")
        XCTAssertLessThanOrEqual(worst, gradientCheckTolerance)
    }
}
