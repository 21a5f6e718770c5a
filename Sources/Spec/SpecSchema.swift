/// The keys a spec may hold, per section. The decoder checks every mapping against this table
/// (unknown keys, did-you-mean) and sweeps check their dotted paths against `fieldPaths`.
enum SpecSchema {
    static let root = ["name", "seed", "description", "data", "intensity", "resize", "split", "augment",
                       "model", "train", "evaluate", "sweep"]
    static let data = ["images", "masks", "match", "on_bad_pair", "phantom"]
    static let phantom = ["count", "size", "seed"]
    static let intensity = ["window", "scale"]
    static let split = ["validation", "train_ids", "validation_ids"]
    static let augment = ["flip_horizontal", "flip_vertical", "rotation", "zoom", "probability"]
    static let model = ["width", "depth", "batch_norm"]
    static let train = ["loss", "lr", "schedule", "step_size", "gamma", "weight_decay", "batch", "epochs",
                        "betas", "eps"]
    static let evaluate = ["threshold", "postprocess", "tta"]
    static let postprocess = ["largest_components", "fill_holes"]

    /// Every leaf a sweep may vary, as dotted paths.
    static let fieldPaths: [String] = {
        var paths = ["seed", "resize"]
        paths += data.filter { $0 != "phantom" }.map { "data.\($0)" }
        paths += phantom.map { "data.phantom.\($0)" }
        paths += intensity.map { "intensity.\($0)" }
        paths += split.map { "split.\($0)" }
        paths += augment.map { "augment.\($0)" }
        paths += model.map { "model.\($0)" }
        paths += train.map { "train.\($0)" }
        paths += evaluate.filter { $0 != "postprocess" }.map { "evaluate.\($0)" }
        paths += postprocess.map { "evaluate.postprocess.\($0)" }
        return paths
    }()
}

/// Levenshtein distance, for did-you-mean suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased()), b = Array(b.lowercased())
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        previous = current
    }
    return previous[b.count]
}

/// The closest candidate, if it is close enough to be a plausible typo.
func suggestion(for key: String, among candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(key, $0)) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(2, key.count / 3) ? best.0 : nil
}
