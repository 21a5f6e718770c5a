import Tensor

// Weight and bias gradients of the direct convolution on the blocked layout:
//   dweight[co, ci, ky, kx] += Σ_{n,y,x} dout[n, co, y, x] · inp[n, ci, y + ky - 1, x + kx - 1]
// A kernel call walks one row, holding 6 SIMD16 accumulators (12 of the 16 ymm registers of this
// AVX2 CPU) of gradients against 16 output channels: for 3×3, two input channels × the three taps
// of one filter row; for 1×1, four input channels. Rows are the unit of work so a dout row and
// the input rows it touches stay in L1/L2 while every channel pair walks them.

/// acc += Σ_x dout[x] · inp[x + kx, ci + j] for kx in 0..<3, j in 0..<2, at acc + kx·256 + j·16.
/// `dout` points at the row's first pixel; `inp` at channel ci one pixel left of it (filter row ky).
@inline(never)
func weightGradRow3tap2ch(acc: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>,
                          inp: UnsafePointer<Float>, width: Int) {
    var a0 = load16(acc), a1 = load16(acc + 256), a2 = load16(acc + 512)
    var b0 = load16(acc + 16), b1 = load16(acc + 272), b2 = load16(acc + 528)
    for x in 0..<width {
        let d = load16(dout + x * 16), p = inp + x * 16
        a0 = a0.addingProduct(d, SIMD16(repeating: p[0])); b0 = b0.addingProduct(d, SIMD16(repeating: p[1]))
        a1 = a1.addingProduct(d, SIMD16(repeating: p[16])); b1 = b1.addingProduct(d, SIMD16(repeating: p[17]))
        a2 = a2.addingProduct(d, SIMD16(repeating: p[32])); b2 = b2.addingProduct(d, SIMD16(repeating: p[33]))
    }
    store16(a0, acc); store16(a1, acc + 256); store16(a2, acc + 512)
    store16(b0, acc + 16); store16(b1, acc + 272); store16(b2, acc + 528)
}

/// acc (4 input channels, 16 floats apart) += Σ_x dout[x] · inp[x, ci] for a 1×1 filter.
@inline(never)
func weightGradRow1tap4ch(acc: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>,
                          inp: UnsafePointer<Float>, width: Int) {
    var a0 = load16(acc), a1 = load16(acc + 16), a2 = load16(acc + 32), a3 = load16(acc + 48)
    for x in 0..<width {
        let d = load16(dout + x * 16), p = inp + x * 16
        a0 = a0.addingProduct(d, SIMD16(repeating: p[0])); a1 = a1.addingProduct(d, SIMD16(repeating: p[1]))
        a2 = a2.addingProduct(d, SIMD16(repeating: p[2])); a3 = a3.addingProduct(d, SIMD16(repeating: p[3]))
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
    let grads = (0..<t).map { _ in PackedFilter(outChannels: dout.channels, inChannels: inp.channels, side: side) }
    let biasGrads = UnsafeMutablePointer<SIMD16<Float>>.allocate(capacity: t * dout.cBlocks)
    biasGrads.initialize(repeating: .zero, count: t * dout.cBlocks)
    defer { grads.forEach { $0.deallocate() }; biasGrads.deallocate() }
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

/// One thread's share: the flattened (image, row) range `rows`.
private func weightGradRows(grad: PackedFilter, biasGrad: UnsafeMutablePointer<SIMD16<Float>>,
                            dout: Tensor, inp: Tensor, rows: Range<Int>) {
    let h = inp.height, w = inp.width, rowStride = inp.paddedW * 16
    let origin = grad.side == 3 ? 0 : 1
    for r in rows {
        let n = r / h, y = r % h
        for cob in 0..<dout.cBlocks {
            let d = dout.data + (((n * dout.cBlocks + cob) * dout.paddedH + y + 1) * dout.paddedW + 1) * 16
            biasGrad[cob] += rowSum(d, width: w)
            for cib in 0..<inp.cBlocks {
                let src = inp.data + (((n * inp.cBlocks + cib) * inp.paddedH + y + origin) * inp.paddedW + origin) * 16
                let acc = grad.base + (cob * grad.inBlocks + cib) * grad.taps * 256
                // Channel groups may run into the block's padding channels: their input is zero.
                let cn = min(16, inp.channels - cib * 16)
                // Row segments of 64 pixels: one dout segment and one input segment (4 KiB each)
                // stay in L1 while every channel pair walks them.
                for x0 in stride(from: 0, to: w, by: 64) {
                    let dx = d + x0 * 16, sx = src + x0 * 16, len = min(64, w - x0)
                    if grad.side == 1 {
                        for ci in stride(from: 0, to: cn, by: 4) {
                            weightGradRow1tap4ch(acc: acc + ci * 16, dout: dx, inp: sx + ci, width: len)
                        }
                    } else {
                        for ky in 0..<3 { for ci in stride(from: 0, to: cn, by: 2) {
                            weightGradRow3tap2ch(acc: acc + ky * 3 * 256 + ci * 16, dout: dx,
                                                 inp: sx + ky * rowStride + ci, width: len)
                        } }
                    }
                }
            }
        }
    }
}
