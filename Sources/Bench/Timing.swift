import Foundation

// Wall-clock timing for the benchmark: best of several repetitions, because the machine is shared
// and the second core is sometimes slowed by the host (the best run is the least disturbed one).

/// Seconds taken by the fastest of `reps` calls of `body`, after one warm-up call.
func bestTime(reps: Int, _ body: () -> Void) -> Double {
    body()
    var best = Double.infinity
    for _ in 0..<reps {
        let t0 = DispatchTime.now().uptimeNanoseconds
        body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9)
    }
    return best
}

/// Peak resident set size of this process so far, in bytes (VmHWM in /proc/self/status).
func peakResidentBytes() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Int($0) }.first
        return kb.map { $0 * 1024 }
    }
    return nil
}

/// Resets VmHWM to the current RSS (Linux: "5" to /proc/self/clear_refs), so a later
/// `peakResidentBytes()` measures only what follows. Returns false where unsupported.
@discardableResult
func resetPeakResident() -> Bool {
    guard let h = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
    defer { try? h.close() }
    return (try? h.write(contentsOf: Data("5".utf8))) != nil
}
