import Foundation
import Spec

/// One image and its mask, found on disk or generated. Paths are absolute, or relative to the ingest
/// entry for generated (phantom) data.
public struct DataPair: Codable, Equatable, Sendable {
    /// The image's file stem, e.g. `ID_0003_Z_0132`: the case id in splits and reports.
    public var id: String
    public var image: String
    public var mask: String
    public var imageSHA256: String
    public var maskSHA256: String

    enum CodingKeys: String, CodingKey {
        case id, image, mask, imageSHA256 = "image_sha256", maskSHA256 = "mask_sha256"
    }
}

/// Image and mask files paired by name, plus every file that found no partner.
struct PairListing {
    struct Candidate { var id: String; var image: String; var mask: String }
    var pairs: [Candidate]
    var unmatched: [BadPair]
}

/// Matches `data.images` to `data.masks` by file name or by stem (extensions may differ).
enum PairFinder {
    static func find(_ data: FolderData) throws -> PairListing {
        let images = try files(data.images)
        guard !images.isEmpty else { throw StageError.noImages(folder: data.images.folder, pattern: data.images.pattern) }
        let masks = try files(data.masks)
        let matchKey: (String) -> String = data.match == .filename ? { $0 } : stem
        var masksByKey: [String: String] = [:]
        var unmatched: [BadPair] = []
        for mask in masks {
            if masksByKey[matchKey(mask)] != nil {
                unmatched.append(BadPair(id: stem(mask), reason: "masks/\(mask): another mask has the same stem; keep one"))
            } else {
                masksByKey[matchKey(mask)] = mask
            }
        }
        var pairs: [PairListing.Candidate] = []
        var used = Set<String>()
        for image in images {
            let key = matchKey(image)
            guard let mask = masksByKey[key], !used.contains(key) else {
                let wanted = data.match == .filename ? image : stem(image) + ".*"
                unmatched.append(BadPair(id: stem(image), reason: "images/\(image) has no mask (looked for \(data.masks.folder)/\(wanted))"))
                continue
            }
            used.insert(key)
            pairs.append(.init(id: stem(image), image: data.images.folder + "/" + image, mask: data.masks.folder + "/" + mask))
        }
        for (key, mask) in masksByKey.sorted(by: { $0.key < $1.key }) where !used.contains(key) {
            unmatched.append(BadPair(id: stem(mask), reason: "masks/\(mask) has no image in \(data.images.resolved)"))
        }
        return PairListing(pairs: pairs, unmatched: unmatched)
    }

    /// File names (no folder) matching the pattern, sorted so every run sees one order.
    static func files(_ pattern: PathPattern) throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: pattern.folder)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: pattern.folder + "/" + name, isDirectory: &isDirectory)
            return !isDirectory.boolValue && pattern.matches(fileName: name)
        }.sorted()
    }

    /// The name without its extension; `.nii.gz` counts as one extension (`PV_0000.nii.gz` → `PV_0000`).
    static func stem(_ name: String) -> String {
        if name.hasSuffix(".nii.gz"), name.count > 7 { return String(name.dropLast(7)) }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
