/// Each spec section encodes as its fields, named as in the YAML (`batch_norm`, `flip_horizontal`, …).
/// This is the one place those names are written for reading code: `ExperimentSpec.values` flattens
/// these encodings to dotted paths, and each stage's params struct (which is its cache key) encodes
/// the sections it reads through them, so a field a stage reads cannot be missing from its key.
/// Fields that do not apply are absent: `train.gamma` exists only for `schedule: step`.

/// A dynamic coding key, for fields whose names are data (`data.phantom`, `postprocess`).
struct FieldKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedEncodingContainer where K == FieldKey {
    mutating func encode<T: Encodable>(_ value: T, _ name: String) throws { try encode(value, forKey: FieldKey(name)) }
}

extension FolderData: Encodable {
    /// The ingest stage reads `images`, `masks` and `match`; validate reads `on_bad_pair`.
    public func encode(to encoder: Encoder) throws {
        try encodeSource(to: encoder)
        var c = encoder.container(keyedBy: FieldKey.self)
        try c.encode(onBadPair.rawValue, "on_bad_pair")
        if volumes { try c.encode(selection.text, "slices") }
    }

    /// Only the fields that say which files are read: what the ingest stage's key covers.
    public func encodeSource(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: FieldKey.self)
        try c.encode(images.resolved, "images")
        try c.encode(masks.resolved, "masks")
        try c.encode(match.rawValue, "match")
    }
}

extension PhantomData: Encodable {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: FieldKey.self)
        var phantom = c.nestedContainer(keyedBy: FieldKey.self, forKey: FieldKey("phantom"))
        try phantom.encode(count, "count")
        try phantom.encode(size, "size")
        try phantom.encode(seed, "seed")
        // Only volume phantoms have these, so the keys of 2D phantom specs stay as they were.
        guard let slices else { return }
        try phantom.encode(slices, "slices")
    }

    /// The full spec's fields: the phantom's, and `data.slices` for volumes (which preprocess reads).
    func encodeWithSelection(to encoder: Encoder) throws {
        try encode(to: encoder)
        guard slices != nil else { return }
        var c = encoder.container(keyedBy: FieldKey.self)
        try c.encode(selection.text, "slices")
    }
}

extension DataSpec: Encodable {
    public func encode(to encoder: Encoder) throws {
        switch self {
        case .folders(let folders): try folders.encode(to: encoder)
        case .phantom(let phantom): try phantom.encodeWithSelection(to: encoder)
        }
    }
}

extension MaskCheckSpec: Encodable {
    /// Every field, under `data`: `on_suspect_mask` and the `mask_check` section.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: FieldKey.self)
        try c.encode(onSuspectMask.rawValue, "on_suspect_mask")
        var t = c.nestedContainer(keyedBy: FieldKey.self, forKey: FieldKey("mask_check"))
        for (name, value) in thresholdFields { try MaskCheckSpec.put(value, name, into: &t) }
    }

    /// Only the fields that differ from their defaults, so that specs which never name them keep their
    /// validate key; nothing at all when every field is its default.
    public func encodeChanges(to encoder: Encoder) throws {
        let defaults = MaskCheckSpec()
        var c = encoder.container(keyedBy: FieldKey.self)
        if onSuspectMask != defaults.onSuspectMask { try c.encode(onSuspectMask.rawValue, "on_suspect_mask") }
        let changed = zip(thresholdFields, defaults.thresholdFields).filter { $0.0.value != $0.1.value }.map(\.0)
        guard !changed.isEmpty else { return }
        var t = c.nestedContainer(keyedBy: FieldKey.self, forKey: FieldKey("mask_check"))
        for (name, value) in changed { try MaskCheckSpec.put(value, name, into: &t) }
    }

    /// The one integer among the thresholds is written as one.
    static func put(_ value: Double, _ name: String, into t: inout KeyedEncodingContainer<FieldKey>) throws {
        if name == "min_pairs_for_scores" { try t.encode(Int(value), name) } else { try t.encode(value, name) }
    }

    /// `data.mask_check.*` in the order of `SpecSchema.maskCheck`.
    var thresholdFields: [(name: String, value: Double)] {
        zip(SpecSchema.maskCheck, [maxOutsideBody, maxBorderContact, maxMeanHU, maxLungFraction, visibleAir,
                                   minAirCoverage, maxScore, Double(minPairsForScores)]).map { ($0, $1) }
    }

    /// True when no field differs from its default.
    public var isDefault: Bool { self == MaskCheckSpec() }
}

/// The `data` section as a whole: where the pairs come from and how their masks are checked.
struct DataFields: Encodable {
    var data: DataSpec
    var maskCheck: MaskCheckSpec

    func encode(to encoder: Encoder) throws {
        try data.encode(to: encoder)
        try maskCheck.encode(to: encoder)
    }
}

extension IntensitySpec: Encodable {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: FieldKey.self)
        switch self {
        case let .window(lo, hi): try c.encode([lo, hi], "window")
        case let .scale(divisor): try c.encode(divisor, "scale")
        }
    }
}

extension ResizeSpec: Encodable {
    /// A list `[height, width]`: `resize` is one field.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode([height, width])
    }
}

extension SplitSpec: Encodable {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: FieldKey.self)
        switch self {
        case let .fraction(validation): try c.encode(validation, "validation")
        case let .explicit(train, validation):
            try c.encode(train, "train_ids")
            try c.encode(validation, "validation_ids")
        }
    }
}

/// The split and, when it differs from the spec's `seed`, the seed its fraction is drawn with.
public struct SplitFields: Encodable, Equatable, Sendable {
    public var split: SplitSpec
    public var seed: Int?

    public func encode(to encoder: Encoder) throws {
        try split.encode(to: encoder)
        guard let seed else { return }
        var c = encoder.container(keyedBy: FieldKey.self)
        try c.encode(seed, "seed")
    }
}

extension AugmentSpec: Encodable {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: FieldKey.self)
        try c.encode(flipHorizontal, "flip_horizontal")
        try c.encode(flipVertical, "flip_vertical")
        try c.encode(rotation, "rotation")
        try c.encode([zoom.lo, zoom.hi], "zoom")
        try c.encode(probability, "probability")
    }
}

extension ModelSpec: Encodable {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: FieldKey.self)
        try c.encode(width, "width")
        try c.encode(depth, "depth")
        try c.encode(batchNorm, "batch_norm")
    }
}

extension TrainSpec: Encodable {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: FieldKey.self)
        try c.encode(loss.rawValue, "loss")
        try c.encode(lr, "lr")
        try c.encode(schedule.name, "schedule")
        if case let .step(stepSize, gamma) = schedule {
            try c.encode(stepSize, "step_size")
            try c.encode(gamma, "gamma")
        }
        try c.encode(weightDecay, "weight_decay")
        try c.encode(batch, "batch")
        try c.encode(epochs, "epochs")
        try c.encode([beta1, beta2], "betas")
        try c.encode(eps, "eps")
    }
}

extension EvaluateSpec: Encodable {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: FieldKey.self)
        try c.encode(threshold, "threshold")
        var post = c.nestedContainer(keyedBy: FieldKey.self, forKey: FieldKey("postprocess"))
        try post.encode(largestComponents, "largest_components")
        try post.encode(fillHoles, "fill_holes")
        try c.encode(tta.rawValue, "tta")
    }
}

extension ExperimentSpec: Encodable {
    /// Every field that can change a result. `name` and `description` are labels and are left out, so
    /// renaming an experiment does not invalidate its cached stages.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: FieldKey.self)
        try c.encode(seed, "seed")
        try c.encode(DataFields(data: data, maskCheck: maskCheck), "data")
        try c.encode(intensity, "intensity")
        try c.encode(resize, "resize")
        // Every field as resolved: split.seed whenever it was given or pinned by a seed sweep (stage keys
        // use `splitFields`, which omits it when it equals `seed`).
        if case .fraction = split, let splitSeed {
            try c.encode(SplitFields(split: split, seed: splitSeed), "split")
        } else {
            try c.encode(SplitFields(split: split, seed: nil), "split")
        }
        try c.encode(augment, "augment")
        try c.encode(model, "model")
        try c.encode(train, "train")
        try c.encode(evaluate, "evaluate")
    }
}
