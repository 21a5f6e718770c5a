import Tensor
import NN

// Whole-model benchmark, the model of ../shared/bench/README.md: U-Net, input 1×256×256, depth 4,
// no batch norm, BCE with logits, Adam 1e-3. Training times trainStep (forward, loss, backward,
// Adam); inference times predict. Each is timed step by step like the reference scripts (two
// warm-ups, then at least 3 steps and 10 s, at most 10 steps) and reported from the median step and
// the best. Peak RSS is the process's VmHWM over the width's model, data and training steps, reset
// before each width (earlier benchmarks do not count).

struct StepTiming {
    let batch: Int
    let times: [Double]
    var medianImgPerSec: Double { Double(batch) / median(times) }
    var bestImgPerSec: Double { Double(batch) / times.min()! }
}

/// `batchNorm`: the real baseline's model and loss instead (batch norm after every 3×3 conv, BCE + Dice).
func benchModel(width: Int, batch: Int, batchNorm: Bool = false, quick: Bool) -> ModelResult {
    let size = 256
    resetPeakResident()
    let model = UNet(width: width, depth: 4, batchNorm: batchNorm)
    let adam = Adam(for: model, learningRate: 1e-3)
    let input = Tensor(batch: batch, channels: 1, height: size, width: size)
    let target = Tensor(batch: batch, channels: 1, height: size, width: size)
    var seed: UInt32 = 7
    for n in 0..<batch { for y in 0..<size { for x in 0..<size {
        seed = seed &* 1_664_525 &+ 1_013_904_223
        input[n, 0, y, x] = Float(seed >> 9) / Float(1 << 23) - 0.5
        target[n, 0, y, x] = seed >> 31 == 1 ? 1 : 0
    } } }
    let (minSteps, minTime, maxSteps) = quick ? (1, 0.0, 1) : (3, 10.0, 10)
    let train = stepTimes(warmup: quick ? 1 : 2, minSteps: minSteps, minTime: minTime, maxSteps: maxSteps) {
        model.trainStep(input: input, target: target, loss: batchNorm ? .bceDice : .bce, optimizer: adam)
    }
    let peak = peakResidentBytes() ?? 0
    let probabilities = Tensor(batch: batch, channels: 1, height: size, width: size)
    let infer = stepTimes(warmup: quick ? 1 : 2, minSteps: minSteps, minTime: minTime, maxSteps: maxSteps) {
        model.predict(input, into: probabilities)
    }
    return ModelResult(width: width, batch: batch, threads: defaultConvThreads, batchNorm: batchNorm,
                       train: StepTiming(batch: batch, times: train), infer: StepTiming(batch: batch, times: infer),
                       peakRSSBytes: peak)
}

func runModelBench(_ options: BenchOptions, into report: inout BenchReport) {
    let batch = options.quick ? 4 : 16
    for w in options.widths {
        report.models.append(benchModel(width: w, batch: batch, quick: options.quick))
        report.printModelRow(report.models.last!)
    }
    // The baseline's model (batch norm, BCE + Dice) at width 16: what a real training run's steps cost.
    if options.batchNorm {
        report.models.append(benchModel(width: 16, batch: batch, batchNorm: true, quick: options.quick))
        report.printModelRow(report.models.last!)
    }
}
