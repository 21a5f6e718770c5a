import Foundation

/// A job's log file (its standard output and error), read while the job runs and after it ends.
public final class JobLog {
    public let url: URL
    private var offset: UInt64 = 0
    private var partial = Data()

    public init(url: URL) { self.url = url }

    /// Complete lines written since the last call; nothing when the file does not exist yet.
    public func newLines() -> [String] {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return [] }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.readToEnd(), !data.isEmpty else { return [] }
        offset += UInt64(data.count)
        partial.append(data)
        guard let last = partial.lastIndex(of: UInt8(ascii: "\n")) else { return [] }
        let complete = partial[partial.startIndex..<last]
        partial = Data(partial[partial.index(after: last)...])
        return String(decoding: complete, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The stage's own error: the last `error: …` line the `pipeline` binary printed (its one door
    /// for failures), without the prefix; nil when the log has none (a kill, a timeout).
    public static func stageError(in url: URL, tailBytes: Int = 64 << 10) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > UInt64(tailBytes) ? size - UInt64(tailBytes) : 0)
        let text = String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
        let line = text.split(separator: "\n").last { $0.hasPrefix("error: ") }
        return line.map { String($0.dropFirst("error: ".count)) }
    }
}
