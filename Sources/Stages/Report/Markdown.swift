/// Markdown building blocks (GitHub-flavoured tables).
enum Markdown {
    /// Escapes what would break a table cell, start code or emphasis, or open an HTML tag.
    /// (GitHub does not italicise intra-word `_`, so case ids like ID_0003 stay readable.)
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*|<>".contains(character) { out.append("\\") }
            out.append(character == "\n" ? " " : character)
        }
        return out
    }

    static func table(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> [String] {
        func line(_ cells: [String]) -> String { "| " + cells.map(escape).joined(separator: " | ") + " |" }
        let rule = "|" + header.indices.map { rightAligned.contains($0) ? " ---: |" : " --- |" }.joined()
        return [line(header), rule] + rows.map(line)
    }

    static func provenance(_ run: RunSummary) -> [String] {
        let p = run.provenance
        var rows = [["Run", run.runID], ["Tool version", p.toolVersion],
                    ["Git commit", p.gitCommit ?? "not a git checkout"],
                    ["Data manifest", p.dataManifestHash], ["Machine", p.machine]]
        rows += p.stageKeys.map { ["Stage \($0.stage)", $0.key] }
        return table(header: ["", "Value"], rows: rows)
    }
}
