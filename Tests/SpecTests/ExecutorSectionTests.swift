import XCTest
@testable import Spec

/// The optional `executor:` section: typed, checked with positions, and never part of a key.
final class ExecutorSectionTests: XCTestCase {
    func testSlurmSectionIsReadFieldByField() throws {
        let spec = try single(phantomData + """
            executor:
              kind: slurm
              partition: short
              time: "01:30:00"
              cpus_per_task: 2
              mem: 4G
              sbatch_args: [--account=lab, --qos=normal]
            """)
        XCTAssertEqual(spec.executor, ExecutorSpec(kind: .slurm, partition: "short", time: "01:30:00", cpusPerTask: 2,
                                                   memory: "4G", sbatchArguments: ["--account=lab", "--qos=normal"]))
        XCTAssertTrue(try single(phantomData).executor.isEmpty, "absent section: every field nil")
    }

    func testTheSectionChangesNoFieldSoNoKey() throws {
        let plain = try single(phantomData)
        let placed = try single(phantomData + "executor: {kind: local, jobs: 2}\n")
        XCTAssertEqual(placed.executor.jobs, 2)
        XCTAssertEqual(plain.values, placed.values)
        XCTAssertFalse(placed.values.keys.contains { $0.hasPrefix("executor") })
    }

    func testEveryProblemIsReportedAtItsPosition() {
        let found = diagnostics(phantomData + """
            executor:
              kind: slurn
              time: 1:75:00
              mem: lots
              cpus_per_task: 0
              sbatch_args: [--output=x.log, account]
              queue: short
            """)
        XCTAssertEqual(found.map(\.description), [
            "\(testFile):4:9: executor.kind: must be one of local, slurm, found 'slurn'; did you mean 'slurm'?",
            "\(testFile):5:9: executor.time: '1:75:00' minutes and seconds must be below 60; write e.g. \"02:00:00\" (2 hours) or \"1-12:00:00\" (1.5 days)",
            "\(testFile):6:8: executor.mem: 'lots' must be a positive number with an optional K, M, G or T suffix, e.g. 4G",
            "\(testFile):7:18: executor.cpus_per_task: must be in 1…4096, found 0",
            "\(testFile):8:16: executor.sbatch_args: '--output=x.log': pipeline sets --output itself for every job (dependencies, job names, logs); remove it",
            "\(testFile):8:16: executor.sbatch_args: 'account' is not an sbatch option; write each as one word, e.g. --account=lab",
            "\(testFile):9:3: executor.queue: unknown key; allowed here: kind, jobs, partition, time, cpus_per_task, mem, sbatch_args (see experiments/README.md)",
        ])
    }

    func testFieldsOfTheOtherExecutorConflict() {
        let local = diagnostics(phantomData + "executor: {kind: local, partition: short}\n")
        XCTAssertEqual(local.map(\.message), ["executor.partition: applies only to kind: slurm (the kind here is local); remove it or set kind: slurm"])
        let slurm = diagnostics(phantomData + "executor: {kind: slurm, jobs: 4}\n")
        XCTAssertEqual(slurm.map(\.message), ["executor.jobs: applies only to kind: local (Slurm decides how many jobs run at once); remove it"])
    }

    func testASweepCannotVaryTheExecutor() {
        let found = diagnostics(phantomData + "sweep:\n  executor.kind: [local, slurm]\n")
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].message.hasPrefix("sweep: executor.kind is not a spec field"), found[0].message)
    }

    func testSlurmTimeFormats() {
        for valid in ["30", "30:00", "02:00:00", "1-12", "1-12:30", "2-00:00:00"] { XCTAssertNil(ExecutorSpec.timeProblem(valid), valid) }
        for invalid in ["", "1h", "1:2:3:4", "1-2-3", "00:60"] { XCTAssertNotNil(ExecutorSpec.timeProblem(invalid), invalid) }
    }
}
