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
    /// Where `pipeline run` places the stages; not a field (see `values`), so never in a key.
    public var executor = ExecutorSpec()

    /// Every field that can change a result, keyed by dotted path, defaults resolved
    /// (`"train.lr"` → `.double(0.001)`). `name` and `description` are labels and are left
    /// out, so renaming an experiment does not invalidate its cached stages. Fields that do not
    /// apply are absent: `train.gamma` exists only for `schedule: step`.
    public var values: [String: SpecValue] {
        var v: [String: SpecValue] = ["seed": .int(seed)]
        v.merge(dataValues) { $1 }
        switch intensity {
        case .window(let lo, let hi): v["intensity.window"] = .list([.double(lo), .double(hi)])
        case .scale(let s): v["intensity.scale"] = .double(s)
        }
        v["resize"] = .list([.int(resize.height), .int(resize.width)])
        switch split {
        case .fraction(let f): v["split.validation"] = .double(f)
        case .explicit(let train, let validation):
            v["split.train_ids"] = .list(train.map(SpecValue.string))
            v["split.validation_ids"] = .list(validation.map(SpecValue.string))
        }
        v["augment.flip_horizontal"] = .double(augment.flipHorizontal)
        v["augment.flip_vertical"] = .double(augment.flipVertical)
        v["augment.rotation"] = .double(augment.rotation)
        v["augment.zoom"] = .list([.double(augment.zoom.lo), .double(augment.zoom.hi)])
        v["augment.probability"] = .double(augment.probability)
        v["model.width"] = .int(model.width)
        v["model.depth"] = .int(model.depth)
        v["model.batch_norm"] = .bool(model.batchNorm)
        v.merge(trainValues) { $1 }
        v["evaluate.threshold"] = .double(evaluate.threshold)
        v["evaluate.postprocess.largest_components"] = .int(evaluate.largestComponents)
        v["evaluate.postprocess.fill_holes"] = .bool(evaluate.fillHoles)
        v["evaluate.tta"] = .string(evaluate.tta.rawValue)
        return v
    }

    private var dataValues: [String: SpecValue] {
        switch data {
        case .folders(let f):
            return ["data.images": .string(f.images.resolved), "data.masks": .string(f.masks.resolved),
                    "data.match": .string(f.match.rawValue), "data.on_bad_pair": .string(f.onBadPair.rawValue)]
        case .phantom(let p):
            return ["data.phantom.count": .int(p.count), "data.phantom.size": .int(p.size),
                    "data.phantom.seed": .int(p.seed)]
        }
    }

    private var trainValues: [String: SpecValue] {
        var v: [String: SpecValue] = [
            "train.loss": .string(train.loss.rawValue), "train.lr": .double(train.lr),
            "train.schedule": .string(train.schedule.name), "train.weight_decay": .double(train.weightDecay),
            "train.batch": .int(train.batch), "train.epochs": .int(train.epochs),
            "train.betas": .list([.double(train.beta1), .double(train.beta2)]), "train.eps": .double(train.eps),
        ]
        if case .step(let stepSize, let gamma) = train.schedule {
            v["train.step_size"] = .int(stepSize)
            v["train.gamma"] = .double(gamma)
        }
        return v
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

    /// Sorted-key canonical JSON of `fields(prefixes)`, e.g. `{"train.lr":0.001,...}`: the
    /// stable text a stage hashes into its cache key.
    public func canonicalJSON(_ prefixes: String...) -> String {
        "{" + fields(prefixes).map { SpecValue.jsonString($0.path) + ":" + $0.value.canonicalJSON }
            .joined(separator: ",") + "}"
    }
}
