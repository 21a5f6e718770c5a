/// Reads the typed fields of one YAML mapping. Problems are reported to `Diagnostics` rather
/// than thrown, so one pass finds every problem; a field with a problem yields its default
/// (the caller never sees that value, because any diagnostic fails the whole spec).
struct SectionReader {
    /// Dotted path of this mapping ("" for the document root).
    let path: String
    /// Where the mapping (or, when absent, its parent key) is.
    let mark: YAMLMark
    let diagnostics: Diagnostics
    private var entries: [String: YAMLPair] = [:]

    /// Reads `node` as a mapping with the `allowed` keys. A missing or null node is an empty
    /// section; anything else that is not a mapping is reported and read as empty.
    init(_ node: YAMLNode?, path: String, at mark: YAMLMark, allowed: [String], diagnostics: Diagnostics) {
        self.path = path
        self.mark = node?.mark ?? mark
        self.diagnostics = diagnostics
        guard let node, !node.isNull else { return }
        guard case .mapping(let pairs, _) = node else {
            diagnostics.report(.wrongType(expected: "a mapping of keys (\(allowed.joined(separator: ", ")))",
                                          found: node.found), at: node.mark, path: path)
            return
        }
        for pair in pairs { add(pair, allowed: allowed) }
    }

    private mutating func add(_ pair: YAMLPair, allowed: [String]) {
        guard case .scalar(let key, _, let keyMark) = pair.key else {
            diagnostics.report(.wrongType(expected: "a key name", found: pair.key.found), at: pair.key.mark, path: path)
            return
        }
        let keyPath = child(key)
        if let first = entries[key] {
            diagnostics.report(.duplicateKey(firstLine: first.key.mark.line), at: keyMark, path: keyPath)
        } else if !allowed.contains(key) {
            let problem = SpecProblem.unknownKey(suggestion: suggestion(for: key, among: allowed), allowed: allowed)
            diagnostics.report(problem, at: keyMark, path: keyPath)
        } else {
            entries[key] = pair
        }
    }

    func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The value node of `key`, if given.
    subscript(key: String) -> YAMLNode? { entries[key]?.value }

    func has(_ key: String) -> Bool { entries[key] != nil }

    /// Where `key` is written, or where this section is when it is absent.
    func markOf(_ key: String) -> YAMLMark { entries[key]?.key.mark ?? mark }

    /// A nested section under `key`.
    func section(_ key: String, allowed: [String]) -> SectionReader {
        SectionReader(self[key], path: child(key), at: markOf(key), allowed: allowed, diagnostics: diagnostics)
    }

    func report(_ problem: SpecProblem, at key: String) {
        diagnostics.report(problem, at: self[key]?.mark ?? markOf(key), path: child(key))
    }

    // MARK: Typed fields

    func int(_ key: String, default value: Int, in range: ClosedRange<Int>) -> Int {
        guard let node = self[key] else { return value }
        guard let i = FieldValue.int(node, path: child(key), diagnostics) else { return value }
        guard range.contains(i) else {
            let rule = range.upperBound == Int.max ? "at least \(range.lowerBound)" : "in \(range.lowerBound)…\(range.upperBound)"
            report(.outOfRange("must be \(rule), found \(i)"), at: key)
            return value
        }
        return i
    }

    /// A number that must satisfy `valid`, described to the user by `rule` ("greater than 0").
    func double(_ key: String, default value: Double, must rule: String, _ valid: (Double) -> Bool) -> Double {
        guard let node = self[key], let d = FieldValue.double(node, path: child(key), diagnostics) else { return value }
        guard valid(d) else {
            report(.outOfRange("must be \(rule), found \(SpecValue.render(d))"), at: key)
            return value
        }
        return d
    }

    func probability(_ key: String, default value: Double) -> Double {
        double(key, default: value, must: "a probability in [0, 1]") { (0...1).contains($0) }
    }

    func bool(_ key: String, default value: Bool) -> Bool {
        guard let node = self[key] else { return value }
        return FieldValue.bool(node, path: child(key), diagnostics) ?? value
    }

    func string(_ key: String) -> String? {
        guard let node = self[key] else { return nil }
        return FieldValue.string(node, path: child(key), diagnostics)
    }

    func choice<E: RawRepresentable & CaseIterable>(_ key: String, default value: E) -> E where E.RawValue == String {
        guard let node = self[key], let text = FieldValue.string(node, path: child(key), diagnostics) else { return value }
        if let e = E(rawValue: text) { return e }
        let names = E.allCases.map(\.rawValue)
        let hint = suggestion(for: text, among: names).map { "; did you mean '\($0)'?" } ?? ""
        report(.outOfRange("must be one of \(names.joined(separator: ", ")), found '\(text)'\(hint)"), at: key)
        return value
    }

    /// A two-number list such as `[0.9, 1.1]`; `valid` checks the pair as a whole.
    func pair(_ key: String, default value: (Double, Double), must rule: String,
              _ valid: (Double, Double) -> Bool) -> (Double, Double) {
        guard let node = self[key], let p = FieldValue.numberPair(node, path: child(key), diagnostics) else { return value }
        guard valid(p.0, p.1) else {
            report(.outOfRange("\(rule), found [\(SpecValue.render(p.0)), \(SpecValue.render(p.1))]"), at: key)
            return value
        }
        return p
    }
}
