@_exported import CPUFeatures
import Foundation

// Which register blocking the convolution kernels use, chosen once at run time from what the CPU
// reports: the AVX-512 kernels (KernelsAVX512, 32 vector registers, wider blocks) or the AVX2 kernels
// in this module (16 registers). PIPELINE_ISA=avx2 forces the narrower path on an AVX-512 machine.
// Results are bit-identical only on the same path: run records name it for provenance.

public enum KernelPath: String, CaseIterable, Sendable {
    case avx2
    case avx512

    /// "avx2" or "avx512", for run records, reports and checkpoint metadata.
    public var name: String { rawValue }

    /// The environment variable that forces a path ("avx2" or "avx512").
    public static let environmentVariable = "PIPELINE_ISA"

    /// The paths this CPU can run, narrowest first.
    public static var available: [KernelPath] { CPUInfo.supportsAVX512 ? [.avx2, .avx512] : [.avx2] }

    /// The path every kernel call takes: PIPELINE_ISA when it names an available path, otherwise
    /// the widest the CPU supports. Tests set it to run every path.
    public internal(set) static var current: KernelPath = chosen.path

    /// One line saying how `current` was chosen (and why PIPELINE_ISA was ignored, if it was).
    public static var selectionNote: String { chosen.note }

    private static let chosen = choose(requested: ProcessInfo.processInfo.environment[environmentVariable],
                                       avx512: CPUInfo.supportsAVX512)

    /// The path for a PIPELINE_ISA value (nil: unset) on a CPU with or without AVX-512, and the note.
    static func choose(requested value: String?, avx512: Bool) -> (path: KernelPath, note: String) {
        let widest: KernelPath = avx512 ? .avx512 : .avx2
        guard let value, !value.isEmpty else {
            return (widest, "\(widest.name): the widest kernel path this CPU (\(CPUInfo.modelName)) supports")
        }
        guard let forced = KernelPath(rawValue: value.lowercased()) else {
            return (widest, "\(widest.name): \(environmentVariable)=\(value) ignored (use avx2 or avx512)")
        }
        guard forced == .avx2 || avx512 else {
            return (widest, "\(widest.name): \(environmentVariable)=\(value) ignored, this CPU has no AVX-512")
        }
        return (forced, "\(forced.name): forced by \(environmentVariable)=\(value)")
    }
}
