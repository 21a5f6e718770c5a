import Foundation
import Pipeline

/// What one `pipeline run --executor slurm` submitted, in `runs/jobs/<id>/submission.json`, beside
/// the jobs' scripts and logs: enough for `pipeline status` to follow the jobs after the submitting
/// command has gone (`--detach`, or a lost login session) and to write the run folders once they end.
public struct JobSubmission: Codable, Equatable, Sendable {
    public struct Job: Codable, Equatable, Sendable {
        public var label: String
        public var stage: String
        public var handle: JobHandle

        public init(label: String, stage: String, handle: JobHandle) {
            self.label = label; self.stage = stage; self.handle = handle
        }
    }

    /// `<yyyyMMdd-HHmmss>-<4 hex>`.
    public var id: String
    public var created: String
    /// Absolute spec paths, in the order given: the graph is rebuilt from them.
    public var specFiles: [String]
    /// Member name → run folder id; the ids are empty until `pipeline status` writes the folders
    /// (run folders are created when their records are written).
    public var runIDs: [String: String]
    public var jobs: [Job]
    /// True once the run folders are written; `pipeline status` then only lists it.
    public var recorded: Bool
}

/// The submissions under `runs/jobs/`.
public struct JobSubmissions {
    public static let fileName = "submission.json"
    public let directory: URL

    public init(runsRoot: URL) { directory = runsRoot.appendingPathComponent("jobs", isDirectory: true) }

    /// A new, empty submission of `experiment` (written by `save`), with its own folder for scripts and logs.
    public func make(for experiment: Experiment, now: Date = Date()) -> JobSubmission {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        var id: String
        repeat {
            id = formatter.string(from: now) + "-" + String(format: "%04x", UInt16.random(in: 0...UInt16.max))
        } while FileManager.default.fileExists(atPath: folder(id).path)
        return JobSubmission(id: id, created: ExperimentText.timestamp(now), specFiles: experiment.specFiles,
                             runIDs: Dictionary(uniqueKeysWithValues: experiment.members.map { ($0.name, "") }),
                             jobs: [], recorded: false)
    }

    public func folder(_ id: String) -> URL { directory.appendingPathComponent(id, isDirectory: true) }

    public func save(_ submission: JobSubmission) throws {
        try FileManager.default.createDirectory(at: folder(submission.id), withIntermediateDirectories: true)
        try StageFiles.writeJSON(submission, to: folder(submission.id).appendingPathComponent(Self.fileName))
    }

    /// Every readable submission, oldest first.
    public func all() -> [JobSubmission] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().compactMap { name in
            try? StageFiles.readJSON(JobSubmission.self, from: folder(name).appendingPathComponent(Self.fileName))
        }
    }

    /// The submissions `pipeline status ARG…` means: by submission id, run id, or a prefix of either;
    /// with no argument, those not yet recorded.
    public func select(_ arguments: [String]) throws -> [JobSubmission] {
        let submissions = all()
        guard !arguments.isEmpty else { return submissions.filter { !$0.recorded } }
        return try arguments.reduce(into: [JobSubmission]()) { chosen, argument in
            let matches = submissions.filter { s in s.id.hasPrefix(argument) || s.runIDs.values.contains { !$0.isEmpty && $0.hasPrefix(argument) } }
            guard !matches.isEmpty else {
                throw RunStoreError.unknownRun(argument, candidates: [], root: directory.path)
            }
            for match in matches where !chosen.contains(where: { $0.id == match.id }) { chosen.append(match) }
        }
    }
}
