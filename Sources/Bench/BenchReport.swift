import Foundation

// The figures of one benchmark run, printed as tables and written as JSON for scripts/bench.sh.
struct ModelResult {
    let width, batch, threads: Int
    let trainImgPerSec, inferImgPerSec: Double
    let peakRSSBytes: Int
    /// Forward GFLOP per image (6.03 at width 16, ×4 per doubling); training counts 3× forward.
    var forwardGFLOP: Double { 6.03 * pow(Double(width) / 16, 2) }
    var trainGFLOPs: Double { trainImgPerSec * 3 * forwardGFLOP }
    var inferGFLOPs: Double { inferImgPerSec * forwardGFLOP }
}

struct BenchReport {
    var sgemm1 = 0.0, sgemm2 = 0.0
    var kernels: [KernelResult] = []
    var models: [ModelResult] = []

    func printKernelTable() {
        print("\nconv3x3 kernels, batch of the run, GFLOP/s (ratio to sgemm 2048² on the same thread count)")
        print(pad("(Cin,Cout,H=W)", 16) + pad("threads", 9) + pad("forward", 16) + pad("dinp", 16) + pad("dweight", 16))
        for k in kernels {
            let s = k.threads == 1 ? sgemm1 : sgemm2
            func cell(_ g: Double) -> String { pad(String(format: "%.1f (%.2f)", g, g / s), 16) }
            print(pad(k.shape.label, 16) + pad("\(k.threads)", 9) + cell(k.forward) + cell(k.dinp) + cell(k.dweight))
        }
    }

    func printModelTable() {
        print("\nU-Net 1×256×256, GFLOP/s counted as 6.03·(w/16)² per image forward, training 3× forward")
        print(pad("width", 7) + pad("batch", 7) + pad("threads", 9) + pad("train img/s", 13) + pad("infer img/s", 13)
              + pad("train GFLOP/s", 15) + pad("infer GFLOP/s", 15) + pad("train/sgemm", 13) + "peak RSS")
        for m in models {
            let s = m.threads == 1 ? sgemm1 : sgemm2
            print(pad("\(m.width)", 7) + pad("\(m.batch)", 7) + pad("\(m.threads)", 9)
                  + pad(String(format: "%.2f", m.trainImgPerSec), 13) + pad(String(format: "%.2f", m.inferImgPerSec), 13)
                  + pad(String(format: "%.1f", m.trainGFLOPs), 15) + pad(String(format: "%.1f", m.inferGFLOPs), 15)
                  + pad(String(format: "%.2f", m.trainGFLOPs / s), 13)
                  + String(format: "%.2f GiB", Double(m.peakRSSBytes) / 1_073_741_824))
        }
    }

    /// One JSON object; keys are stable so scripts/bench.sh can read them.
    func json() -> String {
        let k = kernels.map { k in
            String(format: "{\"shape\":[%d,%d,%d],\"threads\":%d,\"forward_gflops\":%.2f,\"dinp_gflops\":%.2f,\"dweight_gflops\":%.2f}",
                   k.shape.cin, k.shape.cout, k.shape.size, k.threads, k.forward, k.dinp, k.dweight)
        }
        let m = models.map { m in
            String(format: "{\"width\":%d,\"batch\":%d,\"threads\":%d,\"train_img_s\":%.3f,\"infer_img_s\":%.3f,\"train_gflops\":%.2f,\"infer_gflops\":%.2f,\"peak_rss_bytes\":%ld}",
                   m.width, m.batch, m.threads, m.trainImgPerSec, m.inferImgPerSec, m.trainGFLOPs, m.inferGFLOPs, m.peakRSSBytes)
        }
        return String(format: "{\"sgemm_gflops_1t\":%.2f,\"sgemm_gflops_2t\":%.2f,", sgemm1, sgemm2)
            + "\"kernels\":[\(k.joined(separator: ","))],\"models\":[\(m.joined(separator: ","))]}\n"
    }
}

func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
