import Foundation

/// Where the image/mask pairs come from: folders on disk, or the built-in synthetic phantom.
public enum DataSpec: Equatable, Sendable {
    case folders(FolderData)
    case phantom(PhantomData)
}

/// Images and masks read from disk.
public struct FolderData: Equatable, Sendable {
    public var images: PathPattern
    public var masks: PathPattern
    /// How an image finds its mask.
    public var match: PairMatch = .filename
    /// What to do with an image without a mask (or a mask whose size differs).
    public var onBadPair: BadPairPolicy = .drop
    /// True when `images` names NIfTI volumes (`.nii`, `.nii.gz`): decided from the pattern, else from
    /// the folder's files, when the spec is read.
    public var volumes = false
    /// `data.slices`: which axial slices of each volume become cases (volume data only).
    public var selection = SliceSelection.lung
}

/// `data.slices`: which axial slices of a volume preprocess turns into training and evaluation cases.
public enum SliceSelection: Equatable, Sendable {
    /// Every slice.
    case all
    /// From `margin` slices below the lowest slice whose mask has lung to `margin` above the highest:
    /// the lungs and a few empty slices around them, not the hundreds of empty slices of a whole scan.
    case lung
    /// Slices 0, K, 2K, …
    case every(Int)

    /// Empty slices kept on each side of the lungs by `lung`.
    public static let lungMargin = 2

    /// As written in a spec: `all`, `lung`, `every 4`.
    public var text: String {
        switch self {
        case .all: return "all"
        case .lung: return "lung"
        case .every(let k): return "every \(k)"
        }
    }

    /// The selected slice indices of a volume with `count` slices; `hasLung(k)` says whether the
    /// reference mask of slice k has any lung. `lung` on a volume without lung selects nothing.
    public func indices(count: Int, hasLung: (Int) -> Bool) -> [Int] {
        switch self {
        case .all: return Array(0..<count)
        case .every(let k): return Array(stride(from: 0, to: count, by: k))
        case .lung:
            let lung = (0..<count).filter(hasLung)
            guard let low = lung.first, let high = lung.last else { return [] }
            return Array(max(0, low - SliceSelection.lungMargin)...min(count - 1, high + SliceSelection.lungMargin))
        }
    }
}

/// A folder, or a glob pattern whose last path component holds the wildcards
/// (`../data/images/*.tif`). Relative paths are resolved against the spec file's folder.
public struct PathPattern: Equatable, Sendable {
    /// As written in the spec.
    public var given: String
    /// Absolute folder that holds the files.
    public var folder: String
    /// Filename pattern (`*.tif`), or nil for every file in `folder`.
    public var pattern: String?

    /// The absolute path with the pattern, e.g. `/work/shared/data/lung-ct/images/*.tif`.
    public var resolved: String { pattern.map { folder + "/" + $0 } ?? folder }

    /// Whether a file name (no folder) belongs to this pattern. Hidden files never do.
    public func matches(fileName: String) -> Bool {
        if fileName.hasPrefix(".") { return false }
        guard let pattern else { return true }
        return fnmatch(pattern, fileName, 0) == 0
    }
}

public enum PairMatch: String, CaseIterable, Sendable {
    /// `images/a.tif` pairs with `masks/a.tif`.
    case filename
    /// `images/a.tif` pairs with `masks/a.png`: extensions may differ.
    case stem
}

public enum BadPairPolicy: String, CaseIterable, Sendable {
    /// Leave the pair out and warn.
    case drop
    /// Stop the run.
    case fail
}

/// The built-in synthetic chest-CT phantom: no files needed.
public struct PhantomData: Equatable, Sendable {
    public var count = 48
    /// Side of each square slice, in pixels.
    public var size = 128
    public var seed = 0
    /// `data.phantom.slices`: when given, each phantom case is a NIfTI volume of `size × size × slices`.
    public var slices: Int? = nil
    /// `data.slices`, for volume phantoms.
    public var selection = SliceSelection.lung
}

extension DataSpec {
    /// The slice selection when the data are volumes; nil for 2D slices (the field does not apply).
    public var volumeSelection: SliceSelection? {
        switch self {
        case .folders(let folders): return folders.volumes ? folders.selection : nil
        case .phantom(let phantom): return phantom.slices == nil ? nil : phantom.selection
        }
    }
}
