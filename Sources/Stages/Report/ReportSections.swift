import Metrics

/// HTML sections shared by the single-run and the comparison report.
enum ReportSections {
    /// The metric rows both reports show, named as in the papers this field reads.
    static let metricNames = ["Dice", "IoU", "Precision", "Recall", "HD95 (px)"]

    static func summaries(_ metrics: RunMetrics) -> [SummaryStatistics?] {
        [metrics.dice, metrics.iou, metrics.precision, metrics.recall, metrics.hd95Pixels]
    }

    static func metricsTable(_ metrics: RunMetrics) -> String {
        let rows = zip(metricNames, summaries(metrics)).map { name, summary -> [TableCell] in
            [TableCell(name), .number(NumberText.fixed(summary?.mean)),
             .number(NumberText.fixed(summary?.standardDeviation)),
             .number(NumberText.fixed(summary?.median)), .number(summary.map { "\($0.count)" } ?? "—")]
        }
        return HTML.table(header: ["Metric", .number("Mean"), .number("SD"), .number("Median"), .number("Cases")],
                          rows: rows)
    }

    static func confusionTable(_ c: ConfusionCounts) -> String {
        func cell(_ count: Int) -> TableCell {
            .number("\(NumberText.grouped(count))  (\(NumberText.percent(count, of: c.total)))")
        }
        let table = HTML.table(
            header: ["", .number("Predicted lung"), .number("Predicted background")],
            rows: [[TableCell("Lung (truth)"), cell(c.tp), cell(c.fn)],
                   [TableCell("Background (truth)"), cell(c.fp), cell(c.tn)]],
            cssClass: "data confusion")
        return table + "<p class=\"note\">Pixel counts summed over all \(NumberText.grouped(c.total)) evaluated pixels; lung is the positive class.</p>"
    }

    /// Loss (train solid, validation dashed) and validation Dice, side by side.
    static func curveCharts(_ runs: [RunSummary], colors: [String]) -> String {
        guard runs.contains(where: { !$0.curve.isEmpty }) else {
            return "<p class=\"note\">No training curve recorded.</p>"
        }
        let single = runs.count == 1
        var loss: [LineSeries] = []
        var dice: [LineSeries] = []
        for (run, color) in zip(runs, colors) {
            loss.append(LineSeries(name: single ? "train" : run.name, color: color,
                                   points: run.curve.map { (Double($0.epoch), $0.trainLoss) }))
            let validationLoss = run.curve.compactMap { p in p.validationLoss.map { (Double(p.epoch), $0) } }
            if !validationLoss.isEmpty {
                loss.append(LineSeries(name: single ? "validation" : "", color: single ? Palette.color(1) : color,
                                       style: .dashed, points: validationLoss))
            }
            let validationDice = run.curve.compactMap { p in p.validationDice.map { (Double(p.epoch), $0) } }
            if !validationDice.isEmpty {
                dice.append(LineSeries(name: single ? "validation Dice" : run.name, color: color, points: validationDice))
            }
        }
        var charts = HTML.figure(LineChart(label: "Loss by epoch", xTitle: "epoch", yTitle: "loss",
                                           series: loss).render(),
                                 caption: single ? "Loss per epoch: training (solid) and validation (dashed)."
                                                 : "Loss per epoch: training (solid) and validation (dashed) per run.")
        if !dice.isEmpty {
            let values = dice.flatMap { $0.points.map(\.y) }
            let domain = LinearScale.niceDomain(values + [1], fromZero: false)
            charts += HTML.figure(LineChart(label: "Validation Dice by epoch", xTitle: "epoch", yTitle: "Dice",
                                            series: dice, yDomain: domain).render(),
                                  caption: "Validation Dice per epoch.")
        }
        return "<div class=\"charts\">\(charts)</div>"
    }

    /// A grid of overlays; a run name prefixes the caption when images of several runs share a grid.
    static func overlays(_ items: [(run: String?, image: OverlayImage)]) -> String {
        guard !items.isEmpty else { return "<p class=\"note\">No overlays recorded.</p>" }
        let figures = items.map { run, image in
            HTML.figure(HTML.inlinePNG(image.png, alt: "\(image.role.rawValue) case \(image.caseID)"),
                        caption: (run.map { $0 + " · " } ?? "") + "\(image.caseID) — \(image.caption)")
        }
        return "<div class=\"overlays\">\(figures.joined(separator: "\n"))</div>"
    }

    static func provenanceTable(_ run: RunSummary) -> String {
        let p = run.provenance
        var rows: [[TableCell]] = [
            ["Run", TableCell(run.runID, "key")],
            ["Tool version", TableCell(p.toolVersion, "key")],
            ["Git commit", TableCell(p.gitCommit ?? "not a git checkout", "key")],
            ["Data manifest", TableCell(p.dataManifestHash, "key")],
            ["Machine", TableCell(p.machine)],
        ]
        rows += p.stageKeys.map { [TableCell("Stage \($0.stage)"), TableCell($0.key, "key")] }
        return HTML.table(header: ["", "Value"], rows: rows)
    }

    static func specBlock(_ specText: String) -> String {
        "<pre class=\"spec\">\(HTML.escape(specText))</pre>"
    }

    static func header(title: String, subtitle: String) -> String {
        "<header class=\"report\"><h1>\(HTML.escape(title))</h1><div class=\"subtitle\">\(subtitle)</div></header>"
    }

    static func card(label: String, value: String, detail: String) -> String {
        "<div class=\"card\"><div class=\"label\">\(HTML.escape(label))</div><div class=\"value\">\(HTML.escape(value))</div><div class=\"detail\">\(HTML.escape(detail))</div></div>"
    }
}
