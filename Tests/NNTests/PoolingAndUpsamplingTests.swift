import XCTest
@testable import NN
import Tensor

// Max-pool and transposed convolution: fast paths against the naive references on odd and batch-1
// shapes, then finite-difference gradients.

let layerTolerance: Double = 1e-2
let referenceTolerance: Float = 1e-5

final class PoolingAndUpsamplingTests: XCTestCase {
    func testMaxPoolMatchesReferenceAndKeepsBorderZero() {
        for (n, c, h, w) in [(1, 5, 6, 10), (3, 20, 4, 8), (2, 16, 2, 2)] {
            let inp = randomTensor(n, c, h, w, seed: 1)
            let out = Tensor(batch: n, channels: c, height: h / 2, width: w / 2), ref = Tensor(batch: n, channels: c, height: h / 2, width: w / 2)
            maxPool2x2Forward(out: out, inp: inp)
            maxPool2x2ForwardReference(out: ref, inp: inp)
            XCTAssertEqual(out.nchw(), ref.nchw(), "forward \(inp.shape)")
            let dout = randomTensor(n, c, h / 2, w / 2, seed: 2)
            let dinp = Tensor(batch: n, channels: c, height: h, width: w), dref = Tensor(batch: n, channels: c, height: h, width: w)
            maxPool2x2Backward(dinp: dinp, dout: dout, inp: inp, out: out)
            maxPool2x2BackwardReference(dinp: dref, dout: dout, inp: inp)
            XCTAssertEqual(dinp.nchw(), dref.nchw(), "backward \(inp.shape)")
            XCTAssertTrue(borderAndPaddingAreZero(out) && borderAndPaddingAreZero(dinp))
        }
    }

    func testMaxPoolSendsTiedGradientToFirstMaximumAndAccumulates() {
        let inp = Tensor(batch: 1, channels: 1, height: 2, width: 2)
        inp.load(nchw: [1, 3, 3, 0])
        let out = Tensor(batch: 1, channels: 1, height: 1, width: 1), dout = Tensor(batch: 1, channels: 1, height: 1, width: 1)
        maxPool2x2Forward(out: out, inp: inp)
        dout.load(nchw: [2])
        let dinp = Tensor(batch: 1, channels: 1, height: 2, width: 2)
        dinp.load(nchw: [1, 1, 1, 1])
        maxPool2x2Backward(dinp: dinp, dout: dout, inp: inp, out: out)
        XCTAssertEqual(dinp.nchw(), [1, 3, 1, 1])
    }

    func testMaxPoolGradient() {
        let inp = randomTensor(2, 3, 6, 4, seed: 3), r = randomTensor(2, 3, 3, 2, seed: 4)
        let out = Tensor(batch: 2, channels: 3, height: 3, width: 2), dinp = Tensor(batch: 2, channels: 3, height: 6, width: 4)
        maxPool2x2Forward(out: out, inp: inp)
        maxPool2x2Backward(dinp: dinp, dout: r, inp: inp, out: out)
        tensorGradientCheck("maxPool2x2 dinp", inp: inp, grad: dinp, tolerance: layerTolerance) {
            maxPool2x2Forward(out: out, inp: inp); return dot(r, out)
        }
    }

    func testTransposedConvMatchesReference() { forEachKernelPath { path in
        for (n, cin, cout, h, w) in [(1, 3, 5, 3, 5), (2, 20, 17, 4, 3), (1, 32, 16, 2, 2), (3, 20, 17, 3, 7), (2, 33, 32, 2, 12),
                                   (2, 20, 17, 2, 19), (1, 16, 32, 3, 16)] {  // AVX-512: 16-pixel calls, overlap
            let inp = randomTensor(n, cin, h, w, seed: 5)
            let weight = randomArray(cin * cout * 4, seed: 6), bias = randomArray(cout, seed: 7)
            let out = Tensor(batch: n, channels: cout, height: 2 * h, width: 2 * w), ref = Tensor(batch: n, channels: cout, height: 2 * h, width: 2 * w)
            transposedConv2x2Forward(out: out, inp: inp, weight: weight, bias: bias)
            transposedConv2x2ForwardReference(out: ref, inp: inp, weight: weight, bias: bias)
            let forwardDiff = zip(out.nchw(), ref.nchw()).map { abs($0 - $1) }.max()!
            XCTAssertLessThan(forwardDiff, referenceTolerance, "forward \(inp.shape) -> \(cout)")

            let dout = randomTensor(n, cout, 2 * h, 2 * w, seed: 8)
            let dinp = Tensor(batch: n, channels: cin, height: h, width: w), dref = Tensor(batch: n, channels: cin, height: h, width: w)
            var dw = [Float](repeating: 0.5, count: weight.count), dwRef = dw, db = [Float](repeating: 0.5, count: cout), dbRef = db
            transposedConv2x2Backward(dinp: dinp, dweight: &dw, dbias: &db, dout: dout, inp: inp, weight: weight)
            transposedConv2x2BackwardReference(dinp: dref, dweight: &dwRef, dbias: &dbRef, dout: dout, inp: inp, weight: weight)
            let backwardDiff = [zip(dinp.nchw(), dref.nchw()), zip(dw, dwRef), zip(db, dbRef)].map {
                $0.map { abs($0 - $1) / max(1, abs($1)) }.max()!
            }.max()!
            print("transposedConv2x2 \(path) \(inp.shape) -> \(cout): max diff vs reference forward \(forwardDiff), backward \(backwardDiff)")
            XCTAssertLessThan(backwardDiff, referenceTolerance, "backward \(inp.shape) -> \(cout)")
            XCTAssertTrue(borderAndPaddingAreZero(out) && borderAndPaddingAreZero(dinp))
        }
    } }

    /// Writing channels 16..<16+cout of a wider tensor (the U-Net's concat) equals writing a tensor of
    /// its own and leaves the other channels alone.
    func testTransposedConvIntoChannelRange() {
        let (n, cin, cout, h, w) = (2, 20, 16, 3, 7)
        let inp = randomTensor(n, cin, h, w, seed: 13)
        let weight = randomArray(cin * cout * 4, seed: 14), bias = randomArray(cout, seed: 15)
        let own = Tensor(batch: n, channels: cout, height: 2 * h, width: 2 * w)
        let wide = randomTensor(n, 16 + cout, 2 * h, 2 * w, seed: 16), before = wide.nchw()
        transposedConv2x2Forward(out: own, inp: inp, weight: weight, bias: bias)
        transposedConv2x2Forward(out: wide, firstChannel: 16, cout: cout, inp: inp, weight: weight, bias: bias, threads: 2)
        let plane = 4 * h * w, after = wide.nchw(), expected = own.nchw()
        for b in 0..<n {
            let image = b * (16 + cout) * plane
            XCTAssertEqual(Array(after[image..<image + 16 * plane]), Array(before[image..<image + 16 * plane]), "skip half kept")
            XCTAssertEqual(Array(after[image + 16 * plane..<image + (16 + cout) * plane]),
                           Array(expected[b * cout * plane..<(b + 1) * cout * plane]), "upsampled half")
        }
    }

    func testTransposedConvGradient() { forEachKernelPath { path in
        let (n, cin, cout, h, w) = (2, 3, 5, 3, 2)
        let inp = randomTensor(n, cin, h, w, seed: 9), r = randomTensor(n, cout, 2 * h, 2 * w, seed: 10)
        var weight = randomArray(cin * cout * 4, seed: 11), bias = randomArray(cout, seed: 12)
        let out = Tensor(batch: n, channels: cout, height: 2 * h, width: 2 * w), dinp = Tensor(batch: n, channels: cin, height: h, width: w)
        var dw = [Float](repeating: 0, count: weight.count), db = [Float](repeating: 0, count: cout)
        transposedConv2x2Backward(dinp: dinp, dweight: &dw, dbias: &db, dout: r, inp: inp, weight: weight)
        let objective = { () -> Double in
            transposedConv2x2Forward(out: out, inp: inp, weight: weight, bias: bias); return dot(r, out)
        }
        tensorGradientCheck("transposedConv2x2 \(path) dinp", inp: inp, grad: dinp, tolerance: layerTolerance, objective: objective)
        weight.withUnsafeMutableBufferPointer { p in
            gradientCheck("transposedConv2x2 \(path) dweight", values: p.baseAddress!, analytic: dw, indices: sampleIndices(dw.count),
                          tolerance: layerTolerance) {
                transposedConv2x2Forward(out: out, inp: inp, weight: p.baseAddress!, bias: bias); return dot(r, out)
            }
        }
        bias.withUnsafeMutableBufferPointer { p in
            gradientCheck("transposedConv2x2 \(path) dbias", values: p.baseAddress!, analytic: db, indices: Array(0..<cout),
                          tolerance: layerTolerance) {
                transposedConv2x2Forward(out: out, inp: inp, weight: weight, bias: p.baseAddress!); return dot(r, out)
            }
        }
    } }
}
