import Foundation

/// What one `pipeline run` of one experiment member leaves in `runs/<id>/run.json`.
/// `pipeline runs`, `report`, `predict` and `gc` read only this and the cache entries it names,
/// so a run stays inspectable after the process that made it is gone.
public struct RunRecord: Codable, Equatable, Sendable {
    /// `<member slug>-<yyyyMMdd-HHmmss>` (`-2`, `-3`… when taken), unique within a runs folder: the
    /// folder is created exclusively before anything is written.
    public var id: String
    /// The spec's name (for a sweep: the sweep's name, shared by its members).
    public var name: String
    /// The member's name: equal to `name` without a sweep, `name/lr=0.0003,width=32` in one.
    public var member: String
    /// The swept fields of this member (dotted path → value); empty without a sweep.
    public var sweepValues: [String: String]
    public var specFile: String
    public var specText: String
    public var started: String
    public var finished: String
    public var status: Status
    /// One line saying why the run failed, when it did.
    public var failure: String?
    /// Stage name (ingest, validate, preprocess, train, evaluate, report) → cache key.
    public var stageKeys: [String: String]
    /// Every resolved spec field as (dotted path, canonical value), in path order.
    public var parameters: [[String]]
    /// Headline metrics of the evaluate stage, e.g. "dice.mean", "dice.pooled", "iou.mean", "hd95.median".
    public var metrics: [String: Double]
    public var toolVersion: String
    public var gitCommit: String?
    public var machine: String

    /// `running` is written when the run starts, so a run that is killed still has a record; read back
    /// while no process holds the run's lock, it is reported as `interrupted` (rerunning resumes it).
    public enum Status: String, Codable, Sendable { case running, succeeded, failed, interrupted }

    public init(id: String, name: String, member: String, sweepValues: [String: String], specFile: String,
                specText: String, started: String, finished: String, status: Status, failure: String?,
                stageKeys: [String: String], parameters: [[String]], metrics: [String: Double],
                toolVersion: String, gitCommit: String?, machine: String) {
        self.id = id; self.name = name; self.member = member; self.sweepValues = sweepValues
        self.specFile = specFile; self.specText = specText; self.started = started; self.finished = finished
        self.status = status; self.failure = failure; self.stageKeys = stageKeys; self.parameters = parameters
        self.metrics = metrics; self.toolVersion = toolVersion; self.gitCommit = gitCommit; self.machine = machine
    }
}
