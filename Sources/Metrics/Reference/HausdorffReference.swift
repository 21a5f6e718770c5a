/// Brute-force oracle for `hausdorffDistance`: every boundary pixel against every other boundary pixel.
/// O(|A|·|B|); kept beside the fast path as the test oracle, never used for real evaluation.
public func hausdorffDistanceReference(prediction: BinaryMask, truth: BinaryMask, percentile q: Double) throws -> Double? {
    try prediction.requireSameSize(as: truth)
    switch (prediction.isEmpty, truth.isEmpty) {
    case (true, true): return 0
    case (true, false), (false, true): return nil
    case (false, false): break
    }
    let a = boundaryPixels(of: prediction), b = boundaryPixels(of: truth)
    let w = truth.width
    func nearest(_ index: Int, in set: [Int]) -> Double {
        var best = Double.infinity
        for other in set {
            let dx = Double(index % w - other % w), dy = Double(index / w - other / w)
            best = min(best, (dx * dx + dy * dy).squareRoot())
        }
        return best
    }
    let ab = a.map { nearest($0, in: b) }.sorted()
    let ba = b.map { nearest($0, in: a) }.sorted()
    return max(percentile(sorted: ab, q), percentile(sorted: ba, q))
}
