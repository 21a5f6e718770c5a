import Tensor

// Naive oracles for the layers with a fast path: obvious loops through the Tensor subscript.
// Test use only.

/// inp (N,C,H,W) -> out (N,C,H/2,W/2)
public func maxPool2x2ForwardReference(out: Tensor, inp: Tensor) {
    for n in 0..<inp.batch { for c in 0..<inp.channels { for y in 0..<out.height { for x in 0..<out.width {
        var m = inp[n, c, 2 * y, 2 * x]
        for (dy, dx) in [(0, 1), (1, 0), (1, 1)] where inp[n, c, 2 * y + dy, 2 * x + dx] > m {
            m = inp[n, c, 2 * y + dy, 2 * x + dx]
        }
        out[n, c, y, x] = m
    } } } }
}

/// dout (N,C,H/2,W/2), inp -> dinp (N,C,H,W) accumulated, gradient to the first maximum.
public func maxPool2x2BackwardReference(dinp: Tensor, dout: Tensor, inp: Tensor) {
    for n in 0..<inp.batch { for c in 0..<inp.channels { for y in 0..<dout.height { for x in 0..<dout.width {
        var best = (0, 0)
        for (dy, dx) in [(0, 1), (1, 0), (1, 1)]
        where inp[n, c, 2 * y + dy, 2 * x + dx] > inp[n, c, 2 * y + best.0, 2 * x + best.1] { best = (dy, dx) }
        dinp[n, c, 2 * y + best.0, 2 * x + best.1] += dout[n, c, y, x]
    } } } }
}

/// inp (N,Cin,H,W), weight (Cin,Cout,2,2), bias (Cout) -> out (N,Cout,2H,2W)
public func transposedConv2x2ForwardReference(out: Tensor, inp: Tensor, weight: UnsafePointer<Float>,
                                              bias: UnsafePointer<Float>) {
    let cin = inp.channels, cout = out.channels
    for n in 0..<out.batch { for co in 0..<cout { for oy in 0..<out.height { for ox in 0..<out.width {
        var acc = bias[co]
        for ci in 0..<cin { acc += inp[n, ci, oy / 2, ox / 2] * weight[((ci * cout + co) * 2 + oy % 2) * 2 + ox % 2] }
        out[n, co, oy, ox] = acc
    } } } }
}

/// dout (N,Cout,2H,2W) -> dinp (overwritten), dweight, dbias (accumulated)
public func transposedConv2x2BackwardReference(dinp: Tensor, dweight: UnsafeMutablePointer<Float>,
                                               dbias: UnsafeMutablePointer<Float>, dout: Tensor, inp: Tensor,
                                               weight: UnsafePointer<Float>) {
    let cin = inp.channels, cout = dout.channels
    dinp.zero()
    for n in 0..<dout.batch { for co in 0..<cout { for oy in 0..<dout.height { for ox in 0..<dout.width {
        let g = dout[n, co, oy, ox]
        dbias[co] += g
        for ci in 0..<cin {
            let wi = ((ci * cout + co) * 2 + oy % 2) * 2 + ox % 2
            dweight[wi] += g * inp[n, ci, oy / 2, ox / 2]
            dinp[n, ci, oy / 2, ox / 2] += g * weight[wi]
        }
    } } } }
}
