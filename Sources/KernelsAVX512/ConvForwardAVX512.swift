// The AVX-512 path of the direct convolution on the blocked layout (NCHW16c with a zero border):
// the same packed filters and the same arithmetic order as NN's AVX2 kernels, with wider register
// blocks for 32 vector registers. Two output blocks go together where there are two: 32 channels ×
// 12 pixels (24 accumulators) or × 8, each input broadcast feeding both blocks; a single block takes
// 16 channels × 16 pixels (16 accumulators + the weight vector). Two FMA pipes with a 4-cycle latency
// need 8 independent accumulators; more of them also cut the loads per FMA of NN's 16 × 6 blocks.
//
// This target alone is compiled for x86-64-v4 (AVX-512 F/CD/BW/DQ/VL), with cross-module
// optimisation off so none of it is inlined into code that runs on AVX2-only CPUs. NN calls it
// only when KernelPath.current is .avx512, which needs CPUInfo.supportsAVX512. Its public entry
// points take pointers and integers only: a SIMD16<Float> argument would be passed in different
// registers by code compiled for AVX2 and for AVX-512.

/// Strides and sizes a kernel call needs.
struct Geometry {
    let inBlocks: Int
    let inChannels: Int
    /// Kernel side length: 3 or 1.
    let side: Int
    /// Floats between vertically adjacent pixels of a plane (paddedW · 16).
    let rowStride: Int
    /// Floats between channel-block planes of the input.
    let planeStride: Int
}

/// One output row of one 16-channel output block: dst[x] = bias + Σ w · src around x for x in
/// 0..<width (relu: max(0, ·), NaN kept). `src` points at channel 0 of the top-left tap of pixel 0;
/// `w` at this block's packed weights; `bias` at its 16 biases. Rows of 16 pixels or more go 16 at
/// a time, the last call overlapping the one before (recomputing identical values); narrower rows
/// take 8-, 4- and 1-pixel calls the same way.
@inline(never)
public func convRowAVX512(dst: UnsafeMutablePointer<Float>, src: UnsafePointer<Float>, w: UnsafePointer<Float>,
                          bias: UnsafePointer<Float>, inBlocks: Int, inChannels: Int, side: Int,
                          rowStride: Int, planeStride: Int, width: Int, relu: Bool) {
    let geo = Geometry(inBlocks: inBlocks, inChannels: inChannels, side: side, rowStride: rowStride,
                       planeStride: planeStride)
    let b = load16(bias)
    if width >= 16 {
        for x in stride(from: 0, to: width, by: 16) {
            let x0 = min(x, width - 16)
            conv16x16(out: dst + x0 * 16, inp: src + x0 * 16, w: w, bias: b, geo: geo, relu: relu)
        }
    } else if width >= 8 {
        conv16x8(out: dst, inp: src, w: w, bias: b, geo: geo, relu: relu)
        conv16x8(out: dst + (width - 8) * 16, inp: src + (width - 8) * 16, w: w, bias: b, geo: geo, relu: relu)
    } else if width >= 4 {
        conv16x4(out: dst, inp: src, w: w, bias: b, geo: geo, relu: relu)
        conv16x4(out: dst + (width - 4) * 16, inp: src + (width - 4) * 16, w: w, bias: b, geo: geo, relu: relu)
    } else {
        for x in 0..<width {
            conv16x1(out: dst + x * 16, inp: src + x * 16, w: w, bias: b, geo: geo, relu: relu)
        }
    }
}

/// out[0..<16 pixels] = bias + Σ weights · inp for 16 output channels, 16 accumulators.
@inline(never)
func conv16x16(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, w: UnsafePointer<Float>,
               bias: SIMD16<Float>, geo: Geometry, relu: Bool) {
    var a0 = bias, a1 = bias, a2 = bias, a3 = bias, a4 = bias, a5 = bias, a6 = bias, a7 = bias
    var a8 = bias, a9 = bias, a10 = bias, a11 = bias, a12 = bias, a13 = bias, a14 = bias, a15 = bias
    var wp = w, plane = inp
    for cib in 0..<geo.inBlocks {
        let cn = min(16, geo.inChannels - cib * 16)
        for ky in 0..<geo.side {
            for kx in 0..<geo.side {
                let p = plane + ky * geo.rowStride + kx * 16
                for ci in 0..<cn {
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
                wp += 256
            }
        }
        plane += geo.planeStride
    }
    if relu {
        a0 = relu16(a0); a1 = relu16(a1); a2 = relu16(a2); a3 = relu16(a3); a4 = relu16(a4); a5 = relu16(a5); a6 = relu16(a6); a7 = relu16(a7)
        a8 = relu16(a8); a9 = relu16(a9); a10 = relu16(a10); a11 = relu16(a11); a12 = relu16(a12); a13 = relu16(a13); a14 = relu16(a14); a15 = relu16(a15)
    }
    store16(a0, out); store16(a1, out + 16); store16(a2, out + 32); store16(a3, out + 48)
    store16(a4, out + 64); store16(a5, out + 80); store16(a6, out + 96); store16(a7, out + 112)
    store16(a8, out + 128); store16(a9, out + 144); store16(a10, out + 160); store16(a11, out + 176)
    store16(a12, out + 192); store16(a13, out + 208); store16(a14, out + 224); store16(a15, out + 240)
}

/// out[0..<8 pixels] = bias + Σ weights · inp for 16 output channels, 8 accumulators.
@inline(never)
func conv16x8(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, w: UnsafePointer<Float>,
              bias: SIMD16<Float>, geo: Geometry, relu: Bool) {
    var a0 = bias, a1 = bias, a2 = bias, a3 = bias, a4 = bias, a5 = bias, a6 = bias, a7 = bias
    var wp = w, plane = inp
    for cib in 0..<geo.inBlocks {
        let cn = min(16, geo.inChannels - cib * 16)
        for ky in 0..<geo.side {
            for kx in 0..<geo.side {
                let p = plane + ky * geo.rowStride + kx * 16
                for ci in 0..<cn {
                    let wv = load16(wp + ci * 16)
                    a0 = a0.addingProduct(SIMD16(repeating: p[ci]), wv); a1 = a1.addingProduct(SIMD16(repeating: p[16 + ci]), wv)
                    a2 = a2.addingProduct(SIMD16(repeating: p[32 + ci]), wv); a3 = a3.addingProduct(SIMD16(repeating: p[48 + ci]), wv)
                    a4 = a4.addingProduct(SIMD16(repeating: p[64 + ci]), wv); a5 = a5.addingProduct(SIMD16(repeating: p[80 + ci]), wv)
                    a6 = a6.addingProduct(SIMD16(repeating: p[96 + ci]), wv); a7 = a7.addingProduct(SIMD16(repeating: p[112 + ci]), wv)
                }
                wp += 256
            }
        }
        plane += geo.planeStride
    }
    if relu {
        a0 = relu16(a0); a1 = relu16(a1); a2 = relu16(a2); a3 = relu16(a3); a4 = relu16(a4); a5 = relu16(a5); a6 = relu16(a6); a7 = relu16(a7)
    }
    store16(a0, out); store16(a1, out + 16); store16(a2, out + 32); store16(a3, out + 48)
    store16(a4, out + 64); store16(a5, out + 80); store16(a6, out + 96); store16(a7, out + 112)
}

/// out[0..<4 pixels] = bias + Σ weights · inp for 16 output channels, 4 accumulators.
@inline(never)
func conv16x4(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, w: UnsafePointer<Float>,
              bias: SIMD16<Float>, geo: Geometry, relu: Bool) {
    var a0 = bias, a1 = bias, a2 = bias, a3 = bias
    var wp = w, plane = inp
    for cib in 0..<geo.inBlocks {
        let cn = min(16, geo.inChannels - cib * 16)
        for ky in 0..<geo.side {
            for kx in 0..<geo.side {
                let p = plane + ky * geo.rowStride + kx * 16
                for ci in 0..<cn {
                    let wv = load16(wp + ci * 16)
                    a0 = a0.addingProduct(SIMD16(repeating: p[ci]), wv); a1 = a1.addingProduct(SIMD16(repeating: p[16 + ci]), wv)
                    a2 = a2.addingProduct(SIMD16(repeating: p[32 + ci]), wv); a3 = a3.addingProduct(SIMD16(repeating: p[48 + ci]), wv)
                }
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

/// out[0..<1 pixels] = bias + Σ weights · inp for 16 output channels, 1 accumulators.
@inline(never)
func conv16x1(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, w: UnsafePointer<Float>,
              bias: SIMD16<Float>, geo: Geometry, relu: Bool) {
    var a0 = bias
    var wp = w, plane = inp
    for cib in 0..<geo.inBlocks {
        let cn = min(16, geo.inChannels - cib * 16)
        for ky in 0..<geo.side {
            for kx in 0..<geo.side {
                let p = plane + ky * geo.rowStride + kx * 16
                for ci in 0..<cn {
                    let wv = load16(wp + ci * 16)
                    a0 = a0.addingProduct(SIMD16(repeating: p[ci]), wv)
                }
                wp += 256
            }
        }
        plane += geo.planeStride
    }
    if relu {
        a0 = relu16(a0)
    }
    store16(a0, out)
}

/// Two 16-channel output blocks of one output row at once (cob and cob + 1: dst and dst + dstBlockStride,
/// weights w and w + wBlockStride, biases bias and bias + 16): rows of 8 pixels or more go 12 and 8 at a time
/// (see below), 24 or 16 accumulators sharing each broadcast between the two blocks, which halves the
/// input loads of `convRowAVX512`. Narrower rows take `convRowAVX512` once per block.
@inline(never)
public func convRowPairAVX512(dst: UnsafeMutablePointer<Float>, dstBlockStride: Int, src: UnsafePointer<Float>,
                              w: UnsafePointer<Float>, wBlockStride: Int, bias: UnsafePointer<Float>,
                              inBlocks: Int, inChannels: Int, side: Int, rowStride: Int, planeStride: Int,
                              width: Int, relu: Bool) {
    guard width >= 8 else {
        for k in 0..<2 {
            convRowAVX512(dst: dst + k * dstBlockStride, src: src, w: w + k * wBlockStride, bias: bias + 16 * k,
                          inBlocks: inBlocks, inChannels: inChannels, side: side, rowStride: rowStride,
                          planeStride: planeStride, width: width, relu: relu)
        }
        return
    }
    let geo = Geometry(inBlocks: inBlocks, inChannels: inChannels, side: side, rowStride: rowStride,
                       planeStride: planeStride)
    let b0 = load16(bias), b1 = load16(bias + 16)
    // 12-pixel blocks, then 8-pixel ones: every width that is a multiple of 4 is tiled exactly
    // (16 = 8 + 8, 32 = 12·2 + 8, 64 = 12·4 + 8·2); others end with an 8 overlapping the one before.
    var twelves = width / 12
    if width % 12 == 4 && twelves > 0 { twelves -= 1 }
    for t in 0..<twelves {
        let x = 12 * t
        conv32x12(out0: dst + x * 16, out1: dst + dstBlockStride + x * 16, inp: src + x * 16, w: w,
                  blockStride: wBlockStride, bias0: b0, bias1: b1, geo: geo, relu: relu)
    }
    for x in stride(from: 12 * twelves, to: width, by: 8) {
        let x0 = min(x, width - 8)
        conv32x8(out0: dst + x0 * 16, out1: dst + dstBlockStride + x0 * 16, inp: src + x0 * 16, w: w,
                 blockStride: wBlockStride, bias0: b0, bias1: b1, geo: geo, relu: relu)
    }
}

/// out0, out1[0..<8 pixels] = bias + Σ weights · inp for two 16-channel output blocks (w and
/// w + blockStride): 16 accumulators, each broadcast input feeding two FMAs.
@inline(never)
func conv32x8(out0: UnsafeMutablePointer<Float>, out1: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>,
               w: UnsafePointer<Float>, blockStride: Int, bias0: SIMD16<Float>, bias1: SIMD16<Float>,
               geo: Geometry, relu: Bool) {
    var a0 = bias0, a1 = bias0, a2 = bias0, a3 = bias0, a4 = bias0, a5 = bias0, a6 = bias0, a7 = bias0
    var b0 = bias1, b1 = bias1, b2 = bias1, b3 = bias1, b4 = bias1, b5 = bias1, b6 = bias1, b7 = bias1
    var wp = w, plane = inp
    for cib in 0..<geo.inBlocks {
        let cn = min(16, geo.inChannels - cib * 16)
        for ky in 0..<geo.side {
            for kx in 0..<geo.side {
                let p = plane + ky * geo.rowStride + kx * 16
                for ci in 0..<cn {
                    let w0 = load16(wp + ci * 16), w1 = load16(wp + blockStride + ci * 16)
                    let x0 = SIMD16<Float>(repeating: p[ci]); a0 = a0.addingProduct(x0, w0); b0 = b0.addingProduct(x0, w1)
                    let x1 = SIMD16<Float>(repeating: p[16 + ci]); a1 = a1.addingProduct(x1, w0); b1 = b1.addingProduct(x1, w1)
                    let x2 = SIMD16<Float>(repeating: p[32 + ci]); a2 = a2.addingProduct(x2, w0); b2 = b2.addingProduct(x2, w1)
                    let x3 = SIMD16<Float>(repeating: p[48 + ci]); a3 = a3.addingProduct(x3, w0); b3 = b3.addingProduct(x3, w1)
                    let x4 = SIMD16<Float>(repeating: p[64 + ci]); a4 = a4.addingProduct(x4, w0); b4 = b4.addingProduct(x4, w1)
                    let x5 = SIMD16<Float>(repeating: p[80 + ci]); a5 = a5.addingProduct(x5, w0); b5 = b5.addingProduct(x5, w1)
                    let x6 = SIMD16<Float>(repeating: p[96 + ci]); a6 = a6.addingProduct(x6, w0); b6 = b6.addingProduct(x6, w1)
                    let x7 = SIMD16<Float>(repeating: p[112 + ci]); a7 = a7.addingProduct(x7, w0); b7 = b7.addingProduct(x7, w1)
                }
                wp += 256
            }
        }
        plane += geo.planeStride
    }
    if relu {
        a0 = relu16(a0); a1 = relu16(a1); a2 = relu16(a2); a3 = relu16(a3); a4 = relu16(a4); a5 = relu16(a5); a6 = relu16(a6); a7 = relu16(a7)
        b0 = relu16(b0); b1 = relu16(b1); b2 = relu16(b2); b3 = relu16(b3); b4 = relu16(b4); b5 = relu16(b5); b6 = relu16(b6); b7 = relu16(b7)
    }
    store16(a0, out0); store16(a1, out0 + 16); store16(a2, out0 + 32); store16(a3, out0 + 48)
    store16(a4, out0 + 64); store16(a5, out0 + 80); store16(a6, out0 + 96); store16(a7, out0 + 112)
    store16(b0, out1); store16(b1, out1 + 16); store16(b2, out1 + 32); store16(b3, out1 + 48)
    store16(b4, out1 + 64); store16(b5, out1 + 80); store16(b6, out1 + 96); store16(b7, out1 + 112)
}

/// out0, out1[0..<12 pixels] = bias + Σ weights · inp for two 16-channel output blocks: 24 accumulators
/// (of the 32 registers; + 2 weight vectors and the broadcast), each broadcast feeding two FMAs. Per
/// input channel 14 loads feed 24 FMAs (0.58 a FMA, against 0.62 for 32 × 8), and each weight vector
/// read from L1/L2 serves 12 pixels instead of 8.
@inline(never)
func conv32x12(out0: UnsafeMutablePointer<Float>, out1: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>,
                w: UnsafePointer<Float>, blockStride: Int, bias0: SIMD16<Float>, bias1: SIMD16<Float>,
                geo: Geometry, relu: Bool) {
    var a0 = bias0, a1 = bias0, a2 = bias0, a3 = bias0, a4 = bias0, a5 = bias0, a6 = bias0, a7 = bias0, a8 = bias0, a9 = bias0, a10 = bias0, a11 = bias0
    var b0 = bias1, b1 = bias1, b2 = bias1, b3 = bias1, b4 = bias1, b5 = bias1, b6 = bias1, b7 = bias1, b8 = bias1, b9 = bias1, b10 = bias1, b11 = bias1
    var wp = w, plane = inp
    for cib in 0..<geo.inBlocks {
        let cn = min(16, geo.inChannels - cib * 16)
        for ky in 0..<geo.side {
            for kx in 0..<geo.side {
                let p = plane + ky * geo.rowStride + kx * 16
                for ci in 0..<cn {
                    let w0 = load16(wp + ci * 16), w1 = load16(wp + blockStride + ci * 16)
                    let x0 = SIMD16<Float>(repeating: p[ci]); a0 = a0.addingProduct(x0, w0); b0 = b0.addingProduct(x0, w1)
                    let x1 = SIMD16<Float>(repeating: p[16 + ci]); a1 = a1.addingProduct(x1, w0); b1 = b1.addingProduct(x1, w1)
                    let x2 = SIMD16<Float>(repeating: p[32 + ci]); a2 = a2.addingProduct(x2, w0); b2 = b2.addingProduct(x2, w1)
                    let x3 = SIMD16<Float>(repeating: p[48 + ci]); a3 = a3.addingProduct(x3, w0); b3 = b3.addingProduct(x3, w1)
                    let x4 = SIMD16<Float>(repeating: p[64 + ci]); a4 = a4.addingProduct(x4, w0); b4 = b4.addingProduct(x4, w1)
                    let x5 = SIMD16<Float>(repeating: p[80 + ci]); a5 = a5.addingProduct(x5, w0); b5 = b5.addingProduct(x5, w1)
                    let x6 = SIMD16<Float>(repeating: p[96 + ci]); a6 = a6.addingProduct(x6, w0); b6 = b6.addingProduct(x6, w1)
                    let x7 = SIMD16<Float>(repeating: p[112 + ci]); a7 = a7.addingProduct(x7, w0); b7 = b7.addingProduct(x7, w1)
                    let x8 = SIMD16<Float>(repeating: p[128 + ci]); a8 = a8.addingProduct(x8, w0); b8 = b8.addingProduct(x8, w1)
                    let x9 = SIMD16<Float>(repeating: p[144 + ci]); a9 = a9.addingProduct(x9, w0); b9 = b9.addingProduct(x9, w1)
                    let x10 = SIMD16<Float>(repeating: p[160 + ci]); a10 = a10.addingProduct(x10, w0); b10 = b10.addingProduct(x10, w1)
                    let x11 = SIMD16<Float>(repeating: p[176 + ci]); a11 = a11.addingProduct(x11, w0); b11 = b11.addingProduct(x11, w1)
                }
                wp += 256
            }
        }
        plane += geo.planeStride
    }
    if relu {
        a0 = relu16(a0); a1 = relu16(a1); a2 = relu16(a2); a3 = relu16(a3); a4 = relu16(a4); a5 = relu16(a5); a6 = relu16(a6); a7 = relu16(a7); a8 = relu16(a8); a9 = relu16(a9); a10 = relu16(a10); a11 = relu16(a11)
        b0 = relu16(b0); b1 = relu16(b1); b2 = relu16(b2); b3 = relu16(b3); b4 = relu16(b4); b5 = relu16(b5); b6 = relu16(b6); b7 = relu16(b7); b8 = relu16(b8); b9 = relu16(b9); b10 = relu16(b10); b11 = relu16(b11)
    }
    store16(a0, out0); store16(a1, out0 + 16); store16(a2, out0 + 32); store16(a3, out0 + 48)
    store16(a4, out0 + 64); store16(a5, out0 + 80); store16(a6, out0 + 96); store16(a7, out0 + 112)
    store16(a8, out0 + 128); store16(a9, out0 + 144); store16(a10, out0 + 160); store16(a11, out0 + 176)
    store16(b0, out1); store16(b1, out1 + 16); store16(b2, out1 + 32); store16(b3, out1 + 48)
    store16(b4, out1 + 64); store16(b5, out1 + 80); store16(b6, out1 + 96); store16(b7, out1 + 112)
    store16(b8, out1 + 128); store16(b9, out1 + 144); store16(b10, out1 + 160); store16(b11, out1 + 176)
}
