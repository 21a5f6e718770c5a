/// JSON encoding/decoding failures.
public enum JSONError: Error, Equatable, CustomStringConvertible {
    /// NaN and ±infinity have no JSON form; `path` is where the value sits (`$.train.lr`).
    case nonFiniteNumber(path: String)
    case malformed(offset: Int, reason: String)

    public var description: String {
        switch self {
        case let .nonFiniteNumber(path):
            return "\(path) is NaN or infinite, which JSON cannot represent; use a finite value or null"
        case let .malformed(offset, reason):
            return "malformed JSON at byte \(offset): \(reason)"
        }
    }
}
