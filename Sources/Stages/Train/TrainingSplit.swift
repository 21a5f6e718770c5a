import Foundation
import Imaging
import Randomness
import Spec

/// Which cases train and which validate, as written to `split.json`.
public struct TrainingSplit: Codable, Equatable, Sendable {
    public var train: [String]
    public var validation: [String]

    /// `fraction`: `round(f·N)` cases (at least 1) drawn with the spec's seed; the draw depends only on
    /// (seed, the sorted ids), not on file order. `explicit`: the listed ids; `train` empty means
    /// every other case. Throws for unknown ids and for an empty side.
    public static func make(ids: [String], spec: SplitSpec, seed: Int) throws -> TrainingSplit {
        let sorted = ids.sorted()
        let validation: Set<String>
        var train: [String]
        switch spec {
        case .fraction(let fraction):
            let count = min(max(Int((fraction * Double(sorted.count)).rounded()), 1), sorted.count)
            var rng = SplitMix64(seed: UInt64(bitPattern: Int64(seed)), keys: 0x5B117)
            validation = Set(shuffled(sorted, using: &rng).prefix(count))
            train = sorted.filter { !validation.contains($0) }
        case .explicit(let trainIDs, let validationIDs):
            let known = Set(sorted)
            for id in validationIDs where !known.contains(id) { throw StageError.unknownSplitID(id: id, field: "split.validation_ids") }
            for id in trainIDs where !known.contains(id) { throw StageError.unknownSplitID(id: id, field: "split.train_ids") }
            validation = Set(validationIDs)
            train = trainIDs.isEmpty ? sorted.filter { !validation.contains($0) } : trainIDs.sorted()
        }
        guard !train.isEmpty else { throw StageError.emptySplit(side: "training", cases: sorted.count) }
        guard !validation.isEmpty else { throw StageError.emptySplit(side: "validation", cases: sorted.count) }
        return TrainingSplit(train: train, validation: sorted.filter { validation.contains($0) })
    }

    /// Fisher–Yates with our own generator, so an order is the same on every platform and Swift version.
    static func shuffled<T>(_ items: [T], using rng: inout SplitMix64) -> [T] {
        var items = items
        guard items.count > 1 else { return items }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            let j = Int(rng.next() % UInt64(i + 1))
            items.swapAt(i, j)
        }
        return items
    }
}
