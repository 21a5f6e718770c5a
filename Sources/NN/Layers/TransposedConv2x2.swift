import KernelsAVX512
import Tensor

// 2×2 stride-2 transposed convolution with bias, weight (Cin,Cout,2,2) as PyTorch stores it. The
// windows do not overlap, so each tap is a 1×1 convolution writing every other output pixel; the
// direct SIMD kernels in Kernels/TransposedConvKernels.swift (KernelsAVX512's on the AVX-512 path)
// work on the blocked layout in place (no gather into a pixel matrix, no scratch), threads splitting
// the batch's input rows.

/// inp (N,Cin,H,W), weight (Cin,Cout,2,2), bias (Cout) -> out (N,Cout,2H,2W)
public func transposedConv2x2Forward(out: Tensor, inp: Tensor, weight: UnsafePointer<Float>,
                                     bias: UnsafePointer<Float>, threads: Int = defaultConvThreads) {
    transposedConv2x2Forward(out: out, firstChannel: 0, cout: out.channels, inp: inp, weight: weight, bias: bias,
                             threads: threads)
}

/// The same, writing channels firstChannel..<firstChannel + cout of `out` (a multiple of 16, so whole
/// channel blocks): the U-Net writes the upsampled half of a skip concatenation in place this way.
func transposedConv2x2Forward(out: Tensor, firstChannel: Int, cout: Int, inp: Tensor, weight: UnsafePointer<Float>,
                              bias: UnsafePointer<Float>, threads: Int) {
    checkTransposedShapes(out, inp)
    precondition(firstChannel % 16 == 0 && firstChannel + cout <= out.channels
                 && (firstChannel + cout == out.channels || cout % 16 == 0),
                 "transposedConv2x2Forward: channels \(firstChannel)..<\(firstChannel + cout) of \(out.shape)")
    let cin = inp.channels, h = inp.height, w = inp.width
    let filter = PackedFilter(outChannels: cout, inChannels: cin, side: 2)
    for ci in 0..<cin { for co in 0..<cout { for k in 0..<4 {
        filter.base[filter.offset(co: co, ci: ci, tap: k)] = weight[(ci * cout + co) * 4 + k]
    } } }
    let biasFloats = Workspace.current.zeroed(.bias, count: filter.outBlocks * 16)
    biasFloats.update(from: bias, count: cout)
    let firstBlock = firstChannel / 16, wStride = 4 * 256, wide = KernelPath.current == .avx512
    do {
        forEachRowRange(rows: inp.batch * h, threads: threads) { rows, _ in
            for r in rows {
                let n = r / h, y = r % h
                let src = inp.data + ((n * inp.cBlocks * inp.paddedH + y + 1) * inp.paddedW + 1) * 16
                for cob in 0..<filter.outBlocks { for k in 0..<4 {
                    let plane = (n * out.cBlocks + firstBlock + cob) * out.paddedH
                    let dst = out.data + ((plane + 2 * y + k / 2 + 1) * out.paddedW + k % 2 + 1) * 16
                    let wk = filter.block(cob) + k * 256
                    if wide {
                        upForwardRowAVX512(out: dst, inp: src, w: wk, bias: biasFloats + 16 * cob, inChannels: cin,
                                           planeStride: inp.planeStride, wStride: wStride, width: w)
                        continue
                    }
                    if w < 6 {
                        for x in 0..<w {
                            upForwardKernel16x1(out: dst + 32 * x, inp: src + 16 * x, w: wk, bias: load16(biasFloats + 16 * cob),
                                                inChannels: cin, planeStride: inp.planeStride, wStride: wStride)
                        }
                        continue
                    }
                    for x in stride(from: 0, to: w, by: 6) {
                        let x0 = min(x, w - 6)
                        upForwardKernel16x6(out: dst + 32 * x0, inp: src + 16 * x0, w: wk, bias: load16(biasFloats + 16 * cob),
                                            inChannels: cin, planeStride: inp.planeStride, wStride: wStride)
                    }
                } }
            }
        }
    }
}

/// dout (N,Cout,2H,2W), inp (N,Cin,H,W), weight (Cin,Cout,2,2) -> dinp (N,Cin,H,W) overwritten
/// (skipped when nil), dweight (Cin,Cout,2,2) and dbias (Cout) accumulated (+=).
public func transposedConv2x2Backward(dinp: Tensor?, dweight: UnsafeMutablePointer<Float>,
                                      dbias: UnsafeMutablePointer<Float>, dout: Tensor, inp: Tensor,
                                      weight: UnsafePointer<Float>, threads: Int = defaultConvThreads) {
    checkTransposedShapes(dout, inp)
    transposedWeightGrad(dweight: dweight, dbias: dbias, dout: dout, inp: inp, threads: threads)
    guard let dinp else { return }
    precondition(dinp.shape == inp.shape, "transposedConv2x2Backward: dinp \(dinp.shape) must match inp \(inp.shape)")
    let cin = inp.channels, cout = dout.channels, h = inp.height, w = inp.width
    let filter = PackedFilter(outChannels: cin, inChannels: cout, side: 2)
    for ci in 0..<cin { for co in 0..<cout { for k in 0..<4 {
        filter.base[filter.offset(co: ci, ci: co, tap: k)] = weight[(ci * cout + co) * 4 + k]
    } } }
    let rowStride = dout.paddedW * 16, wide = KernelPath.current == .avx512
    forEachRowRange(rows: inp.batch * h, threads: threads) { rows, _ in
        for r in rows {
            let n = r / h, y = r % h
            let src = dout.data + ((n * dout.cBlocks * dout.paddedH + 2 * y + 1) * dout.paddedW + 1) * 16
            for cib in 0..<dinp.cBlocks {
                let dst = dinp.data + dinp.index(n, 16 * cib, y, 0), wb = filter.block(cib)
                if wide {
                    upInputGradRowAVX512(dinp: dst, dout: src, w: wb, outChannels: cout, planeStride: dout.planeStride,
                                         rowStride: rowStride, width: w)
                    continue
                }
                if w < 6 {
                    for x in 0..<w {
                        upInputGradKernel16x1(dinp: dst + 16 * x, dout: src + 32 * x, w: wb, outChannels: cout,
                                              planeStride: dout.planeStride, rowStride: rowStride)
                    }
                    continue
                }
                for x in stride(from: 0, to: w, by: 6) {
                    let x0 = min(x, w - 6)
                    upInputGradKernel16x6(dinp: dst + 16 * x0, dout: src + 32 * x0, w: wb, outChannels: cout,
                                          planeStride: dout.planeStride, rowStride: rowStride)
                }
            }
        }
    }
}

private func checkTransposedShapes(_ out: Tensor, _ inp: Tensor) {
    precondition(out.batch == inp.batch && out.height == 2 * inp.height && out.width == 2 * inp.width,
                 "transposedConv2x2: out \(out.shape) must be (N,Cout,2H,2W) for inp \(inp.shape)")
}

/// dweight (Cin,Cout,2,2) and dbias (Cout) += the gradients over the batch. Each thread sums its fixed
/// range of input rows into its own packed buffer; the buffers are added in thread order.
private func transposedWeightGrad(dweight: UnsafeMutablePointer<Float>, dbias: UnsafeMutablePointer<Float>,
                                  dout: Tensor, inp: Tensor, threads: Int) {
    let cin = inp.channels, cout = dout.channels, h = inp.height, w = inp.width, rows = inp.batch * h
    let t = max(1, min(threads, rows)), wide = KernelPath.current == .avx512
    let grads = PackedFilter.perThread(t, outChannels: cout, inChannels: cin, side: 2)
    let biasGrads = UnsafeMutableRawPointer(Workspace.current.zeroed(.bias, count: t * dout.cBlocks * 16))
        .assumingMemoryBound(to: SIMD16<Float>.self)
    grads.withUnsafeBufferPointer { grads in
        // Input rows of up to 64 pixels in groups of about 256 pixels of one image per kernel call
        // (accumulators loaded once per group); each accumulator still adds its rows in order.
        let group = w <= 64 ? max(1, 256 / w) : 1
        let inRow = inp.paddedW * 16, outRow = dout.paddedW * 16
        forEachRowRange(rows: rows, threads: t) { range, i in
            let g = grads[i]
            var r = range.lowerBound
            while r < range.upperBound {
                let n = r / h, y = r % h, count = min(group, range.upperBound - r, h - y)
                for cob in 0..<dout.cBlocks {
                    let d = dout.data + dout.index(n, 16 * cob, 2 * y, 0)
                    for k in 0..<count { for ky in 0..<2 {
                        biasGrads[i * dout.cBlocks + cob] += rowSum(d + (2 * k + ky) * outRow, width: 2 * w)
                    } }
                    for ky in 0..<2 { for cib in 0..<inp.cBlocks {
                        let src = inp.data + inp.index(n, 16 * cib, y, 0), dk = d + ky * outRow
                        let cn = min(16, cin - cib * 16)
                        for kx in 0..<2 {
                            let acc = g.base + ((cob * g.inBlocks + cib) * 4 + 2 * ky + kx) * 256
                            if wide {
                                weightGradTapAVX512(acc: acc, dout: dk + 16 * kx, inp: src, channels: cn, width: w,
                                                    doutStride: 32, rows: count, doutRowStride: 2 * outRow,
                                                    inpRowStride: inRow)
                                continue
                            }
                            var ci = 0
                            while ci < cn {
                                if cn - ci > 4 && ci + 6 <= 16 {
                                    weightGradRow1tap6ch(acc: acc + ci * 16, dout: dk + 16 * kx, inp: src + ci, width: w,
                                                         doutStride: 32, rows: count, doutRowStride: 2 * outRow,
                                                         inpRowStride: inRow)
                                    ci += 6
                                } else {
                                    weightGradRow1tap4ch(acc: acc + ci * 16, dout: dk + 16 * kx, inp: src + ci, width: w,
                                                         doutStride: 32, rows: count, doutRowStride: 2 * outRow,
                                                         inpRowStride: inRow)
                                    ci += 4
                                }
                            }
                        }
                    } }
                }
                r += count
            }
        }
    }
    for i in 1..<t { grads[0].add(grads[i]) }
    for ci in 0..<cin { for co in 0..<cout { for k in 0..<4 {
        dweight[(ci * cout + co) * 4 + k] += grads[0].base[grads[0].offset(co: co, ci: ci, tap: k)]
    } } }
    for i in 0..<t { for cob in 0..<dout.cBlocks {
        let s = biasGrads[i * dout.cBlocks + cob]
        for lane in 0..<16 where cob * 16 + lane < cout { dbias[cob * 16 + lane] += s[lane] }
    } }
}
