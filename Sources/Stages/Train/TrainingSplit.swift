import Foundation
import Imaging
import Randomness
import Spec

/// Which cases train and which validate, as written to `split.json`.
public struct TrainingSplit: Codable, Equatable, Sendable {
    public var train: [String]
    public var validation: [String]

    /// `fraction`: `round(f·N)` groups (at least 1) drawn with the spec's seed; the draw depends only on
    /// (seed, the sorted groups), not on file order. A case's group is its volume for slices cut from a
    /// volume, so no volume lands on both sides; a 2D slice is its own group (then N is the case count
    /// and the draw is the same as before groups existed). `explicit`: the listed ids, each a case or a
    /// whole volume; `train` empty means every other case. Throws for unknown ids and for an empty side.
    /// `groups[i]` is the group of `ids[i]`; nil means every case is its own group.
    public static func make(ids: [String], groups: [String]? = nil, spec: SplitSpec, seed: Int) throws -> TrainingSplit {
        let sorted = ids.sorted()
        let groupOf = Dictionary(zip(ids, groups ?? ids), uniquingKeysWith: { first, _ in first })
        let members = Dictionary(grouping: sorted) { groupOf[$0] ?? $0 }
        let validation: Set<String>
        var train: [String]
        switch spec {
        case .fraction(let fraction):
            let units = members.keys.sorted()
            let count = min(max(Int((fraction * Double(units.count)).rounded()), 1), units.count)
            var rng = SplitMix64(seed: UInt64(bitPattern: Int64(seed)), keys: 0x5B117)
            validation = Set(shuffled(units, using: &rng).prefix(count).flatMap { members[$0] ?? [] })
            train = sorted.filter { !validation.contains($0) }
        case .explicit(let trainIDs, let validationIDs):
            let known = Set(sorted)
            func expand(_ listed: [String], field: String) throws -> [String] {
                try listed.flatMap { id -> [String] in
                    if known.contains(id) { return [id] }
                    if let slices = members[id] { return slices }
                    throw StageError.unknownSplitID(id: id, field: field)
                }
            }
            validation = Set(try expand(validationIDs, field: "split.validation_ids"))
            let listedTrain = try expand(trainIDs, field: "split.train_ids")
            train = listedTrain.isEmpty ? sorted.filter { !validation.contains($0) } : listedTrain.sorted()
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
