import Foundation

extension Actions {
    static func run(_ request: RunRequest) throws { throw NotYetWired(command: "run") }
    static func plan(_ request: PlanRequest) throws { throw NotYetWired(command: "plan") }
    static func validate(_ request: ValidateRequest) throws { throw NotYetWired(command: "validate") }
}
