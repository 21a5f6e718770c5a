import CCPUID
#if canImport(Glibc)
import Glibc
#endif

// What this CPU can run, for choosing kernels at run time and for provenance. The only importer of
// CCPUID. This target is compiled for the baseline x86-64 (no AVX), unlike the numeric targets, so
// `CPUInfo.requireBaseline()` runs, and can say what is missing, on a CPU too old for the rest of the
// binary (which is built for x86-64-v3: AVX2 and FMA).

public enum CPUInfo {
    /// The CPU's brand string, e.g. "AMD EPYC 9R14 96-Core Processor" ("unknown" where it has none).
    public static let modelName: String = {
        var buffer = [CChar](repeating: 0, count: 64)
        ccpuid_model_name(&buffer, Int32(buffer.count))
        return String(cString: buffer)
    }()

    /// Bytes of level-2 cache per core, as the C library reports it (512 KiB on a Zen 3, 2 MiB on an
    /// Emerald Rapids); 1 MiB where it reports nothing. The convolutions size their row chunks by it.
    public static let level2CacheBytes: Int = {
        #if canImport(Glibc)
        let bytes = sysconf(Int32(_SC_LEVEL2_CACHE_SIZE))
        if bytes > 0 { return bytes }
        #endif
        return 1 << 20
    }()

    /// AVX2, FMA and the rest of x86-64-v3, enabled by the OS: what the default build needs.
    /// Always true off x86 (the SIMD code is compiled for the machine's own vector unit there).
    public static let supportsBaseline: Bool = {
        #if arch(x86_64)
        return ccpuid_supports_x86_64_v3() != 0
        #else
        return true
        #endif
    }()

    /// AVX-512 F/CD/BW/DQ/VL (x86-64-v4), enabled by the OS: the wider kernels may run.
    public static let supportsAVX512: Bool = {
        #if arch(x86_64)
        return ccpuid_supports_x86_64_v4() != 0
        #else
        return false
        #endif
    }()

    /// Throws `CPUError.missingAVX2FMA` unless this CPU runs the default build. Call it first thing in
    /// an executable, before any neural-net code runs (that code would die with SIGILL instead).
    public static func requireBaseline() throws {
        guard supportsBaseline else { throw CPUError.missingAVX2FMA(model: modelName) }
    }
}

public enum CPUError: Error, CustomStringConvertible, Equatable {
    case missingAVX2FMA(model: String)

    public var description: String {
        switch self {
        case let .missingAVX2FMA(model):
            return "this CPU (\(model)) lacks AVX2/FMA (the x86-64-v3 level), which pipeline's neural-net core is "
                + "compiled for: run it on an x86-64 CPU from 2013 on (Intel Haswell, AMD Zen or newer)"
        }
    }
}
