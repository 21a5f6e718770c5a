import XCTest
@testable import Stages

final class ReportEscapingTests: XCTestCase {
    func testEscapesTheFiveSpecialCharacters() {
        XCTAssertEqual(HTML.escape(#"<a href="x">Tom & 'Jerry'</a>"#),
                       "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;")
        XCTAssertEqual(HTML.escape("plain ünïcode → ok"), "plain ünïcode → ok")
    }

    func testRunTextNeverReachesTheReportUnescaped() {
        var run = ReportFixtures.run(id: "run<1>", name: #"<script>alert("x")</script>"#, level: 0.9, seed: 1, lr: "0.001")
        run.provenance.specText = "name: x\n# </pre><img src=x onerror=alert(1)>"
        run.parameters.append(Parameter(path: "train.note", value: "a&b"))
        run.metrics.cases[0].caseID = "<b>case</b>"
        let html = RunReport.html(for: run)
        XCTAssertFalse(html.contains("<script>"))
        XCTAssertFalse(html.contains("<img src=x"))
        XCTAssertFalse(html.contains("<b>case</b>"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        XCTAssertTrue(html.contains("run&lt;1&gt;"))

        let other = ReportFixtures.run(id: "b", name: "b", level: 0.9, seed: 2, lr: "0.0003")
        let comparison = try! ComparisonReport.html(for: Comparison(title: "A <i>title</i>", runs: [run, other], baselineID: "b"))
        XCTAssertFalse(comparison.contains("<script>"))
        XCTAssertFalse(comparison.contains("<i>title</i>"))
    }

    func testMarkdownEscapesTableBreakingCharacters() {
        XCTAssertEqual(Markdown.escape("a|b *c*\nd"), #"a\|b \*c\* d"#)
    }
}
