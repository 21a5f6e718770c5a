/// The optional `executor` section (see `ExecutorSpec`).
extension SpecDecoder {
    func decodeExecutor(_ s: SectionReader) -> ExecutorSpec {
        var e = ExecutorSpec()
        if s.has("kind") {
            // A misspelt kind is reported once and left unset, so no field is also said to conflict with it.
            let kind = s.choice("kind", default: ExecutorSpec.Kind.local)
            e.kind = text(s, "kind").flatMap(ExecutorSpec.Kind.init(rawValue:)) == kind ? kind : nil
        }
        if s.has("jobs") { e.jobs = s.int("jobs", default: 1, in: 1...256) }
        if s.has("partition") { e.partition = word(s, "partition") }
        if s.has("time") {
            e.time = text(s, "time")
            if let time = e.time, let problem = ExecutorSpec.timeProblem(time) {
                s.report(.outOfRange("'\(time)' \(problem); write e.g. \"02:00:00\" (2 hours) or \"1-12:00:00\" (1.5 days)"), at: "time")
            }
        }
        if s.has("cpus_per_task") { e.cpusPerTask = s.int("cpus_per_task", default: 1, in: 1...4096) }
        if s.has("mem") {
            e.memory = text(s, "mem")
            if let memory = e.memory, let problem = ExecutorSpec.memoryProblem(memory) {
                s.report(.outOfRange("'\(memory)' \(problem)"), at: "mem")
            }
        }
        if let node = s["sbatch_args"] { e.sbatchArguments = sbatchArguments(node, s) }
        if e.kind == .slurm, e.jobs != nil {
            s.report(.conflict("applies only to kind: local (Slurm decides how many jobs run at once); remove it"), at: "jobs")
        }
        if e.kind == .local {
            for key in e.slurmFieldsGiven {
                s.report(.conflict("applies only to kind: slurm (the kind here is local); remove it or set kind: slurm"), at: key)
            }
        }
        return e
    }

    /// Times and memory sizes read as text whether YAML saw a number (`mem: 4000`) or not.
    private func text(_ s: SectionReader, _ key: String) -> String? {
        guard let node = s[key] else { return nil }
        return FieldValue.string(node, path: s.child(key), diagnostics)
    }

    /// One non-empty word: it becomes a single sbatch argument.
    private func word(_ s: SectionReader, _ key: String) -> String? {
        guard let value = text(s, key) else { return nil }
        if value.isEmpty || value.contains(where: \.isWhitespace) {
            s.report(.outOfRange("must be one word (a partition name), found '\(value)'"), at: key)
        }
        return value
    }

    private func sbatchArguments(_ node: YAMLNode, _ s: SectionReader) -> [String]? {
        guard let arguments = FieldValue.stringList(node, path: s.child("sbatch_args"), diagnostics) else { return nil }
        for argument in arguments {
            let option = String(argument.split(separator: "=", maxSplits: 1).first ?? "")
            if !argument.hasPrefix("-") {
                s.report(.outOfRange("'\(argument)' is not an sbatch option; write each as one word, e.g. --account=lab"), at: "sbatch_args")
            } else if ExecutorSpec.reservedSbatchOptions.contains(option) {
                s.report(.conflict("'\(argument)': pipeline sets \(option) itself for every job (dependencies, job names, logs); remove it"),
                         at: "sbatch_args")
            }
        }
        return arguments
    }
}
