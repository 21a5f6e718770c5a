import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Prints one line per stage and, while training, a progress bar redrawn in place on a terminal or
/// a plain line every few seconds when output goes to a file or pipe (where `\r` would be noise).
/// Not thread-safe: call it from the thread that runs the stages.
public final class ProgressReporter {
    public enum Style: Equatable, Sendable {
        /// Bar redrawn with `\r` and cleared before the next stage line.
        case terminal
        /// A training line at most every `everySeconds`, each on its own line.
        case plain(everySeconds: Double)
        /// Only failures and skips.
        case quiet
    }

    public let style: Style
    private let nameWidth: Int
    private let write: (String) -> Void
    private let now: () -> Double
    private var barIsShowing = false
    private var lastPlainLine: Double?

    /// - Parameters:
    ///   - stageNames: all stages of the run, so their lines align; may be empty.
    ///   - write: receives raw text (with its `\n` or `\r`); defaults to standard output.
    ///   - now: seconds on any monotonic clock; injectable so tests control the pace.
    public init(style: Style, stageNames: [String] = [],
                write: @escaping (String) -> Void = ProgressReporter.writeToStandardOutput,
                now: @escaping () -> Double = ProgressReporter.monotonicSeconds) {
        self.style = style
        self.nameWidth = stageNames.map(\.count).max() ?? 0
        self.write = write
        self.now = now
    }

    /// The style for standard output: a bar on a terminal, a line every 10 s otherwise.
    public static func standardOutputStyle(quiet: Bool) -> Style {
        if quiet { return .quiet }
        return isatty(STDOUT_FILENO) == 1 ? .terminal : .plain(everySeconds: 10)
    }

    public func stage(_ name: String, _ status: StageStatus) {
        if style == .quiet, !status.isProblem { return }
        clearBar()
        write(StageLine.format(stage: name, status: status, nameWidth: nameWidth) + "\n")
    }

    public func training(_ progress: TrainingProgress) {
        switch style {
        case .quiet:
            return
        case .terminal:
            write("\r" + TrainingLine.format(progress, withBar: true) + Self.clearToEndOfLine)
            barIsShowing = true
        case let .plain(interval):
            let time = now()
            if let last = lastPlainLine, time - last < interval { return }
            lastPlainLine = time
            write("  " + TrainingLine.format(progress, withBar: false) + "\n")
        }
    }

    /// A permanent line per epoch, e.g. `  epoch 3/20  loss 0.2314  val loss 0.2511  val dice 0.9312  12.3s`.
    public func epochFinished(_ epoch: EpochSummary) {
        if style == .quiet { return }
        clearBar()
        write("  " + epoch.line + "\n")
    }

    private func clearBar() {
        guard barIsShowing else { return }
        write("\r" + Self.clearToEndOfLine)
        barIsShowing = false
    }

    static let clearToEndOfLine = "\u{1B}[K"

    public static func writeToStandardOutput(_ text: String) {
        fputs(text, stdout)
        fflush(stdout)
    }

    public static func monotonicSeconds() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }
}

extension StageStatus {
    /// Failures and skips are shown even with --quiet.
    var isProblem: Bool {
        switch self {
        case .failed, .skipped: return true
        case .cached, .running, .ran: return false
        }
    }
}

/// The numbers printed when an epoch ends.
public struct EpochSummary: Equatable, Sendable {
    public var epoch: Int
    public var epochs: Int
    public var trainLoss: Double
    public var validationLoss: Double?
    public var validationDice: Double?
    public var seconds: Double

    public init(epoch: Int, epochs: Int, trainLoss: Double, validationLoss: Double?,
                validationDice: Double?, seconds: Double) {
        self.epoch = epoch; self.epochs = epochs; self.trainLoss = trainLoss
        self.validationLoss = validationLoss; self.validationDice = validationDice; self.seconds = seconds
    }

    public var line: String {
        var parts = ["epoch \(epoch)/\(epochs)", String(format: "loss %.4f", trainLoss)]
        if let validationLoss { parts.append(String(format: "val loss %.4f", validationLoss)) }
        if let validationDice { parts.append(String(format: "val dice %.4f", validationDice)) }
        parts.append(DurationText.format(seconds))
        return parts.joined(separator: "  ")
    }
}
