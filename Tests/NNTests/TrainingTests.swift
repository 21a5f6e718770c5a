import XCTest
@testable import NN
import Tensor

// End-to-end: a small U-Net learns to segment synthetic ellipses, and training is deterministic.

let overfitDiceTarget: Double = 0.95

/// `count` 32×32 images: a bright noisy ellipse on a darker noisy background, and its mask.
func ellipseBatch(count: Int, size: Int = 32, seed: UInt64) -> (images: Tensor, masks: Tensor) {
    var rng = GaussianStream(seed: seed)
    var pixels: [Float] = [], labels: [Float] = []
    for _ in 0..<count {
        let cx = Double(size) * (0.35 + 0.3 * rng.nextUniform()), cy = Double(size) * (0.35 + 0.3 * rng.nextUniform())
        let rx = Double(size) * (0.15 + 0.15 * rng.nextUniform()), ry = Double(size) * (0.15 + 0.15 * rng.nextUniform())
        for y in 0..<size { for x in 0..<size {
            let inside = pow((Double(x) - cx) / rx, 2) + pow((Double(y) - cy) / ry, 2) <= 1
            labels.append(inside ? 1 : 0)
            pixels.append(Float((inside ? 0.6 : -0.4) + 0.2 * rng.nextGaussian()))
        } }
    }
    let images = Tensor(batch: count, channels: 1, height: size, width: size), masks = Tensor(batch: count, channels: 1, height: size, width: size)
    images.load(nchw: pixels); masks.load(nchw: labels)
    return (images, masks)
}

/// Dice of the thresholded prediction (p > 0.5) over the whole batch.
func hardDice(probabilities: Tensor, masks: Tensor) -> Double {
    var intersection = 0.0, total = 0.0
    for (p, m) in zip(probabilities.nchw(), masks.nchw()) {
        let predicted: Double = p > 0.5 ? 1 : 0
        intersection += predicted * Double(m); total += predicted + Double(m)
    }
    return 2 * intersection / total
}

final class TrainingTests: XCTestCase {
    func testSmallUNetOverfitsEllipses() {
        let (images, masks) = ellipseBatch(count: 4, seed: 60)
        let model = UNet(width: 4, depth: 2, batchNorm: false, seed: 61)
        let adam = Adam(for: model, learningRate: 1e-2)
        let start = Date()
        var dice = 0.0, step = 0, loss: Float = 0
        while step < 300 && dice <= overfitDiceTarget {
            loss = model.trainStep(input: images, target: masks, loss: .bceDice, optimizer: adam)
            step += 1
            if step % 10 == 0 { dice = hardDice(probabilities: model.predict(images), masks: masks) }
        }
        print("overfit: Dice \(dice) after \(step) steps, loss \(loss), \(Date().timeIntervalSince(start)) s")
        XCTAssertGreaterThan(dice, overfitDiceTarget)
    }

    func testSmallUNetWithBatchNormOverfitsEllipses() {
        let (images, masks) = ellipseBatch(count: 4, seed: 62)
        let model = UNet(width: 4, depth: 2, batchNorm: true, seed: 63)
        let adam = Adam(for: model, learningRate: 1e-2)
        var dice = 0.0, step = 0
        while step < 300 && dice <= overfitDiceTarget {
            model.trainStep(input: images, target: masks, loss: .bceDice, optimizer: adam)
            step += 1
            if step % 10 == 0 { dice = hardDice(probabilities: model.predict(images), masks: masks) }
        }
        print("overfit with batch norm (inference mode, running statistics): Dice \(dice) after \(step) steps")
        XCTAssertGreaterThan(dice, overfitDiceTarget)
    }

    func testTrainingIsBitwiseDeterministic() { forEachKernelPath { path in
        let (images, masks) = ellipseBatch(count: 2, seed: 64)
        let runs = (0..<2).map { _ -> (params: [Float], buffers: [Float]) in
            let model = UNet(width: 4, depth: 2, batchNorm: true, seed: 65)
            let adam = Adam(for: model, learningRate: 1e-3, schedule: .cosine(totalSteps: 5, minimum: 0))
            for _ in 0..<5 { model.trainStep(input: images, target: masks, loss: .bceDice, optimizer: adam) }
            return (model.parameters.all, model.buffers.all)
        }
        XCTAssertEqual(runs[0].params, runs[1].params, "same seed, same data, same steps -> same bits on \(path)")
        XCTAssertEqual(runs[0].buffers, runs[1].buffers)
        XCTAssertNotEqual(runs[0].params, UNet(width: 4, depth: 2, batchNorm: true, seed: 65).parameters.all, "training moved the weights")
    } }

    func testPredictLeavesBatchNormRunningStatisticsAlone() {
        let (images, _) = ellipseBatch(count: 2, seed: 66)
        let model = UNet(width: 2, depth: 2, batchNorm: true, seed: 67)
        let before = model.buffers.all
        let p = model.predict(images)
        XCTAssertEqual(model.buffers.all, before)
        XCTAssertTrue(p.nchw().allSatisfy { $0 >= 0 && $0 <= 1 })
        XCTAssertTrue(borderAndPaddingAreZero(p))
    }
}

/// The AVX2 and AVX-512 kernels block registers differently but add every product in the same order
/// (bias, then input blocks, taps and channels in turn, one FMA each), so training gives the same bits
/// on either path: a run on one CPU is reproducible bit for bit on the other.
final class KernelPathTrainingTests: XCTestCase {
    func testBothKernelPathsTrainToIdenticalBits() {
        guard KernelPath.available.count > 1 else {
            print("only the \(KernelPath.current.name) path on this CPU (\(CPUInfo.modelName)): nothing to compare")
            return
        }
        let (images, masks) = ellipseBatch(count: 2, seed: 68)
        var results: [KernelPath: [Float]] = [:]
        forEachKernelPath { path in
            let model = UNet(width: 16, depth: 2, batchNorm: true, seed: 69)
            let adam = Adam(for: model, learningRate: 1e-3)
            for _ in 0..<3 { model.trainStep(input: images, target: masks, loss: .bceDice, optimizer: adam) }
            results[path] = model.parameters.all + model.buffers.all
        }
        XCTAssertEqual(results[.avx2], results[.avx512], "AVX2 and AVX-512 training differ")
    }
}
