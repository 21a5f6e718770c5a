import Foundation
import NN

/// The facts a report records about where it was made.
enum MachineFacts {
    /// `hostname · Linux x86_64 · 2 cores · AMD EPYC · kernels avx512`: results are bit-identical only on
    /// the same kernel path, so the path is part of where a run was made.
    static func description() -> String {
        var uts = utsname()
        uname(&uts)
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        return "\(ProcessInfo.processInfo.hostName) · \(text(uts.sysname)) \(text(uts.machine)) · "
            + "\(ProcessInfo.processInfo.activeProcessorCount) cores · \(CPUInfo.modelName) · kernels \(KernelPath.current.name)"
    }

    /// `git rev-parse HEAD` in the working directory, or nil when git or a repository is missing.
    static func gitCommit() -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "rev-parse", "HEAD"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let commit = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return commit.isEmpty ? nil : commit
    }
}
