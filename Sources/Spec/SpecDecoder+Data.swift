import Foundation

/// The `data` section: folders (or glob patterns) resolved against the spec file's folder, or
/// the synthetic phantom. Exactly one of the two.
extension SpecDecoder {
    func decodeData(_ r: SectionReader, maskCheck: inout MaskCheckSpec) -> DataSpec {
        let fallback = DataSpec.phantom(PhantomData())
        guard r.has("data") else {
            diagnostics.report(.missingField("missing; give data.images and data.masks (folders or glob patterns), "
                                             + "or data.phantom: {count, size, seed} for synthetic slices"),
                               at: r.mark, path: "data")
            return fallback
        }
        let d = r.section("data", allowed: SpecSchema.data)
        maskCheck = decodeMaskCheck(d)
        if d.has("phantom") {
            for key in ["images", "masks", "match", "on_bad_pair"] where d.has(key) {
                d.report(.conflict("cannot be combined with data.phantom; give folders or the phantom, not both"), at: key)
            }
            let p = d.section("phantom", allowed: SpecSchema.phantom)
            var phantom = PhantomData(count: p.int("count", default: 48, in: 2...100_000),
                                      size: p.int("size", default: 128, in: 16...4096),
                                      seed: p.int("seed", default: 0, in: 0...Int.max))
            if p.has("slices") { phantom.slices = p.int("slices", default: 48, in: 4...1024) }
            phantom.selection = decodeSelection(d, volumes: phantom.slices != nil,
                                                notVolumes: "the phantom makes 2D slices unless data.phantom.slices is given")
            return .phantom(phantom)
        }
        var missing = false
        for key in ["images", "masks"] where !d.has(key) {
            diagnostics.report(.missingField("missing; give a folder or glob pattern (or use data.phantom instead)"),
                               at: d.mark, path: d.child(key))
            missing = true
        }
        let images = d.string("images").flatMap { resolvePattern($0, key: "images", in: d) }
        let masks = d.string("masks").flatMap { resolvePattern($0, key: "masks", in: d) }
        let match: PairMatch = d.choice("match", default: .filename)
        let onBadPair: BadPairPolicy = d.choice("on_bad_pair", default: .drop)
        guard !missing, let images, let masks else { return fallback }
        if images == masks {
            d.report(.conflict("is the same as data.images (\(images.resolved)); masks need their own folder or pattern"),
                     at: "masks")
        }
        var folders = FolderData(images: images, masks: masks, match: match, onBadPair: onBadPair)
        folders.volumes = namesVolumes(images) ?? d.has("slices")
        folders.selection = decodeSelection(d, volumes: folders.volumes,
                                            notVolumes: "data.images names no NIfTI volumes (.nii, .nii.gz)")
        return .folders(folders)
    }

    /// `data.slices: all | lung | every K` (default `lung`), which applies to volume data only.
    private func decodeSelection(_ d: SectionReader, volumes: Bool, notVolumes: String) -> SliceSelection {
        guard let node = d["slices"], let text = FieldValue.string(node, path: d.child("slices"), diagnostics) else {
            return .lung
        }
        if !volumes {
            d.report(.conflict("applies to NIfTI volumes only; \(notVolumes): remove data.slices"), at: "slices")
            return .lung
        }
        let words = text.split(separator: " ").map(String.init)
        switch (words.first, words.count) {
        case ("all", 1): return .all
        case ("lung", 1): return .lung
        case ("every", 2):
            if let k = Int(words[1]), (1...1000).contains(k) { return .every(k) }
            d.report(.outOfRange("every K needs K in 1…1000, found '\(words[1])'"), at: "slices")
        default:
            let hint = suggestion(for: words.first ?? "", among: ["all", "lung", "every"]).map { "; did you mean '\($0)'?" } ?? ""
            d.report(.outOfRange("must be all, lung or every K (e.g. every 4), found '\(text)'\(hint)"), at: "slices")
        }
        return .lung
    }

    /// Whether a pattern names NIfTI volumes: by its file pattern, else by the folder's files (the first
    /// one that is NIfTI or not decides); nil when that cannot be told (no pattern, folder unreadable).
    private func namesVolumes(_ pattern: PathPattern) -> Bool? {
        let isNIfTI = { (name: String) in name.hasSuffix(".nii") || name.hasSuffix(".nii.gz") }
        if let glob = pattern.pattern, !glob.hasSuffix("*") { return isNIfTI(glob) }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: pattern.folder) else { return nil }
        let files = names.filter { pattern.matches(fileName: $0) }.sorted()
        return files.isEmpty ? nil : files.contains(where: isNIfTI)
    }

    /// Splits `given` into an absolute folder and an optional filename pattern, and checks that
    /// the folder exists (reported with both the path as written and as resolved).
    private func resolvePattern(_ given: String, key: String, in d: SectionReader) -> PathPattern? {
        let components = given.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let isGlob = { (c: String) in c.contains { "*?[".contains($0) } }
        if components.dropLast().contains(where: isGlob) {
            d.report(.outOfRange("wildcards are allowed only in the last path component, found '\(given)'"), at: key)
            return nil
        }
        let pattern = components.last.flatMap { isGlob($0) ? $0 : nil }
        let folderGiven = pattern == nil ? given : components.dropLast().joined(separator: "/")
        let folder = absolutePath(folderGiven.isEmpty ? "." : folderGiven)
        var isDirectory: ObjCBool = false
        if !checksFolders {
            // A recorded spec: the folders were checked when it ran.
        } else if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            d.report(.missingFolder(given: folderGiven, resolved: folder), at: key)
        } else if !isDirectory.boolValue {
            d.report(.outOfRange("\(folderGiven) is a file, not a folder (resolved to \(folder))"), at: key)
        }
        return PathPattern(given: given, folder: folder, pattern: pattern)
    }

    /// `path` made absolute against the spec file's folder (`~/` is the home folder), with
    /// `.` and `..` removed. Symbolic links are kept: the path stays the one the user wrote.
    func absolutePath(_ path: String) -> String {
        var expanded = path
        if path == "~" || path.hasPrefix("~/") {
            expanded = NSHomeDirectory() + path.dropFirst()
        }
        let base = expanded.hasPrefix("/") ? "" : specFile.split(separator: "/").dropLast().joined(separator: "/")
        return normalize("/" + base + "/" + expanded)
    }
}

/// Removes empty, `.` and `..` components from an absolute path.
func normalize(_ absolute: String) -> String {
    var parts: [Substring] = []
    for part in absolute.split(separator: "/") {
        if part == "." { continue }
        if part == ".." { _ = parts.popLast(); continue }
        parts.append(part)
    }
    return "/" + parts.joined(separator: "/")
}
