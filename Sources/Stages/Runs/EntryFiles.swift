/// File names inside cache entries that more than one part of the tool reads. A stage's other
/// outputs are its own business; these are the contract between stages, runs, report and predict.
public enum EntryFiles {
    // ingest
    public static let manifest = "manifest.json"
    // validate
    public static let pairs = "pairs.json"
    public static let maskCheck = "mask-check.json"
    public static let maskOverlays = "mask-check"
    // preprocess
    public static let cases = "cases.json"
    public static let images = "images.f32"
    public static let masks = "masks.u8"
    // train
    public static let model = "model.safetensors"
    public static let history = "history.json"
    public static let split = "split.json"
    // evaluate
    public static let caseMetrics = "case-metrics.json"
    public static let predictions = "predictions.u8"
    /// Only when validation cases come from volumes.
    public static let volumeMetrics = "volume-metrics.json"
    // report
    public static let summary = "summary.json"
}
