extension JSONValue {
    /// Nested objects as one object keyed by dotted path: `{"train": {"lr": 0.001}}` becomes
    /// `{"train.lr": 0.001}`. Arrays and scalars are leaves; an empty nested object disappears.
    /// Stage keys hash params in this form, so `pipeline plan` can name the field that changed.
    public func flattenedPaths() -> [String: JSONValue] {
        guard case let .object(members) = self else { return [:] }
        var out: [String: JSONValue] = [:]
        for (key, value) in members {
            if case .object = value {
                for (path, leaf) in value.flattenedPaths() { out[key + "." + path] = leaf }
            } else {
                out[key] = value
            }
        }
        return out
    }
}
