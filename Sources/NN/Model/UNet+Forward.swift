import Tensor

// Forward and backward passes through the whole U-Net.

public enum UNetError: Error, CustomStringConvertible, Equatable {
    case inputSizeNotDivisible(height: Int, width: Int, divisor: Int)
    case inputChannels(found: Int)

    public var description: String {
        switch self {
        case let .inputSizeNotDivisible(h, w, d):
            return "input size \(h)×\(w) is not divisible by \(d) (2^depth): the U-Net halves it at every level; "
                + "resize or crop images to a multiple of \(d), or lower the depth"
        case let .inputChannels(found):
            return "the U-Net takes one-channel images, got \(found) channels: convert images to grayscale first"
        }
    }
}

extension UNet {
    /// Throws unless (1, height, width) inputs can go through this model; call before training.
    public func checkInput(channels: Int = 1, height: Int, width: Int) throws {
        guard channels == 1 else { throw UNetError.inputChannels(found: channels) }
        let divisor = 1 << depth
        guard height > 0, width > 0, height % divisor == 0, width % divisor == 0 else {
            throw UNetError.inputSizeNotDivisible(height: height, width: width, divisor: divisor)
        }
    }

    /// input (N,1,H,W) -> logits (N,1,H,W). The returned tensor belongs to the model and is overwritten
    /// by the next forward pass of the same shape. training: BN uses batch statistics (and updates
    /// its running ones) and gradient buffers are allocated; inference uses running statistics.
    @discardableResult
    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        do { try checkInput(channels: input.channels, height: input.height, width: input.width) } catch {
            preconditionFailure("UNet.forward: \(error)")
        }
        let a = activations(batch: input.batch, height: input.height, width: input.width)
        if training {
            // Only the shape being trained on keeps gradient buffers (a smaller last batch would
            // otherwise hold a second set for the rest of the run).
            for other in cache where other !== a { other.releaseGradients() }
            a.allocateGradients()
        }
        var x = input
        for l in 0..<depth {
            encoder[l][0].forward(a.encoder[l][0], inp: x, training: training)
            encoder[l][1].forward(a.encoder[l][1], inp: a.encoder[l][0].out, training: training)
            maxPool2x2Forward(out: a.pool[l], inp: a.encoder[l][1].out)
            x = a.pool[l]
        }
        bottleneck[0].forward(a.bottleneck[0], inp: x, training: training)
        bottleneck[1].forward(a.bottleneck[1], inp: a.bottleneck[0].out, training: training)
        var below = a.bottleneck[1].out
        for l in (0..<depth).reversed() {
            if let up = a.up[l] {
                transposedConv2x2Forward(out: up, inp: below, weight: upconvs[l].weight, bias: upconvs[l].bias)
                concatForward(out: a.concat[l], a: a.encoder[l][1].out, b: up)
            } else {
                concatForward(out: a.concat[l], a: a.encoder[l][1].out, b: nil)
                transposedConv2x2Forward(out: a.concat[l], firstChannel: channels(l), cout: channels(l), inp: below,
                                         weight: upconvs[l].weight, bias: upconvs[l].bias, threads: defaultConvThreads)
            }
            decoder[l][0].forward(a.decoder[l][0], inp: a.concat[l], training: training)
            decoder[l][1].forward(a.decoder[l][1], inp: a.decoder[l][0].out, training: training)
            below = a.decoder[l][1].out
        }
        conv1x1Forward(out: a.logits, inp: below, weight: head.weight, bias: head.bias)
        last = (input, a, training)
        return a.logits
    }

    /// dlogits (N,1,H,W) of the last training forward pass -> parameter gradients ACCUMULATED into
    /// `gradients` (zero them first, as trainStep does).
    public func backward(dlogits: Tensor) {
        guard let (input, a, training) = last, training else {
            preconditionFailure("UNet.backward needs a forward(_:training: true) pass first")
        }
        precondition(dlogits.shape == a.logits.shape, "dlogits \(dlogits.shape) vs logits \(a.logits.shape)")
        conv1x1Backward(dinp: a.decoder[0][1].dout, dweight: head.dweight, dbias: head.dbias, dout: dlogits,
                        inp: a.decoder[0][1].out, weight: head.weight)
        for l in 0..<depth {
            decoder[l][1].backward(dinp: [a.decoder[l][0].dout!], a.decoder[l][1], inp: a.decoder[l][0].out)
            // The skip half seeds the encoder block's gradient (the pool's is added to it below).
            decoder[l][0].backward(dinp: [a.encoder[l][1].dout!, a.dup[l]], a.decoder[l][0], inp: a.concat[l])
            let below = l == depth - 1 ? a.bottleneck[1] : a.decoder[l + 1][1]
            transposedConv2x2Backward(dinp: below.dout, dweight: upconvs[l].dweight, dbias: upconvs[l].dbias,
                                      dout: a.dup[l], inp: below.out, weight: upconvs[l].weight)
        }
        bottleneck[1].backward(dinp: [a.bottleneck[0].dout!], a.bottleneck[1], inp: a.bottleneck[0].out)
        bottleneck[0].backward(dinp: [a.dpool[depth - 1]], a.bottleneck[0], inp: a.pool[depth - 1])
        for l in (0..<depth).reversed() {
            maxPool2x2Backward(dinp: a.encoder[l][1].dout!, dout: a.dpool[l], inp: a.encoder[l][1].out, out: a.pool[l])
            encoder[l][1].backward(dinp: [a.encoder[l][0].dout!], a.encoder[l][1], inp: a.encoder[l][0].out)
            encoder[l][0].backward(dinp: l == 0 ? [] : [a.dpool[l - 1]], a.encoder[l][0], inp: l == 0 ? input : a.pool[l - 1])
        }
    }

    /// The activations for this shape, built on first use; the two most recent shapes are kept
    /// (training batches and a smaller last or validation batch).
    func activations(batch: Int, height: Int, width: Int) -> UNetActivations {
        if let i = cache.firstIndex(where: { $0.batch == batch && $0.height == height && $0.width == width }) {
            return cache[i]
        }
        let a = UNetActivations(model: self, batch: batch, height: height, width: width)
        cache.append(a)
        if cache.count > 2 { cache.removeFirst() }
        return a
    }
}
