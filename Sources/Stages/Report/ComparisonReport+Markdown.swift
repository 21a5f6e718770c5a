extension ComparisonReport {
    public static func markdown(for comparison: Comparison) throws -> String {
        let baseline = try validatedBaseline(comparison)
        var lines = ["# \(Markdown.escape(comparison.title))", "",
                     "\(comparison.runs.count) runs compared against baseline `\(baseline.runID)`.", ""]
        for note in comparison.notes { lines += ["Note: \(note).", ""] }
        if let reproduced = comparison.reproducedBitForBit {
            lines += ["Baseline reproduced bit for bit: **\(reproduced ? "yes" : "no")**", ""]
        }
        if !comparison.configurations.isEmpty {
            let ranked = comparison.configurations.sorted { ($0.dice.mean, $0.label) > ($1.dice.mean, $1.label) }
            let base = ranked.first { $0.isBaseline }
            lines += ["## Configurations, repeated over seeds", ""]
            lines += Markdown.table(
                header: ["Configuration", "Seeds", "Mean Dice", "SD (seeds)", "Min", "Max", "Δ Dice", "95 % CI of Δ", "HD95 (px)"],
                rows: ranked.map { c in
                    [c.label + (c.isBaseline ? " (baseline)" : ""), "\(c.seeds.count)", NumberText.fixed(c.dice.mean),
                     NumberText.fixed(c.dice.standardDeviation), NumberText.fixed(c.dice.minimum), NumberText.fixed(c.dice.maximum),
                     c.isBaseline || base == nil ? "" : NumberText.signed(c.dice.mean - base!.dice.mean),
                     c.diceDifference.map { "[\(NumberText.signed($0.lower)), \(NumberText.signed($0.upper))]" } ?? "",
                     NumberText.meanSD(c.hd95Pixels, 2)]
                }, rightAligned: Set(1...8))
            lines += ["", "Δ and its interval: two-level bootstrap over seeds and cases against the baseline configuration.", ""]
        }
        lines += ["## Parameters that differ", ""]
        let differing = comparison.differingParameters
        if differing.isEmpty {
            lines.append("All runs share the same parameters.")
        } else {
            lines += Markdown.table(header: ["Run"] + differing.map(\.path),
                                    rows: comparison.runs.enumerated().map { index, run in
                                        [run.name] + differing.map { $0.values[index] ?? "—" }
                                    })
        }
        lines += ["", "## Metrics", ""]
        lines += Markdown.table(
            header: ["Run", "Dice", "Δ Dice", "95 % CI of Δ", "Median Dice", "IoU", "Precision", "Recall", "HD95 (px)"],
            rows: comparison.runs.map { run in
                let m = run.metrics
                let isBaseline = run.runID == baseline.runID
                let interval = comparison.diceDifferenceIntervals[run.runID]
                return [run.name + (isBaseline ? " (baseline)" : ""), NumberText.meanSD(m.dice),
                        isBaseline ? "" : NumberText.signed(m.dice.mean - baseline.metrics.dice.mean),
                        isBaseline ? "" : interval.map { "[\(NumberText.signed($0.lower)), \(NumberText.signed($0.upper))]" } ?? "—",
                        NumberText.fixed(m.dice.median), NumberText.meanSD(m.iou),
                        NumberText.fixed(m.precision.mean), NumberText.fixed(m.recall.mean),
                        NumberText.meanSD(m.hd95Pixels, 2)]
            }, rightAligned: Set(1...8))
        lines += VolumeSections.comparisonMarkdown(comparison.runs)
        lines += ["", "## Provenance", ""]
        lines += Markdown.table(header: ["Run", "Run id", "Tool", "Git commit", "Data manifest", "Machine"],
                                rows: comparison.runs.map { run in
                                    let p = run.provenance
                                    return [run.name, run.runID, p.toolVersion, p.gitCommit ?? "—", p.dataManifestHash, p.machine]
                                })
        return lines.joined(separator: "\n") + "\n"
    }
}
