// The only importer of CYAML: turns YAML text into a node tree whose every node carries its
// 1-based line and column, so that spec validation can point at the offending character.
// libyaml's parser and each of its events are released on every path (`defer`).
import CYAML

/// A 1-based position in the YAML text.
struct YAMLMark: Equatable, Sendable {
    var line: Int
    var column: Int
}

/// One node of a parsed YAML document. libyaml resolves no types: every scalar is text, and
/// `quoted` says whether the author wrote it in quotes (or tagged it `!!str`), which is how
/// `lr: "0.001"` (a string) is told apart from `lr: 0.001` (a number).
indirect enum YAMLNode: Equatable, Sendable {
    case scalar(String, quoted: Bool, YAMLMark)
    case sequence([YAMLNode], YAMLMark)
    case mapping([YAMLPair], YAMLMark)

    var mark: YAMLMark {
        switch self {
        case .scalar(_, _, let m), .sequence(_, let m), .mapping(_, let m): return m
        }
    }

    /// A plain `~`, `null` or empty scalar: YAML's "nothing here".
    var isNull: Bool {
        if case .scalar(let text, false, _) = self { return ["", "~", "null", "Null", "NULL"].contains(text) }
        return false
    }
}

struct YAMLPair: Equatable, Sendable {
    var key: YAMLNode
    var value: YAMLNode
}

/// libyaml's own complaint, with the position it reported.
struct YAMLError: Error, Equatable {
    var message: String
    var mark: YAMLMark
}

enum YAML {
    /// Parses the first document of `text`; nil for an empty stream. A second document is an
    /// error, since a spec is one document and a stray `---` usually means a pasting accident.
    static func parse(_ text: String) throws -> YAMLNode? {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { bytes = [0x0A] }  // libyaml wants a non-null buffer
        return try bytes.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                throw YAMLError(message: "could not initialise the YAML parser (out of memory)",
                                mark: YAMLMark(line: 1, column: 1))
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var builder = TreeBuilder()
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { throw parserError(parser) }
                defer { yaml_event_delete(&event) }
                if try builder.consume(event) { return builder.root }
            }
        }
    }

    private static func parserError(_ parser: yaml_parser_t) -> YAMLError {
        var message = parser.problem.map { String(cString: $0) } ?? "malformed YAML"
        if let context = parser.context { message += " " + String(cString: context) }
        let mark = YAMLMark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        return YAMLError(message: message, mark: mark)
    }
}

/// Assembles nodes from libyaml's event stream with an explicit stack of open collections.
private struct TreeBuilder {
    private enum Open {
        case sequence([YAMLNode], YAMLMark, anchor: String?)
        case mapping([YAMLPair], pendingKey: YAMLNode?, YAMLMark, anchor: String?)
    }
    private var stack: [Open] = []
    private var anchors: [String: YAMLNode] = [:]
    private var documents = 0
    private(set) var root: YAMLNode?

    /// Returns true when the stream has ended.
    mutating func consume(_ event: yaml_event_t) throws -> Bool {
        let mark = YAMLMark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return true
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                throw YAMLError(message: "a spec is one YAML document, but a second one starts here (remove the extra '---')",
                                mark: mark)
            }
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: s.value, count: Int(s.length)), as: UTF8.self)
            let tag = s.tag.map { String(cString: $0) }
            let quoted = s.style != YAML_PLAIN_SCALAR_STYLE || tag == "tag:yaml.org,2002:str"
            try add(.scalar(text, quoted: quoted, mark), anchor: s.anchor.map { String(cString: $0) })
        case YAML_ALIAS_EVENT:
            let name = String(cString: event.data.alias.anchor)
            guard let node = anchors[name] else {
                throw YAMLError(message: "alias *\(name) refers to no anchor &\(name) defined before it", mark: mark)
            }
            try add(node, anchor: nil)
        case YAML_SEQUENCE_START_EVENT:
            stack.append(.sequence([], mark, anchor: event.data.sequence_start.anchor.map { String(cString: $0) }))
        case YAML_MAPPING_START_EVENT:
            stack.append(.mapping([], pendingKey: nil, mark, anchor: event.data.mapping_start.anchor.map { String(cString: $0) }))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            switch stack.removeLast() {
            case .sequence(let items, let m, let anchor): try add(.sequence(items, m), anchor: anchor)
            case .mapping(let pairs, _, let m, let anchor): try add(.mapping(pairs, m), anchor: anchor)
            }
        default:
            break  // stream start, document end: nothing to build
        }
        return false
    }

    private mutating func add(_ node: YAMLNode, anchor: String?) throws {
        if let anchor { anchors[anchor] = node }
        guard let top = stack.popLast() else { root = node; return }
        switch top {
        case .sequence(var items, let m, let a):
            items.append(node)
            stack.append(.sequence(items, m, anchor: a))
        case .mapping(var pairs, let key?, let m, let a):
            pairs.append(YAMLPair(key: key, value: node))
            stack.append(.mapping(pairs, pendingKey: nil, m, anchor: a))
        case .mapping(let pairs, nil, let m, let a):
            stack.append(.mapping(pairs, pendingKey: node, m, anchor: a))
        }
    }
}
