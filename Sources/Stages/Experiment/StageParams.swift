import Pipeline
import Spec

/// The spec fields a stage reads, as the JSON its cache key hashes. Every stage gets its params
/// through here so one spec value always maps to one JSON value: ints stay ints, doubles stay
/// doubles (`1e-3` and `0.001` are one `.double`), lists stay lists.
enum StageParams {
    /// `spec.fields(prefixes)` as JSON, keyed by dotted path.
    static func of(_ spec: ExperimentSpec, _ prefixes: [String]) -> [String: JSONValue] {
        var params: [String: JSONValue] = [:]
        for field in spec.fields(prefixes) { params[field.path] = json(field.value) }
        return params
    }

    static func json(_ value: SpecValue) -> JSONValue {
        switch value {
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        case .list(let items): return .array(items.map(json))
        }
    }
}
