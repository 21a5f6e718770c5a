import Tensor

// 3×3 same-padding convolution: the public entry points every layer calls. The work happens in
// Kernels/ (direct SIMD convolution on the blocked layout); Reference/ConvReference.swift is the
// oracle the tests compare against. Parameters stay in PyTorch layout (Cout, Cin, 3, 3).

/// inp (N,Cin,H,W), weight (Cout,Cin,3,3), bias (Cout) -> out (N,Cout,H,W); optional fused ReLU.
/// Writes the interior of `out` (border and padding channels stay zero).
/// `algorithm` .direct (the default, and training's: its rounding is the one the backward pass
/// differentiates) or .fastest, which takes Winograd F(2×2, 3×3) where the shape makes it pay
/// (inference: validation, evaluate, predict).
public func conv3x3Forward(out: Tensor, inp: Tensor, weight: UnsafePointer<Float>,
                           bias: UnsafePointer<Float>, relu: Bool = false,
                           threads: Int = defaultConvThreads, algorithm: Conv3x3Algorithm = .direct) {
    if algorithm.resolved(inChannels: inp.channels, outChannels: out.channels, height: inp.height,
                          width: inp.width) == .winograd {
        let filter = WinogradFilter.forward(weight, cout: out.channels, cin: inp.channels)
        winogradConvForward(out: out, inp: inp, filter: filter, bias: bias, relu: relu, threads: threads)
        return
    }
    let filter = PackedFilter.forward(weight, cout: out.channels, cin: inp.channels, side: 3)
    directConvForward(out: out, inp: inp, filter: filter, bias: bias, relu: relu, threads: threads)
}

/// How conv3x3Forward computes: direct convolution, Winograd F(2×2, 3×3) (even H and W only), or
/// whichever of the two is faster for the layer's shape (`winogradPays`).
public enum Conv3x3Algorithm: Sendable {
    case direct
    case winograd
    case fastest

    /// .direct or .winograd for a layer of this shape.
    public func resolved(inChannels: Int, outChannels: Int, height: Int, width: Int) -> Conv3x3Algorithm {
        switch self {
        case .direct: return .direct
        case .winograd:
            precondition(height % 2 == 0 && width % 2 == 0,
                         "Winograd F(2×2, 3×3) needs an even plane, got \(height)×\(width)")
            return .winograd
        case .fastest:
            return winogradPays(inChannels: inChannels, outChannels: outChannels, height: height, width: width)
                ? .winograd : .direct
        }
    }
}

/// dout (N,Cout,H,W) -> dinp (overwritten, skipped when nil), dweight (Cout,Cin,3,3) and
/// dbias (Cout) accumulated (+=). A fused ReLU's mask is applied to dout by the caller.
/// The input gradient is the forward kernel run on dout with the filter transposed and flipped.
/// `algorithm` as for the forward pass: the input gradient is a forward convolution (.fastest: by
/// Winograd where its shape makes that pay); the weight gradient is always direct.
public func conv3x3Backward(dinp: Tensor?, dweight: UnsafeMutablePointer<Float>,
                            dbias: UnsafeMutablePointer<Float>, dout: Tensor, inp: Tensor,
                            weight: UnsafePointer<Float>, threads: Int = defaultConvThreads,
                            algorithm: Conv3x3Algorithm = .direct) {
    conv3x3Backward(dinpParts: dinp.map { [$0] } ?? [], dweight: dweight, dbias: dbias, dout: dout, inp: inp,
                    weight: weight, threads: threads, algorithm: algorithm)
}

/// The same with the input gradient split along channels: `inp` is the concatenation of tensors
/// shaped as dinpParts (none: skipped), and each part gets its own channels' gradient, so the
/// concatenation's gradient is never formed (the U-Net's skip connections).
public func conv3x3Backward(dinpParts: [Tensor], dweight: UnsafeMutablePointer<Float>,
                            dbias: UnsafeMutablePointer<Float>, dout: Tensor, inp: Tensor,
                            weight: UnsafePointer<Float>, threads: Int = defaultConvThreads,
                            algorithm: Conv3x3Algorithm = .direct) {
    precondition(dout.batch == inp.batch && dout.height == inp.height && dout.width == inp.width,
                 "conv3x3Backward: dout \(dout.shape) does not match inp \(inp.shape) in N, H, W")
    precondition(dinpParts.isEmpty || dinpParts.reduce(0, { $0 + $1.channels }) == inp.channels,
                 "conv3x3Backward: dinp parts \(dinpParts.map(\.shape)) must add up to inp \(inp.shape)")
    directConvWeightGrad(dweight: dweight, dbias: dbias, dout: dout, inp: inp, side: 3, threads: threads)
    var first = 0
    for dinp in dinpParts {
        precondition(dinp.batch == inp.batch && dinp.height == inp.height && dinp.width == inp.width,
                     "conv3x3Backward: dinp \(dinp.shape) must match inp \(inp.shape) in N, H, W")
        let channels = first..<first + dinp.channels
        if algorithm.resolved(inChannels: dout.channels, outChannels: dinp.channels, height: dinp.height,
                              width: dinp.width) == .winograd {
            let filter = WinogradFilter.inputGradient(weight, cout: dout.channels, cin: inp.channels, inputChannels: channels)
            winogradConvForward(out: dinp, inp: dout, filter: filter, bias: nil, relu: false, threads: threads)
        } else {
            let filter = PackedFilter.inputGradient(weight, cout: dout.channels, cin: inp.channels, side: 3,
                                                    inputChannels: channels)
            directConvForward(out: dinp, inp: dout, filter: filter, bias: nil, relu: false, threads: threads)
        }
        first += dinp.channels
    }
}
