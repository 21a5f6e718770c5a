import Metrics

/// The parts of a comparison about configurations repeated over seeds, and the limits that keep a
/// page with hundreds of runs readable.
extension ComparisonReport {
    /// Configurations (or runs) beyond this are listed best and worst first, the rest folded away.
    static let listedAtOnce = 20
    /// At most this many series in a chart: the baseline and the best by mean Dice.
    static let chartedAtOnce = 8

    static func configurationsSection(_ comparison: Comparison) -> String {
        let ranked = comparison.configurations.sorted { ($0.dice.mean, $0.label) > ($1.dice.mean, $1.label) }
        var html = "<h2>Configurations, repeated over seeds</h2>"
        let baseline = ranked.first { $0.isBaseline }
        html += listed(ranked, what: "configurations") { configurationTable($0, baseline: baseline) }
        html += "<p class=\"note\">Each row: the mean over seeds of each run's mean Dice over cases, its SD across seeds, the "
            + "lowest and highest seed, and HD95 likewise. Δ is against the baseline configuration; its 95 % interval is a "
            + "two-level bootstrap (\(ComparisonBuilder.bootstrapResamples) resamples of seeds within each configuration and of "
            + "the validation cases, paired when every run scored the same cases), so it accounts for both seeds and cases.</p>"
        let charted = Array(([ranked.first { $0.isBaseline }].compactMap { $0 } + ranked.filter { !$0.isBaseline }).prefix(chartedAtOnce))
        let series = charted.enumerated().map { index, config in
            LineSeries(name: BoxPlot.shorten(config.label, to: 40) + (config.isBaseline ? " (baseline)" : ""), color: Palette.color(index),
                       points: config.curve.map { (Double($0.epoch), $0.mean) },
                       band: config.curve.map { (Double($0.epoch), $0.low, $0.high) })
        }
        if series.contains(where: { !$0.points.isEmpty }) {
            let values = series.flatMap { $0.points.map(\.y) + $0.band.map(\.low) }
            let chart = LineChart(label: "Validation Dice by epoch, mean over seeds", xTitle: "epoch", yTitle: "Dice", series: series,
                                  yDomain: LinearScale.niceDomain(values + [1], fromZero: false))
            html += HTML.figure(chart.render(), caption: "Validation Dice per epoch: mean over seeds (line) and lowest to highest seed (band)"
                                + (ranked.count > charted.count ? "; the baseline and the \(charted.count - 1) best configurations." : "."))
        }
        return html
    }

    static func configurationTable(_ configurations: [ConfigurationSummary], baseline: ConfigurationSummary?) -> String {
        let header: [TableCell] = ["Configuration", .number("Seeds"), .number("Mean Dice"), .number("SD (seeds)"), .number("Min"),
                                   .number("Max"), .number("Δ Dice"), .number("95 % CI of Δ"), .number("HD95 (px)")]
        let rows = configurations.map { config -> [TableCell] in
            [TableCell(config.label + (config.isBaseline ? " (baseline)" : "")), .number("\(config.seeds.count)"),
             .number(NumberText.fixed(config.dice.mean)), .number(NumberText.fixed(config.dice.standardDeviation)),
             .number(NumberText.fixed(config.dice.minimum)), .number(NumberText.fixed(config.dice.maximum)),
             config.isBaseline || baseline == nil ? .number("") : delta(config.dice.mean - baseline!.dice.mean, higherIsBetter: true),
             .number(config.diceDifference.map { "[\(NumberText.signed($0.lower)), \(NumberText.signed($0.upper))]" } ?? ""),
             .number(NumberText.meanSD(config.hd95Pixels, 2))]
        }
        return HTML.table(header: header, rows: rows)
    }

    /// All items when few; otherwise the best and the worst `listedAtOnce / 2`, then everything folded.
    static func listed<T>(_ ranked: [T], what: String, table: ([T]) -> String) -> String {
        guard ranked.count > listedAtOnce else { return table(ranked) }
        let half = listedAtOnce / 2
        return "<h3>Best \(half) of \(ranked.count) \(what)</h3>" + table(Array(ranked.prefix(half)))
            + "<h3>Worst \(half)</h3>" + table(Array(ranked.suffix(half)))
            + "<details><summary>All \(ranked.count) \(what), best first</summary>\(table(ranked))</details>"
    }
}
