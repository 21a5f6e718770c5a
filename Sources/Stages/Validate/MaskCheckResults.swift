import Imaging

/// What validate leaves in `mask-check.json`: the facts and verdict of every pair that passed the
/// file checks, the limits they were judged by and the policy applied. Written by validate; read by
/// the report stage (flagged pairs, Dice without them) and by `pipeline validate --masks`.
public struct MaskCheckResults: Codable, Equatable, Sendable {
    /// `data.on_suspect_mask` as applied: `warn`, `drop` or `fail`.
    public var policy: String
    public var thresholds: MaskThresholds
    public var pairs: [Entry]

    public struct Entry: Codable, Equatable, Sendable {
        public var id: String
        public var facts: MaskFacts
        public var findings: [MaskFinding]
        /// The findings in words, one per finding (empty: plausible).
        public var reasons: [String]
        /// Relative to the validate entry, e.g. `mask-check/ID_0007.png`; only for flagged pairs.
        public var overlay: String?

        public var isSuspect: Bool { !findings.isEmpty }
    }

    public init(policy: String, thresholds: MaskThresholds, verdicts: [MaskVerdict], overlays: [String: String]) {
        self.policy = policy
        self.thresholds = thresholds
        pairs = verdicts.map { v in
            Entry(id: v.id, facts: v.facts, findings: v.findings, reasons: v.findings.map(\.description), overlay: overlays[v.id])
        }
    }

    public var flagged: [Entry] { pairs.filter(\.isSuspect) }
}
