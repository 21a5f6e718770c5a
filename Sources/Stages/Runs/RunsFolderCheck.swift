import Foundation
import Pipeline

/// `pipeline check`: everything in a runs folder that breaks the promise that a recorded run's
/// entries are there and intact, and what `--repair` did about it.
public struct RunsFolderCheck {
    /// One problem, in words that name the file and what to do.
    public struct Problem: Equatable, Sendable {
        public var text: String
        /// Whether `--repair` can mend it (otherwise a person must decide).
        public var repairable: Bool
    }

    public var problems: [Problem]
    /// Facts worth knowing that are not damage: interrupted runs (a rerun of their spec resumes them).
    public var notes: [String]
    public var entriesChecked: Int
    public var runsChecked: Int
    /// Lines saying what `--repair` did; empty without it.
    public var repaired: [String]

    /// Whether nothing is left that needs a person (or a repair).
    public var isClean: Bool { problems.isEmpty || (!repaired.isEmpty && problems.allSatisfy(\.repairable)) }

    /// Verifies every cache entry by hash, finds unfinished temporaries, run folders without a readable
    /// record and succeeded runs whose entries are gone; interrupted runs are noted. With `repair`,
    /// damaged entries and temporaries are removed and interrupted runs are recorded as such.
    public static func run(runsRoot: URL, repair: Bool) throws -> RunsFolderCheck {
        let cache = StageCache(root: runsRoot)
        let store = RunStore(root: runsRoot)
        let audit = try cache.audit()
        var problems = audit.findings.map { Problem(text: "\($0.kind.rawValue) \($0.path): \($0.reason)", repairable: true) }
        let (records, unreadable) = store.scan()
        let unstarted = unreadable.filter { store.isUnstarted(id: $0.id) }
        problems += unreadable.map { run in
            unstarted.contains(run)
                ? Problem(text: "run folder \(store.directory(for: run.id).path) is empty: a run killed as it started", repairable: true)
                : Problem(text: "run folder \(run.path): \(run.reason)", repairable: false)
        }
        let interrupted = records.filter { $0.status == .interrupted }
        let notes = interrupted.map { "note: run \($0.id) was interrupted; rerunning its spec resumes from its checkpoints" }
        let damaged = Set(audit.findings.filter { $0.kind == .damagedEntry }.map(\.key))
        for record in records where record.status == .succeeded {
            for (stage, key) in Experiment.orderedKeys(record.stageKeys) where !damaged.contains(key) {
                if case .absent = cache.inspect(key: key) {
                    problems.append(Problem(text: "run \(record.id): its \(stage) entry \(key.prefix(12)) is gone; "
                                            + "rerun its spec to rebuild it", repairable: false))
                }
            }
        }
        var repaired: [String] = []
        if repair {
            repaired = try cache.repair(audit.findings)
            for run in unstarted {
                FileIO.removeIfPresent(store.directory(for: run.id))
                repaired.append("removed empty run folder \(store.directory(for: run.id).path)")
            }
            for record in interrupted {
                try store.write(record)   // read back as interrupted, so written as interrupted
                repaired.append("recorded run \(record.id) as interrupted")
            }
        }
        return RunsFolderCheck(problems: problems, notes: notes, entriesChecked: audit.entriesChecked, runsChecked: records.count + unreadable.count,
                               repaired: repaired)
    }

    /// The lines `pipeline check` prints.
    public var text: String {
        var lines = problems.map { ($0.repairable ? "" : "needs you: ") + $0.text }
        lines += notes
        lines += repaired
        if problems.isEmpty {
            lines.append("clean: \(entriesChecked) cache entries verified, \(runsChecked) run folders read")
        } else {
            let open = problems.filter { !$0.repairable }.count
            lines.append("\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(entriesChecked) cache entries and "
                         + "\(runsChecked) run folders" + (repaired.isEmpty ? (problems.contains(where: \.repairable)
                            ? "; 'pipeline check --repair' mends the ones not marked 'needs you'" : "")
                            : "; repaired what could be" + (open > 0 ? ", \(open) need you" : "")))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
