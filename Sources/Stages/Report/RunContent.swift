import Foundation

/// `summary.json` in the report entry: what the report stage summarised from the evaluate, train and
/// ingest entries. Written by the report stage; read by the run folder's report and by comparisons,
/// both through `RunSummary(record:reportEntry:)`. It holds only what the stage's key covers.
public struct RunContent: Codable, Equatable, Sendable {
    public var metrics: RunMetrics
    public var curve: [EpochRecord]
    /// SHA-256 of the ingest entry's manifest.json: the data the run saw (names and content hashes).
    public var dataManifestSHA256: String
    /// Where the metrics were measured, e.g. "128×128 preprocessed slices".
    public var resolution: String
    /// Overlay PNGs in the entry, worst cases first.
    public var overlays: [Overlay]
    /// Per-volume metrics when validation cases come from volumes; absent (not written) for 2D data.
    public var volumes: VolumeMetrics? = nil
    /// The pairs validate flagged as suspect masks (nil: no mask check in the validate entry).
    public var suspectMasks: [SuspectMask]?

    public struct Overlay: Codable, Equatable, Sendable {
        /// Relative to the report entry, e.g. `overlays/worst-1-ID_0007.png`.
        public var file: String
        public var caseID: String
        public var role: OverlayImage.Role
        public var caption: String

        public init(file: String, caseID: String, role: OverlayImage.Role, caption: String) {
            self.file = file; self.caseID = caseID; self.role = role; self.caption = caption
        }
    }

    public init(metrics: RunMetrics, curve: [EpochRecord], dataManifestSHA256: String, resolution: String, overlays: [Overlay]) {
        self.metrics = metrics; self.curve = curve; self.dataManifestSHA256 = dataManifestSHA256
        self.resolution = resolution; self.overlays = overlays
    }

    public init(metrics: RunMetrics, curve: [EpochRecord], dataManifestSHA256: String, resolution: String, overlays: [Overlay],
                suspectMasks: [SuspectMask]?) {
        self.init(metrics: metrics, curve: curve, dataManifestSHA256: dataManifestSHA256, resolution: resolution, overlays: overlays)
        self.suspectMasks = suspectMasks
    }
}

extension RunSummary {
    /// The one way a run's summary is assembled, for its own report and for comparisons alike: the
    /// report entry's `summary.json` and overlays, with the facts of the run from its record.
    public init(record: RunRecord, reportEntry: URL) throws {
        let content = try StageFiles.readJSON(RunContent.self, from: reportEntry.appendingPathComponent(EntryFiles.summary))
        let overlays = try content.overlays.map { overlay -> OverlayImage in
            let url = reportEntry.appendingPathComponent(overlay.file)
            guard let png = FileManager.default.contents(atPath: url.path) else {
                throw StageError.unreadableEntryFile(path: url.path, reason: "missing")
            }
            return OverlayImage(caseID: overlay.caseID, role: overlay.role, caption: overlay.caption, png: png)
        }
        self.init(runID: record.id, name: record.member,
                  parameters: record.parameters.filter { $0.count == 2 }.map { Parameter(path: $0[0], value: $0[1]) },
                  metrics: content.metrics, curve: content.curve,
                  provenance: Provenance(specText: record.specText, stageKeys: Experiment.orderedKeys(record.stageKeys),
                                         dataManifestHash: content.dataManifestSHA256, toolVersion: record.toolVersion,
                                         gitCommit: record.gitCommit, machine: record.machine),
                  overlays: overlays, volumes: content.volumes)
        suspectMasks = RunSummary.suspectMaskImages(content, reportEntry: reportEntry)
    }
}
