import Foundation
import Pipeline

/// Reading and writing the small JSON and raw binary files stages exchange through cache entries.
enum StageFiles {
    /// Pretty, sorted-key JSON written atomically; a full disk is reported as such, naming the file.
    static func writeJSON<T: Encodable>(_ value: T, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try FileIO.writeAtomically([UInt8](try encoder.encode(value)), to: url)
    }

    /// Throws `StageError.unreadableEntryFile` naming the file when it is missing or malformed.
    static func readJSON<T: Decodable>(_ type: T.Type, from url: URL) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(contentsOf: url))
        } catch {
            throw StageError.unreadableEntryFile(path: url.path, reason: String(describing: error).prefix(200).description)
        }
    }

    static func readBytes(_ url: URL, expected: Int) throws -> Data {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw StageError.unreadableEntryFile(path: url.path, reason: "missing")
        }
        guard data.count == expected else {
            throw StageError.unreadableEntryFile(path: url.path, reason: "\(data.count) bytes, expected \(expected)")
        }
        return data
    }
}
