import Foundation
import NN
import Tensor

// pipeline-bench: the CPU and kernel path, an FMA peak probe, OpenBLAS sgemm, convolution kernel
// speed, and whole-model (U-Net) training and inference speed, all measured in one run.
// Usage: pipeline-bench [--quick] [--no-kernels] [--no-model] [--reps N] [--widths 16,32] [--json FILE]

// First, before any code compiled for AVX2 runs: on an older CPU say so and stop (fputs, not
// FileHandle: its Data helpers are shared with code built for x86-64-v3 and may use BMI2).
do { try CPUInfo.requireBaseline() } catch {
    fputs("pipeline-bench: error: \(error)\n", stderr)
    exit(1)
}
let options = BenchOptions.parse(CommandLine.arguments.dropFirst())
var report = BenchReport()
print("CPU: \(CPUInfo.modelName); kernel path: \(KernelPath.selectionNote)")
let fma = probeFMA(path: KernelPath.current)
report.fma = fma
print(String(format: "FMA probe (plain Swift, %@): %.1f GFLOP/s on 1 thread, %.1f on 2 (2-thread efficiency %.2f%@)",
             KernelPath.current.name, fma.oneThread, fma.twoThreads, fma.efficiency,
             fma.efficiency < 0.9 ? ": a core is slowed, 2-thread figures are low" : ""))
report.sgemm1 = benchSgemm(threads: 1, reps: options.reps)
report.sgemm2 = benchSgemm(threads: 2, reps: options.reps)
print("OpenBLAS sgemm 2048² (\(blasCoreName) kernels): " + String(format: "%.1f GFLOP/s on 1 thread, %.1f on 2", report.sgemm1, report.sgemm2))
if options.kernels {
    for shape in kernelShapes { for threads in [1, 2] {
        report.kernels.append(benchKernel(shape, batch: options.quick ? 4 : 16, threads: threads, reps: options.reps))
    } }
    report.printKernelTable()
}
if options.model {
    report.printModelHeader()
    runModelBench(options, into: &report)
}
if let path = options.json {
    do { try report.json().write(toFile: path, atomically: true, encoding: .utf8) } catch {
        FileHandle.standardError.write("pipeline-bench: cannot write \(path): \(error)\n".data(using: .utf8)!)
    }
}
