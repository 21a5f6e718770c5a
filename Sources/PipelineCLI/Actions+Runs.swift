import Foundation

extension Actions {
    static func listRuns(_ request: RunsListRequest) throws { throw NotYetWired(command: "runs") }
    static func report(_ request: ReportRequest) throws { throw NotYetWired(command: "report") }
    static func predict(_ request: PredictRequest) throws { throw NotYetWired(command: "predict") }
    static func collectGarbage(_ request: GCRequest) throws { throw NotYetWired(command: "gc") }
}
