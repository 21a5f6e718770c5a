import KernelsAVX512
import Tensor

// Direct convolution on the blocked layout (NCHW16c with a zero border), used for the 3×3 forward
// pass, the 3×3 input gradient (with a transposed, flipped filter) and the 1×1 convolutions.
// One kernel call computes 16 output channels × 6 pixels of one row: 6 accumulators held in
// registers, each input value broadcast against a SIMD16 of weights (see conv-kernels.md). On the
// AVX-512 path (KernelPath.current) rows go to KernelsAVX512 instead: output blocks in pairs
// (32 channels × 12 or 8 pixels), a last odd block 16 × 16.

/// Strides and sizes a kernel call needs; plain integers so the hot loop touches no object.
struct ConvGeometry {
    let inBlocks: Int
    let inChannels: Int
    /// Kernel side length: 3 or 1.
    let side: Int
    /// Floats between vertically adjacent pixels of a plane (paddedW · 16).
    let rowStride: Int
    /// Floats between channel-block planes of the input.
    let planeStride: Int
}

/// out[0..<6 pixels] = bias + Σ weights · inp, for 16 output channels. `inp` points at channel 0 of
/// the top-left tap of the first pixel; `w` at this output block's packed weights.
/// Six pixels, not eight: AVX2 has 16 ymm registers, and 6 accumulators of SIMD16 (12 ymm) + the
/// weight vector (2) + the broadcast (1) is what fits without spilling.
@inline(never)
func convKernel16x6(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, w: UnsafePointer<Float>,
                    bias: SIMD16<Float>, geo: ConvGeometry, relu: Bool) {
    var a0 = bias, a1 = bias, a2 = bias, a3 = bias, a4 = bias, a5 = bias
    var wp = w
    var plane = inp
    for cib in 0..<geo.inBlocks {
        let cn = min(16, geo.inChannels - cib * 16)
        for ky in 0..<geo.side {
            for kx in 0..<geo.side {
                let p = plane + ky * geo.rowStride + kx * 16
                @inline(__always) func step(_ ci: Int) {
                    let wv = load16(wp + ci * 16)
                    a0 = a0.addingProduct(SIMD16(repeating: p[ci]), wv)
                    a1 = a1.addingProduct(SIMD16(repeating: p[16 + ci]), wv)
                    a2 = a2.addingProduct(SIMD16(repeating: p[32 + ci]), wv)
                    a3 = a3.addingProduct(SIMD16(repeating: p[48 + ci]), wv)
                    a4 = a4.addingProduct(SIMD16(repeating: p[64 + ci]), wv)
                    a5 = a5.addingProduct(SIMD16(repeating: p[80 + ci]), wv)
                }
                forEachChannel(cn, step)
                wp += 256
            }
        }
        plane += geo.planeStride
    }
    if relu {
        a0 = relu16(a0); a1 = relu16(a1); a2 = relu16(a2)
        a3 = relu16(a3); a4 = relu16(a4); a5 = relu16(a5)
    }
    store16(a0, out); store16(a1, out + 16); store16(a2, out + 32)
    store16(a3, out + 48); store16(a4, out + 64); store16(a5, out + 80)
}

/// The same for 4 pixels: with 6-pixel calls it tiles every even row width ≥ 4 exactly
/// (16 = 6 + 6 + 4, 32 = 6·4 + 4·2), so the deep layers' narrow rows compute nothing twice.
@inline(never)
func convKernel16x4(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, w: UnsafePointer<Float>,
                    bias: SIMD16<Float>, geo: ConvGeometry, relu: Bool) {
    var a0 = bias, a1 = bias, a2 = bias, a3 = bias
    var wp = w
    var plane = inp
    for cib in 0..<geo.inBlocks {
        let cn = min(16, geo.inChannels - cib * 16)
        for ky in 0..<geo.side {
            for kx in 0..<geo.side {
                let p = plane + ky * geo.rowStride + kx * 16
                @inline(__always) func step(_ ci: Int) {
                    let wv = load16(wp + ci * 16)
                    a0 = a0.addingProduct(SIMD16(repeating: p[ci]), wv)
                    a1 = a1.addingProduct(SIMD16(repeating: p[16 + ci]), wv)
                    a2 = a2.addingProduct(SIMD16(repeating: p[32 + ci]), wv)
                    a3 = a3.addingProduct(SIMD16(repeating: p[48 + ci]), wv)
                }
                forEachChannel(cn, step)
                wp += 256
            }
        }
        plane += geo.planeStride
    }
    if relu {
        a0 = relu16(a0); a1 = relu16(a1); a2 = relu16(a2); a3 = relu16(a3)
    }
    store16(a0, out); store16(a1, out + 16); store16(a2, out + 32); store16(a3, out + 48)
}

/// The same for a single pixel: rows narrower than 6 pixels.
@inline(never)
func convKernel16x1(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, w: UnsafePointer<Float>,
                    bias: SIMD16<Float>, geo: ConvGeometry, relu: Bool) {
    var a = bias
    var wp = w
    var plane = inp
    for cib in 0..<geo.inBlocks {
        let cn = min(16, geo.inChannels - cib * 16)
        for ky in 0..<geo.side {
            for kx in 0..<geo.side {
                let p = plane + ky * geo.rowStride + kx * 16
                for ci in 0..<cn { a = a.addingProduct(SIMD16(repeating: p[ci]), load16(wp + ci * 16)) }
                wp += 256
            }
        }
        plane += geo.planeStride
    }
    store16(relu ? relu16(a) : a, out)
}

/// out = conv(inp, filter) + bias over the whole batch, split over `threads`. Writes only the
/// interior of `out`; padding lanes come out zero because the filter and bias are zero there.
func directConvForward(out: Tensor, inp: Tensor, filter: PackedFilter, bias: UnsafePointer<Float>?,
                       relu: Bool, threads: Int) {
    precondition(out.batch == inp.batch && out.height == inp.height && out.width == inp.width,
                 "direct convolution: output \(out.shape) does not match input \(inp.shape) in N, H, W")
    precondition(out !== inp, "direct convolution cannot run in place: out and inp must be different tensors")
    let geo = ConvGeometry(inBlocks: inp.cBlocks, inChannels: inp.channels, side: filter.side,
                           rowStride: inp.paddedW * 16, planeStride: inp.planeStride)
    // A 3×3 filter's first tap is the pixel up-left (border included); a 1×1's is the pixel itself.
    let origin = filter.side == 3 ? 0 : 1
    let biasFloats = Workspace.current.zeroed(.bias, count: out.cBlocks * 16)
    if let bias { biasFloats.update(from: bias, count: out.channels) }
    let h = inp.height, w = inp.width, wide = KernelPath.current == .avx512
    // AVX-512: output blocks in pairs (32 channels × 12 or 8 pixels, each broadcast feeding two FMAs), a
    // last odd block 16 × 16. On the Zen 4 both blockings ran within the noise of a shared machine; pairs
    // need half the input loads, which matters where two full-width FMA pipes run (Zen 5, Intel).
    let pairs = wide
    let chunk = rowsPerWeightPass(filterFloats: filter.count, inputRowFloats: inp.cBlocks * inp.paddedW * 16, height: h)
    forEachRowChunk(rows: inp.batch * h, threads: threads) { rows in
        var r0 = rows.lowerBound
        while r0 < rows.upperBound {
            // Rows of one image, at most `chunk`: every output block sweeps them before the next block
            // starts, so a block's weights are read from L2 once per chunk instead of once per row.
            let n = r0 / h, y0 = r0 % h, count = min(chunk, rows.upperBound - r0, h - y0)
            let src0 = inp.data + ((n * inp.cBlocks * inp.paddedH + y0 + origin) * inp.paddedW + origin) * 16
            let dst0 = out.data + ((n * out.cBlocks * out.paddedH + y0 + 1) * out.paddedW + 1) * 16
            var cob = 0
            if pairs {
                while cob + 1 < out.cBlocks {
                    for k in 0..<count {
                        convRowPairAVX512(dst: dst0 + cob * out.planeStride + k * out.paddedW * 16,
                                          dstBlockStride: out.planeStride, src: src0 + k * geo.rowStride,
                                          w: filter.block(cob), wBlockStride: filter.block(1) - filter.block(0),
                                          bias: biasFloats + 16 * cob, inBlocks: geo.inBlocks,
                                          inChannels: geo.inChannels, side: geo.side, rowStride: geo.rowStride,
                                          planeStride: geo.planeStride, width: w, relu: relu)
                    }
                    cob += 2
                }
            }
            for cob in cob..<out.cBlocks {
                for k in 0..<count {
                    let dst = dst0 + cob * out.planeStride + k * out.paddedW * 16, src = src0 + k * geo.rowStride
                    if wide {
                        convRowAVX512(dst: dst, src: src, w: filter.block(cob), bias: biasFloats + 16 * cob,
                                      inBlocks: geo.inBlocks, inChannels: geo.inChannels, side: geo.side,
                                      rowStride: geo.rowStride, planeStride: geo.planeStride, width: w, relu: relu)
                    } else {
                        convRow(dst: dst, src: src, w: filter.block(cob), bias: load16(biasFloats + 16 * cob),
                                geo: geo, width: w, relu: relu)
                    }
                }
            }
            r0 += count
        }
    }
}

/// How many rows of one image each output block sweeps before the next block starts. A filter that
/// fits in L2 beside the input rows stays there whatever the order, and one row at a time keeps those
/// rows in L1 across all output blocks. A filter over twice the budget below (the deep levels: 256 ×
/// 256 × 9 floats is 2.4 MB) would be read from L3 once per output row, so the rows go in chunks whose
/// input (the chunk and its two border rows, all channels) fits the budget, and each block's weights
/// are reused across the chunk from L2. The budget is 512 KiB, or half the L2 where that is smaller: a
/// Zen 3's 512 KiB holds a 256 KiB chunk beside one block's weights (295 KB at 512 input channels).
/// The order changes no sum: every output is computed the same way.
func rowsPerWeightPass(filterFloats: Int, inputRowFloats: Int, height: Int,
                       level2Bytes: Int = CPUInfo.level2CacheBytes) -> Int {
    let budget = min(512 * 1024, level2Bytes / 2) / 4  // floats
    guard filterFloats > 2 * budget else { return 1 }
    return max(1, min(height, budget / inputRowFloats - 2))
}

/// One output row of one output block. Even widths are tiled exactly by 6- and 4-pixel calls
/// (w mod 6 = 4: one 4; w mod 6 = 2: two 4s). Odd widths end with a 6-pixel call that overlaps the
/// previous one (the overlap recomputes identical values). Rows under 6 go one pixel at a time.
@inline(__always)
func convRow(dst: UnsafeMutablePointer<Float>, src: UnsafePointer<Float>, w: UnsafePointer<Float>,
                     bias: SIMD16<Float>, geo: ConvGeometry, width: Int, relu: Bool) {
    if width < 6 {
        for x in 0..<width {
            convKernel16x1(out: dst + x * 16, inp: src + x * 16, w: w, bias: bias, geo: geo, relu: relu)
        }
        return
    }
    let fours = width % 2 == 1 ? 0 : [0, 2, 0, 0, 1, 0][width % 6]
    let sixEnd = width - 4 * fours
    var x = 0
    while x < sixEnd {
        let x0 = min(x, sixEnd - 6)
        convKernel16x6(out: dst + x0 * 16, inp: src + x0 * 16, w: w, bias: bias, geo: geo, relu: relu)
        x += 6
    }
    for x0 in stride(from: sixEnd, to: width, by: 4) {
        convKernel16x4(out: dst + x0 * 16, inp: src + x0 * 16, w: w, bias: bias, geo: geo, relu: relu)
    }
}

/// ReLU that lets NaN through, as PyTorch's does: `pointwiseMax` follows IEEE maxNum and would turn a
/// NaN activation into 0, hiding a diverged model from the trainer's non-finite-loss check.
@inline(__always)
func relu16(_ a: SIMD16<Float>) -> SIMD16<Float> { a.replacing(with: 0, where: a .< 0) }
