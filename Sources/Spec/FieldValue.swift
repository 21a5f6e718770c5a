/// Converts single YAML nodes to typed values, reporting a wrong type at the node. Numbers and
/// booleans must be written plain: a quoted `"0.001"` is a string, and the message says so.
enum FieldValue {
    static func int(_ node: YAMLNode, path: String, _ d: Diagnostics) -> Int? {
        if case .scalar(let text, false, _) = node, let i = Int(text) { return i }
        d.report(.wrongType(expected: "an integer", found: node.found + node.quoteHint), at: node.mark, path: path)
        return nil
    }

    static func double(_ node: YAMLNode, path: String, _ d: Diagnostics) -> Double? {
        if case .scalar(let text, false, _) = node, looksNumeric(text), let x = Double(text), x.isFinite { return x }
        d.report(.wrongType(expected: "a number", found: node.found + node.quoteHint), at: node.mark, path: path)
        return nil
    }

    static func bool(_ node: YAMLNode, path: String, _ d: Diagnostics) -> Bool? {
        if case .scalar(let text, false, _) = node {
            if ["true", "True", "TRUE"].contains(text) { return true }
            if ["false", "False", "FALSE"].contains(text) { return false }
        }
        d.report(.wrongType(expected: "true or false", found: node.found + node.quoteHint), at: node.mark, path: path)
        return nil
    }

    static func string(_ node: YAMLNode, path: String, _ d: Diagnostics) -> String? {
        if case .scalar(let text, _, _) = node, !node.isNull { return text }
        d.report(.wrongType(expected: "a string", found: node.found), at: node.mark, path: path)
        return nil
    }

    static func list(_ node: YAMLNode, path: String, _ d: Diagnostics) -> [YAMLNode]? {
        if case .sequence(let items, _) = node { return items }
        d.report(.wrongType(expected: "a list", found: node.found), at: node.mark, path: path)
        return nil
    }

    static func stringList(_ node: YAMLNode, path: String, _ d: Diagnostics) -> [String]? {
        guard let items = list(node, path: path, d) else { return nil }
        let strings = items.compactMap { string($0, path: path, d) }
        return strings.count == items.count ? strings : nil
    }

    static func numberPair(_ node: YAMLNode, path: String, _ d: Diagnostics) -> (Double, Double)? {
        guard case .sequence(let items, _) = node, items.count == 2 else {
            d.report(.wrongType(expected: "a list of two numbers", found: node.found), at: node.mark, path: path)
            return nil
        }
        guard let a = double(items[0], path: path, d), let b = double(items[1], path: path, d) else { return nil }
        return (a, b)
    }

    /// Swift's Double() also reads "nan", "inf" and hex floats; a spec number is decimal.
    private static func looksNumeric(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { "0123456789+-.eE".contains($0) }
    }
}

extension YAMLNode {
    /// How a node reads in a wrong-type message: `'fast'`, `the quoted string "0.001"`, `a list`.
    var found: String {
        switch self {
        case .scalar(let text, let quoted, _):
            if isNull { return "nothing" }
            return quoted ? "the quoted string \"\(text)\"" : "'\(text)'"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// Appended to a wrong-type message when quotes are the likely mistake.
    var quoteHint: String {
        if case .scalar(_, true, _) = self { return " (write numbers and true/false without quotes)" }
        return ""
    }
}
