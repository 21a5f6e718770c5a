import Tensor

// Batch normalization over (N, H, W) per channel, as PyTorch's BatchNorm2d (eps 1e-5, momentum 0.1).
// Training normalizes with the batch's mean and biased variance and moves the running statistics
// toward the batch's (running_var gets the unbiased variance, as PyTorch does); inference uses the
// running statistics. Sums are accumulated per row in Float and across rows in Double.
// Works one channel block (16 channels, one SIMD16) at a time; nothing is allocated.

public let batchNormEpsilon: Float = 1e-5
public let batchNormMomentum: Float = 0.1

/// inp (N,C,H,W), gamma, beta (C) -> out (N,C,H,W), with a fused ReLU when `relu`.
/// Training: writes the batch mean and 1/sqrt(var + eps) to mean, invstd (C) for the backward pass and
/// updates runningMean, runningVar (C). Inference: reads runningMean, runningVar; mean, invstd untouched.
public func batchNormForward(out: Tensor, mean: UnsafeMutablePointer<Float>, invstd: UnsafeMutablePointer<Float>,
                             inp: Tensor, gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>,
                             runningMean: UnsafeMutablePointer<Float>, runningVar: UnsafeMutablePointer<Float>,
                             training: Bool, relu: Bool) {
    precondition(out.shape == inp.shape, "batchNormForward: out \(out.shape) vs inp \(inp.shape)")
    let count = Double(inp.batch * inp.height * inp.width)
    for b in 0..<inp.cBlocks {
        let lanes = BlockedIO.realLanes(channels: inp.channels, block: b)
        var m = SIMD16<Float>(repeating: 0), s = SIMD16<Float>(repeating: 0)
        if training {
            let sums = blockSums(inp, block: b, shift: m, dout: nil) { x, _ in x }
            for l in 0..<lanes { m[l] = Float(sums[l] / count) }
            let squares = blockSums(inp, block: b, shift: m, dout: nil) { xc, _ in xc * xc }
            for l in 0..<lanes {
                let ch = 16 * b + l, variance = squares[l] / count
                s[l] = Float(1 / (variance + Double(batchNormEpsilon)).squareRoot())
                mean[ch] = m[l]; invstd[ch] = s[l]
                let unbiased = count > 1 ? variance * count / (count - 1) : variance
                runningMean[ch] = (1 - batchNormMomentum) * runningMean[ch] + batchNormMomentum * m[l]
                runningVar[ch] = (1 - batchNormMomentum) * runningVar[ch] + batchNormMomentum * Float(unbiased)
            }
        } else {
            for l in 0..<lanes {
                m[l] = runningMean[16 * b + l]
                s[l] = 1 / (runningVar[16 * b + l] + batchNormEpsilon).squareRoot()
            }
        }
        // out = x·scale + shift; padding lanes get scale = shift = 0 and stay zero.
        var scale = SIMD16<Float>(repeating: 0), shift = scale
        for l in 0..<lanes {
            scale[l] = gamma[16 * b + l] * s[l]
            shift[l] = beta[16 * b + l] - m[l] * scale[l]
        }
        forEachImage(inp.batch, work: inp.planeStride) { n in
            for y in 0..<inp.height {
                let i = inp.data + inp.index(n, 16 * b, y, 0), o = out.data + out.index(n, 16 * b, y, 0)
                for x in 0..<inp.width {
                    let v = shift.addingProduct(BlockedIO.load(i + 16 * x), scale)
                    BlockedIO.store(relu ? relu16(v) : v, o + 16 * x)
                }
            }
        }
    }
}

/// dout (N,C,H,W), inp (N,C,H,W) and the saved mean, invstd (C), gamma (C) -> dinp overwritten (may be
/// dout: in place), dgamma and dbeta (C) accumulated. Apply a fused ReLU's mask to dout first.
public func batchNormBackward(dinp: Tensor, dgamma: UnsafeMutablePointer<Float>, dbeta: UnsafeMutablePointer<Float>,
                              dout: Tensor, inp: Tensor, mean: UnsafePointer<Float>, invstd: UnsafePointer<Float>,
                              gamma: UnsafePointer<Float>) {
    precondition(dinp.shape == inp.shape && dout.shape == inp.shape, "batchNormBackward shapes differ")
    let count = Double(inp.batch * inp.height * inp.width)
    for b in 0..<inp.cBlocks {
        let lanes = BlockedIO.realLanes(channels: inp.channels, block: b)
        var m = SIMD16<Float>(repeating: 0)
        for l in 0..<lanes { m[l] = mean[16 * b + l] }
        let sumDout = blockSums(inp, block: b, shift: m, dout: dout) { _, g in g }
        let sumDoutXc = blockSums(inp, block: b, shift: m, dout: dout) { xc, g in xc * g }
        // dinp = gamma·invstd · (dout − mean(dout) − xhat · mean(dout·xhat)), xhat = (x − mean)·invstd.
        var k1 = SIMD16<Float>(repeating: 0), k2 = k1, k3 = k1
        for l in 0..<lanes {
            let ch = 16 * b + l
            dbeta[ch] += Float(sumDout[l])
            dgamma[ch] += Float(sumDoutXc[l]) * invstd[ch]
            k1[l] = gamma[ch] * invstd[ch]
            k2[l] = Float(sumDout[l] / count)
            k3[l] = Float(sumDoutXc[l] / count) * invstd[ch] * invstd[ch]
        }
        forEachImage(inp.batch, work: inp.planeStride) { n in
            for y in 0..<inp.height {
                let i = inp.data + inp.index(n, 16 * b, y, 0), g = dout.data + dout.index(n, 16 * b, y, 0)
                let d = dinp.data + dinp.index(n, 16 * b, y, 0)
                for x in 0..<inp.width {
                    let xc = BlockedIO.load(i + 16 * x) - m
                    BlockedIO.store(k1 * (BlockedIO.load(g + 16 * x) - k2 - xc * k3), d + 16 * x)
                }
            }
        }
    }
}

/// Σ over (N, H, W) of f(x − shift, dout) for the 16 channels of block b, in Double.
@inline(__always)
private func blockSums(_ inp: Tensor, block b: Int, shift: SIMD16<Float>, dout: Tensor?,
                       _ f: (SIMD16<Float>, SIMD16<Float>) -> SIMD16<Float>) -> SIMD16<Double> {
    var acc = SIMD16<Double>(repeating: 0)
    let zero = SIMD16<Float>(repeating: 0)
    for n in 0..<inp.batch { for y in 0..<inp.height {
        let i = inp.data + inp.index(n, 16 * b, y, 0)
        let g = dout.map { $0.data + $0.index(n, 16 * b, y, 0) }
        var row = zero
        for x in 0..<inp.width {
            row += f(BlockedIO.load(i + 16 * x) - shift, g.map { BlockedIO.load($0 + 16 * x) } ?? zero)
        }
        for l in 0..<16 { acc[l] += Double(row[l]) }
    } }
    return acc
}
