/// Everything that can go wrong reading or writing a NIfTI volume, or pairing two volumes. Each message
/// names the file, says what is wrong, and what to do next.
public enum VolumeError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened or read at all.
    case unreadable(path: String, reason: String)
    /// The name does not end in `.nii` or `.nii.gz`, or the file has no NIfTI-1/NIfTI-2 header.
    case notNIfTI(path: String, detail: String)
    /// A NIfTI file in a layout we do not read (4D, two-file .hdr/.img, float64, …).
    case unsupported(path: String, what: String, hint: String)
    /// Header fields that cannot describe a real volume (a zero or negative size, an offset inside the header).
    case badHeader(path: String, field: String, value: String)
    /// The header claims more voxels than the reader accepts, before anything is allocated.
    case tooLarge(path: String, voxels: String, limit: Int)
    /// The header's sizes do not fit the file: `needed` bytes of header and voxels, the file holds `available`
    /// (for .nii.gz: at most `available` bytes once decompressed).
    case sizesDoNotFitFile(path: String, needed: Int, available: Int, compressed: Bool)
    /// The voxel data ended early or would not decompress.
    case truncated(path: String, detail: String)
    /// The values cannot be stored in the requested voxel type without loss.
    case valuesOutOfRange(path: String, dataType: String, range: ClosedRange<Float>)
    /// Writing (or renaming the temporary file into place) failed.
    case writeFailed(path: String, reason: String)
    /// Two volumes that must describe the same grid (scan and mask) disagree in `field`.
    case geometryMismatch(image: String, mask: String, field: String, imageValue: String, maskValue: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "\(path): cannot read (\(reason)); check the path and permissions"
        case let .notNIfTI(path, detail):
            return "\(path): not a NIfTI volume (\(detail)); NIfTI files end in .nii or .nii.gz "
                + "and start with a NIfTI-1 or NIfTI-2 header"
        case let .unsupported(path, what, hint):
            return "\(path): \(what) is not supported; \(hint)"
        case let .badHeader(path, field, value):
            return "\(path): NIfTI header field \(field) = \(value) cannot describe a volume; "
                + "the file is corrupt or not written by a NIfTI tool: re-export it"
        case let .tooLarge(path, voxels, limit):
            return "\(path): the header claims \(voxels) voxels, more than the \(limit) this reader accepts; "
                + "check the header (a corrupt file?) or crop the volume first"
        case let .sizesDoNotFitFile(path, needed, available, compressed):
            let holds = compressed ? "can hold at most \(available) bytes once decompressed" : "holds \(available) bytes"
            return "\(path): the header needs \(needed) bytes of header and voxels but the file \(holds); "
                + "the file is truncated or its header is wrong: re-export or re-download it"
        case let .truncated(path, detail):
            return "\(path): voxel data is truncated or corrupt (\(detail)); re-export or re-download the file"
        case let .valuesOutOfRange(path, dataType, range):
            return "\(path): values \(range.lowerBound)…\(range.upperBound) do not fit NIfTI \(dataType); "
                + "rescale or clamp first, or write float32"
        case let .writeFailed(path, reason):
            return "\(path): cannot write (\(reason)); check that the folder exists and is writable"
        case let .geometryMismatch(image, mask, field, imageValue, maskValue):
            return "\(image) has \(field) \(imageValue) but \(mask) has \(maskValue); "
                + "image and mask must share one voxel grid (resample the mask onto the image)"
        }
    }
}
