import Foundation

// pipeline-bench: convolution kernel speed and whole-model (U-Net) training and
// inference speed, with OpenBLAS sgemm measured in the same run as the yardstick.
// Usage: pipeline-bench [--quick] [--no-kernels] [--no-model] [--reps N] [--json FILE]

let options = BenchOptions.parse(CommandLine.arguments.dropFirst())
var report = BenchReport()
print("pipeline-bench: best of \(options.reps) repetitions each; the machine is shared, so figures are noisy")
report.sgemm1 = benchSgemm(threads: 1, reps: options.reps)
report.sgemm2 = benchSgemm(threads: 2, reps: options.reps)
print(String(format: "OpenBLAS sgemm 2048²: %.1f GFLOP/s on 1 thread, %.1f on 2", report.sgemm1, report.sgemm2))
if options.kernels {
    for shape in kernelShapes { for threads in [1, 2] {
        report.kernels.append(benchKernel(shape, batch: options.quick ? 4 : 16, threads: threads, reps: options.reps))
    } }
    report.printKernelTable()
}
if options.model { runModelBench(options, into: &report) }
if let path = options.json {
    do { try report.json().write(toFile: path, atomically: true, encoding: .utf8) } catch {
        FileHandle.standardError.write("pipeline-bench: cannot write \(path): \(error)\n".data(using: .utf8)!)
    }
}
