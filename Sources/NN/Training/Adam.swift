import Foundation

// Adam over the flat parameter buffer: one loop, no allocation. Matches torch.optim.Adam (bias-corrected
// moments, eps added to sqrt(v̂)). Weight decay is DECOUPLED by default (AdamW: p −= lr·wd·p, not folded
// into the moments); decoupledWeightDecay = false gives PyTorch Adam's L2 form (g += wd·p).

public final class Adam {
    public var learningRate: Float
    public var beta1: Float, beta2: Float, epsilon: Float
    public var weightDecay: Float
    public var decoupledWeightDecay: Bool
    public var schedule: LearningRateSchedule
    /// Updates taken so far (PyTorch's `step`); the next update uses bias corrections for step + 1.
    public internal(set) var step: Int = 0
    public let count: Int
    /// First and second moment estimates, same layout as the parameters.
    public let m: UnsafeMutablePointer<Float>
    public let v: UnsafeMutablePointer<Float>

    public init(parameterCount: Int, learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
                epsilon: Float = 1e-8, weightDecay: Float = 0, decoupledWeightDecay: Bool = true,
                schedule: LearningRateSchedule = .constant) {
        self.count = parameterCount
        self.learningRate = learningRate
        self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon
        self.weightDecay = weightDecay; self.decoupledWeightDecay = decoupledWeightDecay
        self.schedule = schedule
        m = .allocate(capacity: max(parameterCount, 1)); m.initialize(repeating: 0, count: max(parameterCount, 1))
        v = .allocate(capacity: max(parameterCount, 1)); v.initialize(repeating: 0, count: max(parameterCount, 1))
    }

    deinit { m.deallocate(); v.deallocate() }

    /// The learning rate the next update will use.
    public var currentLearningRate: Float { schedule.rate(base: learningRate, step: step) }

    /// One update of `count` parameters from their gradients: 16 lanes at a time on the machine's cores,
    /// with the same operations in the same order per element as one scalar loop (bitwise the same).
    public func update(parameters: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>) {
        let lr = currentLearningRate
        step += 1
        let c1 = 1 - powf(beta1, Float(step)), c2 = 1 - powf(beta2, Float(step))
        let chunks = count / 16, threads = count >= 1 << 16 ? layerThreads : 1
        let (m, v) = (self.m, self.v)
        let (b1, b2, eps, wd, decoupled) = (beta1, beta2, epsilon, weightDecay, decoupledWeightDecay)
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            for chunk in (t * chunks / threads)..<((t + 1) * chunks / threads) {
                let i = 16 * chunk
                var p = load16(parameters + i), g = load16(gradients + i)
                var mi = load16(m + i), vi = load16(v + i)
                if !decoupled { g += wd * p }
                mi = b1 * mi + (1 - b1) * g
                vi = b2 * vi + (1 - b2) * g * g
                let mHat = mi / c1, vHat = vi / c2
                if decoupled { p -= lr * wd * p }
                p -= lr * mHat / (vHat.squareRoot() + eps)
                store16(p, parameters + i)
                store16(mi, m + i); store16(vi, v + i)
            }
        }
        for i in 16 * chunks..<count {
            var g = gradients[i]
            if !decoupled { g += wd * parameters[i] }
            m[i] = b1 * m[i] + (1 - b1) * g
            v[i] = b2 * v[i] + (1 - b2) * g * g
            let mHat = m[i] / c1, vHat = v[i] / c2
            if decoupled { parameters[i] -= lr * wd * parameters[i] }
            parameters[i] -= lr * mHat / (vHat.squareRoot() + eps)
        }
    }
}

/// The learning rate as a function of the update index t = 0, 1, 2, … .
public enum LearningRateSchedule: Equatable, Sendable {
    case constant
    /// base → minimum along a half cosine over totalSteps updates, then stays at minimum.
    case cosine(totalSteps: Int, minimum: Float)
    /// base · gamma^(t / every), like torch.optim.lr_scheduler.StepLR.
    case step(every: Int, gamma: Float)

    public func rate(base: Float, step t: Int) -> Float {
        switch self {
        case .constant:
            return base
        case let .cosine(total, minimum):
            let progress = Double(min(t, total)) / Double(max(total, 1))
            return minimum + (base - minimum) * Float((1 + cos(Double.pi * progress)) / 2)
        case let .step(every, gamma):
            return base * powf(gamma, Float(t / max(every, 1)))
        }
    }
}
