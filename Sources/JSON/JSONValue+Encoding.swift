/// Canonical JSON: object keys sorted by their UTF-8 bytes, no whitespace, integers as digits,
/// doubles in Swift's shortest round-trip form (`0.001`, `1e-05`, `2.0`), strings escaped per RFC 8259
/// (`\"`, `\\`, `\b \f \n \r \t`, other controls as `\u00XX`, everything else as UTF-8).
/// Equal values encode to equal bytes, which is what makes a hash of the encoding a cache key.
extension JSONValue {
    public func canonicalString() throws -> String {
        var out = ""
        try write(to: &out, indent: nil, depth: 0, path: "$")
        return out
    }

    public func canonicalBytes() throws -> [UInt8] { Array(try canonicalString().utf8) }

    /// Same ordering and number forms as the canonical encoding, indented two spaces, for files that
    /// people read (entry.json). Not used for hashing.
    public func prettyString() throws -> String {
        var out = ""
        try write(to: &out, indent: "  ", depth: 0, path: "$")
        return out + "\n"
    }

    private func write(to out: inout String, indent: String?, depth: Int, path: String) throws {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(i): out += String(i)
        case let .double(d):
            guard d.isFinite else { throw JSONError.nonFiniteNumber(path: path) }
            out += d == 0 ? "0.0" : d.description   // -0.0 and 0.0 are one value in a key
        case let .string(s): JSONValue.writeEscaped(s, to: &out)
        case let .array(items):
            try writeContainer(items.enumerated().map { ($0.element, nil, "\(path)[\($0.offset)]") },
                               open: "[", close: "]", to: &out, indent: indent, depth: depth)
        case let .object(members):
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            try writeContainer(sorted.map { ($0.value, $0.key, "\(path).\($0.key)") },
                               open: "{", close: "}", to: &out, indent: indent, depth: depth)
        }
    }

    private func writeContainer(_ items: [(JSONValue, String?, String)], open: String, close: String,
                                to out: inout String, indent: String?, depth: Int) throws {
        out += open
        guard !items.isEmpty else { out += close; return }
        let newline = indent.map { "\n" + String(repeating: $0, count: depth + 1) } ?? ""
        for (index, (value, key, path)) in items.enumerated() {
            if index > 0 { out += "," }
            out += newline
            if let key {
                JSONValue.writeEscaped(key, to: &out)
                out += indent == nil ? ":" : ": "
            }
            try value.write(to: &out, indent: indent, depth: depth + 1, path: path)
        }
        out += indent.map { "\n" + String(repeating: $0, count: depth) } ?? ""
        out += close
    }

    /// `s` as a JSON string literal, quotes included: the one escaping routine every JSON writer uses.
    public static func quoted(_ s: String) -> String {
        var out = ""
        writeEscaped(s, to: &out)
        return out
    }

    static func writeEscaped(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
