import Tensor

// Naive convolution: the test oracle for the fast kernels. Loops in the obvious order, reads
// through the Tensor subscript, and is never used on a hot path.

/// inp (N,Cin,H,W), weight (Cout,Cin,3,3), bias (Cout) -> out (N,Cout,H,W); same padding.
public func conv3x3ForwardReference(out: Tensor, inp: Tensor, weight: UnsafePointer<Float>,
                                    bias: UnsafePointer<Float>, relu: Bool = false) {
    let cin = inp.channels, cout = out.channels, h = inp.height, w = inp.width
    for n in 0..<inp.batch { for co in 0..<cout { for y in 0..<h { for x in 0..<w {
        var acc = bias[co]
        for ci in 0..<cin { for ky in 0..<3 { for kx in 0..<3 {
            let iy = y + ky - 1, ix = x + kx - 1
            guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
            acc += weight[((co * cin + ci) * 3 + ky) * 3 + kx] * inp[n, ci, iy, ix]
        } } }
        out[n, co, y, x] = relu ? max(acc, 0) : acc
    } } } }
}

/// dout (N,Cout,H,W), inp, weight -> dinp (overwritten), dweight and dbias (accumulated).
public func conv3x3BackwardReference(dinp: Tensor?, dweight: UnsafeMutablePointer<Float>,
                                     dbias: UnsafeMutablePointer<Float>, dout: Tensor, inp: Tensor,
                                     weight: UnsafePointer<Float>) {
    let cin = inp.channels, cout = dout.channels, h = inp.height, w = inp.width
    dinp?.zero()
    for n in 0..<inp.batch { for co in 0..<cout { for y in 0..<h { for x in 0..<w {
        let g = dout[n, co, y, x]
        dbias[co] += g
        for ci in 0..<cin { for ky in 0..<3 { for kx in 0..<3 {
            let iy = y + ky - 1, ix = x + kx - 1
            guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
            let wi = ((co * cin + ci) * 3 + ky) * 3 + kx
            dweight[wi] += g * inp[n, ci, iy, ix]
            if let dinp { dinp[n, ci, iy, ix] += g * weight[wi] }
        } } }
    } } } }
}

/// inp (N,Cin,H,W), weight (Cout,Cin,1,1), bias (Cout) -> out (N,Cout,H,W).
public func conv1x1ForwardReference(out: Tensor, inp: Tensor, weight: UnsafePointer<Float>,
                                    bias: UnsafePointer<Float>, relu: Bool = false) {
    let cin = inp.channels, cout = out.channels
    for n in 0..<inp.batch { for co in 0..<cout { for y in 0..<inp.height { for x in 0..<inp.width {
        var acc = bias[co]
        for ci in 0..<cin { acc += weight[co * cin + ci] * inp[n, ci, y, x] }
        out[n, co, y, x] = relu ? max(acc, 0) : acc
    } } } }
}

/// dout (N,Cout,H,W), inp, weight (Cout,Cin,1,1) -> dinp (overwritten), dweight and dbias (accumulated).
public func conv1x1BackwardReference(dinp: Tensor?, dweight: UnsafeMutablePointer<Float>,
                                     dbias: UnsafeMutablePointer<Float>, dout: Tensor, inp: Tensor,
                                     weight: UnsafePointer<Float>) {
    let cin = inp.channels, cout = dout.channels
    dinp?.zero()
    for n in 0..<inp.batch { for co in 0..<cout { for y in 0..<inp.height { for x in 0..<inp.width {
        let g = dout[n, co, y, x]
        dbias[co] += g
        for ci in 0..<cin {
            dweight[co * cin + ci] += g * inp[n, ci, y, x]
            if let dinp { dinp[n, ci, y, x] += g * weight[co * cin + ci] }
        }
    } } } }
}
