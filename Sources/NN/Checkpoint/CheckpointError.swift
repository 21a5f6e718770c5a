// Why a checkpoint was refused. Every message says what is wrong and what to do next.

public enum CheckpointError: Error, CustomStringConvertible, Equatable {
    case truncated(expectedBytes: Int, foundBytes: Int)
    case trailingBytes(expectedBytes: Int, foundBytes: Int)
    case malformedHeader(String)
    case malformedEntry(tensor: String, problem: String)
    case unsupportedDType(tensor: String, found: String)
    case missingTensor(String)
    case unexpectedTensor(String)
    case shapeMismatch(tensor: String, expected: [Int], found: [Int])
    case missingMetadata(key: String)
    case invalidMetadata(key: String, value: String)
    case configMismatch(key: String, expected: String, found: String)

    private static let rerun = "re-run the training stage to write a fresh checkpoint"

    public var description: String {
        switch self {
        case let .truncated(expected, found):
            return "checkpoint is truncated: expected \(expected) bytes, found \(found); the write was probably "
                + "interrupted: \(Self.rerun)"
        case let .trailingBytes(expected, found):
            return "checkpoint has \(found - expected) bytes after its last tensor (expected \(expected) bytes, found \(found)); "
                + "the file is corrupt or not a safetensors file: \(Self.rerun)"
        case let .malformedHeader(problem):
            return "checkpoint header is not valid safetensors JSON (\(problem)); the file is corrupt or not a checkpoint: \(Self.rerun)"
        case let .malformedEntry(tensor, problem):
            return "checkpoint entry \(tensor) is malformed: \(problem); \(Self.rerun)"
        case let .unsupportedDType(tensor, found):
            return "checkpoint tensor \(tensor) has dtype \(found), expected F32; convert it to float32 (e.g. tensor.float()) before saving"
        case let .missingTensor(name):
            return "checkpoint has no tensor \(name): it was written by a different model architecture or is incomplete; "
                + "check the model's width, depth and batch_norm settings match the checkpoint"
        case let .unexpectedTensor(name):
            return "checkpoint has a tensor \(name) this model does not have: it was written by a different architecture; "
                + "check the model's width, depth and batch_norm settings match the checkpoint"
        case let .shapeMismatch(tensor, expected, found):
            return "checkpoint tensor \(tensor) has shape \(found), the model expects \(expected); "
                + "the checkpoint belongs to a model of another width or depth"
        case let .missingMetadata(key):
            return "checkpoint metadata has no \"\(key)\": it was not written by this tool; load it from a checkpoint saved by `pipeline`"
        case let .invalidMetadata(key, value):
            return "checkpoint metadata \"\(key)\" has an invalid value \"\(value)\"; \(Self.rerun)"
        case let .configMismatch(key, expected, found):
            return "checkpoint was written for \(key) = \(found), this model has \(key) = \(expected); "
                + "build the model from the checkpoint (UNet(checkpoint:)) or change \(key) to \(found)"
        }
    }
}
