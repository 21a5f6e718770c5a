/// 95th-percentile symmetric Hausdorff distance between mask boundaries, in pixels.
///
/// Definition (as MONAI's `compute_hausdorff_distance(percentile: 95)`):
/// - a **boundary pixel** is a foreground pixel with at least one 4-neighbour that is background or
///   outside the image (binary erosion with a cross, border counted as background);
/// - for each boundary pixel of one mask, the Euclidean distance to the nearest boundary pixel of the
///   other; the 95th percentile (linear interpolation) of each directed set; the larger of the two.
///
/// Empty-mask policy: both masks empty → 0 (identical answers); exactly one empty → `nil`
/// (the distance is undefined/infinite; report it as such, count it, never average it as a number).
public func hausdorffDistance95(prediction: BinaryMask, truth: BinaryMask) throws -> Double? {
    try hausdorffDistance(prediction: prediction, truth: truth, percentile: 95)
}

/// Symmetric percentile Hausdorff distance; `percentile: 100` is the classic (maximum) Hausdorff.
/// Same boundary definition and empty-mask policy as `hausdorffDistance95`.
public func hausdorffDistance(prediction: BinaryMask, truth: BinaryMask, percentile q: Double) throws -> Double? {
    try prediction.requireSameSize(as: truth)
    switch (prediction.isEmpty, truth.isEmpty) {
    case (true, true): return 0
    case (true, false), (false, true): return nil
    case (false, false): break
    }
    let predictionEdges = boundaryPixels(of: prediction)
    let truthEdges = boundaryPixels(of: truth)
    let toTruth = directedDistances(from: predictionEdges, to: truthEdges, width: truth.width, height: truth.height)
    let toPrediction = directedDistances(from: truthEdges, to: predictionEdges, width: truth.width, height: truth.height)
    return max(percentile(sorted: toTruth.sorted(), q), percentile(sorted: toPrediction.sorted(), q))
}

/// Indices (y * width + x) of the foreground pixels that touch background or the image border.
public func boundaryPixels(of mask: BinaryMask) -> [Int] {
    var result: [Int] = []
    let w = mask.width, h = mask.height
    for y in 0..<h {
        for x in 0..<w where mask.pixels[y * w + x] {
            let interior = x > 0 && x < w - 1 && y > 0 && y < h - 1
                && mask.pixels[y * w + x - 1] && mask.pixels[y * w + x + 1]
                && mask.pixels[(y - 1) * w + x] && mask.pixels[(y + 1) * w + x]
            if !interior { result.append(y * w + x) }
        }
    }
    return result
}

/// Distance from each `source` pixel to the nearest `target` pixel, via one exact distance transform
/// of the target set (O(pixels)), not the O(|source|·|target|) scan of the reference.
func directedDistances(from source: [Int], to target: [Int], width: Int, height: Int) -> [Double] {
    var isTarget = [Bool](repeating: false, count: width * height)
    for index in target { isTarget[index] = true }
    let squared = squaredEuclideanDistanceTransform(isTarget, width: width, height: height)
    return source.map { squared[$0].squareRoot() }
}
