import XCTest
import Tensor
@testable import NN

// Winograd F(2×2, 3×3) must compute the same convolution as the seven-loop reference, within the
// rounding its transforms add, on every kernel path: bands of one tile row and of several, a last
// band shorter than the others, tile rows narrower than a kernel call, channel counts that are not
// multiples of 16, odd output-block counts, batch 1 and 3, one thread and two.
final class WinogradTests: XCTestCase {
    static let shapes: [ConvShape] = [
        ConvShape(n: 1, cin: 16, cout: 16, h: 4, w: 4),     // one band of 2×2 tiles: below a kernel call's width
        ConvShape(n: 3, cin: 32, cout: 32, h: 16, w: 16),   // 8 tiles a row: one 8-tile call per pair
        ConvShape(n: 2, cin: 17, cout: 48, h: 6, w: 26),    // partial input block; an odd output block
        ConvShape(n: 1, cin: 64, cout: 16, h: 20, w: 8),
        ConvShape(n: 1, cin: 512, cout: 32, h: 40, w: 18),  // bands of 2 tile rows, the last one short
        ConvShape(n: 2, cin: 48, cout: 24, h: 2, w: 30),    // a single tile row
    ]

    /// |Winograd − reference| / max(1, |reference|): F(2×2, 3×3)'s transforms add a few roundings of values
    /// up to 4× the inputs' to the direct convolution's; measured: under 1e-5, and 8.5e-5 over 9·512 terms.
    static let tolerance: Float = 2e-4

    func testForwardMatchesReference() {
        forEachKernelPath { path in
            var rng = SeededRandom(state: 11)
            for s in Self.shapes { for relu in [false, true] { for threads in [1, 2] {
                XCTAssertEqual(Conv3x3Algorithm.winograd.resolved(inChannels: s.cin, outChannels: s.cout, height: s.h,
                                                                  width: s.w), .winograd)
                let inp = randomTensor(s.n, s.cin, s.h, s.w, &rng)
                let weight = rng.floats(s.cout * s.cin * 9), bias = rng.floats(s.cout)
                let fast = Tensor(batch: s.n, channels: s.cout, height: s.h, width: s.w)
                let ref = Tensor(batch: s.n, channels: s.cout, height: s.h, width: s.w)
                fast.load(nchw: rng.floats(s.n * s.cout * s.h * s.w))  // overwritten: nothing of it may remain
                conv3x3Forward(out: fast, inp: inp, weight: weight, bias: bias, relu: relu, threads: threads,
                               algorithm: .winograd)
                conv3x3ForwardReference(out: ref, inp: inp, weight: weight, bias: bias, relu: relu)
                let d = maxDifference(fast.nchw(), ref.nchw())
                print("winograd forward \(path) \(s) relu=\(relu) threads=\(threads): max rel \(d.rel) abs \(d.abs) (tol \(Self.tolerance))")
                XCTAssertLessThanOrEqual(d.rel, Self.tolerance, "\(path) \(s)")
                XCTAssertEqual(outsideInteriorMagnitude(fast), 0, "border and padding channels stay zero, \(path) \(s)")
            } } }
        }
    }

    /// The input gradient (a forward convolution of dout with the filter transposed and flipped) by Winograd,
    /// split over the two parts of a concatenated input as the U-Net's decoder does; the weight gradient stays direct.
    func testInputGradientMatchesReference() {
        forEachKernelPath { path in
            var rng = SeededRandom(state: 14)
            let s = ConvShape(n: 2, cin: 48, cout: 32, h: 12, w: 20)
            let inp = randomTensor(s.n, s.cin, s.h, s.w, &rng), dout = randomTensor(s.n, s.cout, s.h, s.w, &rng)
            let weight = rng.floats(s.cout * s.cin * 9)
            var dw = [Float](repeating: 0, count: weight.count), db = [Float](repeating: 0, count: s.cout)
            var dwRef = dw, dbRef = db
            let parts = [Tensor(batch: s.n, channels: 32, height: s.h, width: s.w),
                         Tensor(batch: s.n, channels: 16, height: s.h, width: s.w)]
            let ref = Tensor(batch: s.n, channels: s.cin, height: s.h, width: s.w)
            conv3x3Backward(dinpParts: parts, dweight: &dw, dbias: &db, dout: dout, inp: inp, weight: weight,
                            algorithm: .winograd)
            conv3x3BackwardReference(dinp: ref, dweight: &dwRef, dbias: &dbRef, dout: dout, inp: inp, weight: weight)
            let whole = ref.nchw(), perImage = s.cin * s.h * s.w, plane = s.h * s.w
            for (k, part) in parts.enumerated() {
                let first = k == 0 ? 0 : 32
                var expected: [Float] = []
                for n in 0..<s.n {
                    let start = n * perImage + first * plane
                    expected += whole[start..<(start + part.channels * plane)]
                }
                let d = maxDifference(part.nchw(), expected)
                print("winograd input gradient \(path) part \(k): max rel \(d.rel) (tol \(Self.tolerance))")
                XCTAssertLessThanOrEqual(d.rel, Self.tolerance, "\(path) part \(k)")
                XCTAssertEqual(outsideInteriorMagnitude(part), 0, "\(path) part \(k): border and padding stay zero")
            }
            XCTAssertLessThanOrEqual(maxDifference(dw, dwRef).rel, convTolerance, "\(path): dweight")
        }
    }

    /// The same inputs give the same bits on every run, whatever the number of threads: a band's
    /// arithmetic does not depend on which thread computes it.
    func testForwardIsDeterministicAcrossThreadCounts() {
        forEachKernelPath { path in
            var rng = SeededRandom(state: 12)
            let s = ConvShape(n: 3, cin: 64, cout: 64, h: 32, w: 32)
            let inp = randomTensor(s.n, s.cin, s.h, s.w, &rng)
            let weight = rng.floats(s.cout * s.cin * 9), bias = rng.floats(s.cout)
            let one = Tensor(batch: s.n, channels: s.cout, height: s.h, width: s.w)
            let two = Tensor(batch: s.n, channels: s.cout, height: s.h, width: s.w)
            conv3x3Forward(out: one, inp: inp, weight: weight, bias: bias, threads: 1, algorithm: .winograd)
            conv3x3Forward(out: two, inp: inp, weight: weight, bias: bias, threads: 2, algorithm: .winograd)
            XCTAssertEqual(one.nchw(), two.nchw(), "\(path): 1 and 2 threads")
        }
    }

    /// Both kernel paths add every product in the same order, so Winograd gives the same bits on each:
    /// a model trained on one CPU predicts identically on the other.
    func testForwardIsBitIdenticalOnBothKernelPaths() throws {
        try XCTSkipUnless(KernelPath.available.count > 1, "this CPU (\(CPUInfo.modelName)) has one kernel path only")
        var rng = SeededRandom(state: 15)
        let s = ConvShape(n: 2, cin: 48, cout: 80, h: 18, w: 28)
        let inp = randomTensor(s.n, s.cin, s.h, s.w, &rng)
        let weight = rng.floats(s.cout * s.cin * 9), bias = rng.floats(s.cout)
        var results: [[Float]] = []
        forEachKernelPath { _ in
            let out = Tensor(batch: s.n, channels: s.cout, height: s.h, width: s.w)
            conv3x3Forward(out: out, inp: inp, weight: weight, bias: bias, relu: true, algorithm: .winograd)
            results.append(out.nchw())
        }
        XCTAssertEqual(results[0], results[1])
    }

    /// NaN in the input reaches the outputs it touches (through the ReLU too), as in the direct path.
    func testNaNInputStaysVisible() {
        var rng = SeededRandom(state: 13)
        let inp = randomTensor(1, 32, 8, 8, &rng)
        inp[0, 5, 3, 4] = .nan
        let out = Tensor(batch: 1, channels: 32, height: 8, width: 8)
        conv3x3Forward(out: out, inp: inp, weight: rng.floats(32 * 32 * 9), bias: rng.floats(32), relu: true,
                       algorithm: .winograd)
        XCTAssertTrue(out[0, 0, 3, 4].isNaN, "the pixel over the NaN")
        XCTAssertFalse(out[0, 0, 7, 0].isNaN, "a pixel whose tiles are far from it")
    }

    /// .fastest takes Winograd only where it pays and the plane is even; the direct convolution elsewhere.
    func testFastestChoosesByShape() {
        let fastest = Conv3x3Algorithm.fastest
        XCTAssertEqual(fastest.resolved(inChannels: 1, outChannels: 16, height: 256, width: 256), .direct)
        XCTAssertEqual(fastest.resolved(inChannels: 64, outChannels: 64, height: 128, width: 128), .winograd)
        XCTAssertEqual(fastest.resolved(inChannels: 64, outChannels: 64, height: 127, width: 128), .direct)
        XCTAssertEqual(fastest.resolved(inChannels: 64, outChannels: 1, height: 128, width: 128), .direct)
        XCTAssertEqual(Conv3x3Algorithm.direct.resolved(inChannels: 512, outChannels: 512, height: 16, width: 16), .direct)
    }
}
