import KernelsAVX512
import Tensor

// The 3×3 forward convolution by Winograd's minimal filtering F(2×2, 3×3) (Lavin & Gray, 2015), for
// inference. Each 2×2 block of outputs ("tile") comes from the 4×4 input patch under it:
//   Y = Aᵀ [ Σ_ci U(ci, co) ⊙ V(ci) ] A,   U = G g Gᵀ (the filter),   V = Bᵀ d B (the patch),
// 16 multiplies per tile, input and output channel where the direct convolution does 36. The sum over
// input channels at each of the 16 positions of the 4×4 is a matrix product, tiles × Cin by Cin × Cout:
// a 1×1 convolution, so it runs on the same register-blocked kernels (AVX-512 or AVX2) as every other.
// The transforms cost memory traffic, not multiplies, which pays only where the channel counts are large
// enough (`winogradPays`, decided by `pipeline-bench`'s per-shape timings). Rounding differs from the
// direct convolution's (a few ulps; the tests bound it against the reference), and it is the same on
// every run of the same kernel path: a layer's algorithm depends on its shape only.

/// The transformed filter: for each of the 16 positions of the 4×4, a Cin × Cout matrix packed as a 1×1
/// PackedFilter is (((cob · inBlocks + cib) · 16 + ci) · 16 + co), padding channels zero.
struct WinogradFilter {
    let base: UnsafeMutablePointer<Float>
    let outBlocks: Int
    let inBlocks: Int

    var positionFloats: Int { outBlocks * inBlocks * 256 }

    /// The packed Cin × Cout matrix of position `p` (row-major index i · 4 + j of the 4×4).
    @inline(__always) func position(_ p: Int) -> UnsafeMutablePointer<Float> { base + p * positionFloats }

    /// U = G g Gᵀ of PyTorch-layout weights (cout, cin, 3, 3), in the calling thread's `.filter` slot.
    static func forward(_ weight: UnsafePointer<Float>, cout: Int, cin: Int) -> WinogradFilter {
        transform(cout: cout, cin: cin) { co, ci, tap in weight[(co * cin + ci) * 9 + tap] }
    }

    /// The same for the input gradient (as PackedFilter.inputGradient): a forward convolution of dout
    /// (cout channels) into the gradient of input channels `inputChannels`, renumbered from 0, with the
    /// filter transposed and flipped in space.
    static func inputGradient(_ weight: UnsafePointer<Float>, cout: Int, cin: Int,
                              inputChannels range: Range<Int>) -> WinogradFilter {
        transform(cout: range.count, cin: cout) { ci, co, tap in weight[(co * cin + range.lowerBound + ci) * 9 + 8 - tap] }
    }

    /// U = G g Gᵀ of the 3×3 filters g(co, ci, tap), tap = ky · 3 + kx, for cout × cin channels.
    private static func transform(cout: Int, cin: Int, _ g: (Int, Int, Int) -> Float) -> WinogradFilter {
        let outBlocks = (cout + 15) / 16, inBlocks = (cin + 15) / 16
        let f = WinogradFilter(base: Workspace.current.zeroed(.filter, count: 16 * outBlocks * inBlocks * 256),
                               outBlocks: outBlocks, inBlocks: inBlocks)
        for co in 0..<cout { for ci in 0..<cin {
            let offset = (((co >> 4) * inBlocks + (ci >> 4)) * 16 + (ci & 15)) * 16 + (co & 15)
            // G · g: rows g0, (g0 + g1 + g2)/2, (g0 − g1 + g2)/2, g2 of the 3×3, column by column; then
            // (G g) · Gᵀ: the same combination of each of those rows' three columns.
            for i in 0..<4 {
                @inline(__always) func gg(_ j: Int) -> Float {
                    let a = g(co, ci, j), b = g(co, ci, 3 + j), c = g(co, ci, 6 + j)
                    switch i { case 0: return a; case 1: return (a + b + c) * 0.5; case 2: return (a - b + c) * 0.5; default: return c }
                }
                let a = gg(0), b = gg(1), c = gg(2)
                f.position(i * 4)[offset] = a
                f.position(i * 4 + 1)[offset] = (a + b + c) * 0.5
                f.position(i * 4 + 2)[offset] = (a - b + c) * 0.5
                f.position(i * 4 + 3)[offset] = c
            }
        } }
        return f
    }
}

/// Whether the Winograd path computes an inference convolution of this shape: even planes (tiles of
/// 2×2 outputs cover them exactly), and channels enough that 2.25× fewer multiplies outweigh moving
/// each input and output through a 4×4 transform. The threshold is `pipeline-bench`'s per-shape
/// comparison of both algorithms on the U-Net's layers (README).
func winogradPays(inChannels: Int, outChannels: Int, height: Int, width: Int) -> Bool {
    height % 2 == 0 && width % 2 == 0 && height >= 4 && width >= 4
        && inChannels >= winogradMinimumChannelCount && outChannels >= winogradMinimumChannelCount
}

/// The fewest input and output channels the Winograd path takes (see `winogradPays`).
public let winogradMinimumChannelCount = 16

/// out = conv3x3(inp, filter) + bias (optionally ReLU) by F(2×2, 3×3). H and W must be even. The batch's
/// tiles go in bands of tile rows of one image, handed to whichever thread is free; each band's
/// transformed inputs and products live in that thread's workspace.
func winogradConvForward(out: Tensor, inp: Tensor, filter: WinogradFilter, bias: UnsafePointer<Float>?,
                         relu: Bool, threads: Int) {
    precondition(out.batch == inp.batch && out.height == inp.height && out.width == inp.width,
                 "Winograd convolution: output \(out.shape) does not match input \(inp.shape) in N, H, W")
    precondition(inp.height % 2 == 0 && inp.width % 2 == 0,
                 "Winograd convolution: H and W must be even, got \(inp.shape)")
    precondition(filter.inBlocks == inp.cBlocks && filter.outBlocks == out.cBlocks,
                 "Winograd convolution: filter blocks \(filter.inBlocks) → \(filter.outBlocks) do not match \(inp.shape) → \(out.shape)")
    let tilesX = inp.width / 2, tilesY = inp.height / 2
    let bandRows = winogradBandRows(inBlocks: inp.cBlocks, tilesX: tilesX, tilesY: tilesY)
    let bands = (tilesY + bandRows - 1) / bandRows
    // Zero biases for the products (the bias is added once, after the output transform), then the bias.
    let biases = Workspace.current.zeroed(.bias, count: 2 * out.cBlocks * 16)
    if let bias { (biases + out.cBlocks * 16).update(from: bias, count: out.channels) }
    let plan = WinogradPlan(inp: inp, out: out, tilesX: tilesX, tilesY: tilesY, bandRows: bandRows)
    forEachRowChunk(rows: inp.batch * bands, threads: threads) { units in
        let maxTiles = bandRows * tilesX
        let v = Workspace.current.scratch(.winogradInput, count: 16 * inp.cBlocks * maxTiles * 16)
        let m = Workspace.current.scratch(.winogradOutput, count: 16 * out.cBlocks * maxTiles * 16)
        for unit in units {
            plan.band(image: unit / bands, firstTileRow: (unit % bands) * bandRows, filter: filter,
                      zeroBias: biases, bias: biases + out.cBlocks * 16, relu: relu, v: v, m: m)
        }
    }
}

/// Tile rows per band: as many as keep one position's transformed inputs (tiles × Cin floats, swept once
/// per pair of output blocks) within 128 KiB of L2, at least one, at most the image. On the U-Net's
/// levels that is 8 tile rows (16 output rows) of the first convolution of each level.
func winogradBandRows(inBlocks: Int, tilesX: Int, tilesY: Int) -> Int {
    max(1, min(tilesY, 32 * 1024 / (inBlocks * 16 * tilesX)))
}

/// The strides of one call, and the three steps of one band.
private struct WinogradPlan {
    let inp: Tensor, out: Tensor
    let tilesX: Int, tilesY: Int, bandRows: Int

    init(inp: Tensor, out: Tensor, tilesX: Int, tilesY: Int, bandRows: Int) {
        self.inp = inp; self.out = out; self.tilesX = tilesX; self.tilesY = tilesY; self.bandRows = bandRows
    }

    /// Tile rows firstTileRow..< of image n: V = Bᵀ d B for every tile and input block, laid out
    /// [position][cib][tile][16]; M[position] = V[position] · U[position] (a 1×1 convolution over the
    /// band's tiles as one row); out = Aᵀ M A + bias, laid out [position][cob][tile][16] before it.
    func band(image n: Int, firstTileRow ty0: Int, filter: WinogradFilter, zeroBias: UnsafePointer<Float>,
              bias: UnsafePointer<Float>, relu: Bool, v: UnsafeMutablePointer<Float>, m: UnsafeMutablePointer<Float>) {
        let ty1 = min(tilesY, ty0 + bandRows), tiles = (ty1 - ty0) * tilesX
        let inBlocks = inp.cBlocks, outBlocks = out.cBlocks
        let vPosition = inBlocks * tiles * 16, mPosition = outBlocks * tiles * 16
        let inRow = inp.paddedW * 16, outRow = out.paddedW * 16
        for cib in 0..<inBlocks {
            let plane = inp.data + (n * inBlocks + cib) * inp.planeStride
            for ty in ty0..<ty1 { for tx in 0..<tilesX {
                let t = (ty - ty0) * tilesX + tx
                winogradInputTile(plane + 2 * ty * inRow + 2 * tx * 16, rowStride: inRow,
                                  into: v + (cib * tiles + t) * 16, positionStride: vPosition)
            } }
        }
        for p in 0..<16 {
            winogradProduct(dst: m + p * mPosition, src: v + p * vPosition, weights: filter.position(p),
                            tiles: tiles, inBlocks: inBlocks, inChannels: inp.channels, outBlocks: outBlocks,
                            zeroBias: zeroBias)
        }
        for cob in 0..<outBlocks {
            let plane = out.data + (n * outBlocks + cob) * out.planeStride + outRow + 16
            let b = load16(bias + 16 * cob)
            for ty in ty0..<ty1 { for tx in 0..<tilesX {
                let t = (ty - ty0) * tilesX + tx
                winogradOutputTile(m + (cob * tiles + t) * 16, positionStride: mPosition,
                                   into: plane + 2 * ty * outRow + 2 * tx * 16, rowStride: outRow, bias: b, relu: relu)
            } }
        }
    }
}

/// V = Bᵀ d B for one tile of one 16-channel block: d is the 4×4 patch at `src` (rows `rowStride`
/// apart), Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1]. Position i · 4 + j goes to into + (i·4 + j) · positionStride.
@inline(__always)
func winogradInputTile(_ src: UnsafePointer<Float>, rowStride: Int, into v: UnsafeMutablePointer<Float>,
                       positionStride: Int) {
    @inline(__always) func d(_ i: Int, _ j: Int) -> SIMD16<Float> { load16(src + i * rowStride + j * 16) }
    @inline(__always) func row(_ i: Int, _ r0: SIMD16<Float>, _ r1: SIMD16<Float>, _ r2: SIMD16<Float>, _ r3: SIMD16<Float>) {
        let o = v + 4 * i * positionStride
        store16(r0 - r2, o); store16(r1 + r2, o + positionStride)
        store16(r2 - r1, o + 2 * positionStride); store16(r1 - r3, o + 3 * positionStride)
    }
    row(0, d(0, 0) - d(2, 0), d(0, 1) - d(2, 1), d(0, 2) - d(2, 2), d(0, 3) - d(2, 3))
    row(1, d(1, 0) + d(2, 0), d(1, 1) + d(2, 1), d(1, 2) + d(2, 2), d(1, 3) + d(2, 3))
    row(2, d(2, 0) - d(1, 0), d(2, 1) - d(1, 1), d(2, 2) - d(1, 2), d(2, 3) - d(1, 3))
    row(3, d(1, 0) - d(3, 0), d(1, 1) - d(3, 1), d(1, 2) - d(3, 2), d(1, 3) - d(3, 3))
}

/// Y = Aᵀ M A + bias (relu: max(0, ·), NaN kept) for one tile of one 16-channel block, Aᵀ = [1 1 1 0; 0 1 −1 −1]:
/// the 2×2 outputs at `dst`, rows `rowStride` apart.
@inline(__always)
func winogradOutputTile(_ m: UnsafePointer<Float>, positionStride: Int, into dst: UnsafeMutablePointer<Float>,
                        rowStride: Int, bias: SIMD16<Float>, relu: Bool) {
    @inline(__always) func at(_ i: Int, _ j: Int) -> SIMD16<Float> { load16(m + (i * 4 + j) * positionStride) }
    @inline(__always) func put(_ y: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>) { store16(relu ? relu16(y) : y, p) }
    // Aᵀ M, column by column: s0 = m0 + m1 + m2, s1 = m1 − m2 − m3.
    let s00 = at(0, 0) + at(1, 0) + at(2, 0), s01 = at(0, 1) + at(1, 1) + at(2, 1)
    let s02 = at(0, 2) + at(1, 2) + at(2, 2), s03 = at(0, 3) + at(1, 3) + at(2, 3)
    let s10 = at(1, 0) - at(2, 0) - at(3, 0), s11 = at(1, 1) - at(2, 1) - at(3, 1)
    let s12 = at(1, 2) - at(2, 2) - at(3, 2), s13 = at(1, 3) - at(2, 3) - at(3, 3)
    put(s00 + s01 + s02 + bias, dst); put(s01 - s02 - s03 + bias, dst + 16)
    put(s10 + s11 + s12 + bias, dst + rowStride); put(s11 - s12 - s13 + bias, dst + rowStride + 16)
}

/// dst[cob][tile] = Σ_ci src[cib][tile][ci] · weights (a 1×1 convolution of `tiles` pixels in one row),
/// on the current kernel path's blocks: pairs of output blocks on AVX-512, single blocks on AVX2.
@inline(__always)
private func winogradProduct(dst: UnsafeMutablePointer<Float>, src: UnsafePointer<Float>,
                             weights: UnsafePointer<Float>, tiles: Int, inBlocks: Int, inChannels: Int,
                             outBlocks: Int, zeroBias: UnsafePointer<Float>) {
    let blockFloats = inBlocks * 256, plane = tiles * 16
    var cob = 0
    if KernelPath.current == .avx512 {
        while cob + 1 < outBlocks {
            convRowPairAVX512(dst: dst + cob * plane, dstBlockStride: plane, src: src, w: weights + cob * blockFloats,
                              wBlockStride: blockFloats, bias: zeroBias, inBlocks: inBlocks, inChannels: inChannels,
                              side: 1, rowStride: 0, planeStride: plane, width: tiles, relu: false)
            cob += 2
        }
        for cob in cob..<outBlocks {
            convRowAVX512(dst: dst + cob * plane, src: src, w: weights + cob * blockFloats, bias: zeroBias,
                          inBlocks: inBlocks, inChannels: inChannels, side: 1, rowStride: 0, planeStride: plane,
                          width: tiles, relu: false)
        }
        return
    }
    let geo = ConvGeometry(inBlocks: inBlocks, inChannels: inChannels, side: 1, rowStride: 0, planeStride: plane)
    for cob in 0..<outBlocks {
        convRow(dst: dst + cob * plane, src: src, w: weights + cob * blockFloats, bias: .zero, geo: geo,
                width: tiles, relu: false)
    }
}
