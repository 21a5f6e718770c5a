import Foundation

/// The one place the CLI calls into the stages. Each function receives a validated request;
/// until the stages are merged each one throws `NotYetWired`, which exits 1 with a clear message.
enum Actions {
    static func run(_ request: RunRequest) throws { throw NotYetWired(command: "run") }
    static func plan(_ request: PlanRequest) throws { throw NotYetWired(command: "plan") }
    static func validate(_ request: ValidateRequest) throws { throw NotYetWired(command: "validate") }
    static func listRuns(_ request: RunsListRequest) throws { throw NotYetWired(command: "runs") }
    static func report(_ request: ReportRequest) throws { throw NotYetWired(command: "report") }
    static func predict(_ request: PredictRequest) throws { throw NotYetWired(command: "predict") }
    static func collectGarbage(_ request: GCRequest) throws { throw NotYetWired(command: "gc") }
}

/// A command whose arguments parse but whose stage is not connected in this build.
struct NotYetWired: Error, CustomStringConvertible {
    var command: String
    var description: String {
        "'pipeline \(command)' is not wired to its stage in this build yet; its arguments were valid"
    }
}
