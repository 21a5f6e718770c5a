import Tensor

// 3×3 same-padding convolution. The public entry points every layer calls.
// (Fast kernels replace these bodies; the reference in Reference/ConvReference.swift is the oracle.)

/// inp (N,Cin,H,W), weight (Cout,Cin,3,3), bias (Cout) -> out (N,Cout,H,W); optional fused ReLU.
public func conv3x3Forward(out: Tensor, inp: Tensor, weight: UnsafePointer<Float>,
                           bias: UnsafePointer<Float>, relu: Bool = false) {
    conv3x3ForwardReference(out: out, inp: inp, weight: weight, bias: bias, relu: relu)
}

/// dout (N,Cout,H,W) -> dinp (overwritten, skipped when nil), dweight (Cout,Cin,3,3) and
/// dbias (Cout) accumulated (+=). A fused ReLU's mask is applied to dout by the caller.
public func conv3x3Backward(dinp: Tensor?, dweight: UnsafeMutablePointer<Float>,
                            dbias: UnsafeMutablePointer<Float>, dout: Tensor, inp: Tensor,
                            weight: UnsafePointer<Float>) {
    conv3x3BackwardReference(dinp: dinp, dweight: dweight, dbias: dbias, dout: dout, inp: inp, weight: weight)
}
