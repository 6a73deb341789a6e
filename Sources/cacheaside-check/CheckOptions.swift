import CacheAsideCheck
import CacheAsideModels

/// Everything the main form `cacheaside-check [options]` accepts, parsed and validated.
struct CheckOptions {
    /// Which runs to do.
    enum Runs: Equatable {
        /// Seeds `0..<count`.
        case seeds(Int)
        /// One seed, drawn in full.
        case seed(UInt64)
        /// One recorded choice sequence.
        case replay(token: String, choices: [Int])
    }

    var model = ModelChoice("cache-aside")
    var runs = Runs.seeds(Scenario.classicRace.seeds)
    /// The flag that chose `runs` (`--seeds`, `--seed` or `--replay`), if one did.
    var runsFlag: String?
    /// The preset `--scenario` named (the classic race by default), before the flags adjusted it.
    var preset = Scenario.classicRace
    /// The situation to check in: the preset, adjusted by the workload, time and fault flags.
    var scenario = Scenario.classicRace
    var properties = ["linearizability", "convergence", "staleness"]
    var stalenessBound: Ticks?
    var stampedeLimit = 1
    /// `--recovery-bound T`: the recovery property's bound (default `Parameters.defaultRecoveryBound`).
    var recoveryBound: Ticks?
    var stepBudget: Int?
    var checkDeterminism = false
    var shrink = true
    var shrinkLimit = 10_000
    var shrinkSteps = 5_000_000
    var jobs = defaultJobs
    var scheduling = SchedulingFlags()
    var timeLimit: Int?
    var shard: Shard?
    var json = false
    var quiet = false
    /// `--html FILE`: where to write the HTML report, if anywhere.
    var htmlPath: String?
    /// `--width N`: the most columns the lanes take.
    var width = LaneDiagram.defaultWidth
    /// Where `--junit` writes JUnit XML, if anywhere.
    var junitPath: String?

    static let propertyNames = BuiltInProperties.ids
    static let maximumTotalOperations = 10_000
    static let maximumSeeds = 100_000_000
    static var defaultJobs: Int { max(1, min(64, systemCoreCount())) }

    /// Parses the main form's arguments (without the program name).
    static func parse(_ arguments: [String]) throws(UsageError) -> CheckOptions {
        try command.parse(arguments)
    }

    /// Chooses the runs, refusing a second way of choosing them (the same flag again is last-wins).
    mutating func chooseRuns(_ flag: String, _ runs: Runs) throws(UsageError) {
        if let previous = runsFlag, previous != flag {
            throw UsageError("\(previous) and \(flag) cannot be combined; give one of --seeds, --seed, --replay")
        }
        runsFlag = flag
        self.runs = runs
    }

    /// Checks what single flags cannot: the scheduler's flags together, the scenario's fields, what a
    /// replay or a shard leaves to run, and the size of a run.
    mutating func validate() throws(UsageError) {
        try validateScheduling(runsFlag: runsFlag)
        try ScenarioFlags.validate(scenario)
        try validateRuns(runsFlag: runsFlag)
        guard clients * operations <= Self.maximumTotalOperations else {
            throw UsageError(
                "--clients \(clients) × --ops \(operations) is over \(Self.maximumTotalOperations) operations a run; use smaller values")
        }
    }

    var clients: Int { scenario.workload.clients }
    var operations: Int { scenario.workload.operationsPerClient }
    var ttl: Ticks? { scenario.ttl }
    var faults: [Fault] { scenario.simulation.faults.sorted() }

    /// A replay is one recorded run: flags that choose runs do not apply; and a shard must leave
    /// something to run.
    private func validateRuns(runsFlag: String?) throws(UsageError) {
        if runsFlag == "--replay" {
            if scheduling != SchedulingFlags() {
                throw UsageError("--replay runs the recorded run whatever scheduler made it; drop --scheduler and its flags")
            }
            if let shard { throw UsageError("--replay runs one recorded run; drop --shard \(shard.description)") }
            if timeLimit != nil { throw UsageError("--replay runs one recorded run; drop --time-limit") }
            if checkDeterminism { throw UsageError("--replay runs one recorded run; drop --check-determinism") }
        }
        if let shard {
            let seeds: Range<UInt64>
            switch runs {
            case .seeds(let count): seeds = 0..<UInt64(count)
            case .seed(let seed): seeds = seed..<seed + 1
            case .replay: return
            }
            if SeedSelection(seeds, shard: (shard.index, shard.count)).isEmpty {
                let given = runsFlag.map { flag in flag == "--seed" ? "--seed \(seeds.lowerBound)" : "--seeds \(seeds.count)" } ?? "--seeds 10000"
                throw UsageError(
                    "--shard \(shard.description) selects none of the seeds of \(given), so nothing would run; give more seeds or a shard index below \(seeds.count)")
            }
        }
    }


    /// The workload these options describe.
    var workload: Workload { scenario.workload }

    /// How runs execute: the scenario's latencies, faults and clock jumps, with this step budget.
    var simulation: SimulationOptions {
        var options = scenario.simulation
        options.stepBudget = stepBudget
        return options
    }

    /// The properties these options select, in the order given.
    var selectedProperties: [Property] {
        let parameters = BuiltInProperties.Parameters(
            stalenessBound: stalenessBound ?? ttl, stampedeLimit: stampedeLimit,
            recoveryBound: recoveryBound ?? scenario.recoveryBound ?? BuiltInProperties.Parameters.defaultRecoveryBound)
        // `--property` admits only the table's identifiers.
        return properties.map { BuiltInProperties.property($0, parameters)! }
    }

    /// The arguments that reproduce this configuration: everything that shapes a run, in a fixed order,
    /// leaving out defaults so the command stays short.
    var configurationArguments: [String] {
        let defaults = CheckOptions()
        let (shape, time) = ScenarioFlags.arguments(for: scenario, from: preset)
        var arguments = ["--model", model.description] + shape
        if properties != defaults.properties { arguments += ["--property", properties.joined(separator: ",")] }
        if let stalenessBound { arguments += ["--staleness-bound", "\(stalenessBound)"] }
        if stampedeLimit != defaults.stampedeLimit { arguments += ["--stampede-limit", "\(stampedeLimit)"] }
        if let stepBudget { arguments += ["--step-budget", "\(stepBudget)"] }
        if let recoveryBound { arguments += ["--recovery-bound", "\(recoveryBound)"] }
        return arguments + time
    }

    /// The flags that change what a report says but not which runs are explored: how counterexamples
    /// are shrunk and whether determinism is checked. Recorded in the `--json` report's options (as
    /// the command line spells them, non-defaults only) so `merge` can refuse shards that differ in them.
    var reportSettings: [String: String] {
        let defaults = CheckOptions()
        var settings: [String: String] = [:]
        if !shrink { settings["no-shrink"] = "true" }
        if shrinkLimit != defaults.shrinkLimit { settings["shrink-limit"] = "\(shrinkLimit)" }
        if shrinkSteps != defaults.shrinkSteps { settings["shrink-steps"] = "\(shrinkSteps)" }
        if checkDeterminism { settings["check-determinism"] = "true" }
        return settings
    }

    /// The command that replays `token` under this configuration.
    func replayCommand(_ token: String) -> String {
        (["cacheaside-check"] + configurationArguments + ["--replay", token]).joined(separator: " ")
    }
}

extension Array where Element: Hashable {
    /// The elements without repeats, first occurrence kept.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
