import Randomness
import XCTest
@testable import NN
import Tensor

// The U-Net's architecture, names, initialisation and whole-model gradients.

let unetTolerance: Double = 5e-2
/// Per-element checks through batch norm are looser: perturbing one weight moves every pixel through
/// the batch statistics, so Float rounding and ReLU kinks anywhere in the batch reach its difference.
/// The directional check below holds the whole model to `directionalTolerance`.
let unetBatchNormTolerance: Double = 0.3
let directionalTolerance: Double = 1e-2

final class UNetTests: XCTestCase {
    func testParameterCountsMatchPyTorchAndKeras() {
        XCTAssertEqual(UNet(width: 16, depth: 4, batchNorm: false, seed: 1).parameterCount, 1_940_817)
        XCTAssertEqual(UNet(width: 32, depth: 4, batchNorm: false, seed: 1).parameterCount, 7_759_521)
    }

    func testNamesAndShapesFollowPyTorch() {
        let model = UNet(width: 16, depth: 4, batchNorm: true, seed: 1)
        let shapes = Dictionary(uniqueKeysWithValues: model.parameters.specs.map { ($0.name, $0.shape) })
        XCTAssertEqual(shapes["down0.conv1.weight"], [16, 1, 3, 3])
        XCTAssertEqual(shapes["down3.conv2.bias"], [128])
        XCTAssertEqual(shapes["bottleneck.conv1.weight"], [256, 128, 3, 3])
        XCTAssertEqual(shapes["up3.upconv.weight"], [256, 128, 2, 2])
        XCTAssertEqual(shapes["up0.conv1.weight"], [16, 32, 3, 3])
        XCTAssertEqual(shapes["up0.bn2.weight"], [16])
        XCTAssertEqual(shapes["head.weight"], [1, 16, 1, 1])
        XCTAssertEqual(model.buffers.spec("down0.bn1.running_var")?.shape, [16])
        XCTAssertEqual(model.buffers.values("down0.bn1.running_var"), [Float](repeating: 1, count: 16))
        XCTAssertEqual(model.parameters.values("up1.bn1.weight"), [Float](repeating: 1, count: 32))
    }

    func testHeInitialisationIsSeededAndScaled() {
        let a = UNet(width: 8, depth: 3, seed: 7), b = UNet(width: 8, depth: 3, seed: 7), c = UNet(width: 8, depth: 3, seed: 8)
        XCTAssertEqual(a.parameters.all, b.parameters.all, "same seed, bitwise identical weights")
        XCTAssertNotEqual(a.parameters.all, c.parameters.all)
        let w = UNet(width: 16, depth: 4, seed: 3).parameters.values("down3.conv2.weight")   // fan_in 128·9
        let std = (w.reduce(0) { $0 + Double($1) * Double($1) } / Double(w.count)).squareRoot()
        XCTAssertEqual(std, (2.0 / 1152).squareRoot(), accuracy: 0.02 * (2.0 / 1152).squareRoot())
        XCTAssertEqual(a.parameters.values("down0.conv1.bias"), [Float](repeating: 0, count: 8))
    }

    /// Validation's single forward pass gives the loss of evaluateLoss and the probabilities of predict.
    func testEvaluateGivesTheLossAndProbabilitiesOfSeparatePasses() {
        let model = UNet(width: 4, depth: 2, batchNorm: true, seed: 5)
        let input = randomTensor(3, 1, 8, 8, seed: 50), target = Tensor(batch: 3, channels: 1, height: 8, width: 8)
        target.load(nchw: randomTensor(3, 1, 8, 8, seed: 51).nchw().map { $0 > 0 ? 1 : 0 })
        let probabilities = Tensor(batch: 3, channels: 1, height: 8, width: 8)
        let loss = model.evaluate(input: input, target: target, loss: .bceDice, probabilities: probabilities)
        XCTAssertEqual(loss, model.evaluateLoss(input: input, target: target, loss: .bceDice))
        XCTAssertEqual(probabilities.nchw(), model.predict(input).nchw())
    }

    /// Inference folds batch norm's running statistics into the filter: the same output as the
    /// convolution followed by batchNormForward(training: false) and the ReLU.
    func testInferenceWithFoldedBatchNormMatchesConvThenNorm() {
        forEachKernelPath { path in
            let model = UNet(width: 16, depth: 2, batchNorm: true, seed: 3)
            let adam = Adam(for: model, learningRate: 1e-2)
            let input = randomTensor(2, 1, 16, 16, seed: 60), target = Tensor(batch: 2, channels: 1, height: 16, width: 16)
            target.load(nchw: randomTensor(2, 1, 16, 16, seed: 61).nchw().map { $0 > 0 ? 1 : 0 })
            for _ in 0..<3 { model.trainStep(input: input, target: target, loss: .bce, optimizer: adam) }  // running stats move
            let block = model.encoder[0][1], norm = block.norm!
            let inp = randomTensor(2, block.cin, 16, 16, seed: 62)
            let a = BlockActivations(batch: 2, channels: block.cout, height: 16, width: 16, batchNorm: true)
            block.forward(a, inp: inp, training: false)
            let z = Tensor(batch: 2, channels: block.cout, height: 16, width: 16)
            let ref = Tensor(batch: 2, channels: block.cout, height: 16, width: 16)
            conv3x3Forward(out: z, inp: inp, weight: block.conv.weight, bias: block.conv.bias, relu: false)
            var unusedMean = [Float](repeating: 0, count: block.cout), unusedInvstd = unusedMean
            batchNormForward(out: ref, mean: &unusedMean, invstd: &unusedInvstd, inp: z, gamma: norm.gamma, beta: norm.beta,
                             runningMean: norm.runningMean, runningVar: norm.runningVar, training: false, relu: true)
            let d = maxDifference(a.out.nchw(), ref.nchw())
            XCTAssertLessThanOrEqual(d.rel, 1e-5, "\(path): folded inference vs conv then batch norm")
            XCTAssertTrue(borderAndPaddingAreZero(a.out))
        }
    }

    /// Training on Winograd (forward and input gradients, where a layer has ≥ 16 channels) computes the
    /// same logits and parameter gradients as on the direct convolution, within rounding: 2e-5 of the
    /// largest logit and 1e-5 of the largest gradient (about 1e-6 measured on both paths).
    func testWinogradGradientsMatchDirect() {
        forEachKernelPath { path in
            for batchNorm in [false, true] {
                let input = randomTensor(2, 1, 32, 32, seed: 70), r = randomTensor(2, 1, 32, 32, seed: 71)
                var logits: [[Float]] = [], gradients: [[Float]] = []
                for algorithm in [Conv3x3Algorithm.direct, .fastest] {
                    let model = UNet(width: 16, depth: 2, batchNorm: batchNorm, seed: 17)
                    model.convolutionAlgorithm = algorithm
                    logits.append(model.forward(input, training: true).nchw())
                    model.gradients.zero()
                    model.backward(dlogits: r)
                    gradients.append(model.gradients.all)
                }
                let largestLogit = logits[0].map(abs).max()!, largestGradient = gradients[0].map(abs).max()!
                let dl = zip(logits[0], logits[1]).map { abs($0 - $1) }.max()! / largestLogit
                let dg = zip(gradients[0], gradients[1]).map { abs($0 - $1) }.max()! / largestGradient
                print("U-Net\(batchNorm ? "+BN" : "") \(path): Winograd vs direct, logits \(dl), gradients \(dg) (of the largest)")
                XCTAssertLessThan(dl, 2e-5, "\(path) BN \(batchNorm): logits")
                XCTAssertLessThan(dg, 1e-5, "\(path) BN \(batchNorm): gradients")
            }
        }
    }

    func testInputSizeMustBeDivisibleByTwoToTheDepth() {
        let model = UNet(width: 2, depth: 3, seed: 1)
        XCTAssertNoThrow(try model.checkInput(height: 24, width: 16))
        XCTAssertThrowsError(try model.checkInput(height: 20, width: 16)) { error in
            XCTAssertEqual(error as? UNetError, .inputSizeNotDivisible(height: 20, width: 16, divisor: 8))
            XCTAssertTrue("\(error)".contains("divisible by 8"))
        }
        XCTAssertThrowsError(try model.checkInput(channels: 3, height: 16, width: 16))
    }

    func testWholeModelGradient() { forEachKernelPath { _ in checkWholeModelGradient(batchNorm: false) } }
    func testWholeModelGradientWithBatchNorm() { forEachKernelPath { _ in checkWholeModelGradient(batchNorm: true) } }
    /// Width 16: whole channel blocks, so the upsampling writes into the skip concatenation in place
    /// and the concatenation's gradient is split straight into its parts (the path real models take).
    func testWholeModelGradientAtWidth16() {
        forEachKernelPath { _ in checkWholeModelGradient(batchNorm: false, width: 16, depth: 1) }
    }

    /// Objective Σ r·logits of a 1×16×16 input (2 images with BN) through a width-2, depth-2 U-Net (or as given);
    /// every parameter tensor is sampled at 8 seeded random elements, then the derivative along the
    /// gradient direction (all parameters at once) is compared with |g|.
    /// The model computes with the direct convolution: the analytic gradients are those of the exact
    /// convolution, and Winograd's extra rounding would add to the finite differences' noise.
    /// testWinogradGradientsMatchDirect covers the Winograd path against this one.
    private func checkWholeModelGradient(batchNorm: Bool, width: Int = 2, depth: Int = 2) {
        let batch = batchNorm ? 2 : 1
        let model = UNet(width: width, depth: depth, batchNorm: batchNorm, seed: 11)
        model.convolutionAlgorithm = .direct
        let input = randomTensor(batch, 1, 16, 16, seed: 12), r = randomTensor(batch, 1, 16, 16, seed: 13)
        model.forward(input, training: true)
        model.gradients.zero()
        model.backward(dlogits: r)
        let analytic = model.gradients.all
        // Gradients below 1 % of the largest are compared absolutely: a conv bias followed by batch
        // norm has a true gradient of 0, and its finite difference is pure rounding noise.
        let floor = 0.01 * Double(analytic.map { abs($0) }.max()!)
        var worst: Double = 0
        for (spec, offset) in zip(model.parameters.specs, model.parameters.offsets) {
            var rng = SplitMix64(seed: UInt64(offset))
            let indices = (0..<min(8, spec.count)).map { _ in offset + Int(rng.next() % UInt64(spec.count)) }
            worst = max(worst, gradientCheck("UNet\(batchNorm ? "+BN" : "") \(spec.name)", values: model.parameters.data,
                                             analytic: analytic, indices: indices,
                                             tolerance: batchNorm ? unetBatchNormTolerance : unetTolerance,
                                             floor: floor, skipKinks: true) {
                dot(r, model.forward(input, training: true))
            })
        }
        print("whole U-Net\(batchNorm ? " with batch norm" : ""): largest per-element relative difference \(worst)")
        // Directional derivative along g/|g|: (f(θ + h·g/|g|) − f(θ − h·g/|g|)) / 2h should equal |g|.
        let norm = analytic.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
        let original = model.parameters.all, h = 1e-3
        func objective(_ sign: Double) -> Double {
            for i in 0..<original.count { model.parameters.data[i] = original[i] + Float(sign * h * Double(analytic[i]) / norm) }
            return dot(r, model.forward(input, training: true))
        }
        let numeric = (objective(1) - objective(-1)) / (2 * h)
        for i in 0..<original.count { model.parameters.data[i] = original[i] }
        let directional = abs(numeric - norm) / norm
        print("whole U-Net\(batchNorm ? " with batch norm" : "") \(KernelPath.current): directional derivative \(numeric) vs |g| \(norm), "
              + "relative difference \(String(format: "%.2e", directional)) (tolerance \(directionalTolerance))")
        XCTAssertLessThan(directional, directionalTolerance)
    }
}
