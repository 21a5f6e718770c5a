import Tensor

// Batch normalization over (N, H, W) per channel, as PyTorch's BatchNorm2d (eps 1e-5, momentum 0.1).
// Training normalizes with the batch's mean and biased variance and moves the running statistics
// toward the batch's (running_var gets the unbiased variance, as PyTorch does); inference uses the
// running statistics. Sums are accumulated per row in Float and across rows in Double; the moments
// come from one pass about a shift near the mean.
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
    // Per channel block: the shift (mean) and the scale (invstd), then out = x·scale + shift.
    let m = UnsafeMutablePointer<SIMD16<Float>>.allocate(capacity: 2 * inp.cBlocks)
    defer { m.deallocate() }
    let s = m + inp.cBlocks
    if training {
        // One pass for both moments: sums of (x − K) and (x − K)² about a shift K near the mean (the
        // mean of image 0's first row), so var = E[(x − K)²] − (E[x − K])² loses no precision to
        // cancellation the way raw sums of x² would.
        m.initialize(repeating: .zero, count: inp.cBlocks)
        firstRowMeans(inp, into: m)
        let sums = channelSums(inp, shift: m, dout: nil)
        s.initialize(repeating: .zero, count: inp.cBlocks)
        for ch in 0..<inp.channels {
            let b = ch >> 4, l = ch & 15, offset = sums[2 * ch] / count
            let variance = max(0, sums[2 * ch + 1] / count - offset * offset)
            let mu = Float(Double(m[b][l]) + offset)
            m[b][l] = mu
            s[b][l] = Float(1 / (variance + Double(batchNormEpsilon)).squareRoot())
            mean[ch] = mu; invstd[ch] = s[b][l]
            let unbiased = count > 1 ? variance * count / (count - 1) : variance
            runningMean[ch] = (1 - batchNormMomentum) * runningMean[ch] + batchNormMomentum * mu
            runningVar[ch] = (1 - batchNormMomentum) * runningVar[ch] + batchNormMomentum * Float(unbiased)
        }
    } else {
        m.initialize(repeating: .zero, count: 2 * inp.cBlocks)
        for ch in 0..<inp.channels {
            m[ch >> 4][ch & 15] = runningMean[ch]
            s[ch >> 4][ch & 15] = 1 / (runningVar[ch] + batchNormEpsilon).squareRoot()
        }
    }
    // out = x·scale + shift; padding lanes get scale = shift = 0 and stay zero.
    for b in 0..<inp.cBlocks {
        var scale = SIMD16<Float>(repeating: 0), shift = scale
        for l in 0..<BlockedIO.realLanes(channels: inp.channels, block: b) {
            scale[l] = gamma[16 * b + l] * s[b][l]
            shift[l] = beta[16 * b + l] - m[b][l] * scale[l]
        }
        s[b] = scale; m[b] = shift
    }
    forEachImage(inp.batch, work: inp.imageStride) { n in
        for b in 0..<inp.cBlocks {
            let scale = s[b], shift = m[b]
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
/// dout: in place), dgamma and dbeta (C) accumulated. With `reluOut` (the fused ReLU's output), dout is
/// the gradient after the ReLU and its mask (reluOut > 0) is applied here as dout is read, saving the
/// separate masking pass over the tensor; without it, apply the mask to dout first.
public func batchNormBackward(dinp: Tensor, dgamma: UnsafeMutablePointer<Float>, dbeta: UnsafeMutablePointer<Float>,
                              dout: Tensor, inp: Tensor, mean: UnsafePointer<Float>, invstd: UnsafePointer<Float>,
                              gamma: UnsafePointer<Float>, reluOut: Tensor? = nil) {
    precondition(dinp.shape == inp.shape && dout.shape == inp.shape && (reluOut?.shape ?? inp.shape) == inp.shape,
                 "batchNormBackward shapes differ")
    let count = Double(inp.batch * inp.height * inp.width)
    let k = UnsafeMutablePointer<SIMD16<Float>>.allocate(capacity: 4 * inp.cBlocks)
    defer { k.deallocate() }
    k.initialize(repeating: .zero, count: 4 * inp.cBlocks)
    let m = k + 3 * inp.cBlocks
    for ch in 0..<inp.channels { m[ch >> 4][ch & 15] = mean[ch] }
    // Σ dout and Σ dout·(x − mean) per channel, in one pass.
    let sums = channelSums(inp, shift: m, dout: dout, mask: reluOut)
    // dinp = gamma·invstd · (dout − mean(dout) − xhat · mean(dout·xhat)), xhat = (x − mean)·invstd.
    let k1 = k, k2 = k + inp.cBlocks, k3 = k + 2 * inp.cBlocks
    for ch in 0..<inp.channels {
        let b = ch >> 4, l = ch & 15, sumDout = sums[2 * ch], sumDoutXc = sums[2 * ch + 1]
        dbeta[ch] += Float(sumDout)
        dgamma[ch] += Float(sumDoutXc) * invstd[ch]
        k1[b][l] = gamma[ch] * invstd[ch]
        k2[b][l] = Float(sumDout / count)
        k3[b][l] = Float(sumDoutXc / count) * invstd[ch] * invstd[ch]
    }
    forEachImage(inp.batch, work: inp.imageStride) { n in
        for b in 0..<inp.cBlocks {
            let (c1, c2, c3, mb) = (k1[b], k2[b], k3[b], m[b])
            for y in 0..<inp.height {
                let i = inp.data + inp.index(n, 16 * b, y, 0), g = dout.data + dout.index(n, 16 * b, y, 0)
                let d = dinp.data + dinp.index(n, 16 * b, y, 0)
                if let reluOut {
                    let o = reluOut.data + reluOut.index(n, 16 * b, y, 0)
                    for x in 0..<inp.width {
                        let xc = BlockedIO.load(i + 16 * x) - mb, gv = reluMasked(BlockedIO.load(g + 16 * x), by: o + 16 * x)
                        BlockedIO.store(c1 * (gv - c2 - xc * c3), d + 16 * x)
                    }
                    continue
                }
                for x in 0..<inp.width {
                    let xc = BlockedIO.load(i + 16 * x) - mb
                    BlockedIO.store(c1 * (BlockedIO.load(g + 16 * x) - c2 - xc * c3), d + 16 * x)
                }
            }
        }
    }
}

/// Per channel c, over (N, H, W), in Double at [2c, 2c + 1], with xc = x − shift:
///   without dout: [Σ xc, Σ xc²] (the moments);  with dout (g, through the ReLU mask when given): [Σ g, Σ xc·g].
/// Rows are summed in Float, each image in Double on the thread that owns it, and the images added in
/// order, so the result does not depend on the thread count. Plain loops, no closures: a closure per
/// pixel was not inlined and cost more than the memory traffic.
private func channelSums(_ inp: Tensor, shift: UnsafePointer<SIMD16<Float>>, dout: Tensor?,
                         mask: Tensor? = nil) -> [Double] {
    let perImage = 2 * 16 * inp.cBlocks
    let partial = UnsafeMutablePointer<Double>.allocate(capacity: inp.batch * perImage)
    defer { partial.deallocate() }
    partial.initialize(repeating: 0, count: inp.batch * perImage)
    forEachImage(inp.batch, work: inp.imageStride) { n in
        let acc = partial + n * perImage
        for b in 0..<inp.cBlocks {
            let sh = shift[b]
            for y in 0..<inp.height {
                let i = inp.data + inp.index(n, 16 * b, y, 0)
                var row1 = SIMD16<Float>(repeating: 0), row2 = row1
                if let dout {
                    let g = dout.data + dout.index(n, 16 * b, y, 0)
                    if let mask {
                        let m = mask.data + mask.index(n, 16 * b, y, 0)
                        for x in 0..<inp.width {
                            let xc = BlockedIO.load(i + 16 * x) - sh, d = reluMasked(BlockedIO.load(g + 16 * x), by: m + 16 * x)
                            row1 += d; row2 = row2.addingProduct(xc, d)
                        }
                    } else {
                        for x in 0..<inp.width {
                            let xc = BlockedIO.load(i + 16 * x) - sh, d = BlockedIO.load(g + 16 * x)
                            row1 += d; row2 = row2.addingProduct(xc, d)
                        }
                    }
                } else {
                    for x in 0..<inp.width {
                        let xc = BlockedIO.load(i + 16 * x) - sh
                        row1 += xc; row2 = row2.addingProduct(xc, xc)
                    }
                }
                for l in 0..<16 { acc[2 * (16 * b + l)] += Double(row1[l]); acc[2 * (16 * b + l) + 1] += Double(row2[l]) }
            }
        }
    }
    var total = [Double](repeating: 0, count: perImage)
    for n in 0..<inp.batch { for j in 0..<perImage { total[j] += partial[n * perImage + j] } }
    return total
}

/// Per channel: the mean of image 0's first row, the shift for the one-pass moments (padding lanes 0).
private func firstRowMeans(_ inp: Tensor, into shift: UnsafeMutablePointer<SIMD16<Float>>) {
    for b in 0..<inp.cBlocks {
        let i = inp.data + inp.index(0, 16 * b, 0, 0)
        var sum = SIMD16<Float>(repeating: 0)
        for x in 0..<inp.width { sum += BlockedIO.load(i + 16 * x) }
        shift[b] = sum / Float(inp.width)
    }
}

/// dout where the ReLU's output is positive, else 0 (reluBackward's rule).
@inline(__always)
private func reluMasked(_ d: SIMD16<Float>, by out: UnsafeMutablePointer<Float>) -> SIMD16<Float> {
    SIMD16<Float>(repeating: 0).replacing(with: d, where: BlockedIO.load(out) .> 0)
}
