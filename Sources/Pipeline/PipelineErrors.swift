/// Failures of the cache's file system work. Messages name the path and say what to do.
public enum CacheError: Error, Equatable, CustomStringConvertible {
    case readFailed(path: String, reason: String)
    /// Nothing half-written is left looking complete: the temporary folder is removed.
    case writeFailed(path: String, reason: String)
    case lockFailed(path: String, reason: String)
    /// `entry.json` is the cache's own record; a stage must not write a file of that name at the top.
    case reservedOutputName(stage: String, name: String)

    public var description: String {
        switch self {
        case let .readFailed(path, reason):
            return "cannot read \(path): \(reason); check that the file exists and is readable"
        case let .writeFailed(path, reason):
            return "cannot write \(path): \(reason); nothing was committed to the cache, rerun when fixed"
        case let .lockFailed(path, reason):
            return "cannot lock \(path): \(reason); check permissions on the runs/ folder"
        case let .reservedOutputName(stage, name):
            return "stage \(stage) wrote \(name), a name the cache reserves for its record; rename that output"
        }
    }
}

/// Problems in the shape of a DAG, found before anything runs.
public enum GraphError: Error, Equatable, CustomStringConvertible {
    case duplicateNode(member: String, id: String)
    case unknownDependency(member: String, node: String, dependency: String)
    case cycle(member: String, path: [String])
    case missingInput(stage: String, name: String)

    public var description: String {
        switch self {
        case let .duplicateNode(member, id):
            return "\(member): two stages have the id \(id); give each stage a unique id"
        case let .unknownDependency(member, node, dependency):
            return "\(member): stage \(node) depends on \(dependency), which is not defined; define it or fix the name"
        case let .cycle(member, path):
            return "\(member): stages depend on each other in a cycle \(path.joined(separator: " → ")); break the cycle"
        case let .missingInput(stage, name):
            return "stage \(stage) asked for input \(name), which is not a stage dependency; declare it in the stage's inputs"
        }
    }
}
