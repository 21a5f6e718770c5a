// The AVX-512 path of the convolution weight gradient (see ConvForwardAVX512.swift for why this
// target exists): for one filter tap, the gradients of all 16 input channels of a block against 16
// output channels stay in 16 accumulators while a row segment is walked, one dout load and 16
// broadcasts per pixel (NN's AVX2 kernels hold 6 input channels).

/// acc (the tap's 16 × 16 packed gradient, input channel ci at acc + 16·ci) += Σ_rows Σ_x
/// dout[x·doutStride] · inp[x·16 + ci] for ci in 0..<channels, over `rows` rows (dout and inp advance
/// by their row strides, rows in order). `channels` ≤ 4 takes a 4-channel kernel; otherwise all 16
/// lanes are walked (padding channels read zero inputs and add nothing). doutStride is 16 for a
/// convolution and 32 for the 2×2 stride-2 transposed convolution.
@inline(never)
public func weightGradTapAVX512(acc: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>,
                                inp: UnsafePointer<Float>, channels: Int, width: Int, doutStride: Int,
                                rows: Int = 1, doutRowStride: Int = 0, inpRowStride: Int = 0) {
    if channels <= 4 {
        weightGrad4ch(acc: acc, dout: dout, inp: inp, width: width, doutStride: doutStride, rows: rows,
                      doutRowStride: doutRowStride, inpRowStride: inpRowStride)
    } else {
        weightGrad16ch(acc: acc, dout: dout, inp: inp, width: width, doutStride: doutStride, rows: rows,
                       doutRowStride: doutRowStride, inpRowStride: inpRowStride)
    }
}

/// acc (16 input channels, 16 floats apart) += Σ_x dout[x · doutStride] · inp[x, ci] for one tap.
@inline(never)
func weightGrad16ch(acc: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>, inp: UnsafePointer<Float>,
                    width: Int, doutStride: Int, rows: Int, doutRowStride: Int, inpRowStride: Int) {
    var a0 = load16(acc), a1 = load16(acc + 16), a2 = load16(acc + 32), a3 = load16(acc + 48)
    var a4 = load16(acc + 64), a5 = load16(acc + 80), a6 = load16(acc + 96), a7 = load16(acc + 112)
    var a8 = load16(acc + 128), a9 = load16(acc + 144), a10 = load16(acc + 160), a11 = load16(acc + 176)
    var a12 = load16(acc + 192), a13 = load16(acc + 208), a14 = load16(acc + 224), a15 = load16(acc + 240)
    var dRow = dout, iRow = inp
    for _ in 0..<rows {
        for x in 0..<width {
            let d = load16(dRow + x * doutStride), p = iRow + x * 16
            a0 = a0.addingProduct(d, SIMD16(repeating: p[0])); a1 = a1.addingProduct(d, SIMD16(repeating: p[1])); a2 = a2.addingProduct(d, SIMD16(repeating: p[2])); a3 = a3.addingProduct(d, SIMD16(repeating: p[3]))
            a4 = a4.addingProduct(d, SIMD16(repeating: p[4])); a5 = a5.addingProduct(d, SIMD16(repeating: p[5])); a6 = a6.addingProduct(d, SIMD16(repeating: p[6])); a7 = a7.addingProduct(d, SIMD16(repeating: p[7]))
            a8 = a8.addingProduct(d, SIMD16(repeating: p[8])); a9 = a9.addingProduct(d, SIMD16(repeating: p[9])); a10 = a10.addingProduct(d, SIMD16(repeating: p[10])); a11 = a11.addingProduct(d, SIMD16(repeating: p[11]))
            a12 = a12.addingProduct(d, SIMD16(repeating: p[12])); a13 = a13.addingProduct(d, SIMD16(repeating: p[13])); a14 = a14.addingProduct(d, SIMD16(repeating: p[14])); a15 = a15.addingProduct(d, SIMD16(repeating: p[15]))
        }
        dRow += doutRowStride; iRow += inpRowStride
    }
    store16(a0, acc); store16(a1, acc + 16); store16(a2, acc + 32); store16(a3, acc + 48)
    store16(a4, acc + 64); store16(a5, acc + 80); store16(a6, acc + 96); store16(a7, acc + 112)
    store16(a8, acc + 128); store16(a9, acc + 144); store16(a10, acc + 160); store16(a11, acc + 176)
    store16(a12, acc + 192); store16(a13, acc + 208); store16(a14, acc + 224); store16(a15, acc + 240)
}

/// acc (4 input channels, 16 floats apart) += Σ_x dout[x · doutStride] · inp[x, ci] for one tap.
@inline(never)
func weightGrad4ch(acc: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>, inp: UnsafePointer<Float>,
                   width: Int, doutStride: Int, rows: Int, doutRowStride: Int, inpRowStride: Int) {
    var a0 = load16(acc), a1 = load16(acc + 16), a2 = load16(acc + 32), a3 = load16(acc + 48)
    var dRow = dout, iRow = inp
    for _ in 0..<rows {
        for x in 0..<width {
            let d = load16(dRow + x * doutStride), p = iRow + x * 16
            a0 = a0.addingProduct(d, SIMD16(repeating: p[0])); a1 = a1.addingProduct(d, SIMD16(repeating: p[1])); a2 = a2.addingProduct(d, SIMD16(repeating: p[2])); a3 = a3.addingProduct(d, SIMD16(repeating: p[3]))
        }
        dRow += doutRowStride; iRow += inpRowStride
    }
    store16(a0, acc); store16(a1, acc + 16); store16(a2, acc + 32); store16(a3, acc + 48)
}

/// The same for two output blocks at once (acc0/dout0 and acc1/dout1): each input broadcast feeds two
/// FMAs, so a pixel costs 2 dout loads and 8 broadcasts for 16 FMAs instead of 17 loads for 16 — the
/// single-block kernel is bound by loads, not FMAs. Input channels go 8 at a time (16 accumulators);
/// `channels` ≤ 8 walks the first half only. Every accumulator adds the same products in the same
/// order as weightGradTapAVX512, so the sums are bit-identical.
@inline(never)
public func weightGradTapPairAVX512(acc0: UnsafeMutablePointer<Float>, acc1: UnsafeMutablePointer<Float>,
                                    dout0: UnsafePointer<Float>, dout1: UnsafePointer<Float>,
                                    inp: UnsafePointer<Float>, channels: Int, width: Int, doutStride: Int,
                                    rows: Int = 1, doutRowStride: Int = 0, inpRowStride: Int = 0) {
    for half in stride(from: 0, to: channels > 8 ? 16 : 8, by: 8) {
        weightGrad8chPair(acc0: acc0 + 16 * half, acc1: acc1 + 16 * half, dout0: dout0, dout1: dout1, inp: inp + half,
                          width: width, doutStride: doutStride, rows: rows, doutRowStride: doutRowStride,
                          inpRowStride: inpRowStride)
    }
}

/// acc0, acc1 (8 input channels each, 16 floats apart) += Σ_x dout0/1[x · doutStride] · inp[x, ci].
@inline(never)
func weightGrad8chPair(acc0: UnsafeMutablePointer<Float>, acc1: UnsafeMutablePointer<Float>,
                       dout0: UnsafePointer<Float>, dout1: UnsafePointer<Float>, inp: UnsafePointer<Float>,
                       width: Int, doutStride: Int, rows: Int, doutRowStride: Int, inpRowStride: Int) {
    var a0 = load16(acc0), a1 = load16(acc0 + 16), a2 = load16(acc0 + 32), a3 = load16(acc0 + 48)
    var a4 = load16(acc0 + 64), a5 = load16(acc0 + 80), a6 = load16(acc0 + 96), a7 = load16(acc0 + 112)
    var b0 = load16(acc1), b1 = load16(acc1 + 16), b2 = load16(acc1 + 32), b3 = load16(acc1 + 48)
    var b4 = load16(acc1 + 64), b5 = load16(acc1 + 80), b6 = load16(acc1 + 96), b7 = load16(acc1 + 112)
    var d0Row = dout0, d1Row = dout1, iRow = inp
    for _ in 0..<rows {
        for x in 0..<width {
            let d0 = load16(d0Row + x * doutStride), d1 = load16(d1Row + x * doutStride), p = iRow + x * 16
            let x0 = SIMD16<Float>(repeating: p[0]); a0 = a0.addingProduct(d0, x0); b0 = b0.addingProduct(d1, x0)
            let x1 = SIMD16<Float>(repeating: p[1]); a1 = a1.addingProduct(d0, x1); b1 = b1.addingProduct(d1, x1)
            let x2 = SIMD16<Float>(repeating: p[2]); a2 = a2.addingProduct(d0, x2); b2 = b2.addingProduct(d1, x2)
            let x3 = SIMD16<Float>(repeating: p[3]); a3 = a3.addingProduct(d0, x3); b3 = b3.addingProduct(d1, x3)
            let x4 = SIMD16<Float>(repeating: p[4]); a4 = a4.addingProduct(d0, x4); b4 = b4.addingProduct(d1, x4)
            let x5 = SIMD16<Float>(repeating: p[5]); a5 = a5.addingProduct(d0, x5); b5 = b5.addingProduct(d1, x5)
            let x6 = SIMD16<Float>(repeating: p[6]); a6 = a6.addingProduct(d0, x6); b6 = b6.addingProduct(d1, x6)
            let x7 = SIMD16<Float>(repeating: p[7]); a7 = a7.addingProduct(d0, x7); b7 = b7.addingProduct(d1, x7)
        }
        d0Row += doutRowStride; d1Row += doutRowStride; iRow += inpRowStride
    }
    store16(a0, acc0); store16(a1, acc0 + 16); store16(a2, acc0 + 32); store16(a3, acc0 + 48)
    store16(a4, acc0 + 64); store16(a5, acc0 + 80); store16(a6, acc0 + 96); store16(a7, acc0 + 112)
    store16(b0, acc1); store16(b1, acc1 + 16); store16(b2, acc1 + 32); store16(b3, acc1 + 48)
    store16(b4, acc1 + 64); store16(b5, acc1 + 80); store16(b6, acc1 + 96); store16(b7, acc1 + 112)
}
