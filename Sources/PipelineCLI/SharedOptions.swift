import ArgumentParser
import Foundation

/// Where runs and the stage cache live; shared by every command that reads or writes them.
struct RunsDirectoryOptions: ParsableArguments {
    @Option(name: .customLong("runs-dir"), help: ArgumentHelp(
        "Folder holding one folder per run and the stage cache.", valueName: "dir"))
    var runsDirectory: String = "runs"

    var runsURL: URL { URL(fileURLWithPath: runsDirectory, isDirectory: true) }
}

/// Checks shared by commands that take files on the command line, so the messages read alike.
enum ArgumentChecks {
    /// Throws a usage error naming `role` and the path when it is not an existing regular file.
    static func requireFile(_ path: String, role: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ValidationError("\(role) '\(path)' does not exist")
        }
        guard !isDirectory.boolValue else {
            throw ValidationError("\(role) '\(path)' is a folder; pass a file")
        }
    }

    /// Throws a usage error when `values` is empty, saying what was expected.
    static func requireSome(_ values: [String], what: String) throws {
        guard !values.isEmpty else { throw ValidationError("expected at least one \(what)") }
    }
}
