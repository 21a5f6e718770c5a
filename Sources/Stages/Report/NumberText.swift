import Foundation
import Metrics

/// Number formatting shared by every report and metrics file. `String(format:)` without a
/// locale is POSIX, so output is the same on every machine.
enum NumberText {
    /// `0.9312`; "—" for nil, "NaN"/"inf" spelled out rather than hidden.
    static func fixed(_ value: Double?, _ digits: Int = 4) -> String {
        guard let value else { return "—" }
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
        return String(format: "%.\(digits)f", value)
    }

    /// `+0.0123` / `−0.0123`: deltas always carry their sign.
    static func signed(_ value: Double, _ digits: Int = 4) -> String {
        let text = String(format: "%+.\(digits)f", value)
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// `0.9312 ± 0.0211`
    static func meanSD(_ summary: SummaryStatistics?, _ digits: Int = 4) -> String {
        guard let summary else { return "—" }
        return "\(fixed(summary.mean, digits)) ± \(fixed(summary.standardDeviation, digits))"
    }

    /// `12,345,678`
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// `12.3 %` of `whole`, or "—" when `whole` is zero.
    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "—" }
        return String(format: "%.1f %%", 100 * Double(part) / Double(whole))
    }

    /// Short form for SVG coordinates: one decimal keeps files small and diffs stable.
    static func coordinate(_ value: Double) -> String { String(format: "%.1f", value) }
}
