import Tensor
import NN

// Whole-model benchmark, the model of ../shared/bench/README.md: U-Net, input 1×256×256, depth 4,
// no batch norm, BCE with logits, Adam 1e-3. Training img/s times trainStep (forward, loss,
// backward, Adam); inference img/s times predict. Peak RSS is the process's VmHWM over the width's
// model, data and training steps, reset before each width (earlier benchmarks do not count).

func benchModel(width: Int, batch: Int, reps: Int) -> ModelResult {
    let size = 256
    resetPeakResident()
    let model = UNet(width: width, depth: 4)
    let adam = Adam(for: model, learningRate: 1e-3)
    let input = Tensor(batch: batch, channels: 1, height: size, width: size)
    let target = Tensor(batch: batch, channels: 1, height: size, width: size)
    var seed: UInt32 = 7
    for n in 0..<batch { for y in 0..<size { for x in 0..<size {
        seed = seed &* 1_664_525 &+ 1_013_904_223
        input[n, 0, y, x] = Float(seed >> 9) / Float(1 << 23) - 0.5
        target[n, 0, y, x] = seed >> 31 == 1 ? 1 : 0
    } } }
    let train = bestTime(reps: reps) { model.trainStep(input: input, target: target, loss: .bce, optimizer: adam) }
    let peak = peakResidentBytes() ?? 0
    let probabilities = Tensor(batch: batch, channels: 1, height: size, width: size)
    let infer = bestTime(reps: reps) { model.predict(input, into: probabilities) }
    return ModelResult(width: width, batch: batch, threads: defaultConvThreads,
                       trainImgPerSec: Double(batch) / train, inferImgPerSec: Double(batch) / infer,
                       peakRSSBytes: peak)
}

func runModelBench(_ options: BenchOptions, into report: inout BenchReport) {
    let widths = options.quick ? [16] : [16, 32]
    let batch = options.quick ? 4 : 16
    for w in widths {
        report.models.append(benchModel(width: w, batch: batch, reps: options.quick ? 1 : min(options.reps, 3)))
    }
    report.printModelTable()
}
