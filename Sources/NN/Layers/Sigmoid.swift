import Foundation
import Tensor

// Sigmoid, for turning logits into probabilities at prediction time (training uses the losses'
// fused, numerically stable forms instead).

/// inp (N,C,H,W) -> out (N,C,H,W) = 1 / (1 + exp(−inp)); padding lanes and border stay zero.
public func sigmoidForward(out: Tensor, inp: Tensor) {
    precondition(out.shape == inp.shape, "sigmoidForward: out \(out.shape) vs inp \(inp.shape)")
    forEachImage(inp.batch, work: inp.imageStride) { n in
        for c in 0..<inp.channels { for y in 0..<inp.height {
            let i = inp.data + inp.index(n, c, y, 0), o = out.data + out.index(n, c, y, 0)
            for x in 0..<inp.width { o[16 * x] = stableSigmoid(i[16 * x]) }
        } }
    }
}

/// dout, out (N,C,H,W) -> dinp (N,C,H,W) = dout · out · (1 − out), overwritten.
public func sigmoidBackward(dinp: Tensor, dout: Tensor, out: Tensor) {
    precondition(dinp.shape == out.shape && dout.shape == out.shape, "sigmoidBackward shapes differ")
    forEachImage(out.batch, work: out.imageStride) { n in
        for c in 0..<out.channels { for y in 0..<out.height {
            let o = out.data + out.index(n, c, y, 0), g = dout.data + dout.index(n, c, y, 0)
            let d = dinp.data + dinp.index(n, c, y, 0)
            for x in 0..<out.width { d[16 * x] = g[16 * x] * o[16 * x] * (1 - o[16 * x]) }
        } }
    }
}

/// 1 / (1 + e^−x) without overflow for large |x|.
@inline(__always)
public func stableSigmoid(_ x: Float) -> Float {
    if x >= 0 { return 1 / (1 + expf(-x)) }
    let e = expf(x)
    return e / (1 + e)
}
