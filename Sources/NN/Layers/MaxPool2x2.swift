import Tensor

// 2×2 max-pool, stride 2. The backward pass recomputes each window's argmax from the saved input and
// output instead of storing indices: one comparison per element, no extra buffer.

/// inp (N,C,H,W) -> out (N,C,H/2,W/2); H and W even.
public func maxPool2x2Forward(out: Tensor, inp: Tensor) {
    precondition(inp.height % 2 == 0 && inp.width % 2 == 0, "maxPool2x2 needs even H, W: \(inp.shape)")
    precondition(out.shape == [inp.batch, inp.channels, inp.height / 2, inp.width / 2],
                 "maxPool2x2Forward: out \(out.shape) for inp \(inp.shape)")
    let oh = out.height, ow = out.width
    forEachImage(inp.batch, work: inp.imageStride) { n in
        for b in 0..<inp.cBlocks {
            let ip = inp.data + (n * inp.cBlocks + b) * inp.planeStride
            let op = out.data + (n * out.cBlocks + b) * out.planeStride
            for y in 0..<oh {
                let r0 = ip + ((2 * y + 1) * inp.paddedW + 1) * 16, r1 = r0 + inp.paddedW * 16
                let orow = op + ((y + 1) * out.paddedW + 1) * 16
                for x in 0..<ow {
                    let m = max16(max16(BlockedIO.load(r0 + 32 * x), BlockedIO.load(r0 + 32 * x + 16)),
                                  max16(BlockedIO.load(r1 + 32 * x), BlockedIO.load(r1 + 32 * x + 16)))
                    BlockedIO.store(m, orow + 16 * x)
                }
            }
        }
    }
}

/// The larger of a and b in each lane, NaN when either is NaN (as PyTorch's max-pool, so a diverged
/// activation stays visible). Not `pointwiseMax`: it drops NaN (IEEE maxNum) and compiles to a
/// scalar loop, which made the forward pool 7 % of a training step.
@inline(__always)
func max16(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
    a.replacing(with: b, where: b .> a).replacing(with: b, where: b .!= b)
}

/// dout (N,C,H/2,W/2), inp (N,C,H,W), out (N,C,H/2,W/2) -> dinp (N,C,H,W) ACCUMULATED (+=).
/// Each window's gradient goes to its first maximum in row-major order, as in PyTorch.
/// (Accumulating lets the U-Net add the pool gradient onto the skip connection's gradient.)
public func maxPool2x2Backward(dinp: Tensor, dout: Tensor, inp: Tensor, out: Tensor) {
    precondition(dinp.shape == inp.shape && dout.shape == out.shape,
                 "maxPool2x2Backward shapes: dinp \(dinp.shape) inp \(inp.shape) dout \(dout.shape) out \(out.shape)")
    let oh = out.height, ow = out.width
    let zero = SIMD16<Float>(repeating: 0)
    forEachImage(inp.batch, work: inp.imageStride) { n in
        for b in 0..<inp.cBlocks {
            let plane = (n * inp.cBlocks + b) * inp.planeStride
            let oplane = (n * out.cBlocks + b) * out.planeStride
            for y in 0..<oh {
                let rowOffset = plane + ((2 * y + 1) * inp.paddedW + 1) * 16
                let r0 = inp.data + rowOffset, r1 = r0 + inp.paddedW * 16
                let d0 = dinp.data + rowOffset, d1 = d0 + inp.paddedW * 16
                let orow = oplane + ((y + 1) * out.paddedW + 1) * 16
                for x in 0..<ow {
                    let m = BlockedIO.load(out.data + orow + 16 * x)
                    let g = BlockedIO.load(dout.data + orow + 16 * x)
                    let ma = BlockedIO.load(r0 + 32 * x) .== m
                    let mb = (BlockedIO.load(r0 + 32 * x + 16) .== m) .& .!ma
                    let mc = (BlockedIO.load(r1 + 32 * x) .== m) .& .!(ma .| mb)
                    let md = .!(ma .| mb .| mc)
                    BlockedIO.store(BlockedIO.load(d0 + 32 * x) + zero.replacing(with: g, where: ma), d0 + 32 * x)
                    BlockedIO.store(BlockedIO.load(d0 + 32 * x + 16) + zero.replacing(with: g, where: mb), d0 + 32 * x + 16)
                    BlockedIO.store(BlockedIO.load(d1 + 32 * x) + zero.replacing(with: g, where: mc), d1 + 32 * x)
                    BlockedIO.store(BlockedIO.load(d1 + 32 * x + 16) + zero.replacing(with: g, where: md), d1 + 32 * x + 16)
                }
            }
        }
    }
}
