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

    /// Canonical JSON for hashing into stage keys: no whitespace, strings quoted and escaped,
    /// numbers as in `description`.
    public var canonicalJSON: String {
        switch self {
        case .string(let s): return SpecValue.jsonString(s)
        case .list(let items): return "[" + items.map(\.canonicalJSON).joined(separator: ",") + "]"
        default: return description
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

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

private extension String {
    func replacingSlashes() -> String { String(map { $0 == "/" ? "_" : $0 }) }
}
