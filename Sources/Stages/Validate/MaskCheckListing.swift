import Foundation
import Imaging
import Spec

/// `pipeline validate SPEC --masks`: the mask check alone, for cleaning a data set before any training.
/// It lists the pairs as ingest does and judges them as validate does, without the cache (phantom
/// slices are generated into a temporary folder, removed afterwards).
public struct MaskCheckListing: Sendable {
    public var verdicts: [MaskVerdict]
    /// Pairs that fail the file checks (no mask, size mismatch, not binary, …): they get no verdict.
    public var badPairs: [BadPair]
    /// What the readers converted on the way (e.g. an RGB file read as gray).
    public var warnings: [String]

    public var flagged: [MaskVerdict] { verdicts.filter(\.isSuspect) }

    public static func check(_ spec: ExperimentSpec) throws -> MaskCheckListing {
        let params = ValidateParams.of(spec)
        switch spec.data {
        case .folders(let folders):
            let listing = try PairFinder.find(folders)
            let pairs = listing.pairs.map { DataPair(id: $0.id, image: $0.image, mask: $0.mask, imageSHA256: "", maskSHA256: "") }
            return judge(DataManifest(pairs: pairs, unmatched: listing.unmatched), params: params)
        case .phantom(let phantom):
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-masks-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let names = try Phantom.writeDataset(to: folder.path, count: phantom.count, seed: UInt64(phantom.seed), size: phantom.size)
            let pairs = names.map { name in
                DataPair(id: PairFinder.stem(name), image: folder.path + "/images/" + name, mask: folder.path + "/masks/" + name,
                         imageSHA256: "", maskSHA256: "")
            }
            return judge(DataManifest(pairs: pairs, unmatched: []), params: params)
        }
    }

    static func judge(_ manifest: DataManifest, params: ValidateParams) -> MaskCheckListing {
        let (pairs, warnings, facts) = ValidatePairsStage.check(manifest, ingestDirectory: URL(fileURLWithPath: "/"))
        return MaskCheckListing(verdicts: MaskCheck.verdicts(facts, thresholds: params.thresholds),
                                badPairs: pairs.dropped, warnings: warnings)
    }
}

extension MaskCheckListing {
    /// One row per pair (id, lung fraction, outside body, border, mean HU, components, verdict), the
    /// bad pairs after it, and `N of M pairs flagged`.
    public var table: String {
        let header = ["id", "lung", "outside", "border", "mean HU", "parts", "verdict"]
        let rows = verdicts.map { v -> [String] in
            let f = v.facts
            return [v.id, Self.percent(f.lungFraction), Self.percent(f.outsideBody), Self.percent(f.borderContact),
                    f.meanHU.map { String(Int($0.rounded())) } ?? "—", String(f.componentCount),
                    v.isSuspect ? "SUSPECT: " + v.findings.map(\.description).joined(separator: "; ") : "ok"]
        }
        let widths = header.indices.dropLast().map { i in ([header] + rows).map { $0[i].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                guard i < widths.count else { return cell }
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        var lines = ([header] + rows).map(line)
        lines += badPairs.map { "bad pair \($0.id): \($0.reason)" }
        let total = verdicts.count + badPairs.count
        lines.append("\(flagged.count) of \(verdicts.count) pairs flagged"
                     + (badPairs.isEmpty ? "" : "; \(badPairs.count) of \(total) not checked (bad pairs, listed above)"))
        return lines.joined(separator: "\n") + "\n"
    }

    static func percent(_ fraction: Double) -> String { String(format: "%.1f %%", fraction * 100) }
}
