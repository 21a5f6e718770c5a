import Tensor

// The calls a training loop makes: one step, and prediction.

extension UNet {
    /// One optimisation step on a batch: forward, loss and its gradient, zero grads, backward, Adam.
    /// input, target (N,1,H,W); returns the loss before the update. Allocates nothing after the first
    /// step of a given shape.
    @discardableResult
    public func trainStep(input: Tensor, target: Tensor, loss: LossKind, optimizer: Adam) -> Float {
        precondition(optimizer.count == parameterCount,
                     "optimizer holds \(optimizer.count) parameters, model \(parameterCount): build it with Adam(for: model)")
        let logits = forward(input, training: true)
        let dlogits = last!.activations.dlogits!
        dlogits.zero()  // it shares memory with a gradient buffer of the last step
        let value = computeLoss(dlogits: dlogits, logits: logits, target: target, kind: loss)
        gradients.zero()
        backward(dlogits: dlogits)
        optimizer.update(parameters: parameters.data, gradients: gradients.data)
        return value
    }

    /// Loss of a batch in inference mode (running BN statistics, no gradients), for validation.
    public func evaluateLoss(input: Tensor, target: Tensor, loss: LossKind) -> Float {
        computeLoss(dlogits: nil, logits: forward(input, training: false), target: target, kind: loss)
    }

    /// Validation in one forward pass: the loss of a batch in inference mode and its probabilities
    /// written into `probabilities` (N,1,H,W); the same values as evaluateLoss and predict.
    public func evaluate(input: Tensor, target: Tensor, loss: LossKind, probabilities: Tensor) -> Float {
        let logits = forward(input, training: false)
        sigmoidForward(out: probabilities, inp: logits)
        return computeLoss(dlogits: nil, logits: logits, target: target, kind: loss)
    }

    /// input (N,1,H,W) -> a new tensor of probabilities (N,1,H,W), inference mode.
    public func predict(_ input: Tensor) -> Tensor {
        let out = Tensor(batch: input.batch, channels: 1, height: input.height, width: input.width)
        predict(input, into: out)
        return out
    }

    /// input (N,1,H,W) -> out (N,1,H,W) probabilities, inference mode, no allocation after the first call.
    public func predict(_ input: Tensor, into out: Tensor) {
        sigmoidForward(out: out, inp: forward(input, training: false))
    }
}

extension Adam {
    /// An Adam sized for the model's parameters.
    public convenience init(for model: UNet, learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
                            epsilon: Float = 1e-8, weightDecay: Float = 0, decoupledWeightDecay: Bool = true,
                            schedule: LearningRateSchedule = .constant) {
        self.init(parameterCount: model.parameterCount, learningRate: learningRate, beta1: beta1, beta2: beta2,
                  epsilon: epsilon, weightDecay: weightDecay, decoupledWeightDecay: decoupledWeightDecay,
                  schedule: schedule)
    }
}
