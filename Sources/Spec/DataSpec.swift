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
}
