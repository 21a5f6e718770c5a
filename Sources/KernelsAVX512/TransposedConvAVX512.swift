// The AVX-512 path of the 2×2 stride-2 transposed convolution (see ConvForwardAVX512.swift for why
// this target exists): NN's kernels with 16 pixels per call instead of 6, the same sums in the same
// order. Forward writes every other output pixel (32 floats apart); the input gradient reads every
// other dout pixel.

/// One input row of one tap and one 16-channel output block: out[x·32] for x in 0..<width (see
/// upForward16x16). Rows of 16 pixels or more go 16 at a time, the last call overlapping; narrower
/// rows take 8- and 1-pixel calls.
@inline(never)
public func upForwardRowAVX512(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, w: UnsafePointer<Float>,
                               bias: UnsafePointer<Float>, inChannels: Int, planeStride: Int, wStride: Int,
                               width: Int) {
    let b = load16(bias)
    if width >= 16 {
        for x in stride(from: 0, to: width, by: 16) {
            let x0 = min(x, width - 16)
            upForward16x16(out: out + 32 * x0, inp: inp + 16 * x0, w: w, bias: b, inChannels: inChannels,
                           planeStride: planeStride, wStride: wStride)
        }
    } else if width >= 8 {
        for k in 0..<2 {
            let x0 = k * (width - 8)
            upForward16x8(out: out + 32 * x0, inp: inp + 16 * x0, w: w, bias: b, inChannels: inChannels,
                          planeStride: planeStride, wStride: wStride)
        }
    } else {
        for x in 0..<width {
            upForward16x1(out: out + 32 * x, inp: inp + 16 * x, w: w, bias: b, inChannels: inChannels,
                          planeStride: planeStride, wStride: wStride)
        }
    }
}

/// One row of 16 input channels of the input gradient: dinp[x·16] for x in 0..<width, reading dout
/// from the top-left output pixel of window 0 (see upInputGrad16x16); the same tiling as above.
@inline(never)
public func upInputGradRowAVX512(dinp: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>, w: UnsafePointer<Float>,
                                 outChannels: Int, planeStride: Int, rowStride: Int, width: Int) {
    if width >= 16 {
        for x in stride(from: 0, to: width, by: 16) {
            let x0 = min(x, width - 16)
            upInputGrad16x16(dinp: dinp + 16 * x0, dout: dout + 32 * x0, w: w, outChannels: outChannels,
                             planeStride: planeStride, rowStride: rowStride)
        }
    } else if width >= 8 {
        for k in 0..<2 {
            let x0 = k * (width - 8)
            upInputGrad16x8(dinp: dinp + 16 * x0, dout: dout + 32 * x0, w: w, outChannels: outChannels,
                            planeStride: planeStride, rowStride: rowStride)
        }
    } else {
        for x in 0..<width {
            upInputGrad16x1(dinp: dinp + 16 * x, dout: dout + 32 * x, w: w, outChannels: outChannels,
                            planeStride: planeStride, rowStride: rowStride)
        }
    }
}

/// out[j·32] = bias + Σ_cib Σ_ci inp[cib, j·16 + ci] · w[cib, ci] for j in 0..<16: one tap, 16 channels.
@inline(never)
func upForward16x16(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, w: UnsafePointer<Float>,
                    bias: SIMD16<Float>, inChannels: Int, planeStride: Int, wStride: Int) {
    var a0 = bias, a1 = bias, a2 = bias, a3 = bias, a4 = bias, a5 = bias, a6 = bias, a7 = bias
    var a8 = bias, a9 = bias, a10 = bias, a11 = bias, a12 = bias, a13 = bias, a14 = bias, a15 = bias
    var p = inp, wp = w
    for cib in 0..<(inChannels + 15) / 16 {
        for ci in 0..<min(16, inChannels - cib * 16) {
            let wv = load16(wp + ci * 16)
            a0 = a0.addingProduct(SIMD16(repeating: p[ci]), wv); a1 = a1.addingProduct(SIMD16(repeating: p[16 + ci]), wv)
            a2 = a2.addingProduct(SIMD16(repeating: p[32 + ci]), wv); a3 = a3.addingProduct(SIMD16(repeating: p[48 + ci]), wv)
            a4 = a4.addingProduct(SIMD16(repeating: p[64 + ci]), wv); a5 = a5.addingProduct(SIMD16(repeating: p[80 + ci]), wv)
            a6 = a6.addingProduct(SIMD16(repeating: p[96 + ci]), wv); a7 = a7.addingProduct(SIMD16(repeating: p[112 + ci]), wv)
            a8 = a8.addingProduct(SIMD16(repeating: p[128 + ci]), wv); a9 = a9.addingProduct(SIMD16(repeating: p[144 + ci]), wv)
            a10 = a10.addingProduct(SIMD16(repeating: p[160 + ci]), wv); a11 = a11.addingProduct(SIMD16(repeating: p[176 + ci]), wv)
            a12 = a12.addingProduct(SIMD16(repeating: p[192 + ci]), wv); a13 = a13.addingProduct(SIMD16(repeating: p[208 + ci]), wv)
            a14 = a14.addingProduct(SIMD16(repeating: p[224 + ci]), wv); a15 = a15.addingProduct(SIMD16(repeating: p[240 + ci]), wv)
        }
        p += planeStride; wp += wStride
    }
    store16(a0, out); store16(a1, out + 32); store16(a2, out + 64); store16(a3, out + 96)
    store16(a4, out + 128); store16(a5, out + 160); store16(a6, out + 192); store16(a7, out + 224)
    store16(a8, out + 256); store16(a9, out + 288); store16(a10, out + 320); store16(a11, out + 352)
    store16(a12, out + 384); store16(a13, out + 416); store16(a14, out + 448); store16(a15, out + 480)
}

/// out[j·32] = bias + Σ_cib Σ_ci inp[cib, j·16 + ci] · w[cib, ci] for j in 0..<8: one tap, 16 channels.
@inline(never)
func upForward16x8(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, w: UnsafePointer<Float>,
                   bias: SIMD16<Float>, inChannels: Int, planeStride: Int, wStride: Int) {
    var a0 = bias, a1 = bias, a2 = bias, a3 = bias, a4 = bias, a5 = bias, a6 = bias, a7 = bias
    var p = inp, wp = w
    for cib in 0..<(inChannels + 15) / 16 {
        for ci in 0..<min(16, inChannels - cib * 16) {
            let wv = load16(wp + ci * 16)
            a0 = a0.addingProduct(SIMD16(repeating: p[ci]), wv); a1 = a1.addingProduct(SIMD16(repeating: p[16 + ci]), wv)
            a2 = a2.addingProduct(SIMD16(repeating: p[32 + ci]), wv); a3 = a3.addingProduct(SIMD16(repeating: p[48 + ci]), wv)
            a4 = a4.addingProduct(SIMD16(repeating: p[64 + ci]), wv); a5 = a5.addingProduct(SIMD16(repeating: p[80 + ci]), wv)
            a6 = a6.addingProduct(SIMD16(repeating: p[96 + ci]), wv); a7 = a7.addingProduct(SIMD16(repeating: p[112 + ci]), wv)
        }
        p += planeStride; wp += wStride
    }
    store16(a0, out); store16(a1, out + 32); store16(a2, out + 64); store16(a3, out + 96)
    store16(a4, out + 128); store16(a5, out + 160); store16(a6, out + 192); store16(a7, out + 224)
}

/// out[j·32] = bias + Σ_cib Σ_ci inp[cib, j·16 + ci] · w[cib, ci] for j in 0..<1: one tap, 16 channels.
@inline(never)
func upForward16x1(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, w: UnsafePointer<Float>,
                   bias: SIMD16<Float>, inChannels: Int, planeStride: Int, wStride: Int) {
    var a0 = bias
    var p = inp, wp = w
    for cib in 0..<(inChannels + 15) / 16 {
        for ci in 0..<min(16, inChannels - cib * 16) {
            let wv = load16(wp + ci * 16)
            a0 = a0.addingProduct(SIMD16(repeating: p[ci]), wv)
        }
        p += planeStride; wp += wStride
    }
    store16(a0, out)
}

/// dinp[j·16] = Σ_cob Σ_tap Σ_co dout[cob, tap, j·32 + co] · w[cob, tap, co] for j in 0..<16.
@inline(never)
func upInputGrad16x16(dinp: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>, w: UnsafePointer<Float>,
                      outChannels: Int, planeStride: Int, rowStride: Int) {
    let zero = SIMD16<Float>(repeating: 0)
    var a0 = zero, a1 = zero, a2 = zero, a3 = zero, a4 = zero, a5 = zero, a6 = zero, a7 = zero
    var a8 = zero, a9 = zero, a10 = zero, a11 = zero, a12 = zero, a13 = zero, a14 = zero, a15 = zero
    var plane = dout, wp = w
    for cob in 0..<(outChannels + 15) / 16 {
        let cn = min(16, outChannels - cob * 16)
        for tap in 0..<4 {
            let p = plane + (tap >> 1) * rowStride + (tap & 1) * 16
            for co in 0..<cn {
                let wv = load16(wp + co * 16)
                a0 = a0.addingProduct(SIMD16(repeating: p[co]), wv); a1 = a1.addingProduct(SIMD16(repeating: p[32 + co]), wv)
                a2 = a2.addingProduct(SIMD16(repeating: p[64 + co]), wv); a3 = a3.addingProduct(SIMD16(repeating: p[96 + co]), wv)
                a4 = a4.addingProduct(SIMD16(repeating: p[128 + co]), wv); a5 = a5.addingProduct(SIMD16(repeating: p[160 + co]), wv)
                a6 = a6.addingProduct(SIMD16(repeating: p[192 + co]), wv); a7 = a7.addingProduct(SIMD16(repeating: p[224 + co]), wv)
                a8 = a8.addingProduct(SIMD16(repeating: p[256 + co]), wv); a9 = a9.addingProduct(SIMD16(repeating: p[288 + co]), wv)
                a10 = a10.addingProduct(SIMD16(repeating: p[320 + co]), wv); a11 = a11.addingProduct(SIMD16(repeating: p[352 + co]), wv)
                a12 = a12.addingProduct(SIMD16(repeating: p[384 + co]), wv); a13 = a13.addingProduct(SIMD16(repeating: p[416 + co]), wv)
                a14 = a14.addingProduct(SIMD16(repeating: p[448 + co]), wv); a15 = a15.addingProduct(SIMD16(repeating: p[480 + co]), wv)
            }
            wp += 256
        }
        plane += planeStride
    }
    store16(a0, dinp); store16(a1, dinp + 16); store16(a2, dinp + 32); store16(a3, dinp + 48)
    store16(a4, dinp + 64); store16(a5, dinp + 80); store16(a6, dinp + 96); store16(a7, dinp + 112)
    store16(a8, dinp + 128); store16(a9, dinp + 144); store16(a10, dinp + 160); store16(a11, dinp + 176)
    store16(a12, dinp + 192); store16(a13, dinp + 208); store16(a14, dinp + 224); store16(a15, dinp + 240)
}

/// dinp[j·16] = Σ_cob Σ_tap Σ_co dout[cob, tap, j·32 + co] · w[cob, tap, co] for j in 0..<8.
@inline(never)
func upInputGrad16x8(dinp: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>, w: UnsafePointer<Float>,
                     outChannels: Int, planeStride: Int, rowStride: Int) {
    let zero = SIMD16<Float>(repeating: 0)
    var a0 = zero, a1 = zero, a2 = zero, a3 = zero, a4 = zero, a5 = zero, a6 = zero, a7 = zero
    var plane = dout, wp = w
    for cob in 0..<(outChannels + 15) / 16 {
        let cn = min(16, outChannels - cob * 16)
        for tap in 0..<4 {
            let p = plane + (tap >> 1) * rowStride + (tap & 1) * 16
            for co in 0..<cn {
                let wv = load16(wp + co * 16)
                a0 = a0.addingProduct(SIMD16(repeating: p[co]), wv); a1 = a1.addingProduct(SIMD16(repeating: p[32 + co]), wv)
                a2 = a2.addingProduct(SIMD16(repeating: p[64 + co]), wv); a3 = a3.addingProduct(SIMD16(repeating: p[96 + co]), wv)
                a4 = a4.addingProduct(SIMD16(repeating: p[128 + co]), wv); a5 = a5.addingProduct(SIMD16(repeating: p[160 + co]), wv)
                a6 = a6.addingProduct(SIMD16(repeating: p[192 + co]), wv); a7 = a7.addingProduct(SIMD16(repeating: p[224 + co]), wv)
            }
            wp += 256
        }
        plane += planeStride
    }
    store16(a0, dinp); store16(a1, dinp + 16); store16(a2, dinp + 32); store16(a3, dinp + 48)
    store16(a4, dinp + 64); store16(a5, dinp + 80); store16(a6, dinp + 96); store16(a7, dinp + 112)
}

/// dinp[j·16] = Σ_cob Σ_tap Σ_co dout[cob, tap, j·32 + co] · w[cob, tap, co] for j in 0..<1.
@inline(never)
func upInputGrad16x1(dinp: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>, w: UnsafePointer<Float>,
                     outChannels: Int, planeStride: Int, rowStride: Int) {
    let zero = SIMD16<Float>(repeating: 0)
    var a0 = zero
    var plane = dout, wp = w
    for cob in 0..<(outChannels + 15) / 16 {
        let cn = min(16, outChannels - cob * 16)
        for tap in 0..<4 {
            let p = plane + (tap >> 1) * rowStride + (tap & 1) * 16
            for co in 0..<cn {
                let wv = load16(wp + co * 16)
                a0 = a0.addingProduct(SIMD16(repeating: p[co]), wv)
            }
            wp += 256
        }
        plane += planeStride
    }
    store16(a0, dinp)
}
