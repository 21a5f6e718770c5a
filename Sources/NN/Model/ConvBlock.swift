import Tensor

// One "3×3 conv (+ batch norm) + ReLU" unit of the U-Net and the activations it keeps for backward.

final class ConvBlock {
    let cin: Int, cout: Int
    let conv: AffineParameters
    let norm: Norm?

    /// Batch-norm parameters, running statistics and the batch statistics saved for backward.
    struct Norm {
        let gamma, beta, dgamma, dbeta, runningMean, runningVar: UnsafeMutablePointer<Float>
        let mean, invstd: UnsafeMutablePointer<Float>
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
            let saved = UnsafeMutablePointer<Float>.allocate(capacity: 2 * cout)
            saved.initialize(repeating: 0, count: 2 * cout)
            norm = Norm(gamma: parameters.view(bn + ".weight"), beta: parameters.view(bn + ".bias"),
                        dgamma: gradients.view(bn + ".weight"), dbeta: gradients.view(bn + ".bias"),
                        runningMean: buffers.view(bn + ".running_mean"), runningVar: buffers.view(bn + ".running_var"),
                        mean: saved, invstd: saved + cout)
        } else {
            norm = nil
        }
    }

    deinit { norm?.mean.deallocate() }

    /// inp (N,cin,H,W) -> a.out (N,cout,H,W)
    func forward(_ a: BlockActivations, inp: Tensor, training: Bool) {
        guard let norm, let z = a.preNorm else {
            conv3x3Forward(out: a.out, inp: inp, weight: conv.weight, bias: conv.bias, relu: true)
            return
        }
        conv3x3Forward(out: z, inp: inp, weight: conv.weight, bias: conv.bias, relu: false)
        batchNormForward(out: a.out, mean: norm.mean, invstd: norm.invstd, inp: z, gamma: norm.gamma, beta: norm.beta,
                         runningMean: norm.runningMean, runningVar: norm.runningVar, training: training, relu: true)
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
                        weight: conv.weight)
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
