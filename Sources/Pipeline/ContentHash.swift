import Crypto
import Foundation

/// SHA-256 as lowercase hex: the one place that imports Crypto. Used for cache keys and for the
/// content of input and output files.
public enum ContentHash {
    /// Bytes read per chunk when hashing a file, so a multi-gigabyte volume never sits in memory.
    public static let chunkSize = 1 << 20

    public static func sha256Hex<Bytes: DataProtocol>(_ bytes: Bytes) -> String {
        hex(SHA256.hash(data: bytes))
    }

    public static func sha256Hex(_ text: String) -> String { sha256Hex(Array(text.utf8)) }

    /// Streams the file in `chunkSize` pieces; throws `CacheError.readFailed` naming the path.
    public static func sha256Hex(ofFile url: URL) throws -> String {
        var hasher = SHA256()
        try FileIO.readChunks(of: url, chunkSize: chunkSize) { chunk in
            chunk.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        }
        return hex(hasher.finalize())
    }

    private static func hex<D: Digest>(_ digest: D) -> String {
        digest.map { byte in
            let s = String(byte, radix: 16)
            return byte < 16 ? "0" + s : s
        }.joined()
    }
}
