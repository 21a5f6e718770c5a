import JSON

/// One resolved spec field, as stages see it when they hash their inputs or explain a decision.
/// Values come from the typed spec, never from the YAML text, so `1e-3` and `0.001` are the
/// same `.double` and render the same way.
public enum SpecValue: Hashable, Sendable, CustomStringConvertible {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)
    case list([SpecValue])

    /// Human rendering for explanations: `0.001`, `bce+dice`, `[-1000, 400]`, `true`.
    public var description: String {
        switch self {
        case .int(let i): return String(i)
        case .double(let d): return SpecValue.render(d)
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return s
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        }
    }

    /// Rendering for a sweep member's name, safe inside a folder name: lists join with `x`
    /// (`256x256`, `0.9x1.1`) and `/` becomes `_`.
    public var nameComponent: String {
        switch self {
        case .list(let items): return items.map(\.nameComponent).joined(separator: "x")
        default: return description.replacingSlashes()
        }
    }

    /// Shortest text that reads back as the same Double. Whole numbers print without a
    /// fraction (`400`, not `400.0`), so a window written `[-1000, 400]` explains itself as written.
    static func render(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(describing: d)  // Swift's shortest round-trip form: 0.0003, 1e-08
    }
}

extension SpecValue {
    /// The spec value of an encoded field; nil for null and objects, which no field holds.
    init?(json: JSONValue) {
        switch json {
        case let .int(i): self = .int(i)
        case let .double(d): self = .double(d)
        case let .bool(b): self = .bool(b)
        case let .string(s): self = .string(s)
        case let .array(items):
            let values = items.compactMap(SpecValue.init(json:))
            guard values.count == items.count else { return nil }
            self = .list(values)
        case .null, .object: return nil
        }
    }
}

private extension String {
    func replacingSlashes() -> String { String(map { $0 == "/" ? "_" : $0 }) }
}
