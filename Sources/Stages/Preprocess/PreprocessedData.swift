import Foundation
import Pipeline

/// The preprocess stage's output, read fast by train and evaluate: `images.f32` (N×H×W Float32,
/// little-endian, values in [0, 1]), `masks.u8` (N×H×W, 0 or 1) and `cases.json` (ids and the
/// original sizes, in the same order).
public struct PreprocessedData: Equatable, Sendable {
    public struct Case: Codable, Equatable, Sendable {
        public var id: String
        public var originalWidth: Int
        public var originalHeight: Int
        /// For a slice cut from a volume: the volume's id (its file stem), the slice index k, and the
        /// volume's voxel spacing in mm along i, j, k. Absent (and not written) for 2D slices.
        public var volume: String? = nil
        public var slice: Int? = nil
        public var spacing: [Double]? = nil
        enum CodingKeys: String, CodingKey {
            case id, originalWidth = "original_width", originalHeight = "original_height", volume, slice, spacing
        }

        /// The split unit: a volume's slices go to one side together.
        public var group: String { volume ?? id }
    }

    struct Index: Codable {
        var height: Int
        var width: Int
        var cases: [Case]
    }

    public var height: Int
    public var width: Int
    public var cases: [Case]
    /// N×H×W row-major.
    public var images: [Float]
    public var masks: [UInt8]

    public var pixelsPerCase: Int { height * width }

    public func image(_ index: Int) -> [Float] {
        Array(images[(index * pixelsPerCase)..<((index + 1) * pixelsPerCase)])
    }

    public func mask(_ index: Int) -> [UInt8] {
        Array(masks[(index * pixelsPerCase)..<((index + 1) * pixelsPerCase)])
    }

    public func write(to directory: URL) throws {
        try StageFiles.writeJSON(Index(height: height, width: width, cases: cases),
                                 to: directory.appendingPathComponent(EntryFiles.cases))
        var littleEndian = Data(capacity: images.count * 4)
        for value in images { withUnsafeBytes(of: value.bitPattern.littleEndian) { littleEndian.append(contentsOf: $0) } }
        try FileIO.write([UInt8](littleEndian), to: directory.appendingPathComponent(EntryFiles.images))
        try FileIO.write(masks, to: directory.appendingPathComponent(EntryFiles.masks))
    }

    public static func read(from directory: URL) throws -> PreprocessedData {
        let index = try StageFiles.readJSON(Index.self, from: directory.appendingPathComponent(EntryFiles.cases))
        let count = index.cases.count * index.height * index.width
        let imageBytes = try StageFiles.readBytes(directory.appendingPathComponent(EntryFiles.images), expected: count * 4)
        let maskBytes = try StageFiles.readBytes(directory.appendingPathComponent(EntryFiles.masks), expected: count)
        let images = imageBytes.withUnsafeBytes { raw in
            (0..<count).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
        return PreprocessedData(height: index.height, width: index.width, cases: index.cases,
                                images: images, masks: [UInt8](maskBytes))
    }
}
