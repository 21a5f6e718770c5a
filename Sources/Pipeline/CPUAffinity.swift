import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Pins this process to some cores (`sched_setaffinity`), so parallel local jobs divide the machine
/// instead of contending for every core. Called first thing in a job, before any thread starts, so
/// every thread the stage creates inherits it.
public enum CPUAffinity {
    public static func restrict(to cpus: [Int]) throws {
        var set = cpu_set_t()
        let bitsPerWord = MemoryLayout<UInt>.size * 8
        let words = MemoryLayout<cpu_set_t>.size / MemoryLayout<UInt>.size
        try withUnsafeMutableBytes(of: &set) { raw in
            let bits = raw.bindMemory(to: UInt.self)
            for cpu in cpus {
                guard cpu >= 0, cpu < words * bitsPerWord else {
                    throw ExecutorError.cannotStart(what: "the job on cores \(cpus)", reason: "core \(cpu) does not exist")
                }
                bits[cpu / bitsPerWord] |= 1 << UInt(cpu % bitsPerWord)
            }
        }
        // sched_setaffinity is a GNU extension the Glibc module does not export; glibc has it.
        typealias SetAffinity = @convention(c) (pid_t, Int, UnsafeRawPointer) -> Int32
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "sched_setaffinity") else {
            throw ExecutorError.cannotStart(what: "the job on cores \(cpus)", reason: "this C library has no sched_setaffinity")
        }
        let setAffinity = unsafeBitCast(symbol, to: SetAffinity.self)
        guard setAffinity(0, MemoryLayout<cpu_set_t>.size, &set) == 0 else {
            throw ExecutorError.cannotStart(what: "the job on cores \(cpus)", reason: FileIO.errnoText())
        }
    }

    /// `0,2,4` → [0, 2, 4]; nil for anything else.
    public static func parse(_ text: String) -> [Int]? {
        let cpus = text.split(separator: ",").map { Int($0) }
        guard !cpus.isEmpty, cpus.allSatisfy({ ($0 ?? -1) >= 0 }) else { return nil }
        return cpus.compactMap { $0 }
    }
}
