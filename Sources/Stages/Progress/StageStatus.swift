/// What happened to one stage, as the progress reporter prints it.
public enum StageStatus: Equatable, Sendable {
    /// Reused from the cache entry `key` (the full hex key; the line shows its first 7 characters).
    case cached(key: String, seconds: Double)
    /// Started and not finished yet.
    case running
    /// Ran to completion and stored its result under `key`.
    case ran(key: String, seconds: Double)
    /// Threw; `message` is the error's one-line description.
    case failed(message: String)
    /// Not run because `dependency` did not succeed.
    case skipped(dependency: String)
}

/// Pure formatting of stage lines, e.g. `✓ preprocess  cached 3fa2c1d 0.0s`.
public enum StageLine {
    /// Characters of a cache key shown on a line: enough to tell entries apart at a glance.
    public static let shortKeyLength = 7

    /// One line for `stage`, its name padded to `nameWidth` so a run's lines align in columns.
    public static func format(stage: String, status: StageStatus, nameWidth: Int = 0) -> String {
        let name = stage.padding(toLength: max(nameWidth, stage.count), withPad: " ", startingAt: 0)
        switch status {
        case let .cached(key, seconds):
            return "✓ \(name)  cached \(shortKey(key)) \(DurationText.format(seconds))"
        case .running:
            return "▶ \(name)  running…"
        case let .ran(key, seconds):
            return "✓ \(name)  ran \(shortKey(key)) \(DurationText.format(seconds))"
        case let .failed(message):
            return "✗ \(name)  failed: \(firstLine(message))"
        case let .skipped(dependency):
            return "↷ \(name)  skipped: depends on \(dependency), which failed"
        }
    }

    static func shortKey(_ key: String) -> String { String(key.prefix(shortKeyLength)) }

    /// A stage line is one line even when an error message is not.
    static func firstLine(_ message: String) -> String {
        message.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    }
}

/// Durations for people: `0.0s`, `4.2s`, `1m05s`, `2h03m`.
public enum DurationText {
    public static func format(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        if seconds < 60 { return String(format: "%.1fs", seconds) }
        let whole = Int(seconds.rounded())
        if whole < 3600 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
        return String(format: "%dh%02dm", whole / 3600, (whole % 3600) / 60)
    }
}
