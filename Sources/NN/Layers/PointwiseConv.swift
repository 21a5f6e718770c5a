import Tensor

// 1×1 convolution for the U-Net's head (Cin -> 1 logit). A simple SIMD version owned by the model
// branch until the fast conv1x1 from the kernels branch lands; named pointwiseConv* so both can
// coexist in the module. Loop order: weight vector of one (output channel, input block) outermost,
// pixels innermost, so no per-pixel weight gathering and nothing allocated.

/// inp (N,Cin,H,W), weight (Cout,Cin,1,1), bias (Cout) -> out (N,Cout,H,W)
public func pointwiseConvForward(out: Tensor, inp: Tensor, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>) {
    precondition(out.batch == inp.batch && out.height == inp.height && out.width == inp.width,
                 "pointwiseConvForward: out \(out.shape) vs inp \(inp.shape)")
    let cin = inp.channels
    forEachImage(inp.batch, work: inp.imageStride) { n in
        for co in 0..<out.channels {
            for b in 0..<inp.cBlocks {
                let w = weightVector(weight + co * cin, channels: cin, block: b)
                for y in 0..<inp.height {
                    let i = inp.data + inp.index(n, 16 * b, y, 0), o = out.data + out.index(n, co, y, 0)
                    for x in 0..<inp.width {
                        let dot = (BlockedIO.load(i + 16 * x) * w).sum()
                        o[16 * x] = b == 0 ? bias[co] + dot : o[16 * x] + dot
                    }
                }
            }
        }
    }
}

/// dout (N,Cout,H,W), inp (N,Cin,H,W), weight (Cout,Cin,1,1) -> dinp (N,Cin,H,W) overwritten (skipped
/// when nil), dweight (Cout,Cin,1,1) and dbias (Cout) accumulated (+=).
public func pointwiseConvBackward(dinp: Tensor?, dweight: UnsafeMutablePointer<Float>, dbias: UnsafeMutablePointer<Float>,
                                  dout: Tensor, inp: Tensor, weight: UnsafePointer<Float>) {
    let cin = inp.channels
    for co in 0..<dout.channels {
        var biasSum: Double = 0
        for b in 0..<inp.cBlocks {
            var acc = SIMD16<Double>(repeating: 0)
            for n in 0..<inp.batch { for y in 0..<inp.height {
                let i = inp.data + inp.index(n, 16 * b, y, 0), g = dout.data + dout.index(n, co, y, 0)
                var row = SIMD16<Float>(repeating: 0), rowBias: Float = 0
                for x in 0..<inp.width {
                    row = row.addingProduct(BlockedIO.load(i + 16 * x), g[16 * x])
                    rowBias += g[16 * x]
                }
                for l in 0..<16 { acc[l] += Double(row[l]) }
                if b == 0 { biasSum += Double(rowBias) }
            } }
            for l in 0..<BlockedIO.realLanes(channels: cin, block: b) { dweight[co * cin + 16 * b + l] += Float(acc[l]) }
        }
        dbias[co] += Float(biasSum)
    }
    guard let dinp else { return }
    forEachImage(inp.batch, work: inp.imageStride) { n in
        for b in 0..<inp.cBlocks {
            for co in 0..<dout.channels {
                let w = weightVector(weight + co * cin, channels: cin, block: b)
                for y in 0..<inp.height {
                    let d = dinp.data + dinp.index(n, 16 * b, y, 0), g = dout.data + dout.index(n, co, y, 0)
                    for x in 0..<inp.width {
                        let prior = co == 0 ? SIMD16<Float>(repeating: 0) : BlockedIO.load(d + 16 * x)
                        BlockedIO.store(prior.addingProduct(w, g[16 * x]), d + 16 * x)
                    }
                }
            }
        }
    }
}

/// The 16 weights of input block b for one output channel, zero on padding lanes.
@inline(__always)
private func weightVector(_ row: UnsafePointer<Float>, channels: Int, block b: Int) -> SIMD16<Float> {
    var w = SIMD16<Float>(repeating: 0)
    for l in 0..<BlockedIO.realLanes(channels: channels, block: b) { w[l] = row[16 * b + l] }
    return w
}
