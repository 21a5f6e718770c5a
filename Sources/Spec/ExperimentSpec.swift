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
    /// Seeds everything random in training (initialisation, batch order, augmentation) and, unless
    /// `splitSeed` says otherwise, the validation split.
    public var seed: Int
    public var data: DataSpec
    public var intensity: IntensitySpec
    public var resize: ResizeSpec
    public var split: SplitSpec
    /// `split.seed`: draws the validation split instead of `seed`. A sweep over `seed` (or `seeds:`)
    /// pins it to the spec's own `seed`, so repeated seeds vary the training and keep the cases.
    public var splitSeed: Int?
    public var augment: AugmentSpec
    public var model: ModelSpec
    public var train: TrainSpec
    public var evaluate: EvaluateSpec
    /// The swept fields of this member, dotted path → rendered value (empty without a sweep).
    public var sweepValues: [String: String]
    /// Where `pipeline run` places the stages; not a field (see `values`), so never in a key.
    public var executor = ExecutorSpec()
    /// `data.on_suspect_mask` and `data.mask_check`: read by validate, for any kind of data.
    public var maskCheck = MaskCheckSpec()

    /// The seed the validation split is drawn with.
    public var effectiveSplitSeed: Int { splitSeed ?? seed }

    /// The split as its fields: `split.seed` appears only when a fraction is drawn with a seed other
    /// than `seed`, so specs that never name it keep their meaning and their keys.
    public var splitFields: SplitFields {
        guard case .fraction = split, let splitSeed, splitSeed != seed else { return SplitFields(split: split, seed: nil) }
        return SplitFields(split: split, seed: splitSeed)
    }

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
