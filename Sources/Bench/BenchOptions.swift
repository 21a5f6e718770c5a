import Foundation

// Command-line options of pipeline-bench (a plain parser: the bench depends only on NN).
struct BenchOptions {
    var reps = 5
    var quick = false
    var kernels = true
    var model = true
    var json: String?
    var widths = [16, 32]
    /// Also the baseline's model (width 16 with batch norm, BCE + Dice).
    var batchNorm = true

    static let usage = "usage: pipeline-bench [--quick] [--no-kernels] [--no-model] [--reps N] [--widths 16,32] [--no-batchnorm] [--json FILE]"

    static func parse<S: Sequence>(_ args: S) -> BenchOptions where S.Element == String {
        var o = BenchOptions()
        var it = args.makeIterator()
        while let a = it.next() {
            switch a {
            case "--quick": o.quick = true; o.reps = 2; o.widths = [16]; o.batchNorm = false
            case "--no-kernels": o.kernels = false
            case "--no-model": o.model = false
            case "--no-batchnorm": o.batchNorm = false
            case "--reps":
                guard let v = it.next().flatMap(Int.init), v > 0 else { fail("--reps needs a positive integer") }
                o.reps = v
            case "--widths":
                guard let v = it.next()?.split(separator: ",").compactMap({ Int($0) }), !v.isEmpty, v.allSatisfy({ $0 > 0 })
                else { fail("--widths needs comma-separated positive integers, e.g. 16,32") }
                o.widths = v
            case "--json":
                guard let v = it.next() else { fail("--json needs a file path") }
                o.json = v
            case "-h", "--help": print(usage); exit(0)
            default: fail("unknown option \(a)")
            }
        }
        return o
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write("pipeline-bench: \(message)\n\(usage)\n".data(using: .utf8)!)
        exit(2)
    }
}
