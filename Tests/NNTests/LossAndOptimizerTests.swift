import XCTest
@testable import NN
import Tensor

// Losses (values worked by hand, stability, gradients) and Adam with its schedules.

let lossTolerance: Double = 1e-2

final class LossAndOptimizerTests: XCTestCase {
    private func oneChannel(_ values: [Float], _ h: Int, _ w: Int, batch: Int = 1) -> Tensor {
        let t = Tensor(batch: batch, channels: 1, height: h, width: w); t.load(nchw: values); return t
    }

    func testBCEValuesAndStabilityForLargeLogits() {
        XCTAssertEqual(bceWithLogitsLoss(dlogits: nil, logits: oneChannel([0], 1, 1), target: oneChannel([1], 1, 1)),
                       Float(log(2.0)), accuracy: 1e-6)
        // x = 100, y = 1 -> 0; x = −100, y = 1 -> 100; mean 50, finite.
        let loss = bceWithLogitsLoss(dlogits: nil, logits: oneChannel([100, -100], 1, 2), target: oneChannel([1, 1], 1, 2))
        XCTAssertEqual(loss, 50, accuracy: 1e-4)
    }

    func testDiceValueByHandAndEmptyMaskPolicy() {
        // p ≈ 1 everywhere, target [1,1,0,0]: dice = (2·2 + 1) / (4 + 2 + 1) = 5/7, loss 2/7.
        let loss = softDiceLoss(dlogits: nil, logits: oneChannel([30, 30, 30, 30], 2, 2), target: oneChannel([1, 1, 0, 0], 2, 2))
        XCTAssertEqual(loss, 2.0 / 7.0, accuracy: 1e-5)
        // Empty prediction of an empty mask: (0 + 1)/(0 + 1) = 1, loss 0, never NaN.
        XCTAssertEqual(softDiceLoss(dlogits: nil, logits: oneChannel([-30, -30], 1, 2), target: oneChannel([0, 0], 1, 2)), 0, accuracy: 1e-6)
        // Per-image mean: a perfect image and a 2/7 image average to 1/7.
        let two = softDiceLoss(dlogits: nil, logits: oneChannel([30, 30, 30, 30, 30, 30, -30, -30], 2, 2, batch: 2),
                               target: oneChannel([1, 1, 0, 0, 1, 1, 0, 0], 2, 2, batch: 2))
        XCTAssertEqual(two, 1.0 / 7.0, accuracy: 1e-5)
    }

    func testLossGradients() {
        var rng = GaussianStream(seed: 50)
        let target = oneChannel((0..<(2 * 5 * 6)).map { _ in rng.nextUniform() > 0.5 ? 1 : 0 }, 5, 6, batch: 2)
        for kind in LossKind.allCases {
            let logits = randomTensor(2, 1, 5, 6, seed: 51, scale: 2)
            let dlogits = Tensor(batch: 2, channels: 1, height: 5, width: 6)
            _ = computeLoss(dlogits: dlogits, logits: logits, target: target, kind: kind)
            XCTAssertTrue(borderAndPaddingAreZero(dlogits))
            // The loss is a Float: a larger step keeps its rounding out of the difference (it is smooth).
            tensorGradientCheck("loss \(kind.rawValue)", inp: logits, grad: dlogits, tolerance: lossTolerance, step: 1e-2) {
                Double(computeLoss(dlogits: nil, logits: logits, target: target, kind: kind))
            }
        }
    }

    func testAdamFirstStepByHand() {
        // g = 0.5: m = 0.05, v = 0.00025, m̂ = 0.5, v̂ = 0.25 -> p = 1 − 0.1·0.5/0.5 = 0.9.
        let adam = Adam(parameterCount: 1, learningRate: 0.1)
        var p: [Float] = [1]
        adam.update(parameters: &p, gradients: [0.5])
        XCTAssertEqual(p[0], 0.9, accuracy: 1e-6)
        XCTAssertEqual(adam.step, 1)
        // Decoupled weight decay shrinks p by lr·wd·p on top; L2 folds wd·p into the gradient.
        let adamW = Adam(parameterCount: 1, learningRate: 0.1, weightDecay: 0.5)
        var q: [Float] = [1]
        adamW.update(parameters: &q, gradients: [0.5])
        XCTAssertEqual(q[0], 1 - 0.05 - 0.1, accuracy: 1e-6)
        let adamL2 = Adam(parameterCount: 1, learningRate: 0.1, weightDecay: 0.5, decoupledWeightDecay: false)
        var s: [Float] = [1]
        adamL2.update(parameters: &s, gradients: [0.5])
        XCTAssertEqual(s[0], 0.9, accuracy: 1e-6, "the first L2 step is still lr·sign(g) in Adam")
    }

    func testLearningRateSchedules() {
        XCTAssertEqual(LearningRateSchedule.constant.rate(base: 0.1, step: 1000), 0.1)
        let cosine = LearningRateSchedule.cosine(totalSteps: 100, minimum: 0.01)
        XCTAssertEqual(cosine.rate(base: 0.1, step: 0), 0.1, accuracy: 1e-7)
        XCTAssertEqual(cosine.rate(base: 0.1, step: 50), 0.055, accuracy: 1e-7)
        XCTAssertEqual(cosine.rate(base: 0.1, step: 100), 0.01, accuracy: 1e-7)
        XCTAssertEqual(cosine.rate(base: 0.1, step: 500), 0.01, accuracy: 1e-7)
        let step = LearningRateSchedule.step(every: 10, gamma: 0.5)
        XCTAssertEqual(step.rate(base: 0.1, step: 9), 0.1)
        XCTAssertEqual(step.rate(base: 0.1, step: 10), 0.05)
        XCTAssertEqual(step.rate(base: 0.1, step: 25), 0.025)
    }
}
