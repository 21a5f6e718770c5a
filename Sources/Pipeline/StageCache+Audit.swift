import Foundation

/// Something wrong in the cache that `pipeline check` found.
public struct CacheFinding: Equatable, Sendable {
    public enum Kind: String, Sendable {
        /// A committed entry whose record or files disagree (missing, resized, or changed content).
        case damagedEntry = "damaged entry"
        /// A temporary folder no live writer holds: left by a killed or failed run.
        case orphanTemporary = "unfinished temporary"
    }
    public let kind: Kind
    public let key: String
    public let path: String
    public let reason: String
}

extension StageCache {
    /// Checks every committed entry with hashes (as `--verify` does) and lists temporary folders that
    /// no live writer holds. Keys whose lock is held are in use and skipped. Changes nothing.
    public func audit() throws -> (findings: [CacheFinding], entriesChecked: Int, inUse: [String]) {
        var findings: [CacheFinding] = [], inUse: [String] = [], checked = 0
        for key in allKeys() {
            let lock = lockFile(forKey: key)
            guard try lock.tryLock() else { inUse.append(key); continue }
            defer { lock.unlock() }
            checked += 1
            if case let .corrupt(reason) = inspect(key: key, verifyingHashes: true) {
                findings.append(CacheFinding(kind: .damagedEntry, key: key, path: entryDirectory(forKey: key).path, reason: reason))
            }
        }
        for url in FileIO.contents(of: temporaryDirectory) {
            let key = String(url.lastPathComponent.prefix { $0 != "." })
            let lock = lockFile(forKey: key)
            guard try lock.tryLock() else { if !inUse.contains(key) { inUse.append(key) }; continue }
            defer { lock.unlock() }
            findings.append(CacheFinding(kind: .orphanTemporary, key: key, path: url.path,
                                         reason: "no process is writing it (a killed or failed run left it)"))
        }
        return (findings, checked, inUse)
    }

    /// Removes what `audit` found, each under its key's lock: a damaged entry becomes a miss (the next
    /// run rebuilds it), an unfinished temporary is deleted. Returns what it did, one line each.
    public func repair(_ findings: [CacheFinding]) throws -> [String] {
        var done: [String] = []
        for finding in findings {
            let lock = lockFile(forKey: finding.key)
            guard try lock.tryLock() else { done.append("skipped \(finding.path): a run is using it now"); continue }
            defer { lock.unlock() }
            switch finding.kind {
            case .damagedEntry:
                discardCorruptEntry(key: finding.key)
                done.append("removed damaged entry \(finding.key.prefix(12)) (the next run of a spec that needs it rebuilds it)")
            case .orphanTemporary:
                FileIO.removeIfPresent(URL(fileURLWithPath: finding.path))
                done.append("removed \(finding.path)")
            }
        }
        return done
    }
}
