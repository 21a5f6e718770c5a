import JSON

/// Why a stage will run, one line each (`description`), most specific first.
public enum RunReason: Equatable, CustomStringConvertible {
    case noCacheEntry
    case corruptEntry(reason: String)
    case codeVersionChanged(old: Int, new: Int)
    /// `old` nil: the param is new; `new` nil: the stage no longer reads it.
    case paramChanged(path: String, old: JSONValue?, new: JSONValue?)
    case inputChanged(name: String)
    /// More changed inputs than are worth listing one by one.
    case moreInputsChanged(count: Int)
    case dependsOn(stage: String)

    public var description: String {
        switch self {
        case .noCacheEntry: return "no cache entry"
        case let .corruptEntry(reason): return "cache entry corrupt (\(reason))"
        case let .codeVersionChanged(old, new): return "code version changed \(old) → \(new)"
        case let .paramChanged(path, old?, new?): return "\(path) changed \(old) → \(new)"
        case let .paramChanged(path, nil, new?): return "\(path) added (\(new))"
        case let .paramChanged(path, old?, nil): return "\(path) removed (was \(old))"
        case let .paramChanged(path, nil, nil): return "\(path) changed"
        case let .inputChanged(name): return "input changed: \(name)"
        case let .moreInputsChanged(count): return "and \(count) more inputs changed"
        case let .dependsOn(stage): return "depends on \(stage), which will run"
        }
    }
}

public enum PlanDecision: Equatable {
    case cached(key: String)
    case run(reasons: [RunReason])

    public var willRun: Bool { if case .run = self { return true }; return false }
}

/// One resolved stage and what `run` would do with it.
public struct PlanItem {
    public let key: String
    public let stage: String
    public let uses: [StageUse]
    public let decision: PlanDecision

    /// `cached 3fa2c1…` or the reasons joined with "; ".
    public var explanation: String {
        switch decision {
        case let .cached(key): return "cached \(key.prefix(12))…"
        case let .run(reasons): return reasons.map(\.description).joined(separator: "; ")
        }
    }
}

public struct Plan {
    /// In execution order (dependencies first).
    public let items: [PlanItem]
    public var stagesToRun: Int { items.filter(\.decision.willRun).count }
}
