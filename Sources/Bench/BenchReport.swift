import Foundation
import NN

// The figures of one benchmark run, printed as tables and written as JSON for scripts/bench.sh.
struct ModelResult {
    let width, batch, threads: Int
    let batchNorm: Bool
    let train, infer: StepTiming
    let peakRSSBytes: Int
    /// Forward GFLOP per image (6.03 at width 16, ×4 per doubling); training counts 3× forward.
    var forwardGFLOP: Double { 6.03 * pow(Double(width) / 16, 2) }
    var trainGFLOPs: Double { train.medianImgPerSec * 3 * forwardGFLOP }
    var inferGFLOPs: Double { infer.medianImgPerSec * forwardGFLOP }
}

struct BenchReport {
    var sgemm1 = 0.0, sgemm2 = 0.0
    var fma: FMAProbe?
    var kernels: [KernelResult] = []
    var models: [ModelResult] = []

    /// The measured two-thread FMA rate, else sgemm's: what "% of peak" divides by.
    var peak: Double { fma?.twoThreads ?? sgemm2 }

    func printKernelTable() {
        print("\nconv3x3 kernels (\(KernelPath.current.name)), batch of the run, GFLOP/s (ratio to sgemm 2048² on the same "
              + "thread count); winograd: the forward pass by F(2×2, 3×3) in direct-equivalent GFLOP/s, and its speed-up "
              + "(inference takes it where it is ≥ 1 across the table: Cin and Cout ≥ \(winogradMinimumChannelCount)); "
              + "last column: sgemm alone on the layer's im2col product, and direct forward / that")
        print(pad("(Cin,Cout,H=W)", 16) + pad("threads", 9) + pad("forward", 16) + pad("winograd", 18) + pad("dinp", 16)
              + pad("dweight", 16) + "im2col sgemm")
        for k in kernels {
            let s = k.threads == 1 ? sgemm1 : sgemm2
            func cell(_ g: Double) -> String { pad(String(format: "%.1f (%.2f)", g, g / s), 16) }
            let gemm = k.sgemm.map { String(format: "%.1f (direct %.2f×)", $0, k.forward / $0) } ?? "-"
            let wino = pad(String(format: "%.1f (%.2f×)", k.winograd, k.winograd / k.forward), 18)
            print(pad(k.shape.label, 16) + pad("\(k.threads)", 9) + cell(k.forward) + wino + cell(k.dinp) + cell(k.dweight) + gemm)
        }
    }

    func printModelHeader() {
        print("\nU-Net 1×256×256, \(KernelPath.current.name) kernels; img/s median (best) step; GFLOP/s from the median, "
              + "6.03·(w/16)² per image forward, training 3× forward; % of the \(String(format: "%.0f", peak)) GFLOP/s FMA peak. "
              + "Both count the direct convolution's FLOPs; Winograd layers (forward, input gradient) multiply 2.25× less, so either can pass 100 %")
        print(pad("width", 7) + pad("batch", 7) + pad("threads", 9) + pad("train img/s", 16) + pad("infer img/s", 16)
              + pad("train GFLOP/s", 15) + pad("infer GFLOP/s", 15) + pad("train %pk", 11) + pad("infer %pk", 11) + "peak RSS")
    }

    func printModelRow(_ m: ModelResult) {
        func rate(_ t: StepTiming) -> String { String(format: "%.2f (%.2f)", t.medianImgPerSec, t.bestImgPerSec) }
        print(pad("\(m.width)\(m.batchNorm ? "+BN" : "")", 7) + pad("\(m.batch)", 7) + pad("\(m.threads)", 9) + pad(rate(m.train), 16)
              + pad(rate(m.infer), 16) + pad(String(format: "%.1f", m.trainGFLOPs), 15)
              + pad(String(format: "%.1f", m.inferGFLOPs), 15)
              + pad(String(format: "%.0f %%", 100 * m.trainGFLOPs / peak), 11)
              + pad(String(format: "%.0f %%", 100 * m.inferGFLOPs / peak), 11)
              + String(format: "%.2f GiB", Double(m.peakRSSBytes) / 1_073_741_824))
    }

    /// One JSON object; keys are stable so scripts/bench.sh can read them. Image rates are the median
    /// step's (`_best`: the fastest step's), as in the reference scripts.
    func json() -> String {
        let k = kernels.map { k in
            String(format: "{\"shape\":[%d,%d,%d],\"threads\":%d,\"forward_gflops\":%.2f,\"winograd_gflops\":%.2f,\"dinp_gflops\":%.2f,\"dweight_gflops\":%.2f,\"im2col_sgemm_gflops\":%.2f}",
                   k.shape.cin, k.shape.cout, k.shape.size, k.threads, k.forward, k.winograd, k.dinp, k.dweight, k.sgemm ?? 0)
        }
        let m = models.map { m in
            "{\"batchnorm\":\(m.batchNorm)," + String(format: "\"width\":%d,\"batch\":%d,\"threads\":%d,\"train_img_s\":%.3f,\"train_img_s_best\":%.3f,"
                   + "\"infer_img_s\":%.3f,\"infer_img_s_best\":%.3f,\"train_gflops\":%.2f,\"infer_gflops\":%.2f,"
                   + "\"fwd_flops_per_img\":%.0f,\"peak_rss_bytes\":%ld}",
                   m.width, m.batch, m.threads, m.train.medianImgPerSec, m.train.bestImgPerSec, m.infer.medianImgPerSec,
                   m.infer.bestImgPerSec, m.trainGFLOPs, m.inferGFLOPs, m.forwardGFLOP * 1e9, m.peakRSSBytes)
        }
        let cpu = CPUInfo.modelName.replacingOccurrences(of: "\"", with: "'")
        return "{\"cpu\":\"\(cpu)\",\"kernel_path\":\"\(KernelPath.current.name)\","
            + String(format: "\"fma_gflops_1t\":%.2f,\"fma_gflops_2t\":%.2f,", fma?.oneThread ?? 0, fma?.twoThreads ?? 0)
            + String(format: "\"sgemm_gflops_1t\":%.2f,\"sgemm_gflops_2t\":%.2f,", sgemm1, sgemm2)
            + "\"kernels\":[\(k.joined(separator: ","))],\"models\":[\(m.joined(separator: ","))]}\n"
    }
}

func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
