import Tensor

// ReLU. The forward pass is fused into the convolution (conv3x3Forward(relu: true)) or batch norm;
// only the backward mask lives here.

/// dout (N,C,H,W), out (N,C,H,W) of the fused ReLU -> dinp = dout where out > 0, else 0.
/// dinp may be dout (in place). Border and padding lanes of `out` are zero, so they come out zero.
public func reluBackward(dinp: Tensor, dout: Tensor, out: Tensor) {
    precondition(dinp.shape == out.shape && dout.shape == out.shape,
                 "reluBackward shapes differ: dinp \(dinp.shape), dout \(dout.shape), out \(out.shape)")
    let stride = out.imageStride
    forEachImage(out.batch, work: stride) { n in
        let o = out.data + n * stride, g = dout.data + n * stride, d = dinp.data + n * stride
        var i = 0
        while i < stride {
            let v = BlockedIO.load(o + i)
            let masked = SIMD16<Float>(repeating: 0).replacing(with: BlockedIO.load(g + i), where: v .> 0)
            BlockedIO.store(masked, d + i)
            i += 16
        }
    }
}
