/// The keys a spec may hold, per section. The decoder checks every mapping against this table
/// (unknown keys, did-you-mean) and sweeps check their dotted paths against `fieldPaths`.
enum SpecSchema {
    static let root = ["name", "seed", "description", "data", "intensity", "resize", "split", "augment",
                       "model", "train", "evaluate", "sweep", "executor"]
    static let data = ["images", "masks", "match", "on_bad_pair", "slices", "phantom", "on_suspect_mask", "mask_check"]
    static let phantom = ["count", "size", "seed", "slices"]
    static let maskCheck = ["max_outside_body", "max_border_contact", "max_mean_hu", "max_lung_fraction",
                            "visible_air", "min_air_coverage", "max_score", "min_pairs_for_scores"]
    static let intensity = ["window", "scale"]
    static let split = ["validation", "seed", "train_ids", "validation_ids"]
    static let augment = ["flip_horizontal", "flip_vertical", "rotation", "zoom", "probability"]
    static let model = ["width", "depth", "batch_norm"]
    static let train = ["loss", "lr", "schedule", "step_size", "gamma", "weight_decay", "batch", "epochs",
                        "betas", "eps"]
    static let evaluate = ["threshold", "postprocess", "tta"]
    static let postprocess = ["largest_components", "fill_holes"]
    /// Where stages run; not spec fields (never in a key, never swept).
    static let executor = ["kind", "jobs", "partition", "time", "cpus_per_task", "mem", "sbatch_args"]

    /// Every leaf a sweep may vary, as dotted paths.
    static let fieldPaths: [String] = {
        var paths = ["seed", "resize"]
        paths += data.filter { $0 != "phantom" && $0 != "mask_check" }.map { "data.\($0)" }
        paths += maskCheck.map { "data.mask_check.\($0)" }
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

/// Edit distance counting a swap of neighbours as one edit (optimal string alignment), so
/// `epohcs` is one edit from `epochs`. Case is ignored.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased()), b = Array(b.lowercased())
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
        }
    }
    return d[a.count][b.count]
}

/// The closest candidate, if it is close enough to be a plausible typo: one edit per three
/// characters, at least one.
func suggestion(for key: String, among candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(key, $0)) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(1, key.count / 3) ? best.0 : nil
}
