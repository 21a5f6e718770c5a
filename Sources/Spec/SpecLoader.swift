import Foundation

/// The front door: a spec file in, one fully checked `ExperimentSpec` per sweep member out, or
/// `SpecErrors` listing every problem at once.
public enum SpecLoader {
    /// Loads the spec at `path` (relative to the working directory).
    public static func load(path: String) throws -> [ExperimentSpec] {
        let absolute = normalize(path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            throw SpecErrors([fileProblem(path, .specFileNotFound(resolved: absolute))])
        }
        guard !isDirectory.boolValue else {
            throw SpecErrors([fileProblem(path, .unreadableSpec("is a folder, not a spec file; give a .yaml file inside it"))])
        }
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw SpecErrors([fileProblem(path, .unreadableSpec("cannot be read (check its permissions)"))])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SpecErrors([fileProblem(path, .unreadableSpec("is not UTF-8 text; save it as UTF-8"))])
        }
        return try parse(yaml: text, file: path)
    }

    /// Parses spec text as if read from `file`, which names the file in diagnostics and anchors
    /// relative data paths (its folder, relative to the working directory when not absolute).
    /// `checkingFolders: false` reads back a spec a run recorded, whose data may have moved since.
    public static func parse(yaml: String, file: String, checkingFolders: Bool = true) throws -> [ExperimentSpec] {
        let diagnostics = Diagnostics(file: file)
        let root: YAMLNode
        do {
            guard let parsed = try YAML.parse(yaml), !parsed.isNull else {
                diagnostics.report(.missingField("the spec is empty; it needs at least a data section (see experiments/README.md)"),
                                   at: YAMLMark(line: 1, column: 1), path: "")
                throw SpecErrors(diagnostics.sorted)
            }
            root = parsed
        } catch let error as YAMLError {
            diagnostics.report(.brokenYAML(error.message), at: error.mark, path: "")
            throw SpecErrors(diagnostics.sorted)
        }
        let absolute = normalize(file.hasPrefix("/") ? file : FileManager.default.currentDirectoryPath + "/" + file)
        let specs = expand(root, decoder: SpecDecoder(specFile: absolute, diagnostics: diagnostics,
                                                         checksFolders: checkingFolders))
        guard diagnostics.isEmpty else { throw SpecErrors(diagnostics.sorted) }
        return specs
    }

    /// Decodes each sweep member (or the spec alone) and names the members.
    private static func expand(_ root: YAMLNode, decoder: SpecDecoder) -> [ExperimentSpec] {
        let axes = Sweep.axes(of: root, decoder.diagnostics)
        let labels = Sweep.labels(axes)
        var specs: [ExperimentSpec] = []
        for combination in Sweep.combinations(axes) {
            var tree = root
            for (axis, value) in zip(axes, combination) {
                tree = Sweep.setting(axis.path.split(separator: ".").map(String.init), to: value, in: tree, at: axis.keyMark)
            }
            tree = Sweep.pinningSplitSeed(tree, root: root, axes: axes)
            var spec = decoder.decode(tree)
            guard !axes.isEmpty else { return [spec] }
            let values = spec.values
            let rendered = zip(axes, combination).map { axis, node in values[axis.path] ?? rawValue(node) }
            spec.sweepValues = Dictionary(uniqueKeysWithValues: zip(axes.map(\.path), rendered.map(\.description)))
            spec.memberName = spec.name + "/" + zip(labels, rendered).map { "\($0)=\($1.nameComponent)" }.joined(separator: ",")
            specs.append(spec)
        }
        if decoder.diagnostics.isEmpty, let first = axes.first { rejectRepeats(specs, at: first.keyMark, decoder.diagnostics) }
        return specs
    }

    /// Two members with one name are one experiment run twice: a value was listed twice
    /// (perhaps as `1e-3` and `0.001`). Checked only for valid members, whose names are final.
    private static func rejectRepeats(_ specs: [ExperimentSpec], at mark: YAMLMark, _ d: Diagnostics) {
        var firstIndex: [String: Int] = [:]
        for (i, spec) in specs.enumerated() {
            if let first = firstIndex[spec.memberName] {
                d.report(.badSweep("members \(first + 1) and \(i + 1) are the same experiment (\(spec.memberName)); "
                                   + "a value is listed twice"), at: mark, path: "sweep")
            } else {
                firstIndex[spec.memberName] = i
            }
        }
    }

    /// A swept value that resolved to no field (the member has an error): its text as written.
    private static func rawValue(_ node: YAMLNode) -> SpecValue {
        if case .scalar(let text, _, _) = node { return .string(text) }
        return .string(node.found)
    }

    private static func fileProblem(_ path: String, _ problem: SpecProblem) -> SpecDiagnostic {
        SpecDiagnostic(file: path, line: 0, column: 0, path: "", problem: problem)
    }
}
