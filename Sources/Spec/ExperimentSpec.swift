import JSON

/// One fully resolved experiment: every default filled in, every path absolute, every value
/// checked. A sweep yields one of these per member.
public struct ExperimentSpec: Equatable, Sendable {
    /// The experiment's name (default: the spec file's stem).
    public var name: String
    /// `name` for a single spec; `<name>/lr=0.0003,width=32` for a sweep member.
    public var memberName: String
    /// Absolute path of the spec file this came from.
    public var sourceFile: String
    public var description: String
    /// Seeds the validation split and everything random in training.
    public var seed: Int
    public var data: DataSpec
    public var intensity: IntensitySpec
    public var resize: ResizeSpec
    public var split: SplitSpec
    public var augment: AugmentSpec
    public var model: ModelSpec
    public var train: TrainSpec
    public var evaluate: EvaluateSpec
    /// The swept fields of this member, dotted path → rendered value (empty without a sweep).
    public var sweepValues: [String: String]

    /// Every field that can change a result, keyed by dotted path, defaults resolved
    /// (`"train.lr"` → `.double(0.001)`): the flattened encoding of `SpecFields.swift`. `name` and
    /// `description` are labels and are left out. Fields that do not apply are absent.
    public var values: [String: SpecValue] {
        // The encoding is of plain values only; it cannot fail.
        guard let json = try? JSONValueEncoder().encode(self) else { return [:] }
        return json.flattenedPaths().compactMapValues(SpecValue.init(json:))
    }

    /// The fields under the given prefixes, sorted by path. A prefix matches whole path
    /// components: `"train"` matches `train.lr` but not `trainer.x`; no prefix means every field.
    public func fields(_ prefixes: String...) -> [(path: String, value: SpecValue)] {
        fields(prefixes)
    }

    public func fields(_ prefixes: [String]) -> [(path: String, value: SpecValue)] {
        values.filter { entry in
            prefixes.isEmpty || prefixes.contains { entry.key == $0 || entry.key.hasPrefix($0 + ".") }
        }
        .sorted { $0.key < $1.key }
        .map { (path: $0.key, value: $0.value) }
    }
}
