import Foundation
import Tensor

// Segmentation losses on one-channel logits, each with its gradient w.r.t. the logits.
// Sums run in Double; values and gradients are returned in Float.
//
// - BCE with logits: mean over all N·H·W pixels (PyTorch's reduction="mean"), in the stable form
//   max(x,0) − x·y + log1p(exp(−|x|)); gradient (sigmoid(x) − y) / (N·H·W).
// - Soft Dice: per image, dice_n = (2·Σ p·y + s) / (Σ p + Σ y + s) with p = sigmoid(x) and smoothing
//   s = 1 (so an empty prediction of an empty mask scores 1, not NaN); loss = 1 − mean over images.
// - bceDice: their sum.

public enum LossKind: String, CaseIterable, Sendable {
    case bce, dice, bceDice
}

/// Dice smoothing term s, added to numerator and denominator.
public let diceSmoothing: Double = 1

/// logits, target (N,1,H,W) -> loss; dlogits (N,1,H,W) overwritten with dloss/dlogits when non-nil.
/// The first term overwrites dlogits' interior (no separate pass zeroing the whole blocked tensor).
public func computeLoss(dlogits: Tensor?, logits: Tensor, target: Tensor, kind: LossKind) -> Float {
    switch kind {
    case .bce: return bceWithLogitsLoss(dlogits: dlogits, logits: logits, target: target, accumulate: false)
    case .dice: return softDiceLoss(dlogits: dlogits, logits: logits, target: target, accumulate: false)
    case .bceDice:
        return bceWithLogitsLoss(dlogits: dlogits, logits: logits, target: target, accumulate: false)
            + softDiceLoss(dlogits: dlogits, logits: logits, target: target)
    }
}

/// logits, target (N,1,H,W) -> mean binary cross-entropy; dlogits ACCUMULATED (+=) when non-nil.
/// Images are split over the cores; each image's sum is kept and the images added in order, so the
/// value does not depend on the thread count.
public func bceWithLogitsLoss(dlogits: Tensor?, logits: Tensor, target: Tensor) -> Float {
    bceWithLogitsLoss(dlogits: dlogits, logits: logits, target: target, accumulate: true)
}

/// The same; `accumulate: false` overwrites the interior of dlogits instead of adding to it.
func bceWithLogitsLoss(dlogits: Tensor?, logits: Tensor, target: Tensor, accumulate: Bool) -> Float {
    checkLossShapes(dlogits, logits, target)
    let count = Float(logits.batch * logits.height * logits.width)
    let perImage = UnsafeMutablePointer<Double>.allocate(capacity: logits.batch)
    defer { perImage.deallocate() }
    forEachImage(logits.batch, work: logits.imageStride * 8) { n in
        var total: Double = 0
        for y in 0..<logits.height {
            let x = logits.data + logits.index(n, 0, y, 0), t = target.data + target.index(n, 0, y, 0)
            var row: Float = 0
            for i in 0..<logits.width {
                let xi = x[16 * i], ti = t[16 * i]
                row += max(xi, 0) - xi * ti + log1pf(expf(-abs(xi)))
            }
            total += Double(row)
            if let dlogits {
                let d = dlogits.data + dlogits.index(n, 0, y, 0)
                for i in 0..<logits.width {
                    let g = (stableSigmoid(x[16 * i]) - t[16 * i]) / count
                    d[16 * i] = accumulate ? d[16 * i] + g : g
                }
            }
        }
        perImage[n] = total
    }
    var total: Double = 0
    for n in 0..<logits.batch { total += perImage[n] }
    return Float(total / Double(count))
}

/// logits, target (N,1,H,W) -> 1 − mean per-image soft Dice; dlogits ACCUMULATED (+=) when non-nil.
public func softDiceLoss(dlogits: Tensor?, logits: Tensor, target: Tensor) -> Float {
    softDiceLoss(dlogits: dlogits, logits: logits, target: target, accumulate: true)
}

/// The same; `accumulate: false` overwrites the interior of dlogits instead of adding to it.
func softDiceLoss(dlogits: Tensor?, logits: Tensor, target: Tensor, accumulate: Bool) -> Float {
    checkLossShapes(dlogits, logits, target)
    let batch = Double(logits.batch)
    let perImage = UnsafeMutablePointer<Double>.allocate(capacity: logits.batch)
    defer { perImage.deallocate() }
    forEachImage(logits.batch, work: logits.imageStride * 8) { n in
        var intersection: Double = 0, total: Double = 0
        for y in 0..<logits.height {
            let x = logits.data + logits.index(n, 0, y, 0), t = target.data + target.index(n, 0, y, 0)
            for i in 0..<logits.width {
                let p = Double(stableSigmoid(x[16 * i])), ti = Double(t[16 * i])
                intersection += p * ti; total += p + ti
            }
        }
        let numerator = 2 * intersection + diceSmoothing, denominator = total + diceSmoothing
        perImage[n] = numerator / denominator
        guard let dlogits else { return }
        // d dice / d p_i = (2 y_i · D − N) / D², times dp/dx = p(1 − p), times −1/batch.
        for y in 0..<logits.height {
            let x = logits.data + logits.index(n, 0, y, 0), t = target.data + target.index(n, 0, y, 0)
            let d = dlogits.data + dlogits.index(n, 0, y, 0)
            for i in 0..<logits.width {
                let p = Double(stableSigmoid(x[16 * i]))
                let dDice = (2 * Double(t[16 * i]) * denominator - numerator) / (denominator * denominator)
                let g = Float(-dDice * p * (1 - p) / batch)
                d[16 * i] = accumulate ? d[16 * i] + g : g
            }
        }
    }
    var diceSum: Double = 0
    for n in 0..<logits.batch { diceSum += perImage[n] }
    return Float(1 - diceSum / batch)
}

private func checkLossShapes(_ dlogits: Tensor?, _ logits: Tensor, _ target: Tensor) {
    precondition(logits.channels == 1 && logits.shape == target.shape,
                 "losses take one-channel logits and a target of the same shape: \(logits.shape) vs \(target.shape)")
    if let dlogits { precondition(dlogits.shape == logits.shape, "dlogits \(dlogits.shape) vs logits \(logits.shape)") }
}
