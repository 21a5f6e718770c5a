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

/// Seconds of each timed call of `body` after `warmup` untimed ones: at least `minSteps` calls and
/// `minTime` seconds in all, at most `maxSteps` calls (the rule the reference scripts use).
func stepTimes(warmup: Int = 1, minSteps: Int, minTime: Double, maxSteps: Int, _ body: () -> Void) -> [Double] {
    for _ in 0..<warmup { body() }
    var times: [Double] = []
    let start = DispatchTime.now().uptimeNanoseconds
    while times.count < maxSteps {
        let t0 = DispatchTime.now().uptimeNanoseconds
        body()
        let now = DispatchTime.now().uptimeNanoseconds
        times.append(Double(now - t0) * 1e-9)
        if times.count >= minSteps && Double(now - start) * 1e-9 >= minTime { break }
    }
    return times
}

/// The median of a non-empty list (the mean of the middle two for an even count).
func median(_ values: [Double]) -> Double {
    let s = values.sorted(), m = s.count / 2
    return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
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
