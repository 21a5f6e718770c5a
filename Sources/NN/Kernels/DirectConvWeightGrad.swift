import KernelsAVX512
import Tensor

// Weight and bias gradients of the direct convolution on the blocked layout:
//   dweight[co, ci, ky, kx] += Σ_{n,y,x} dout[n, co, y, x] · inp[n, ci, y + ky - 1, x + kx - 1]
// A kernel call walks a row segment for one filter tap, holding in registers the gradients of 6
// (or 4) input channels against 16 output channels: 6 SIMD16 accumulators are 12 of the 16 ymm
// registers of AVX2 (the AVX-512 path holds 16 input channels of one output block, or 8 of two blocks at once: KernelsAVX512). (Three taps × two channels spilled: LLVM reuses the broadcasts of
// neighbouring taps across iterations and runs out of registers.) Rows are the unit of work so a
// dout segment and the input segments it touches stay in L1 while every tap and channel walks them.

/// acc (6 input channels, 16 floats apart) += Σ_x dout[x · doutStride] · inp[x, ci] for one tap.
/// `dout` points at the segment's first pixel; `inp` at channel ci of the pixel this tap reads for it.
/// `doutStride` is 16 for a convolution (one output pixel per input pixel) and 32 for the 2×2
/// stride-2 transposed convolution (each tap sees every other output pixel of a row).
@inline(never)
func weightGradRow1tap6ch(acc: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>,
                          inp: UnsafePointer<Float>, width: Int, doutStride: Int = 16,
                          rows: Int = 1, doutRowStride: Int = 0, inpRowStride: Int = 0) {
    var a0 = load16(acc), a1 = load16(acc + 16), a2 = load16(acc + 32)
    var a3 = load16(acc + 48), a4 = load16(acc + 64), a5 = load16(acc + 80)
    var dRow = dout, iRow = inp
    for _ in 0..<rows {
        for x in 0..<width {
            let d = load16(dRow + x * doutStride), p = iRow + x * 16
            a0 = a0.addingProduct(d, SIMD16(repeating: p[0])); a1 = a1.addingProduct(d, SIMD16(repeating: p[1]))
            a2 = a2.addingProduct(d, SIMD16(repeating: p[2])); a3 = a3.addingProduct(d, SIMD16(repeating: p[3]))
            a4 = a4.addingProduct(d, SIMD16(repeating: p[4])); a5 = a5.addingProduct(d, SIMD16(repeating: p[5]))
        }
        dRow += doutRowStride; iRow += inpRowStride
    }
    store16(a0, acc); store16(a1, acc + 16); store16(a2, acc + 32)
    store16(a3, acc + 48); store16(a4, acc + 64); store16(a5, acc + 80)
}

/// The same for 4 input channels.
@inline(never)
func weightGradRow1tap4ch(acc: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>,
                          inp: UnsafePointer<Float>, width: Int, doutStride: Int = 16,
                          rows: Int = 1, doutRowStride: Int = 0, inpRowStride: Int = 0) {
    var a0 = load16(acc), a1 = load16(acc + 16), a2 = load16(acc + 32), a3 = load16(acc + 48)
    var dRow = dout, iRow = inp
    for _ in 0..<rows {
        for x in 0..<width {
            let d = load16(dRow + x * doutStride), p = iRow + x * 16
            a0 = a0.addingProduct(d, SIMD16(repeating: p[0])); a1 = a1.addingProduct(d, SIMD16(repeating: p[1]))
            a2 = a2.addingProduct(d, SIMD16(repeating: p[2])); a3 = a3.addingProduct(d, SIMD16(repeating: p[3]))
        }
        dRow += doutRowStride; iRow += inpRowStride
    }
    store16(a0, acc); store16(a1, acc + 16); store16(a2, acc + 32); store16(a3, acc + 48)
}

/// Σ_x dout[x] for 16 output channels: the bias gradient of one row.
@inline(__always)
func rowSum(_ dout: UnsafePointer<Float>, width: Int) -> SIMD16<Float> {
    var s = SIMD16<Float>(repeating: 0)
    for x in 0..<width { s += load16(dout + x * 16) }
    return s
}

/// dweight (cout, cin, side, side) and dbias (cout) += the gradients over the whole batch. Each
/// thread accumulates into its own packed buffers; they are summed once at the end.
func directConvWeightGrad(dweight: UnsafeMutablePointer<Float>, dbias: UnsafeMutablePointer<Float>,
                          dout: Tensor, inp: Tensor, side: Int, threads: Int) {
    let h = inp.height, rows = inp.batch * h
    let t = max(1, min(threads, rows))
    let grads = PackedFilter.perThread(t, outChannels: dout.channels, inChannels: inp.channels, side: side)
    let biasGrads = UnsafeMutableRawPointer(Workspace.current.zeroed(.bias, count: t * dout.cBlocks * 16))
        .assumingMemoryBound(to: SIMD16<Float>.self)
    grads.withUnsafeBufferPointer { grads in
        forEachRowRange(rows: rows, threads: t) { range, i in
            weightGradRows(grad: grads[i], biasGrad: biasGrads + i * dout.cBlocks, dout: dout, inp: inp, rows: range)
        }
    }
    for i in 1..<t { grads[0].add(grads[i]) }
    grads[0].accumulate(into: dweight, cout: dout.channels, cin: inp.channels)
    for i in 0..<t { for cob in 0..<dout.cBlocks {
        let s = biasGrads[i * dout.cBlocks + cob]
        for lane in 0..<16 where cob * 16 + lane < dout.channels { dbias[cob * 16 + lane] += s[lane] }
    } }
}

/// One thread's share: the flattened (image, row) range `rows`. Rows of up to 64 pixels go to the
/// kernels in groups of about 256 pixels of one image, so the accumulators are loaded and stored once
/// per group instead of once per row (the deep layers' 16-pixel rows spent most of their time on
/// that); longer rows go one at a time in segments of 64 pixels. Either way each accumulator adds its
/// rows in order, so the result is the same bits whatever the grouping.
private func weightGradRows(grad: PackedFilter, biasGrad: UnsafeMutablePointer<SIMD16<Float>>,
                            dout: Tensor, inp: Tensor, rows: Range<Int>) {
    let h = inp.height, w = inp.width, rowStride = inp.paddedW * 16
    let origin = grad.side == 3 ? 0 : 1, wide = KernelPath.current == .avx512
    let group = w <= 64 ? max(1, 256 / w) : 1
    var r = rows.lowerBound
    while r < rows.upperBound {
        let n = r / h, y = r % h, count = min(group, rows.upperBound - r, h - y)
        var cob = 0
        while cob < dout.cBlocks {
            // AVX-512: output blocks in pairs, each input broadcast feeding both (weightGradTapPairAVX512).
            let blocks = wide && cob + 1 < dout.cBlocks ? 2 : 1
            let d = dout.data + (((n * dout.cBlocks + cob) * dout.paddedH + y + 1) * dout.paddedW + 1) * 16
            for b in 0..<blocks { for k in 0..<count {
                biasGrad[cob + b] += rowSum(d + b * dout.planeStride + k * rowStride, width: w)
            } }
            for cib in 0..<inp.cBlocks {
                let src = inp.data + (((n * inp.cBlocks + cib) * inp.paddedH + y + origin) * inp.paddedW + origin) * 16
                let acc = grad.base + (cob * grad.inBlocks + cib) * grad.taps * 256
                let accBlockStride = grad.inBlocks * grad.taps * 256
                // Row segments of 64 pixels: one dout segment and the input segments (4 KiB each)
                // stay in L1 while every tap and channel group walks them. Channel groups of 6 and
                // 4 may run into the block's padding channels, whose input is zero.
                let cn = min(16, inp.channels - cib * 16)
                for x0 in stride(from: 0, to: w, by: 64) {
                    let dx = d + x0 * 16, len = min(64, w - x0)
                    for ky in 0..<grad.side { for kx in 0..<grad.side {
                        let sx = src + ky * rowStride + (x0 + kx) * 16
                        let accTap = acc + (ky * grad.side + kx) * 256
                        if blocks == 2 && cn > 4 {
                            weightGradTapPairAVX512(acc0: accTap, acc1: accTap + accBlockStride, dout0: dx,
                                                    dout1: dx + dout.planeStride, inp: sx, channels: cn, width: len,
                                                    doutStride: 16, rows: count, doutRowStride: rowStride,
                                                    inpRowStride: rowStride)
                            continue
                        }
                        if wide {
                            for b in 0..<blocks {
                                weightGradTapAVX512(acc: accTap + b * accBlockStride, dout: dx + b * dout.planeStride,
                                                    inp: sx, channels: cn, width: len, doutStride: 16, rows: count,
                                                    doutRowStride: rowStride, inpRowStride: rowStride)
                            }
                            continue
                        }
                        var ci = 0
                        while ci < cn {
                            if cn - ci > 4 && ci + 6 <= 16 {
                                weightGradRow1tap6ch(acc: accTap + ci * 16, dout: dx, inp: sx + ci, width: len,
                                                     rows: count, doutRowStride: rowStride, inpRowStride: rowStride)
                                ci += 6
                            } else {
                                weightGradRow1tap4ch(acc: accTap + ci * 16, dout: dx, inp: sx + ci, width: len,
                                                     rows: count, doutRowStride: rowStride, inpRowStride: rowStride)
                                ci += 4
                            }
                        }
                    } }
                }
            }
            cob += blocks
        }
        r += count
    }
}
