/// One swept field: a dotted path and the values to try, in the order written.
struct SweepAxis {
    var path: String
    var keyMark: YAMLMark
    var values: [YAMLNode]
}

/// `sweep: {train.lr: [1e-3, 3e-4], model.width: [16, 32], seeds: [0, 1]}` → the cartesian
/// product of the values. Members are ordered like nested loops in the order the axes are
/// written: the first axis varies slowest.
public enum Sweep {
    /// The plan is cheap; past this a grid is surely a mistake (a typo in a range), not a sweep.
    static let maxMembers = 10_000
    /// Past this many members a comparison lists configurations compactly (best and worst first).
    public static let readableMembers = 64

    /// Reads the root's `sweep` mapping; problems are reported and their axes left out.
    static func axes(of root: YAMLNode, _ d: Diagnostics) -> [SweepAxis] {
        guard case .mapping(let pairs, _) = root,
              let sweep = pairs.first(where: { if case .scalar("sweep", _, _) = $0.key { return true } else { return false } })?.value,
              !sweep.isNull
        else { return [] }
        guard case .mapping(let entries, _) = sweep else {
            d.report(.wrongType(expected: "a mapping of dotted field paths to lists of values", found: sweep.found),
                     at: sweep.mark, path: "sweep")
            return []
        }
        var axes: [SweepAxis] = []
        for entry in entries {
            if let axis = axis(entry, d) {
                if let first = axes.first(where: { $0.path == axis.path }) {
                    d.report(.duplicateKey(firstLine: first.keyMark.line), at: axis.keyMark, path: "sweep.\(axis.path)")
                } else {
                    axes.append(axis)
                }
            }
        }
        // Capped while multiplying: twenty axes of ten values would overflow Int.
        let count = axes.reduce(1) { min($0 * $1.values.count, maxMembers + 1) }
        if count > maxMembers {
            let size = axes.map { String($0.values.count) }.joined(separator: " × ")
            d.report(.badSweep("the grid of \(size) values has more than \(maxMembers) members; sweep fewer fields or values"),
                     at: sweep.mark, path: "sweep")
            return []
        }
        return axes
    }

    private static func axis(_ entry: YAMLPair, _ d: Diagnostics) -> SweepAxis? {
        guard case .scalar(let key, _, let mark) = entry.key else {
            d.report(.wrongType(expected: "a dotted field path", found: entry.key.found), at: entry.key.mark, path: "sweep")
            return nil
        }
        let path = key == "seeds" ? "seed" : key  // `seeds: [0, 1, 2]` repeats the experiment per seed
        guard SpecSchema.fieldPaths.contains(path) else {
            let inside = SpecSchema.fieldPaths.filter { $0.hasPrefix(key + ".") }
            let hint = !inside.isEmpty ? "; it is a section, sweep its fields instead: \(inside.joined(separator: ", "))"
                : suggestion(for: key, among: SpecSchema.fieldPaths + ["seeds"]).map { "; did you mean \($0)?" }
                ?? "; see experiments/README.md for the fields"
            d.report(.badSweep("\(key) is not a spec field\(hint)"), at: mark, path: "sweep")
            return nil
        }
        guard case .sequence(let values, _) = entry.value, !values.isEmpty else {
            d.report(.wrongType(expected: "a non-empty list of values to try", found: entry.value.found),
                     at: entry.value.mark, path: "sweep.\(key)")
            return nil
        }
        return SweepAxis(path: path, keyMark: mark, values: values)
    }

    /// A sweep that repeats seeds keeps the validation cases: unless the spec names `split.seed` (or
    /// sweeps it), each member's split is drawn with the spec's own `seed`, and only training varies.
    static func pinningSplitSeed(_ tree: YAMLNode, root: YAMLNode, axes: [SweepAxis]) -> YAMLNode {
        guard axes.contains(where: { $0.path == "seed" }), !axes.contains(where: { $0.path == "split.seed" }),
              case .mapping(let pairs, _) = root else { return tree }
        func value(_ key: String, in pairs: [YAMLPair]) -> YAMLNode? {
            pairs.first { if case .scalar(key, _, _) = $0.key { return true }; return false }?.value
        }
        if case .mapping(let split, _)? = value("split", in: pairs), value("seed", in: split) != nil { return tree }
        if case .sequence? = value("split", in: pairs).flatMap({ value("validation_ids", in: splitPairs($0)) }) { return tree }
        let mark = axes.first { $0.path == "seed" }!.keyMark
        let baseSeed = value("seed", in: pairs) ?? .scalar("0", quoted: false, mark)
        return setting(["split", "seed"], to: baseSeed, in: tree, at: mark)
    }

    private static func splitPairs(_ node: YAMLNode) -> [YAMLPair] {
        if case .mapping(let pairs, _) = node { return pairs }
        return []
    }

    /// Every combination of one value per axis, first axis slowest. No axes → one empty member.
    static func combinations(_ axes: [SweepAxis]) -> [[YAMLNode]] {
        axes.reduce([[]]) { partial, axis in partial.flatMap { prefix in axis.values.map { prefix + [$0] } } }
    }

    /// `root` with the field at `path` set to `value`, creating the mappings on the way. New
    /// keys carry the sweep's position, so problems with a swept value point at the sweep.
    static func setting(_ path: [String], to value: YAMLNode, in node: YAMLNode?, at mark: YAMLMark) -> YAMLNode {
        guard let key = path.first else { return value }
        let rest = Array(path.dropFirst())
        var pairs: [YAMLPair] = []
        var nodeMark = mark
        switch node {
        case .mapping(let existing, let m)?: pairs = existing; nodeMark = m
        case let n? where !n.isNull: return n  // not a mapping: the decoder reports it
        default: break
        }
        if let i = pairs.firstIndex(where: { if case .scalar(key, _, _) = $0.key { return true } else { return false } }) {
            pairs[i].value = setting(rest, to: value, in: pairs[i].value, at: mark)
        } else {
            pairs.append(YAMLPair(key: .scalar(key, quoted: false, mark), value: setting(rest, to: value, in: nil, at: mark)))
        }
        return .mapping(pairs, nodeMark)
    }

    /// How an axis is labelled in member names: its last path component (`lr`), or the whole
    /// path when two axes share a last component (`seed` and `data.phantom.seed`).
    static func labels(_ axes: [SweepAxis]) -> [String] {
        let last = axes.map { String($0.path.split(separator: ".").last ?? "") }
        return axes.indices.map { i in last.filter { $0 == last[i] }.count > 1 ? axes[i].path : last[i] }
    }
}
