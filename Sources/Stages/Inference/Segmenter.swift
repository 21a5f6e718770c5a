import Imaging
import NN
import Spec
import Tensor

/// A trained U-Net applied to preprocessed slices: probabilities, then masks. Evaluate and predict both
/// go through this type, so a threshold or post-processing rule cannot differ between them.
///
/// Post-processing order: threshold (p ≥ threshold is lung), keep the `largestComponents` largest
/// 8-connected components (0 keeps all), then fill holes (background not reaching the border).
public struct Segmenter {
    public let model: UNet
    public var threshold: Float
    /// Keep this many largest 8-connected components; 0 keeps every component.
    public var largestComponents: Int
    public var fillHoles: Bool
    /// Average the prediction with the un-flipped prediction of the left-right flipped slice.
    public var flipTTA: Bool

    /// Components touch through edges and corners: two lungs joined by one diagonal pixel are one region.
    public static let connectivity = Connectivity.eight

    /// The evaluate section's settings (threshold, post-processing, TTA), as evaluate and predict use them.
    public init(model: UNet, evaluate settings: EvaluateSpec) {
        self.init(model: model, threshold: Float(settings.threshold), largestComponents: settings.largestComponents,
                  fillHoles: settings.fillHoles, flipTTA: settings.tta == .flip)
    }

    public init(model: UNet, threshold: Float, largestComponents: Int, fillHoles: Bool, flipTTA: Bool) {
        precondition(largestComponents >= 0, "largestComponents must be ≥ 0 (0 keeps all), got \(largestComponents)")
        self.model = model; self.threshold = threshold; self.largestComponents = largestComponents
        self.fillHoles = fillHoles; self.flipTTA = flipTTA
    }

    /// images: H×W row-major each, already preprocessed (see Preprocessor) -> probabilities, same layout.
    /// Runs `batch` slices per forward pass; the result does not depend on `batch` (inference mode
    /// uses BN running statistics).
    public func probabilities(images: [[Float]], height: Int, width: Int, batch: Int) throws -> [[Float]] {
        try model.checkInput(height: height, width: width)
        precondition(batch > 0, "batch must be positive, got \(batch)")
        for (index, image) in images.enumerated() where image.count != height * width {
            throw InferenceError.imageSize(index: index, expected: height * width, found: image.count)
        }
        var result: [[Float]] = []
        result.reserveCapacity(images.count)
        var start = 0
        while start < images.count {
            let chunk = Array(images[start..<min(start + batch, images.count)])
            var probabilities = predict(chunk, height: height, width: width)
            if flipTTA {
                let flipped = predict(chunk.map { Segmenter.flippedHorizontally($0, width: width) },
                                      height: height, width: width)
                for i in probabilities.indices {
                    let unflipped = Segmenter.flippedHorizontally(flipped[i], width: width)
                    for p in probabilities[i].indices { probabilities[i][p] = (probabilities[i][p] + unflipped[p]) / 2 }
                }
            }
            result += probabilities
            start += chunk.count
        }
        return result
    }

    /// Probabilities turned into 0/1 masks with the post-processing above.
    public func masks(images: [[Float]], height: Int, width: Int, batch: Int) throws -> [[UInt8]] {
        try probabilities(images: images, height: height, width: width, batch: batch).map {
            mask(probabilities: $0, height: height, width: width)
        }
    }

    /// One probability map (H×W, any size) -> 0/1 mask: threshold, largest components, fill holes.
    /// Predict calls this after resizing the probabilities back to the input's size.
    public func mask(probabilities: [Float], height: Int, width: Int) -> [UInt8] {
        var mask = Image(width: width, height: height, pixels: probabilities).thresholded(at: threshold)
        if largestComponents > 0 {
            mask = mask.keepingLargestComponents(largestComponents, connectivity: Segmenter.connectivity)
        }
        if fillHoles { mask = mask.fillingHoles() }
        return mask.pixels.map { $0 != 0 ? 1 : 0 }
    }

    /// One forward pass over a chunk of slices.
    private func predict(_ chunk: [[Float]], height: Int, width: Int) -> [[Float]] {
        let input = Tensor(batch: chunk.count, channels: 1, height: height, width: width)
        input.load(nchw: Array(chunk.joined()))
        let out = model.predict(input)
        let flat = out.nchw()
        let size = height * width
        return (0..<chunk.count).map { Array(flat[($0 * size)..<(($0 + 1) * size)]) }
    }

    /// Mirrors each row (x → width − 1 − x).
    static func flippedHorizontally(_ pixels: [Float], width: Int) -> [Float] {
        var out = pixels
        let height = pixels.count / width
        for y in 0..<height {
            let row = y * width
            for x in 0..<width { out[row + x] = pixels[row + width - 1 - x] }
        }
        return out
    }
}

/// Misuse of the inference API that a caller can correct.
public enum InferenceError: Error, Equatable, CustomStringConvertible {
    case imageSize(index: Int, expected: Int, found: Int)

    public var description: String {
        switch self {
        case let .imageSize(index, expected, found):
            return "image \(index) holds \(found) pixels, expected \(expected) (height × width); "
                + "preprocess every slice to the model's input size first"
        }
    }
}
