/// The parts of a run's report about masks validate flagged: the Dice without them beside the mean,
/// and a section listing each with its reasons and overlay.
extension RunReport {
    /// `mean Dice 0.9712 (0.9805 without the 2 flagged masks)`'s bracket, or "" when none was evaluated.
    static func withoutFlaggedText(_ m: RunMetrics) -> String {
        guard let without = m.withoutFlagged else { return "" }
        let masks = m.flaggedCount == 1 ? "mask" : "masks"
        return "\(NumberText.fixed(without.mean)) without the \(m.flaggedCount) flagged \(masks)"
    }

    static func withoutFlaggedNote(_ m: RunMetrics) -> String {
        guard m.withoutFlagged != nil else { return "" }
        return "<p class=\"note\">Mean Dice \(NumberText.fixed(m.dice.mean)) over all \(m.cases.count) cases; "
            + "\(HTML.escape(withoutFlaggedText(m))) (see Suspect masks).</p>"
    }

    static func suspectMasksSection(_ run: RunSummary) -> String {
        guard !run.suspectMasks.isEmpty else { return "" }
        let rows = run.suspectMasks.map { s -> [TableCell] in
            [TableCell(s.mask.caseID, "key"), TableCell(s.mask.reasons.joined(separator: "; ")),
             TableCell(s.mask.policy == "drop" ? "dropped" : s.mask.evaluated ? "kept, evaluated" : "kept, training")]
        }
        let figures = run.suspectMasks.compactMap { s in
            s.png.map { HTML.figure(HTML.inlinePNG($0, alt: "suspect mask \(s.mask.caseID)"),
                                    caption: "\(s.mask.caseID) — image | mask over it") }
        }
        return "<h2>Suspect masks</h2>"
            + "<p class=\"note\">Validate flagged \(run.suspectMasks.count) mask(s) as implausible against their images "
            + "(data.on_suspect_mask: \(HTML.escape(run.suspectMasks[0].mask.policy))). Look at each; a wrong label moves the mean Dice.</p>"
            + HTML.table(header: ["Case", "Why", "In this run"], rows: rows)
            + "<div class=\"overlays\">\(figures.joined(separator: "\n"))</div>"
    }

    static func suspectMasksMarkdown(_ run: RunSummary) -> [String] {
        guard !run.suspectMasks.isEmpty else { return [] }
        return ["", "## Suspect masks", ""] + Markdown.table(
            header: ["Case", "Why", "In this run"],
            rows: run.suspectMasks.map { s in
                [s.mask.caseID, s.mask.reasons.joined(separator: "; "),
                 s.mask.policy == "drop" ? "dropped" : s.mask.evaluated ? "kept, evaluated" : "kept, training"]
            })
    }
}
