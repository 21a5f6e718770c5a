import Foundation
import Spec
import Stages

extension Actions {
    /// `pipeline run`: every spec's members in one graph; prints stage lines, then where each report is.
    /// Throws (exit 1) with a one-line reason when any member failed; the others still ran unless
    /// --fail-fast.
    static func run(_ request: RunRequest) throws {
        let experiment = try reportingDiagnostics {
            try Experiment(specPaths: request.specs.map(\.path), runsRoot: request.runsDirectory,
                           environment: .current(toolVersion: ToolVersion.current))
        }
        warnIfLarge(experiment.members.count)
        let plan = experiment.plan(verifyHashes: request.verify)
        print(ExperimentText.planSummary(plan))
        let reporter = ProgressReporter(style: ProgressReporter.standardOutputStyle(quiet: request.quiet),
                                        stageNames: Experiment.stageNames)
        let result = try experiment.run(plan: plan, failFast: request.failFast, verifyHashes: request.verify,
                                        reporter: reporter) { warning in
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        for member in result.members where member.succeeded {
            print("report: \(member.reportPath?.path ?? member.runDirectory.path)  (\(member.member))")
        }
        let failed = result.members.filter { !$0.succeeded }
        guard failed.isEmpty else {
            throw ExperimentFailed(failed: failed.map { ($0.member, $0.record.failure ?? "failed") }, total: result.members.count)
        }
    }

    /// `pipeline plan`: what run would do and why, without running anything.
    static func plan(_ request: PlanRequest) throws {
        let experiment = try reportingDiagnostics {
            try Experiment(specPaths: [request.spec.path], runsRoot: request.runsDirectory,
                           environment: .current(toolVersion: ToolVersion.current))
        }
        print(experiment.planText(experiment.plan(verifyHashes: request.verify)))
    }

    /// A grid this large still runs, but its comparison needs reading differently: say so up front.
    static func warnIfLarge(_ members: Int) {
        guard members > Sweep.readableMembers else { return }
        FileHandle.standardError.write(Data(("warning: \(members) members; a comparison of this many lists the best and worst "
            + "configurations first and folds the rest away (more than \(Sweep.readableMembers) are hard to read side by side)\n").utf8))
    }

    /// `pipeline validate`: every diagnostic of every spec as `file:line:column: message`.
    static func validate(_ request: ValidateRequest) throws {
        var members = 0
        var diagnostics: [SpecDiagnostic] = []
        for spec in request.specs {
            do { members += try SpecLoader.load(path: spec.path).count } catch let errors as SpecErrors {
                diagnostics += errors.diagnostics
            }
        }
        _ = try reportingDiagnostics { () throws -> Int in
            if !diagnostics.isEmpty { throw SpecErrors(diagnostics) }
            return members
        }
        warnIfLarge(members)
        print("ok: \(members) member\(members == 1 ? "" : "s")")
        if request.masks { try checkMasks(request.specs) }
    }

    /// `pipeline validate --masks`: the mask-check table of each distinct data set and limits among the
    /// specs' members (a sweep over the model checks its data once).
    static func checkMasks(_ specs: [URL]) throws {
        var seen: [(DataSpec, MaskCheckSpec)] = []
        for url in specs {
            for spec in try SpecLoader.load(path: url.path) where !seen.contains(where: { $0 == (spec.data, spec.maskCheck) }) {
                seen.append((spec.data, spec.maskCheck))
                let listing = try MaskCheckListing.check(spec)
                for warning in listing.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
                print("\nmask check of \(spec.memberName) (\(url.path)):")
                print(listing.table, terminator: "")
            }
        }
    }

    /// Spec diagnostics go to stderr one per line (`error: file:line:column: message`, the form
    /// editors link; every stderr line of a failure starts `error: `); the error that leaves through
    /// the CLI's door is their one-line count.
    static func reportingDiagnostics<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let errors as SpecErrors {
            let lines = errors.diagnostics.map { "error: \($0.description)" }
            FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            throw SpecProblems(count: errors.diagnostics.count)
        }
    }
}

/// One or more members failed; names each with its reason on one line.
struct ExperimentFailed: Error, CustomStringConvertible {
    var failed: [(member: String, reason: String)]
    var total: Int
    var description: String {
        "\(failed.count) of \(total) member\(total == 1 ? "" : "s") failed: "
            + failed.map { "\($0.member): \($0.reason)" }.joined(separator: "; ")
    }
}

/// The spec problems were printed above; this is the one line the CLI ends with.
struct SpecProblems: Error, CustomStringConvertible {
    var count: Int
    var description: String {
        "\(count) problem\(count == 1 ? "" : "s") in the spec; nothing was run (see the lines above)"
    }
}
