import XCTest
@testable import NN
import Tensor

// Batch norm, ReLU mask, sigmoid, concat and the pointwise head conv: values by hand where they are
// simple, finite-difference gradients for all.

final class NormAndActivationTests: XCTestCase {
    func testBatchNormGradientInTraining() {
        for (n, c, h, w) in [(2, 3, 3, 4), (1, 18, 2, 3)] {
            let inp = randomTensor(n, c, h, w, seed: 20, scale: 2), r = randomTensor(n, c, h, w, seed: 21)
            var gamma = randomArray(c, seed: 22), beta = randomArray(c, seed: 23)
            var mean = [Float](repeating: 0, count: c), invstd = mean, rm = mean, rv = [Float](repeating: 1, count: c)
            var dgamma = [Float](repeating: 0, count: c), dbeta = dgamma
            let out = Tensor(batch: n, channels: c, height: h, width: w), dinp = Tensor(batch: n, channels: c, height: h, width: w)
            let objective = { () -> Double in
                batchNormForward(out: out, mean: &mean, invstd: &invstd, inp: inp, gamma: gamma, beta: beta,
                                 runningMean: &rm, runningVar: &rv, training: true, relu: false)
                return dot(r, out)
            }
            _ = objective()
            XCTAssertTrue(borderAndPaddingAreZero(out))
            batchNormBackward(dinp: dinp, dgamma: &dgamma, dbeta: &dbeta, dout: r, inp: inp, mean: mean, invstd: invstd, gamma: gamma)
            tensorGradientCheck("batchNorm dinp \(inp.shape)", inp: inp, grad: dinp, tolerance: layerTolerance,
                                step: 1e-2, objective: objective)
            gamma.withUnsafeMutableBufferPointer { p in
                gradientCheck("batchNorm dgamma", values: p.baseAddress!, analytic: dgamma, indices: Array(0..<c), tolerance: layerTolerance) {
                    batchNormForward(out: out, mean: &mean, invstd: &invstd, inp: inp, gamma: p.baseAddress!, beta: beta,
                                     runningMean: &rm, runningVar: &rv, training: true, relu: false)
                    return dot(r, out)
                }
            }
            beta.withUnsafeMutableBufferPointer { p in
                gradientCheck("batchNorm dbeta", values: p.baseAddress!, analytic: dbeta, indices: Array(0..<c), tolerance: layerTolerance) {
                    batchNormForward(out: out, mean: &mean, invstd: &invstd, inp: inp, gamma: gamma, beta: p.baseAddress!,
                                     runningMean: &rm, runningVar: &rv, training: true, relu: false)
                    return dot(r, out)
                }
            }
        }
    }

    func testBatchNormStatisticsFollowPyTorch() {
        // One channel, values 1, 2, 3, 4 (N=1, 2×2): mean 2.5, biased var 1.25, unbiased 5/3.
        let inp = Tensor(batch: 1, channels: 1, height: 2, width: 2)
        inp.load(nchw: [1, 2, 3, 4])
        let out = Tensor(batch: 1, channels: 1, height: 2, width: 2)
        var mean: [Float] = [0], invstd: [Float] = [0], rm: [Float] = [0], rv: [Float] = [1]
        batchNormForward(out: out, mean: &mean, invstd: &invstd, inp: inp, gamma: [2], beta: [1],
                         runningMean: &rm, runningVar: &rv, training: true, relu: true)
        XCTAssertEqual(mean[0], 2.5)
        XCTAssertEqual(rm[0], 0.25, accuracy: 1e-6)                 // 0.9·0 + 0.1·2.5
        XCTAssertEqual(rv[0], 0.9 + 0.1 * 5 / 3, accuracy: 1e-6)    // unbiased variance
        let s = 1 / (1.25 + batchNormEpsilon).squareRoot()
        XCTAssertEqual(out.nchw()[3], 2 * 1.5 * s + 1, accuracy: 1e-5)
        XCTAssertEqual(out.nchw()[0], 0, "ReLU clips 2·(−1.5)·s + 1 < 0")
        // Inference uses the running statistics.
        batchNormForward(out: out, mean: &mean, invstd: &invstd, inp: inp, gamma: [2], beta: [1],
                         runningMean: &rm, runningVar: &rv, training: false, relu: false)
        XCTAssertEqual(out.nchw()[0], 2 * (1 - rm[0]) / (rv[0] + batchNormEpsilon).squareRoot() + 1, accuracy: 1e-5)
    }

    /// The one-pass moments hold their precision for data far from zero: mean 1000, SD 0.01, where raw
    /// sums of x² in Float would lose every digit of the variance.
    func testBatchNormVarianceOfDataFarFromZero() {
        let (n, c, h, w) = (2, 3, 5, 7)
        let noise = randomTensor(n, c, h, w, seed: 40).nchw()
        let values = noise.enumerated().map { 1000 + Float($0.offset / (h * w) % c) + 0.01 * $0.element }
        let inp = Tensor(batch: n, channels: c, height: h, width: w)
        inp.load(nchw: values)
        let out = Tensor(batch: n, channels: c, height: h, width: w)
        var mean = [Float](repeating: 0, count: c), invstd = mean, rm = mean, rv = [Float](repeating: 1, count: c)
        batchNormForward(out: out, mean: &mean, invstd: &invstd, inp: inp, gamma: [1, 1, 1], beta: [0, 0, 0],
                         runningMean: &rm, runningVar: &rv, training: true, relu: false)
        let plane = h * w
        for ch in 0..<c {
            let xs = (0..<n).flatMap { i in (0..<plane).map { Double(values[(i * c + ch) * plane + $0]) } }
            let mu = xs.reduce(0, +) / Double(xs.count)
            let variance = xs.map { ($0 - mu) * ($0 - mu) }.reduce(0, +) / Double(xs.count)
            XCTAssertEqual(Double(mean[ch]), mu, accuracy: 1e-3, "mean, channel \(ch)")
            XCTAssertEqual(Double(invstd[ch]), 1 / (variance + Double(batchNormEpsilon)).squareRoot(),
                           accuracy: 0.01 / (variance + Double(batchNormEpsilon)).squareRoot(), "1/SD within 1 %, channel \(ch)")
        }
    }

    /// Batch norm's backward with the ReLU's output applies the mask itself: the same gradients as
    /// masking dout first with reluBackward.
    func testBatchNormBackwardWithFusedReLUMaskEqualsMaskingFirst() {
        let (n, c, h, w) = (2, 18, 4, 5)
        let inp = randomTensor(n, c, h, w, seed: 41, scale: 2), dout = randomTensor(n, c, h, w, seed: 42)
        let gamma = randomArray(c, seed: 43), beta = randomArray(c, seed: 44)
        var mean = [Float](repeating: 0, count: c), invstd = mean, rm = mean, rv = [Float](repeating: 1, count: c)
        let out = Tensor(batch: n, channels: c, height: h, width: w)
        batchNormForward(out: out, mean: &mean, invstd: &invstd, inp: inp, gamma: gamma, beta: beta,
                         runningMean: &rm, runningVar: &rv, training: true, relu: true)
        var dgFused = [Float](repeating: 0, count: c), dbFused = dgFused, dgFirst = dgFused, dbFirst = dgFused
        let fused = Tensor(batch: n, channels: c, height: h, width: w), masked = Tensor(batch: n, channels: c, height: h, width: w)
        batchNormBackward(dinp: fused, dgamma: &dgFused, dbeta: &dbFused, dout: dout, inp: inp, mean: mean,
                          invstd: invstd, gamma: gamma, reluOut: out)
        reluBackward(dinp: masked, dout: dout, out: out)
        batchNormBackward(dinp: masked, dgamma: &dgFirst, dbeta: &dbFirst, dout: masked, inp: inp, mean: mean,
                          invstd: invstd, gamma: gamma)
        XCTAssertEqual(fused.nchw(), masked.nchw())
        XCTAssertEqual(dgFused, dgFirst)
        XCTAssertEqual(dbFused, dbFirst)
        XCTAssertTrue(borderAndPaddingAreZero(fused))
    }

    func testReLUBackwardMasksByOutput() {
        let pre = randomTensor(2, 5, 3, 3, seed: 30), r = randomTensor(2, 5, 3, 3, seed: 31)
        let out = Tensor(batch: 2, channels: 5, height: 3, width: 3), dinp = Tensor(batch: 2, channels: 5, height: 3, width: 3)
        let relu = { () -> Double in out.load(nchw: pre.nchw().map { max($0, 0) }); return dot(r, out) }
        _ = relu()
        reluBackward(dinp: dinp, dout: r, out: out)
        tensorGradientCheck("relu dinp", inp: pre, grad: dinp, tolerance: layerTolerance, objective: relu)
        XCTAssertTrue(borderAndPaddingAreZero(dinp))
    }

    func testSigmoidValuesAndGradient() {
        XCTAssertEqual(stableSigmoid(0), 0.5)
        XCTAssertEqual(stableSigmoid(-200), 0)
        XCTAssertEqual(stableSigmoid(200), 1)
        let inp = randomTensor(1, 3, 4, 5, seed: 32, scale: 3), r = randomTensor(1, 3, 4, 5, seed: 33)
        let out = Tensor(batch: 1, channels: 3, height: 4, width: 5), dinp = Tensor(batch: 1, channels: 3, height: 4, width: 5)
        let objective = { () -> Double in sigmoidForward(out: out, inp: inp); return dot(r, out) }
        _ = objective()
        XCTAssertTrue(borderAndPaddingAreZero(out))
        sigmoidBackward(dinp: dinp, dout: r, out: out)
        tensorGradientCheck("sigmoid dinp", inp: inp, grad: dinp, tolerance: layerTolerance, objective: objective)
    }

    func testConcatCopiesAndSplitsExactly() {
        for (ca, cb) in [(3, 5), (16, 16), (16, 3)] {
            let a = randomTensor(2, ca, 3, 4, seed: 34), b = randomTensor(2, cb, 3, 4, seed: 35)
            let out = Tensor(batch: 2, channels: ca + cb, height: 3, width: 4)
            concatForward(out: out, a: a, b: b)
            let av = a.nchw(), bv = b.nchw()
            var expected: [Float] = []
            for n in 0..<2 {
                expected += av[(n * ca * 12)..<((n + 1) * ca * 12)]
                expected += bv[(n * cb * 12)..<((n + 1) * cb * 12)]
            }
            XCTAssertEqual(out.nchw(), expected)
            XCTAssertTrue(borderAndPaddingAreZero(out))
            // Concat is a copy, so its gradient is exactly the split of dout; the objective Σ r·out checks it.
            let r = randomTensor(2, ca + cb, 3, 4, seed: 36)
            let da = Tensor(batch: 2, channels: ca, height: 3, width: 4), db = Tensor(batch: 2, channels: cb, height: 3, width: 4)
            concatBackward(da: da, db: db, dout: r)
            let objective = { () -> Double in concatForward(out: out, a: a, b: b); return dot(r, out) }
            tensorGradientCheck("concat da (\(ca)+\(cb))", inp: a, grad: da, tolerance: layerTolerance, objective: objective)
            tensorGradientCheck("concat db (\(ca)+\(cb))", inp: b, grad: db, tolerance: layerTolerance, objective: objective)
        }
    }
}
