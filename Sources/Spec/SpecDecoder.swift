/// Turns one YAML document (a sweep member's, with its overrides applied) into an
/// `ExperimentSpec`, reporting every problem it meets. The result is meaningful only when no
/// diagnostic was reported.
struct SpecDecoder {
    /// Absolute path of the spec file; relative data paths resolve against its folder.
    let specFile: String
    let diagnostics: Diagnostics
    /// False when reading back a spec a run recorded: its data folders may have moved since, and
    /// only the settings are needed (predict).
    var checksFolders = true

    func decode(_ root: YAMLNode) -> ExperimentSpec {
        let r = SectionReader(root, path: "", at: YAMLMark(line: 1, column: 1), allowed: SpecSchema.root,
                              diagnostics: diagnostics)
        let name = decodeName(r)
        let model = decodeModel(r.section("model", allowed: SpecSchema.model))
        let resize = decodeResize(r)
        var maskCheck = MaskCheckSpec()
        let data = decodeData(r, maskCheck: &maskCheck)
        let splitSection = r.section("split", allowed: SpecSchema.split)
        let split = decodeSplit(splitSection)
        let splitSeed = decodeSplitSeed(splitSection, split: split)
        checkDivisible(resize, by: model, r)
        if case .phantom(let p) = data, case .fraction(let v) = split { checkPhantomSplit(p, v, r) }
        return ExperimentSpec(
            name: name, memberName: name, sourceFile: specFile,
            description: r.string("description") ?? "",
            seed: r.int("seed", default: 0, in: 0...Int.max),
            data: data,
            intensity: decodeIntensity(r.section("intensity", allowed: SpecSchema.intensity)),
            resize: resize, split: split, splitSeed: splitSeed,
            augment: decodeAugment(r.section("augment", allowed: SpecSchema.augment)),
            model: model,
            train: decodeTrain(r.section("train", allowed: SpecSchema.train)),
            evaluate: decodeEvaluate(r.section("evaluate", allowed: SpecSchema.evaluate)),
            sweepValues: [:],
            executor: decodeExecutor(r.section("executor", allowed: SpecSchema.executor)), maskCheck: maskCheck)
    }

    /// The name becomes a folder under runs/, so it must be one path component.
    private func decodeName(_ r: SectionReader) -> String {
        let stem = specFile.split(separator: "/").last.map { String($0.split(separator: ".", maxSplits: 1).first ?? $0) }
        guard let name = r.string("name") else { return stem ?? "experiment" }
        if name.isEmpty || name.contains("/") || name.hasPrefix(".") {
            r.report(.outOfRange("must be a non-empty name without '/' and not starting with '.', found '\(name)'"), at: "name")
        }
        return name
    }

    private func decodeIntensity(_ s: SectionReader) -> IntensitySpec {
        if s.has("window") && s.has("scale") {
            s.report(.conflict("give either intensity.window or intensity.scale, not both"), at: "scale")
        }
        if s.has("scale") {
            return .scale(s.double("scale", default: 255, must: "greater than 0") { $0 > 0 })
        }
        let w = s.pair("window", default: (-1000, 400), must: "must be [lo, hi] with lo < hi") { $0 < $1 }
        return .window(lo: w.0, hi: w.1)
    }

    /// `resize: 256` (square) or `resize: [height, width]`.
    private func decodeResize(_ r: SectionReader) -> ResizeSpec {
        guard let node = r["resize"] else { return ResizeSpec() }
        let sides: [YAMLNode]
        switch node {
        case .sequence(let items, _) where items.count == 2: sides = items
        case .scalar(_, false, _) where !node.isNull: sides = [node, node]
        default:
            r.report(.wrongType(expected: "an integer or a list [height, width]", found: node.found), at: "resize")
            return ResizeSpec()
        }
        let values = sides.map { FieldValue.int($0, path: "resize", diagnostics) }
        guard let h = values[0], let w = values[1] else { return ResizeSpec() }
        guard (8...4096).contains(h), (8...4096).contains(w) else {
            r.report(.outOfRange("sides must be in 8…4096, found \(h)×\(w)"), at: "resize")
            return ResizeSpec()
        }
        return ResizeSpec(height: h, width: w)
    }

    /// `split.seed`, which draws a fraction split; listed ids need none.
    private func decodeSplitSeed(_ s: SectionReader, split: SplitSpec) -> Int? {
        guard s.has("seed") else { return nil }
        if case .explicit = split {
            s.report(.conflict("split.seed draws split.validation; with listed validation_ids there is nothing to draw, remove it"), at: "seed")
            return nil
        }
        return s.int("seed", default: 0, in: 0...Int.max)
    }

    private func decodeSplit(_ s: SectionReader) -> SplitSpec {
        let explicit = s.has("validation_ids") || s.has("train_ids")
        if s.has("validation") && explicit {
            s.report(.conflict("give either split.validation (a fraction) or split.validation_ids, not both"),
                     at: "validation")
        }
        guard explicit else {
            return .fraction(validation: s.double("validation", default: 0.2, must: "a fraction strictly between 0 and 1") {
                $0 > 0 && $0 < 1
            })
        }
        guard s.has("validation_ids") else {
            s.report(.missingField("train_ids needs validation_ids beside it (the pairs held out for validation)"),
                     at: "train_ids")
            return .fraction(validation: 0.2)
        }
        let validation = s["validation_ids"].flatMap { FieldValue.stringList($0, path: s.child("validation_ids"), diagnostics) } ?? []
        let train = s["train_ids"].flatMap { FieldValue.stringList($0, path: s.child("train_ids"), diagnostics) } ?? []
        if validation.isEmpty, s["validation_ids"].map({ if case .sequence = $0 { return true } else { return false } }) == true {
            s.report(.outOfRange("must name at least one pair"), at: "validation_ids")
        }
        let overlap = Set(train).intersection(validation).sorted()
        if !overlap.isEmpty {
            s.report(.conflict("in both train_ids and validation_ids: \(overlap.joined(separator: ", "))"), at: "validation_ids")
        }
        return .explicit(train: train, validation: validation)
    }

    private func decodeAugment(_ s: SectionReader) -> AugmentSpec {
        var a = AugmentSpec()
        a.flipHorizontal = s.probability("flip_horizontal", default: 0)
        a.flipVertical = s.probability("flip_vertical", default: 0)
        a.rotation = s.double("rotation", default: 0, must: "in 0…180 degrees") { (0...180).contains($0) }
        let zoom = s.pair("zoom", default: (1, 1), must: "must be [lo, hi] with 0 < lo ≤ hi ≤ 10") {
            $0 > 0 && $0 <= $1 && $1 <= 10
        }
        a.zoom = (lo: zoom.0, hi: zoom.1)
        a.probability = s.probability("probability", default: 1)
        return a
    }

    private func decodeModel(_ s: SectionReader) -> ModelSpec {
        ModelSpec(width: s.int("width", default: 16, in: 1...1024),
                  depth: s.int("depth", default: 4, in: 1...6),
                  batchNorm: s.bool("batch_norm", default: false))
    }

    private func decodeEvaluate(_ s: SectionReader) -> EvaluateSpec {
        let post = s.section("postprocess", allowed: SpecSchema.postprocess)
        return EvaluateSpec(
            threshold: s.double("threshold", default: 0.5, must: "strictly between 0 and 1") { $0 > 0 && $0 < 1 },
            largestComponents: post.int("largest_components", default: 0, in: 0...1000),
            fillHoles: post.bool("fill_holes", default: false),
            tta: s.choice("tta", default: TTAKind.none))
    }

    /// The U-Net halves the image `depth` times and must land on whole pixels each time.
    private func checkDivisible(_ resize: ResizeSpec, by model: ModelSpec, _ r: SectionReader) {
        let factor = 1 << model.depth
        guard resize.height % factor != 0 || resize.width % factor != 0 else { return }
        let near = max(factor, resize.height / factor * factor)
        let message = "\(resize.height)×\(resize.width) is not divisible by 2^\(model.depth) = \(factor) "
            + "(model.depth \(model.depth)); use a multiple of \(factor) such as \(near) or \(near + factor)"
        if r.has("resize") {
            r.report(.outOfRange(message), at: "resize")
        } else {
            r.section("model", allowed: SpecSchema.model).report(.outOfRange(message), at: "depth")
        }
    }

    /// With a phantom the pair count is known now, so an empty training or validation set is caught here.
    private func checkPhantomSplit(_ p: PhantomData, _ validation: Double, _ r: SectionReader) {
        let held = Int((Double(p.count) * validation).rounded())
        guard held < 1 || held >= p.count else { return }
        r.section("split", allowed: SpecSchema.split).report(
            .outOfRange("leaves \(held) of data.phantom.count \(p.count) pairs for validation; each set needs at least one"),
            at: "validation")
    }
}
