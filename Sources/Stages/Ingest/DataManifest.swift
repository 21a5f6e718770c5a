import Foundation

/// What ingest leaves in `manifest.json`: every usable pair with its content hashes, and every file
/// that found no partner (validate reports those as bad pairs under the spec's policy).
public struct DataManifest: Codable, Equatable, Sendable {
    public var pairs: [DataPair]
    public var unmatched: [BadPair]

    /// A relative path in the manifest lies inside the ingest entry (generated data).
    public func resolve(_ path: String, ingestDirectory: URL) -> String {
        path.hasPrefix("/") ? path : ingestDirectory.appendingPathComponent(path).path
    }
}
