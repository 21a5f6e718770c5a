import Tensor

// SIMD kernels of the 2×2 stride-2 transposed convolution on the blocked layout. Its windows do not
// overlap, so each of the 4 taps (ky, kx) is a 1×1 convolution whose outputs land every other pixel:
//   out[n, co, 2y+ky, 2x+kx] = bias[co] + Σ_ci inp[n, ci, y, x] · W[ci, co, ky, kx]
// The kernels hold 6 pixels × 16 channels in registers, as the 3×3 kernels do (12 of the 16 ymm
// registers), and differ from them only in the pixel strides: forward writes every other output
// pixel, the input gradient reads every other dout pixel, the weight gradient walks dout by two.

/// out[j·32] = bias + Σ_cib Σ_ci inp[cib, j·16 + ci] · w[cib, ci] for j in 0..<6: one tap, 16 output
/// channels. `w` advances `wStride` floats per input block (the other taps sit in between).
@inline(never)
func upForwardKernel16x6(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, w: UnsafePointer<Float>,
                         bias: SIMD16<Float>, inChannels: Int, planeStride: Int, wStride: Int) {
    var a0 = bias, a1 = bias, a2 = bias, a3 = bias, a4 = bias, a5 = bias
    var p = inp, wp = w
    for cib in 0..<(inChannels + 15) / 16 {
        @inline(__always) func step(_ ci: Int) {
            let wv = load16(wp + ci * 16)
            a0 = a0.addingProduct(SIMD16(repeating: p[ci]), wv)
            a1 = a1.addingProduct(SIMD16(repeating: p[16 + ci]), wv)
            a2 = a2.addingProduct(SIMD16(repeating: p[32 + ci]), wv)
            a3 = a3.addingProduct(SIMD16(repeating: p[48 + ci]), wv)
            a4 = a4.addingProduct(SIMD16(repeating: p[64 + ci]), wv)
            a5 = a5.addingProduct(SIMD16(repeating: p[80 + ci]), wv)
        }
        forEachChannel(min(16, inChannels - cib * 16), step)
        p += planeStride; wp += wStride
    }
    store16(a0, out); store16(a1, out + 32); store16(a2, out + 64)
    store16(a3, out + 96); store16(a4, out + 128); store16(a5, out + 160)
}

/// The same for one pixel: rows narrower than 6.
@inline(never)
func upForwardKernel16x1(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, w: UnsafePointer<Float>,
                         bias: SIMD16<Float>, inChannels: Int, planeStride: Int, wStride: Int) {
    var a = bias
    var p = inp, wp = w
    for cib in 0..<(inChannels + 15) / 16 {
        for ci in 0..<min(16, inChannels - cib * 16) { a = a.addingProduct(SIMD16(repeating: p[ci]), load16(wp + ci * 16)) }
        p += planeStride; wp += wStride
    }
    store16(a, out)
}

/// dinp[j·16] = Σ_cob Σ_tap Σ_co dout[cob, tap, j·32 + co] · w[cob, tap, co] for j in 0..<6: 16 input
/// channels of 6 pixels. `dout` points at the top-left output pixel of the first window; tap (ky, kx)
/// is `ky·rowStride + kx·16` from it.
@inline(never)
func upInputGradKernel16x6(dinp: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>, w: UnsafePointer<Float>,
                           outChannels: Int, planeStride: Int, rowStride: Int) {
    var a0 = SIMD16<Float>(repeating: 0), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0
    var plane = dout, wp = w
    for cob in 0..<(outChannels + 15) / 16 {
        let cn = min(16, outChannels - cob * 16)
        for tap in 0..<4 {
            let p = plane + (tap >> 1) * rowStride + (tap & 1) * 16
            @inline(__always) func step(_ co: Int) {
                let wv = load16(wp + co * 16)
                a0 = a0.addingProduct(SIMD16(repeating: p[co]), wv)
                a1 = a1.addingProduct(SIMD16(repeating: p[32 + co]), wv)
                a2 = a2.addingProduct(SIMD16(repeating: p[64 + co]), wv)
                a3 = a3.addingProduct(SIMD16(repeating: p[96 + co]), wv)
                a4 = a4.addingProduct(SIMD16(repeating: p[128 + co]), wv)
                a5 = a5.addingProduct(SIMD16(repeating: p[160 + co]), wv)
            }
            forEachChannel(cn, step)
            wp += 256
        }
        plane += planeStride
    }
    store16(a0, dinp); store16(a1, dinp + 16); store16(a2, dinp + 32)
    store16(a3, dinp + 48); store16(a4, dinp + 64); store16(a5, dinp + 80)
}

/// The same for one pixel.
@inline(never)
func upInputGradKernel16x1(dinp: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>, w: UnsafePointer<Float>,
                           outChannels: Int, planeStride: Int, rowStride: Int) {
    var a = SIMD16<Float>(repeating: 0)
    var plane = dout, wp = w
    for cob in 0..<(outChannels + 15) / 16 {
        for tap in 0..<4 {
            let p = plane + (tap >> 1) * rowStride + (tap & 1) * 16
            for co in 0..<min(16, outChannels - cob * 16) { a = a.addingProduct(SIMD16(repeating: p[co]), load16(wp + co * 16)) }
            wp += 256
        }
        plane += planeStride
    }
    store16(a, dinp)
}
