import Foundation
import Pipeline

/// The one-line texts the experiment commands print and record.
public enum ExperimentText {
    public static func outcome(_ outcome: StageOutcome?) -> String {
        switch outcome {
        case .cached?: return "cached"
        case let .ran(seconds)?: return "ran in \(DurationText.format(seconds))"
        case let .failed(error, _)?: return "failed: \(oneLine(error))"
        case let .skipped(reason)?: return reason.description
        case nil: return "not in this run"
        }
    }

    static func status(_ outcome: StageOutcome, key: String) -> StageStatus {
        switch outcome {
        case .cached: return .cached(key: key, seconds: 0)
        case let .ran(seconds): return .ran(key: key, seconds: seconds)
        case let .failed(error, _): return .failed(message: oneLine(error))
        case let .skipped(.dependencyFailed(stage)), let .skipped(.stoppedAfterFailure(stage)): return .skipped(dependency: stage)
        }
    }

    /// An error's message on one line. Our own errors describe themselves; a Foundation error (which
    /// would print as an NSCocoaErrorDomain dump) becomes its file and reason.
    public static func oneLine(_ error: Error) -> String {
        let ns = error as NSError
        let text: String
        if ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain {
            let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
            text = (path.map { "\($0): " } ?? "") + FileIO.describe(error)
        } else {
            text = String(describing: error)
        }
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// `nothing to do: all 6 stages cached`, or `3 of 6 stages will run`.
    public static func planSummary(_ plan: Plan) -> String {
        let toRun = plan.stagesToRun
        return toRun == 0 ? "nothing to do: all \(plan.items.count) stages cached"
            : "\(toRun) of \(plan.items.count) stages will run"
    }
}

extension Experiment {
    /// `pipeline plan`: each stage with `cached <key12>…` or why it will run. With several members,
    /// each stage says whether it is shared (runs once for N members) or fans out (one per member).
    public func planText(_ plan: Plan) -> String {
        let width = Experiment.stageNames.map(\.count).max() ?? 0
        let pad = { (name: String) in name.padding(toLength: width, withPad: " ", startingAt: 0) }
        var lines: [String] = []
        let memberCount = members.count
        lines.append(memberCount == 1 ? "plan for \(members[0].name)" : "plan for \(memberCount) members")
        for stage in Experiment.stageNames {
            let items = plan.items.filter { $0.stage == stage }
            if memberCount == 1 || items.count == 1 {
                let item = items[0]
                let sharing = memberCount > 1 ? "shared by \(item.uses.count) members: " : ""
                lines.append("  \(pad(stage))  \(sharing)\(item.explanation)")
            } else {
                lines.append("  \(pad(stage))  fans out: \(items.count) variants for \(memberCount) members")
                for item in items {
                    let who = item.uses.map(\.member).joined(separator: ", ")
                    lines.append("    \(who): \(item.explanation)")
                }
            }
        }
        lines.append(ExperimentText.planSummary(plan))
        return lines.joined(separator: "\n")
    }
}
