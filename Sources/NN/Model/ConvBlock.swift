import Tensor

// One "3×3 conv (+ batch norm) + ReLU" unit of the U-Net and the activations it keeps for backward.

final class ConvBlock {
    let cin: Int, cout: Int
    let conv: AffineParameters
    let norm: Norm?
    /// Set by UNet.convolutionAlgorithm.
    var algorithm = Conv3x3Algorithm.fastest

    /// Batch-norm parameters, running statistics, the batch statistics saved for backward, and room
    /// for the inference-time filter with the normalization folded in (`folded`, then `foldedBias`).
    struct Norm {
        let gamma, beta, dgamma, dbeta, runningMean, runningVar: UnsafeMutablePointer<Float>
        let mean, invstd: UnsafeMutablePointer<Float>
        let folded, foldedBias: UnsafeMutablePointer<Float>
    }

    /// `name` is "<prefix>.<i>" (e.g. "down0.1"): parameters <prefix>.conv<i>.*, <prefix>.bn<i>.*.
    init(prefix name: String, cin: Int, cout: Int, batchNorm: Bool,
         parameters: FlatBuffer, gradients: FlatBuffer, buffers: FlatBuffer) {
        let dot = name.lastIndex(of: ".")!
        let prefix = String(name[..<dot]), i = String(name[name.index(after: dot)...])
        self.cin = cin; self.cout = cout
        conv = AffineParameters(prefix: "\(prefix).conv\(i)", parameters: parameters, gradients: gradients)
        if batchNorm {
            let bn = "\(prefix).bn\(i)"
            let weights = cout * cin * 9
            let saved = UnsafeMutablePointer<Float>.allocate(capacity: 3 * cout + weights)
            saved.initialize(repeating: 0, count: 3 * cout + weights)
            norm = Norm(gamma: parameters.view(bn + ".weight"), beta: parameters.view(bn + ".bias"),
                        dgamma: gradients.view(bn + ".weight"), dbeta: gradients.view(bn + ".bias"),
                        runningMean: buffers.view(bn + ".running_mean"), runningVar: buffers.view(bn + ".running_var"),
                        mean: saved, invstd: saved + cout, folded: saved + 3 * cout, foldedBias: saved + 2 * cout)
        } else {
            norm = nil
        }
    }

    deinit { norm?.mean.deallocate() }

    /// inp (N,cin,H,W) -> a.out (N,cout,H,W)
    func forward(_ a: BlockActivations, inp: Tensor, training: Bool) {
        guard let norm, let z = a.preNorm else {
            conv3x3Forward(out: a.out, inp: inp, weight: conv.weight, bias: conv.bias, relu: true, algorithm: algorithm)
            return
        }
        if !training {
            // Inference normalizes with fixed statistics, an affine map per channel: folded into the
            // filter and bias, the block is one convolution with the ReLU in its epilogue, and the
            // pre-norm tensor is neither written nor read.
            foldNormalization(norm)
            conv3x3Forward(out: a.out, inp: inp, weight: norm.folded, bias: norm.foldedBias, relu: true,
                           algorithm: algorithm)
            return
        }
        conv3x3Forward(out: z, inp: inp, weight: conv.weight, bias: conv.bias, relu: false, algorithm: algorithm)
        batchNormForward(out: a.out, mean: norm.mean, invstd: norm.invstd, inp: z, gamma: norm.gamma, beta: norm.beta,
                         runningMean: norm.runningMean, runningVar: norm.runningVar, training: training, relu: true)
    }

    /// norm.folded = weight · γ/√(running var + ε) per output channel, and norm.foldedBias =
    /// (bias − running mean) · γ/√(running var + ε) + β: what batchNormForward(training: false) makes
    /// of the convolution's output. Recomputed on every inference pass (a pass over the weights), so it
    /// always follows the current parameters.
    private func foldNormalization(_ norm: Norm) {
        let perOutput = cin * 9
        for co in 0..<cout {
            let scale = norm.gamma[co] / (norm.runningVar[co] + batchNormEpsilon).squareRoot()
            let w = conv.weight + co * perOutput, f = norm.folded + co * perOutput
            for i in 0..<perOutput { f[i] = w[i] * scale }
            norm.foldedBias[co] = (conv.bias[co] - norm.runningMean[co]) * scale + norm.beta[co]
        }
    }

    /// a.dout (N,cout,H,W), consumed in place -> the input gradient overwritten into dinp (N,cin,H,W),
    /// or split along channels over several tensors (the parts of a concatenated input; none: skipped),
    /// and the block's parameter gradients accumulated.
    func backward(dinp: [Tensor], _ a: BlockActivations, inp: Tensor) {
        let dout = a.dout!
        if let norm, let z = a.preNorm {
            // The ReLU's mask is applied inside batch norm's backward, as it reads dout.
            batchNormBackward(dinp: dout, dgamma: norm.dgamma, dbeta: norm.dbeta, dout: dout, inp: z,
                              mean: norm.mean, invstd: norm.invstd, gamma: norm.gamma, reluOut: a.out)
        } else {
            reluBackward(dinp: dout, dout: dout, out: a.out)
        }
        conv3x3Backward(dinpParts: dinp, dweight: conv.dweight, dbias: conv.dbias, dout: dout, inp: inp,
                        weight: conv.weight, algorithm: algorithm)
    }
}

/// A block's output, its pre-norm conv output (with batch norm) and, once training, its gradient:
/// a buffer UNetActivations hands out, shared with blocks whose gradients are never live together.
final class BlockActivations {
    let out: Tensor
    let preNorm: Tensor?
    var dout: Tensor?

    init(batch: Int, channels: Int, height: Int, width: Int, batchNorm: Bool) {
        out = Tensor(batch: batch, channels: channels, height: height, width: width)
        preNorm = batchNorm ? Tensor(batch: batch, channels: channels, height: height, width: width) : nil
    }
}
