import Tensor

// 2×2 stride-2 transposed convolution with bias, weight (Cin,Cout,2,2) as PyTorch stores it.
// The windows do not overlap, so the whole layer is one GEMM over the batch's pixels:
//   Y (P × 4·Cout) = X (P × Cin) · W (Cin × 4·Cout),  P = N·H·W input pixels,
// and Y's row p, column co·4 + ky·2 + kx is output pixel (2y+ky, 2x+kx) of channel co. PyTorch's weight
// layout is already W, so no repacking. X and Y live in a caller-owned scratch buffer, reused
// across layers and steps; sgemm runs on OpenBLAS's own threads.

/// Floats of scratch the transposed convolution needs for an input (N,Cin,H,W) and Cout outputs.
public func transposedConv2x2ScratchCount(batch: Int, cin: Int, cout: Int, height: Int, width: Int) -> Int {
    let pixels = batch * height * width
    return pixels * paddedChannels(cin) + pixels * 4 * cout
}

/// inp (N,Cin,H,W), weight (Cin,Cout,2,2), bias (Cout) -> out (N,Cout,2H,2W)
public func transposedConv2x2Forward(out: Tensor, inp: Tensor, weight: UnsafePointer<Float>,
                                     bias: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
    checkTransposedShapes(out, inp)
    let cin = inp.channels, cout = out.channels, ldx = paddedChannels(cin)
    let pixels = inp.batch * inp.height * inp.width
    let x = scratch, y = scratch + pixels * ldx
    gatherPixels(x, from: inp)
    sgemm(m: pixels, n: 4 * cout, k: cin, a: x, lda: ldx, b: weight, ldb: 4 * cout, c: y, ldc: 4 * cout)
    forEachImage(inp.batch, work: out.imageStride) { n in
        for b in 0..<out.cBlocks {
            let lanes = BlockedIO.realLanes(channels: cout, block: b)
            var bias16 = SIMD16<Float>(repeating: 0)
            for l in 0..<lanes { bias16[l] = bias[16 * b + l] }
            for iy in 0..<inp.height { for ix in 0..<inp.width {
                let row = y + ((n * inp.height + iy) * inp.width + ix) * 4 * cout + 64 * b
                for k in 0..<4 {
                    var v = bias16
                    for l in 0..<lanes { v[l] += row[4 * l + k] }
                    BlockedIO.store(v, out.data + out.index(n, 16 * b, 2 * iy + k / 2, 2 * ix + k % 2))
                }
            } }
        }
    }
}

/// dout (N,Cout,2H,2W), inp (N,Cin,H,W), weight (Cin,Cout,2,2) -> dinp (N,Cin,H,W) overwritten
/// (skipped when nil), dweight (Cin,Cout,2,2) and dbias (Cout) accumulated (+=).
public func transposedConv2x2Backward(dinp: Tensor?, dweight: UnsafeMutablePointer<Float>,
                                      dbias: UnsafeMutablePointer<Float>, dout: Tensor, inp: Tensor,
                                      weight: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
    checkTransposedShapes(dout, inp)
    let cin = inp.channels, cout = dout.channels, ldx = paddedChannels(cin), ldy = 4 * cout
    let pixels = inp.batch * inp.height * inp.width
    let x = scratch, dy = scratch + pixels * ldx
    gatherPixels(x, from: inp)
    gatherOutputGradient(dy, from: dout, inputHeight: inp.height, inputWidth: inp.width)
    for p in 0..<pixels {
        let row = dy + p * ldy
        for co in 0..<cout { dbias[co] += (row[4 * co] + row[4 * co + 1]) + (row[4 * co + 2] + row[4 * co + 3]) }
    }
    sgemm(transA: true, m: cin, n: ldy, k: pixels, a: x, lda: ldx, b: dy, ldb: ldy, beta: 1, c: dweight, ldc: ldy)
    guard let dinp else { return }
    // dX = dY · Wᵀ, written over X (no longer needed), then scattered with padding lanes zeroed.
    sgemm(transB: true, m: pixels, n: cin, k: ldy, a: dy, lda: ldy, b: weight, ldb: ldy, c: x, ldc: ldx)
    scatterPixels(dinp, from: x)
}

@inline(__always) private func paddedChannels(_ c: Int) -> Int { (c + 15) / 16 * 16 }

private func checkTransposedShapes(_ out: Tensor, _ inp: Tensor) {
    precondition(out.batch == inp.batch && out.height == 2 * inp.height && out.width == 2 * inp.width,
                 "transposedConv2x2: out \(out.shape) must be (N,Cout,2H,2W) for inp \(inp.shape)")
}

/// X[p, c] = inp[n, c, y, x] for p = (n·H + y)·W + x; row stride = channels padded to 16.
private func gatherPixels(_ x: UnsafeMutablePointer<Float>, from inp: Tensor) {
    let ldx = paddedChannels(inp.channels)
    forEachImage(inp.batch, work: inp.imageStride) { n in
        for b in 0..<inp.cBlocks { for iy in 0..<inp.height {
            let src = inp.data + inp.index(n, 16 * b, iy, 0)
            let dst = x + ((n * inp.height + iy) * inp.width) * ldx + 16 * b
            for ix in 0..<inp.width { BlockedIO.store(BlockedIO.load(src + 16 * ix), dst + ix * ldx) }
        } }
    }
}

/// The inverse of gatherPixels, zeroing padding lanes so the layout invariant holds.
private func scatterPixels(_ t: Tensor, from x: UnsafeMutablePointer<Float>) {
    let ldx = paddedChannels(t.channels)
    forEachImage(t.batch, work: t.imageStride) { n in
        for b in 0..<t.cBlocks {
            let mask = BlockedIO.laneMask(channels: t.channels, block: b)
            let zero = SIMD16<Float>(repeating: 0)
            for iy in 0..<t.height {
                let dst = t.data + t.index(n, 16 * b, iy, 0)
                let src = x + ((n * t.height + iy) * t.width) * ldx + 16 * b
                for ix in 0..<t.width {
                    BlockedIO.store(zero.replacing(with: BlockedIO.load(src + ix * ldx), where: mask), dst + 16 * ix)
                }
            }
        }
    }
}

/// dY[p, co·4 + ky·2 + kx] = dout[n, co, 2y+ky, 2x+kx].
private func gatherOutputGradient(_ dy: UnsafeMutablePointer<Float>, from dout: Tensor, inputHeight h: Int, inputWidth w: Int) {
    let cout = dout.channels
    forEachImage(dout.batch, work: dout.imageStride) { n in
        for b in 0..<dout.cBlocks {
            let lanes = BlockedIO.realLanes(channels: cout, block: b)
            for iy in 0..<h { for ix in 0..<w {
                let row = dy + ((n * h + iy) * w + ix) * 4 * cout + 64 * b
                for k in 0..<4 {
                    let v = BlockedIO.load(dout.data + dout.index(n, 16 * b, 2 * iy + k / 2, 2 * ix + k % 2))
                    for l in 0..<lanes { row[4 * l + k] = v[l] }
                }
            } }
        }
    }
}
