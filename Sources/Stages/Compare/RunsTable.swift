import Foundation

/// The `pipeline runs` listing: one row per recorded run, oldest first so the newest is nearest the
/// prompt; Dice columns show "—" for a run without metrics (a failed one).
public enum RunsTable {
    public static let header = ["id", "member", "status", "started", "mean Dice", "pooled Dice"]

    public static func rows(_ records: [RunRecord]) -> [[String]] {
        records.map { record in
            [record.id, record.member, record.status.rawValue, record.started,
             dice(record.metrics["dice.mean"]), dice(record.metrics["dice.pooled"])]
        }
    }

    /// Columns padded to their widest cell; numbers right-aligned.
    public static func render(_ records: [RunRecord]) -> String {
        guard !records.isEmpty else { return "" }
        let table = [header] + rows(records)
        let widths = header.indices.map { column in table.map { $0[column].count }.max()! }
        let numeric: Set<Int> = [4, 5]
        return table.map { row in
            row.indices.map { column in
                let cell = row[column], pad = String(repeating: " ", count: widths[column] - cell.count)
                return numeric.contains(column) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }

    static func dice(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        return String(format: "%.4f", value)
    }
}
