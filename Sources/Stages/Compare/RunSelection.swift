import Foundation

/// Which recorded runs `pipeline report` compares: run ids (or unique prefixes), every member of a spec
/// file, or every member of a named sweep. For a spec or sweep, each member's newest succeeded run.
public enum RunSelection {
    public static func select(ids: [String], spec: URL?, sweep: String?, baseline: String?,
                              store: RunStore) throws -> (runs: [RunRecord], baselineID: String?) {
        var chosen = try ids.map { try store.find($0) }
        let all = store.all()
        if let spec {
            let target = spec.standardizedFileURL.path
            let members = newestPerMember(all.filter { resolve($0.specFile) == target })
            guard !members.isEmpty else { throw CompareError.noRunsSelected("spec \(spec.path)") }
            chosen += members
        }
        if let sweep {
            let members = newestPerMember(all.filter { $0.name == sweep && !$0.sweepValues.isEmpty })
            guard !members.isEmpty else { throw CompareError.noRunsSelected("sweep '\(sweep)'") }
            chosen += members
        }
        var baselineID: String?
        if let baseline {
            let record = try store.find(baseline)
            baselineID = record.id
            if !chosen.contains(where: { $0.id == record.id }) { chosen.insert(record, at: 0) }
        }
        var seen = Set<String>()
        return (chosen.filter { seen.insert($0.id).inserted }, baselineID)
    }

    /// The newest succeeded run of each member, members in order of their first run.
    static func newestPerMember(_ records: [RunRecord]) -> [RunRecord] {
        var order: [String] = []
        var newest: [String: RunRecord] = [:]
        for record in records where record.status == .succeeded {
            if newest[record.member] == nil { order.append(record.member) }
            newest[record.member] = record  // records come oldest first
        }
        return order.compactMap { newest[$0] }
    }

    static func resolve(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
