import ArgumentParser
import CPUFeatures
import Foundation

/// The `pipeline` executable's root command. Its `main()` is the one door every error leaves
/// through: it parses, runs, and maps whatever was thrown to one `error: …` line and an exit code.
@main
struct PipelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Train, compare and use U-Net lung segmentation models on a plain CPU.",
        discussion: """
        Experiments are YAML specs. `pipeline run` executes each spec's stages (ingest, preprocess, \
        train, evaluate, report), reusing every stage whose inputs have not changed.

        Example:
          pipeline validate experiments/baseline.yaml
          pipeline plan experiments/baseline.yaml
          pipeline run experiments/baseline.yaml
        """,
        version: ToolVersion.current,
        subcommands: [
            RunCommand.self, PlanCommand.self, ValidateCommand.self, RunsCommand.self,
            ReportCommand.self, PredictCommand.self, GCCommand.self, CheckCommand.self, StatusCommand.self,
            ExecStageCommand.self,
        ]
    )

    static func main() {
        // Before anything else: on a CPU without AVX2/FMA the first vector instruction would be SIGILL.
        do { try CPUInfo.requireBaseline() } catch {
            fputs("error: \(error)\n", stderr)
            Foundation.exit(ExitCode.failure.rawValue)
        }
        let outcome = execute(Array(CommandLine.arguments.dropFirst()))
        if !outcome.stdout.isEmpty { print(outcome.stdout) }
        if !outcome.stderr.isEmpty { FileHandle.standardError.write(Data((outcome.stderr + "\n").utf8)) }
        Foundation.exit(outcome.exitCode.rawValue)
    }

    /// Parses and runs one command line; never exits, so the mapping is testable in-process.
    static func execute(_ arguments: [String]) -> CommandOutcome {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return CommandOutcome(exitCode: .success)
        } catch {
            return outcome(for: error, arguments: arguments)
        }
    }

    /// Help and `--version` reach us as errors that mean "print this and succeed". Usage and
    /// validation errors exit 2 with a pointer to the subcommand's help; anything thrown while
    /// running exits 1 with the error's own message, which names what to do next.
    static func outcome(for error: Error, arguments: [String]) -> CommandOutcome {
        switch exitCode(for: error) {
        case .success:
            return CommandOutcome(exitCode: .success, stdout: fullMessage(for: error))
        case .validationFailure:
            let hint = "see '\(helpCommand(for: arguments)) --help'"
            return CommandOutcome(exitCode: .usage, stderr: "error: \(oneLine(message(for: error))) (\(hint))")
        default:
            return CommandOutcome(exitCode: .failure, stderr: "error: \(oneLine(message(for: error)))")
        }
    }

    /// `pipeline predict` when the first argument names a subcommand, else `pipeline`.
    static func helpCommand(for arguments: [String]) -> String {
        let names = configuration.subcommands.map { $0._commandName }
        guard let first = arguments.first, names.contains(first) else { return "pipeline" }
        return "pipeline \(first)"
    }

    /// ArgumentParser capitalises ("Error: Missing …") and may wrap; we promise one lowercase-led line.
    static func oneLine(_ message: String) -> String {
        var text = message.trimmingCharacters(in: .whitespacesAndNewlines)
            .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
        if text.hasPrefix("Error: ") { text.removeFirst(7) }
        // "Missing value" → "missing value", but leave "URL …" alone.
        if let first = text.first, let second = text.dropFirst().first, first.isUppercase, second.isLowercase {
            text = first.lowercased() + text.dropFirst()
        }
        return text
    }
}

/// What one invocation printed and how it ended.
struct CommandOutcome: Equatable {
    var exitCode: PipelineExitCode
    var stdout = ""
    var stderr = ""
}

/// Exit codes: 0 success, 1 a command that failed while running, 2 a usage or validation error.
enum PipelineExitCode: Int32, Equatable {
    case success = 0
    case failure = 1
    case usage = 2
}
