import Foundation
import JSON

// The safetensors container (https://huggingface.co/docs/safetensors): an 8-byte little-endian header
// length, a JSON header {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {string: string}},
// then the raw little-endian tensor bytes, contiguous and in header order. PyTorch and NumPy read it.
// Only F32 is written or accepted. (Raw copies assume a little-endian host, as x86-64 and arm64 are.)

struct SafetensorsEntry {
    let name: String
    let shape: [Int]
    let values: UnsafePointer<Float>
    var count: Int { shape.reduce(1, *) }
}

/// Serializes tensors (in the given order) and string metadata into safetensors bytes.
func encodeSafetensors(_ entries: [SafetensorsEntry], metadata: [String: String]) -> [UInt8] {
    var header = "{\"__metadata__\":{"
    header += metadata.keys.sorted().map { "\(JSONValue.quoted($0)):\(JSONValue.quoted(metadata[$0]!))" }.joined(separator: ",")
    header += "}"
    var offset = 0
    for entry in entries {
        let bytes = entry.count * 4
        header += ",\(JSONValue.quoted(entry.name)):{\"dtype\":\"F32\",\"shape\":[\(entry.shape.map(String.init).joined(separator: ","))],"
            + "\"data_offsets\":[\(offset),\(offset + bytes)]}"
        offset += bytes
    }
    header += "}"
    // Pad the header with spaces so the data starts 8-byte aligned, as the reference writer does.
    while (header.utf8.count % 8) != 0 { header += " " }
    var out: [UInt8] = []
    out.reserveCapacity(8 + header.utf8.count + offset)
    withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { out.append(contentsOf: $0) }
    out.append(contentsOf: header.utf8)
    for entry in entries {
        out.append(contentsOf: UnsafeRawBufferPointer(start: entry.values, count: entry.count * 4))
    }
    return out
}

/// A parsed, validated safetensors file: every entry is F32, its byte range matches its shape, the
/// ranges tile the data section exactly, and the file is exactly as long as the header says.
struct SafetensorsFile {
    let metadata: [String: String]
    let shapes: [String: [Int]]
    private let ranges: [String: Range<Int>]
    private let bytes: [UInt8]
    private let dataStart: Int

    init(bytes: [UInt8]) throws {
        guard bytes.count >= 8 else { throw CheckpointError.truncated(expectedBytes: 8, foundBytes: bytes.count) }
        let headerLength = bytes[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw CheckpointError.truncated(expectedBytes: 8 + Int(clamping: headerLength), foundBytes: bytes.count)
        }
        dataStart = 8 + Int(headerLength)
        let json: JSONValue
        do { json = try JSONValue(parsing: Array(bytes[8..<dataStart])) } catch {
            throw CheckpointError.malformedHeader("JSON does not parse: \(error)")
        }
        guard let header = json.objectValue else { throw CheckpointError.malformedHeader("the header is not a JSON object") }
        var metadata: [String: String] = [:]
        if let m = header["__metadata__"] {
            guard let m = m.objectValue else { throw CheckpointError.malformedHeader("__metadata__ is not an object") }
            for (k, v) in m {
                guard let s = v.stringValue else { throw CheckpointError.malformedHeader("__metadata__.\(k) is not a string") }
                metadata[k] = s
            }
        }
        var shapes: [String: [Int]] = [:], ranges: [String: Range<Int>] = [:]
        for (name, value) in header where name != "__metadata__" {
            let (shape, range) = try SafetensorsFile.parseEntry(name, value)
            shapes[name] = shape; ranges[name] = range
        }
        // The ranges must tile [0, end) without gaps or overlaps, and the file must end there.
        var end = 0
        for (name, range) in ranges.sorted(by: { $0.value.lowerBound < $1.value.lowerBound }) {
            guard range.lowerBound == end else {
                throw CheckpointError.malformedEntry(tensor: name, problem: "data_offsets start at \(range.lowerBound), expected \(end) (gap or overlap)")
            }
            end = range.upperBound
        }
        let expected = dataStart + end
        if bytes.count < expected { throw CheckpointError.truncated(expectedBytes: expected, foundBytes: bytes.count) }
        if bytes.count > expected { throw CheckpointError.trailingBytes(expectedBytes: expected, foundBytes: bytes.count) }
        self.metadata = metadata; self.shapes = shapes; self.ranges = ranges; self.bytes = bytes
    }

    private static func parseEntry(_ name: String, _ value: JSONValue) throws -> ([Int], Range<Int>) {
        guard let entry = value.objectValue else {
            throw CheckpointError.malformedEntry(tensor: name, problem: "not a JSON object")
        }
        guard let dtype = entry["dtype"]?.stringValue else { throw CheckpointError.malformedEntry(tensor: name, problem: "no dtype") }
        guard dtype == "F32" else { throw CheckpointError.unsupportedDType(tensor: name, found: dtype) }
        guard let shape = integers(entry["shape"]), shape.allSatisfy({ $0 >= 0 }) else {
            throw CheckpointError.malformedEntry(tensor: name, problem: "shape is not a list of non-negative integers")
        }
        guard let offsets = integers(entry["data_offsets"]), offsets.count == 2, offsets[0] >= 0, offsets[0] <= offsets[1] else {
            throw CheckpointError.malformedEntry(tensor: name, problem: "data_offsets is not [begin, end] with begin <= end")
        }
        guard offsets[1] - offsets[0] == 4 * shape.reduce(1, *) else {
            throw CheckpointError.malformedEntry(tensor: name, problem:
                "data_offsets span \(offsets[1] - offsets[0]) bytes but shape \(shape) of F32 needs \(4 * shape.reduce(1, *))")
        }
        return (shape, offsets[0]..<offsets[1])
    }

    private static func integers(_ value: JSONValue?) -> [Int]? {
        guard let array = value?.arrayValue else { return nil }
        let out = array.compactMap(\.intValue)
        return out.count == array.count ? out : nil
    }

    /// Copies the named tensor into `destination` after checking it exists with `shape`.
    func copy(_ name: String, shape: [Int], into destination: UnsafeMutablePointer<Float>) throws {
        try check(name, shape: shape)
        let range = ranges[name]!
        bytes.withUnsafeBytes { raw in
            UnsafeMutableRawPointer(destination).copyMemory(from: raw.baseAddress! + dataStart + range.lowerBound, byteCount: range.count)
        }
    }

    func check(_ name: String, shape: [Int]) throws {
        guard let found = shapes[name] else { throw CheckpointError.missingTensor(name) }
        guard found == shape else { throw CheckpointError.shapeMismatch(tensor: name, expected: shape, found: found) }
    }
}
