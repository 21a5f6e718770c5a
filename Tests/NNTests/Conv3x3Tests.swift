import XCTest
import Tensor
@testable import NN

// The fast 3×3 convolution must agree with the seven-loop reference on every shape the U-Net and
// its edge cases produce: odd sizes, rows narrower than a kernel call or not a multiple of one, batch 1 and 3, channel
// counts that are not multiples of 16 and the one-channel first layer.
final class Conv3x3Tests: XCTestCase {
    static let shapes: [ConvShape] = [
        ConvShape(n: 1, cin: 1, cout: 16, h: 5, w: 7),
        ConvShape(n: 3, cin: 3, cout: 24, h: 13, w: 9),
        ConvShape(n: 1, cin: 16, cout: 1, h: 13, w: 9),
        ConvShape(n: 3, cin: 20, cout: 16, h: 5, w: 7),
        ConvShape(n: 1, cin: 32, cout: 24, h: 13, w: 9),
        ConvShape(n: 3, cin: 16, cout: 16, h: 4, w: 3),
        ConvShape(n: 3, cin: 32, cout: 1, h: 8, w: 16),
        ConvShape(n: 2, cin: 16, cout: 16, h: 3, w: 10),  // one 6-pixel and one 4-pixel call
        ConvShape(n: 1, cin: 3, cout: 16, h: 2, w: 8),    // two 4-pixel calls
        ConvShape(n: 2, cin: 16, cout: 32, h: 3, w: 21),  // AVX-512: a 16-pixel call and an overlapping one
        ConvShape(n: 1, cin: 20, cout: 16, h: 2, w: 40),  // AVX-512: 16 + 16 + overlap; AVX2: 6·6 + 4
        ConvShape(n: 2, cin: 8, cout: 40, h: 2, w: 16),   // AVX-512 block pairs: 8 + 8 pixels, a last odd block
        ConvShape(n: 1, cin: 17, cout: 32, h: 2, w: 28),  // pairs: 12 + 8 + 8
        ConvShape(n: 1, cin: 16, cout: 64, h: 2, w: 20),  // pairs: 12 + 8, two pairs
        ConvShape(n: 1, cin: 4, cout: 32, h: 3, w: 38),   // pairs: 12 · 3 + an overlapping 8
        ConvShape(n: 1, cin: 4, cout: 32, h: 2, w: 10),   // pairs: an 8 and an overlapping 8
    ]

    func testForwardMatchesReference() {
        forEachKernelPath { path in
        var rng = SeededRandom(state: 1)
        for s in Self.shapes { for relu in [false, true] { for threads in [1, 2] {
            let inp = randomTensor(s.n, s.cin, s.h, s.w, &rng)
            let weight = rng.floats(s.cout * s.cin * 9), bias = rng.floats(s.cout)
            let fast = Tensor(batch: s.n, channels: s.cout, height: s.h, width: s.w)
            let ref = Tensor(batch: s.n, channels: s.cout, height: s.h, width: s.w)
            conv3x3Forward(out: fast, inp: inp, weight: weight, bias: bias, relu: relu, threads: threads)
            conv3x3ForwardReference(out: ref, inp: inp, weight: weight, bias: bias, relu: relu)
            let d = maxDifference(fast.nchw(), ref.nchw())
            print("conv3x3 forward \(path) \(s) relu=\(relu) threads=\(threads): max rel \(d.rel) abs \(d.abs) (tol \(convTolerance))")
            XCTAssertLessThanOrEqual(d.rel, convTolerance, "\(path) \(s)")
            XCTAssertEqual(outsideInteriorMagnitude(fast), 0, "border and padding channels stay zero, \(path) \(s)")
        } } }
        }
    }

    func testBackwardMatchesReference() {
        forEachKernelPath { path in
        var rng = SeededRandom(state: 2)
        for s in Self.shapes { for threads in [1, 2] {
            let inp = randomTensor(s.n, s.cin, s.h, s.w, &rng)
            let dout = randomTensor(s.n, s.cout, s.h, s.w, &rng)
            let weight = rng.floats(s.cout * s.cin * 9)
            // Gradients start non-zero: the call must add to them, not overwrite.
            let dw0 = rng.floats(weight.count), db0 = rng.floats(s.cout)
            var dwFast = dw0, dbFast = db0, dwRef = dw0, dbRef = db0
            let dinpFast = randomTensor(s.n, s.cin, s.h, s.w, &rng)  // overwritten
            let dinpRef = Tensor(batch: s.n, channels: s.cin, height: s.h, width: s.w)
            conv3x3Backward(dinp: dinpFast, dweight: &dwFast, dbias: &dbFast, dout: dout, inp: inp,
                            weight: weight, threads: threads)
            conv3x3BackwardReference(dinp: dinpRef, dweight: &dwRef, dbias: &dbRef, dout: dout, inp: inp,
                                     weight: weight)
            let di = maxDifference(dinpFast.nchw(), dinpRef.nchw())
            let dw = maxDifference(dwFast, dwRef), db = maxDifference(dbFast, dbRef)
            print("conv3x3 backward \(path) \(s) threads=\(threads): dinp rel \(di.rel), dweight rel \(dw.rel), dbias rel \(db.rel) (tol \(convTolerance))")
            XCTAssertLessThanOrEqual(di.rel, convTolerance, "dinp \(path) \(s)")
            XCTAssertLessThanOrEqual(dw.rel, convTolerance, "dweight \(path) \(s)")
            XCTAssertLessThanOrEqual(db.rel, convTolerance, "dbias \(path) \(s)")
            XCTAssertEqual(outsideInteriorMagnitude(dinpFast), 0, "dinp border and padding stay zero, \(path) \(s)")
        } }
        }
    }

    /// A filter too large for L2 is swept block by block over chunks of rows (rowsPerWeightPass): the
    /// chunks end at image boundaries and at each thread's share, and every output is still computed.
    func testForwardOfALargeFilterInRowChunksMatchesReference() {
        let s = ConvShape(n: 3, cin: 256, cout: 48, h: 13, w: 40)
        let chunk = rowsPerWeightPass(filterFloats: PackedFilter.count(outChannels: 256, inChannels: s.cin, side: 3),
                                      inputRowFloats: 16 * (s.w + 2) * 16, height: s.h)
        XCTAssertTrue(chunk > 1 && chunk < s.h, "the shape must split images into several chunks (chunk \(chunk))")
        forEachKernelPath { path in
            var rng = SeededRandom(state: 4)
            let inp = randomTensor(s.n, s.cin, s.h, s.w, &rng)
            // 256 output channels make the filter 2.4 MB; only the first 48 are compared, to keep the
            // reference quick: the output tensor holds all 256.
            let weight = rng.floats(256 * s.cin * 9), bias = rng.floats(256)
            let fast = Tensor(batch: s.n, channels: 256, height: s.h, width: s.w)
            conv3x3Forward(out: fast, inp: inp, weight: weight, bias: bias, relu: true, threads: 2)
            let ref = Tensor(batch: s.n, channels: s.cout, height: s.h, width: s.w)
            conv3x3ForwardReference(out: ref, inp: inp, weight: weight, bias: bias, relu: true)
            let all = fast.nchw(), plane = s.h * s.w
            var firstChannels = [Float]()
            for n in 0..<s.n { firstChannels += all[(n * 256 * plane)..<((n * 256 + s.cout) * plane)] }
            let d = maxDifference(firstChannels, ref.nchw())
            XCTAssertLessThanOrEqual(d.rel, convTolerance, "\(path) chunked forward")
        }
    }

    func testBackwardWithoutInputGradientStillAccumulatesWeights() {
        var rng = SeededRandom(state: 3)
        let s = ConvShape(n: 2, cin: 3, cout: 16, h: 6, w: 6)
        let inp = randomTensor(s.n, s.cin, s.h, s.w, &rng), dout = randomTensor(s.n, s.cout, s.h, s.w, &rng)
        let weight = rng.floats(s.cout * s.cin * 9)
        var dwFast = [Float](repeating: 0, count: weight.count), dbFast = [Float](repeating: 0, count: s.cout)
        var dwRef = dwFast, dbRef = dbFast
        conv3x3Backward(dinp: nil, dweight: &dwFast, dbias: &dbFast, dout: dout, inp: inp, weight: weight)
        conv3x3BackwardReference(dinp: nil, dweight: &dwRef, dbias: &dbRef, dout: dout, inp: inp, weight: weight)
        XCTAssertLessThanOrEqual(maxDifference(dwFast, dwRef).rel, convTolerance)
        XCTAssertLessThanOrEqual(maxDifference(dbFast, dbRef).rel, convTolerance)
    }
}
