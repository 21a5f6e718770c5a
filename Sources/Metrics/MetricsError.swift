/// Errors from the metrics module: a mask that does not match its size, or two masks that do not
/// describe the same image. Each message says what to check next.
public enum MetricsError: Error, Equatable, CustomStringConvertible {
    /// `pixels.count` differs from `width * height`.
    case pixelCountMismatch(width: Int, height: Int, count: Int)
    /// A mask must have at least one pixel.
    case emptyImage(width: Int, height: Int)
    /// A volume's voxel count differs from `nx * ny * nz` (`size` is "nx×ny×nz"), or a size is not positive.
    case voxelCountMismatch(size: String, count: Int)
    /// Prediction and ground truth have different sizes.
    case sizeMismatch(prediction: String, truth: String)
    /// Paired statistics need the same number of cases in both runs.
    case caseCountMismatch(first: Int, second: Int)
    /// A statistic over zero cases is undefined.
    case noCases

    public var description: String {
        switch self {
        case let .pixelCountMismatch(w, h, count):
            return "mask has \(count) pixels but its size is \(w)×\(h) = \(w * h); check the width/height passed with the pixels"
        case let .emptyImage(w, h):
            return "mask size \(w)×\(h) has no pixels; width and height must both be positive"
        case let .voxelCountMismatch(size, count):
            return "mask volume has \(count) voxels but its size is \(size); sizes must be positive and match the voxels passed"
        case let .sizeMismatch(prediction, truth):
            return "prediction is \(prediction) but ground truth is \(truth); resize the prediction to the mask's size before scoring"
        case let .caseCountMismatch(first, second):
            return "paired comparison needs the same cases in both runs, got \(first) and \(second) values; evaluate both runs on the same split"
        case .noCases:
            return "no cases to summarise; check that the evaluation split is not empty"
        }
    }
}
