import Foundation

/// Runs a command-line tool found on PATH (`sbatch`, `squeue`, …) and captures what it prints: the
/// thin wrapper the Slurm executor talks to the cluster through.
public struct ToolCommand {
    public struct Output: Equatable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The tool's path on PATH, or nil.
    public static func locate(_ tool: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> URL? {
        for folder in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(tool)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Runs `tool arguments…` and waits; throws `ExecutorError.toolMissing` when it is not on PATH.
    public static func run(_ tool: String, _ arguments: [String]) throws -> Output {
        guard let executable = locate(tool) else { throw ExecutorError.toolMissing(tool: tool) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch {
            throw ExecutorError.cannotStart(what: tool, reason: "\(error)")
        }
        // stderr is drained on another thread, so a chatty tool cannot block on a full pipe.
        let errorText = DrainedText()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errorText.value = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            drained.signal()
        }
        let outputData = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
                      stderr: errorText.value)
    }

    /// Runs and requires exit 0; the error names the command and quotes its stderr.
    public static func succeed(_ tool: String, _ arguments: [String]) throws -> String {
        let output = try run(tool, arguments)
        guard output.status == 0 else {
            throw ExecutorError.commandFailed(command: ([tool] + arguments.prefix(3)).joined(separator: " "),
                                              status: output.status, stderr: output.stderr)
        }
        return output.stdout
    }

    /// `it's` → `'it'\''s'`: one POSIX-shell word, for the job scripts.
    public static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// What the stderr reader hands back; read only after its semaphore is signalled.
private final class DrainedText: @unchecked Sendable {
    var value = ""
}
