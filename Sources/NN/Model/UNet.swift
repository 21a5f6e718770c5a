import Tensor

// The U-Net: each encoder level two 3×3 conv + ReLU (conv → BN → ReLU with batch norm) then a 2×2
// max-pool, filters w, 2w, …, 2^depth·w at the bottleneck; the decoder mirrors it with a 2×2 stride-2
// transposed conv up, skip concat and two 3×3 conv + ReLU; a 1×1 conv gives one logit per pixel.
// Width 16, depth 4, no BN: 1,940,817 parameters, as PyTorch and Keras count them.
//
// Parameters, gradients and BN running statistics each live in one flat buffer (FlatBuffer) with
// PyTorch-style names, in forward order:
//   down{l}.conv{1,2}.{weight,bias}, down{l}.bn{1,2}.{weight,bias}      l = 0..<depth
//   bottleneck.conv{1,2}.…, bottleneck.bn{1,2}.…
//   up{l}.upconv.{weight,bias} (weight (Cin,Cout,2,2)), up{l}.conv{1,2}.…, up{l}.bn{1,2}.…   l = depth-1…0
//   head.weight (1,w,1,1), head.bias (1)
//   buffers: <block>.bn{1,2}.running_mean, <block>.bn{1,2}.running_var
public final class UNet {
    public let width: Int
    public let depth: Int
    public let batchNorm: Bool
    public let seed: UInt64
    public let parameters: FlatBuffer
    /// Same layout as `parameters`; filled by backward (zeroed by trainStep before it).
    public let gradients: FlatBuffer
    /// Batch-norm running statistics (empty without batch norm); not trained by the optimizer.
    public let buffers: FlatBuffer

    let encoder: [[ConvBlock]]
    let bottleneck: [ConvBlock]
    let upconvs: [AffineParameters]
    let decoder: [[ConvBlock]]
    let head: AffineParameters
    var cache: [UNetActivations] = []
    /// How every 3×3 convolution computes (forward and input gradient): .fastest, Winograd where a
    /// layer's shape makes it pay; tests set .direct to check gradients against the exact convolution.
    var convolutionAlgorithm: Conv3x3Algorithm = .fastest {
        didSet { for block in encoder.joined() + bottleneck + decoder.joined() { block.algorithm = convolutionAlgorithm } }
    }
    var last: (input: Tensor, activations: UNetActivations, training: Bool)?

    public init(width: Int = 16, depth: Int = 4, batchNorm: Bool = false, seed: UInt64 = 42) {
        precondition(width > 0 && depth > 0, "UNet needs width > 0 and depth > 0, got width \(width), depth \(depth)")
        self.width = width; self.depth = depth; self.batchNorm = batchNorm; self.seed = seed
        parameters = FlatBuffer(specs: UNet.parameterSpecs(width: width, depth: depth, batchNorm: batchNorm))
        gradients = FlatBuffer(specs: parameters.specs)
        buffers = FlatBuffer(specs: UNet.bufferSpecs(width: width, depth: depth, batchNorm: batchNorm))
        let (p, g, b) = (parameters, gradients, buffers)
        let block = { (name: String, cin: Int, cout: Int) -> ConvBlock in
            ConvBlock(prefix: name, cin: cin, cout: cout, batchNorm: batchNorm, parameters: p, gradients: g, buffers: b)
        }
        let c = { (level: Int) in width << level }
        encoder = (0..<depth).map { l in
            [block("down\(l).1", l == 0 ? 1 : c(l - 1), c(l)), block("down\(l).2", c(l), c(l))]
        }
        bottleneck = [block("bottleneck.1", c(depth - 1), c(depth)), block("bottleneck.2", c(depth), c(depth))]
        upconvs = (0..<depth).map { AffineParameters(prefix: "up\($0).upconv", parameters: p, gradients: g) }
        decoder = (0..<depth).map { l in [block("up\(l).1", 2 * c(l), c(l)), block("up\(l).2", c(l), c(l))] }
        head = AffineParameters(prefix: "head", parameters: p, gradients: g)
        initializeWeights()
    }

    public var parameterCount: Int { parameters.count }

    /// Channels at level l (l = depth is the bottleneck).
    func channels(_ level: Int) -> Int { width << level }

    /// He (Kaiming normal, fan_in) weights from GaussianStream(seed) (Box–Muller over SplitMix64); biases and BN beta 0, BN gamma 1,
    /// running_var 1. fan_in is Cin·k·k for convolutions and Cin for the transposed convolution (each of
    /// its outputs sums exactly Cin inputs).
    func initializeWeights() {
        var rng = GaussianStream(seed: seed)
        for (spec, offset) in zip(parameters.specs, parameters.offsets) {
            let p = parameters.data + offset
            if spec.name.hasSuffix(".weight") && spec.shape.count == 4 {
                let fanIn = spec.name.hasSuffix("upconv.weight") ? spec.shape[0] : spec.shape[1] * spec.shape[2] * spec.shape[3]
                let std = (2 / Double(fanIn)).squareRoot()
                for i in 0..<spec.count { p[i] = Float(rng.nextGaussian() * std) }
            } else {
                p.update(repeating: spec.name.contains(".bn") && spec.name.hasSuffix(".weight") ? 1 : 0, count: spec.count)
            }
        }
        for (spec, offset) in zip(buffers.specs, buffers.offsets) {
            (buffers.data + offset).update(repeating: spec.name.hasSuffix("running_var") ? 1 : 0, count: spec.count)
        }
    }
}

/// A layer's weight and bias with their gradients: views into the model's flat buffers.
struct AffineParameters {
    let weight, bias, dweight, dbias: UnsafeMutablePointer<Float>
    init(prefix: String, parameters: FlatBuffer, gradients: FlatBuffer) {
        weight = parameters.view(prefix + ".weight"); bias = parameters.view(prefix + ".bias")
        dweight = gradients.view(prefix + ".weight"); dbias = gradients.view(prefix + ".bias")
    }
}
