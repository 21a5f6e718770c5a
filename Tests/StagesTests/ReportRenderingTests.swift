import Metrics
import XCTest
@testable import Stages

/// Renders whole reports from the made-up fixtures. Set PIPELINE_REPORT_SAMPLE_DIR to a folder to
/// also write them there for a look in a browser (e.g. a headless-chromium screenshot).
final class ReportRenderingTests: XCTestCase {
    private let baseline = ReportFixtures.run(id: "20240501-101203-baseline", name: "baseline", level: 0.935, seed: 11, lr: "0.001")
    private let lowLR = ReportFixtures.run(id: "20240501-113540-lr3e-4", name: "lr 3e-4", level: 0.951, seed: 23, lr: "0.0003")
    private let highLR = ReportFixtures.run(id: "20240501-125911-lr3e-3", name: "lr 3e-3", level: 0.902, seed: 37, lr: "0.003")

    func testRunReportIsOneSelfContainedPageWithEverySection() throws {
        let html = RunReport.html(for: baseline)
        for heading in ["Metrics", "Confusion matrix", "Training curves", "Per-case Dice", "Sample overlays", "Spec", "Provenance"] {
            XCTAssertTrue(html.contains("<h2>\(heading)</h2>"), "missing section \(heading)")
        }
        XCTAssertTrue(html.contains("<style>"))
        XCTAssertTrue(html.contains("data:image/png;base64,iVBORw0KGgo"), "overlays are embedded PNGs")
        XCTAssertFalse(html.contains("src=\"http"), "a shared report must not fetch anything")
        XCTAssertFalse(html.contains("<link"))
        XCTAssertEqual(html.components(separatedBy: "<svg").count - 1, 3, "loss, validation Dice, per-case Dice")
        XCTAssertTrue(html.contains("1,204,311  (16.5 %)"), "confusion counts are grouped with their share")
        try writeSample("report.html", html)
        try writeSample("report.md", RunReport.markdown(for: baseline))
    }

    func testRunMarkdownListsTheLowestDiceCasesFirst() {
        let markdown = RunReport.markdown(for: baseline)
        let worst = baseline.metrics.cases.min { $0.dice < $1.dice }!
        let table = markdown.components(separatedBy: "## Lowest Dice")[1]
        XCTAssertTrue(table.split(separator: "\n")[2].hasPrefix("| \(Markdown.escape(worst.caseID)) |"))
        XCTAssertTrue(markdown.contains("```yaml\nname: baseline"))
    }

    func testComparisonReportShowsEveryRunAndOnlyTheDifferingParameter() throws {
        let comparison = Comparison(
            title: "Learning-rate sweep", runs: [baseline, lowLR, highLR], baselineID: baseline.runID,
            diceDifferenceIntervals: [lowLR.runID: ConfidenceInterval(lower: 0.006, upper: 0.027),
                                      highLR.runID: ConfidenceInterval(lower: -0.049, upper: -0.018)],
            reproducedBitForBit: true)
        let html = try ComparisonReport.html(for: comparison)
        XCTAssertTrue(html.contains(">train.lr</th>"))
        XCTAssertFalse(html.contains(">train.epochs</th>"), "shared parameters are left out")
        XCTAssertEqual(html.components(separatedBy: "worst: Dice").count - 1, 3, "worst cases of each run")
        XCTAssertTrue(html.contains("<figcaption>lr 3e-3 · ID_0024_Z_0115 — worst: Dice"))
        XCTAssertTrue(html.contains("[+0.0060, +0.0270]"))
        XCTAssertTrue(html.contains("[−0.0490, −0.0180]"))
        try writeSample("comparison.html", html)
        try writeSample("comparison.md", ComparisonReport.markdown(for: comparison))
    }

    func testRenderingIsDeterministic() throws {
        XCTAssertEqual(RunReport.html(for: baseline), RunReport.html(for: baseline))
        let comparison = Comparison(title: "t", runs: [baseline, lowLR], baselineID: baseline.runID)
        XCTAssertEqual(try ComparisonReport.html(for: comparison), try ComparisonReport.html(for: comparison))
    }

    private func writeSample(_ name: String, _ text: String) throws {
        guard let folder = ProcessInfo.processInfo.environment["PIPELINE_REPORT_SAMPLE_DIR"] else { return }
        let url = URL(fileURLWithPath: folder, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
}

/// Made-up runs for report tests. The numbers are invented and exist only here.
enum ReportFixtures {
    /// A run with `caseCount` cases whose Dice is centred on `level`, deterministic in `seed`.
    static func run(id: String, name: String, level: Double, seed: UInt64, lr: String,
                    epochs: Int = 12, caseCount: Int = 24) -> RunSummary {
        var state = seed
        func noise() -> Double {   // xorshift: reproducible without Foundation's random
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Double(state % 10_000) / 10_000 - 0.5
        }
        let cases = (0..<caseCount).map { i -> CaseScore in
            let dice = min(0.995, level + 0.04 * noise() - (i == 3 ? 0.18 : 0))
            let iou = dice / (2 - dice)
            return CaseScore(caseID: String(format: "ID_%04d_Z_%04d", i * 7 + 3, 100 + i * 5), dice: dice,
                             iou: iou, precision: min(1, dice + 0.01 * noise()), recall: min(1, dice + 0.02),
                             hd95Pixels: i == 5 ? nil : 2 + 6 * (1 - dice) * 10 + noise(), tp: 0, fp: 0, fn: 0, tn: 0)
        }
        let curve = (1...epochs).map { e -> EpochRecord in
            let t = Double(e)
            return EpochRecord(epoch: e, trainLoss: 0.9 * exp(-t / 3) + 0.06,
                               validationLoss: 0.85 * exp(-t / 3.4) + 0.09 + 0.01 * noise(),
                               validationDice: level - 0.5 * exp(-t / 2.5), learningRate: 0.001, seconds: 1)
        }
        var metrics = try! RunMetrics(cases: cases)
        metrics.confusion = ConfusionCounts(tp: 1_204_311, fp: 41_207, fn: 52_840, tn: 5_993_642)
        let spec = """
        name: \(name)
        data:
          source: ../shared/data/lung-ct
          split: {train: 0.7, validation: 0.15, test: 0.15, seed: 7}
        preprocess: {size: 128, window: [-1000, 400]}
        train:
          epochs: \(epochs)
          lr: \(lr)
          batch: 8
          augment: [flip, rotate]
        """
        return RunSummary(
            runID: id, name: name,
            parameters: [Parameter(path: "data.split.seed", value: "7"), Parameter(path: "preprocess.size", value: "128"),
                         Parameter(path: "train.epochs", value: "\(epochs)"), Parameter(path: "train.lr", value: lr),
                         Parameter(path: "train.batch", value: "8")],
            metrics: metrics,
            curve: curve,
            provenance: Provenance(specText: spec,
                                   stageKeys: [("ingest", "3fa2c1d9e8b7a6f50123"), ("preprocess", "77b0e1f2a3c4d5e6f708"),
                                               ("train", "9c01e2aa\(seed)ff31"), ("evaluate", "c4d3b2a1\(seed)0e9f")],
                                   dataManifestHash: "sha256:5d41402abc4b2a76b9719d911017c592",
                                   toolVersion: "0.1.0", gitCommit: "8205e43a1b2c3d4e5f60",
                                   machine: "x86_64 Linux, 2 cores"),
            overlays: [OverlayImage(caseID: cases[0].caseID, role: .sample, caption: "Dice \(NumberText.fixed(cases[0].dice))",
                                    png: TinyPNG.phantomOverlay(size: 96, shift: 0)),
                       OverlayImage(caseID: cases[3].caseID, role: .worst, caption: "worst: Dice \(NumberText.fixed(cases[3].dice))",
                                    png: TinyPNG.phantomOverlay(size: 96, shift: 7))])
    }
}

/// A minimal PNG writer (RGB, stored deflate blocks) so fixtures can carry real images
/// without depending on the Imaging module.
enum TinyPNG {
    static func phantomOverlay(size: Int, shift: Int) -> Data {
        var pixels = [UInt8]()
        for y in 0..<size {
            for x in 0..<size {
                let body = ellipse(x, y, cx: size / 2, cy: size / 2, rx: size * 45 / 100, ry: size * 38 / 100)
                let left = ellipse(x, y, cx: size * 33 / 100, cy: size / 2, rx: size / 7, ry: size / 4)
                let right = ellipse(x, y, cx: size * 67 / 100, cy: size / 2, rx: size / 7, ry: size / 4)
                let predicted = ellipse(x - shift / 2, y, cx: size * 67 / 100, cy: size / 2, rx: size / 7, ry: size / 4)
                    || ellipse(x, y, cx: size * 33 / 100, cy: size / 2, rx: size / 7, ry: size / 4)
                var gray: UInt8 = body ? ((left || right) ? 30 : 150) : 10
                if (x * 31 + y * 17) % 11 == 0 { gray &+= 8 }
                var rgb = (gray, gray, gray)
                if left || right { rgb = (UInt8(min(255, Int(gray) + 20)), UInt8(min(255, Int(gray) + 120)), gray) }  // truth: green
                if predicted && !(left || right) { rgb = (220, 60, 60) }                                      // false positive: red
                pixels += [rgb.0, rgb.1, rgb.2]
            }
        }
        return encode(width: size, height: size, rgb: pixels)
    }

    static func ellipse(_ x: Int, _ y: Int, cx: Int, cy: Int, rx: Int, ry: Int) -> Bool {
        let dx = Double(x - cx) / Double(rx), dy = Double(y - cy) / Double(ry)
        return dx * dx + dy * dy <= 1
    }

    static func encode(width: Int, height: Int, rgb: [UInt8]) -> Data {
        var raw = [UInt8]()
        for row in 0..<height { raw.append(0); raw += rgb[(row * width * 3)..<((row + 1) * width * 3)] }
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65_535, raw.count - offset)
            let final: UInt8 = offset + count == raw.count ? 1 : 0
            zlib += [final, UInt8(count & 0xff), UInt8(count >> 8), UInt8(~count & 0xff), UInt8((~count >> 8) & 0xff)]
            zlib += raw[offset..<(offset + count)]
            offset += count
        } while offset < raw.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        zlib += bigEndian((b << 16) | a)
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += chunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, 2, 0, 0, 0])
        png += chunk("IDAT", zlib)
        png += chunk("IEND", [])
        return Data(png)
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xff), UInt8((value >> 8) & 0xff), UInt8(value & 0xff)]
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}
