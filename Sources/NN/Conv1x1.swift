import Tensor

// 1×1 convolution (the U-Net's final layer to one logit, and generally Cin -> Cout) on the blocked
// layout, with the same conventions as Conv3x3.swift. The direct SIMD kernel is used rather than
// sgemm: the layout is already channel-blocked, so no copy in or out is needed.

/// inp (N,Cin,H,W), weight (Cout,Cin,1,1), bias (Cout) -> out (N,Cout,H,W); optional fused ReLU.
public func conv1x1Forward(out: Tensor, inp: Tensor, weight: UnsafePointer<Float>,
                           bias: UnsafePointer<Float>, relu: Bool = false,
                           threads: Int = defaultConvThreads) {
    let filter = PackedFilter.forward(weight, cout: out.channels, cin: inp.channels, side: 1)
    directConvForward(out: out, inp: inp, filter: filter, bias: bias, relu: relu, threads: threads)
}

/// dout (N,Cout,H,W) -> dinp (overwritten, skipped when nil), dweight (Cout,Cin,1,1) and
/// dbias (Cout) accumulated (+=).
public func conv1x1Backward(dinp: Tensor?, dweight: UnsafeMutablePointer<Float>,
                            dbias: UnsafeMutablePointer<Float>, dout: Tensor, inp: Tensor,
                            weight: UnsafePointer<Float>, threads: Int = defaultConvThreads) {
    precondition(dout.batch == inp.batch && dout.height == inp.height && dout.width == inp.width,
                 "conv1x1Backward: dout \(dout.shape) does not match inp \(inp.shape) in N, H, W")
    directConvWeightGrad(dweight: dweight, dbias: dbias, dout: dout, inp: inp, side: 1, threads: threads)
    if let dinp {
        precondition(dinp.shape == inp.shape, "conv1x1Backward: dinp \(dinp.shape) must match inp \(inp.shape)")
        let filter = PackedFilter.inputGradient(weight, cout: dout.channels, cin: inp.channels, side: 1)
        directConvForward(out: dinp, inp: dout, filter: filter, bias: nil, relu: false, threads: threads)
    }
}
