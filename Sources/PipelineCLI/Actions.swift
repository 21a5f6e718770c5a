import Foundation

/// The one place the CLI calls into the stages. Each function receives a validated request.
/// The experiment actions (run, plan, validate) live in Actions+Experiment.swift; the actions over
/// finished runs (runs, report, predict, gc) in Actions+Runs.swift.
enum Actions {}

/// A command whose arguments parse but whose stage is not connected in this build.
struct NotYetWired: Error, CustomStringConvertible {
    var command: String
    var description: String {
        "'pipeline \(command)' is not wired to its stage in this build yet; its arguments were valid"
    }
}
