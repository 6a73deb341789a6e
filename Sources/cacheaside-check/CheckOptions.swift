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

    var model = "cache-aside"
    var runs = Runs.seeds(10_000)
    /// The preset `--scenario` named (the classic race by default), before the flags adjusted it.
    var preset = Scenario.classicRace
    /// The situation to check in: the preset, adjusted by the workload, time and fault flags.
    var scenario = Scenario.classicRace
    var properties = ["linearizability", "convergence", "staleness"]
    var stalenessBound: Ticks?
    var stampedeLimit = 1
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

    static let propertyNames = PropertyIdentity.builtIn
    static let maximumTotalOperations = 10_000
    static let maximumSeeds = 100_000_000
    static var defaultJobs: Int { max(1, min(64, systemCoreCount())) }

    static let usage = """
        usage: cacheaside-check [--model NAME] [--scenario NAME] [--seeds N | --seed S | --replay TOKEN]
                                [--clients C] [--ops O] [--keys K] [--write-ratio R] [--key-skew S]
                                [--think-time A-B] [--warm-start T|none] [--absent-keys N] [--cache-latency A-B]
                                [--db-read-latency A-B] [--db-write-latency A-B] [--worker-lag A-B]
                                [--ttl T|none] [--faults LIST] [--property LIST]
                                [--staleness-bound T] [--stampede-limit N] [--clock-jumps T] [--no-shrink]
                                [--shrink-limit N] [--shrink-steps N]
                                [--scheduler random|pct|exhaustive] [--depth D] [--preemptions P]
                                [--all-workloads] [--time-limit S] [--shard K/N] [--jobs J] [--json] [--quiet]
                                [--html FILE] [--width N] [--junit FILE]
               cacheaside-check models | scenarios | compare | check-history FILE | merge A.json B.json …
               (each takes --help)
        """

    static let help = """
        cacheaside-check: find, explain and minimise race conditions in caching strategies.

        \(usage)

        Runs the model's read and write paths on simulated clients under a deterministic scheduler, checks
        every property on every run, and shrinks the first failing run of each violated property to a
        minimal trace drawn as lanes, with the command that replays it.

        options:
          --model NAME          strategy from the catalogue (default cache-aside; see `cacheaside-check models`)
          --seeds N             run seeds 0..<N (default: the scenario's, 10000 for classic-race)
          --seed S              run seed S only, drawn in full (no shrinking)
          --replay TOKEN        replay a recorded run; a token made with another model, TTL, workload or
                                options is refused (run the report's replay line as printed)
        \(ScenarioFlags.help)
          --property LIST       comma list of: \(propertyNames.joined(separator: ", "))
                                (default linearizability,convergence,staleness)
          --staleness-bound T   staleness property bound in ticks (default: the TTL; with --ttl none, bounded)
          --stampede-limit N    database reads allowed per refill after expiry (default 1)
          --step-budget N       scheduling points a run may take before it counts as looping
          --check-determinism   run each first failing seed again and replay it; a difference is an error
          --no-shrink           report failing runs as drawn
          --shrink-limit N      replays per shrink (default 10000); --shrink-steps N bounds the scheduling
                                points it replays (default 5000000). Counted, never timed, so a report is
                                the same on every machine
          --scheduler NAME      how runs are scheduled: random (default); pct, probabilistic concurrency
                                testing with --depth D − 1 priority changes (default 4); exhaustive,
                                every schedule of the workload of --seed S (default 0) with partial-order
                                reduction, at most --preemptions P per schedule (default: no bound), or of
                                every workload with --all-workloads (tiny --clients × --ops only);
                                --no-reduction explores every interleaving
          --time-limit S        stop after S seconds and report the runs done; properties without a
                                violation are then undecided (exit 3). Ctrl-C does the same
          --shard K/N           run only the seeds with seed % N == K; merge the --json reports with
                                `cacheaside-check merge`
          --jobs J              threads (default: cores); the report is identical for every J
          --json                print the report as one JSON document
          --quiet               print the table and one line per violation, without lanes
          --html FILE           also write the report as one self-contained HTML page (timeline per
                                counterexample; opens from disk, no network)
          --width N             fit the lanes in N columns (default 120), folding far clients and waiting
        \(JUnitOutput.help)
          --version             print the version
          --help                print this help

        exit status: 0 every property held over everything explored, 1 a property was violated, 2 bad usage
        or input, a run that could not complete (a strategy that escapes the simulation, loops or throws), or
        output that could not be written, 3 undecided (stopped by --time-limit or Ctrl-C, or a counted
        search budget ran out, with nothing violated).
        """

    /// Parses the main form's arguments (without the program name).
    static func parse(_ arguments: [String]) throws(UsageError) -> CheckOptions {
        var arguments = arguments
        var options = CheckOptions()
        options.junitPath = try JUnitOutput.extractPath(from: &arguments)
        options.preset = try ScenarioFlags.preset(in: arguments)
        options.scenario = options.preset
        options.runs = .seeds(options.preset.seeds)
        var reader = ArgumentReader(arguments)
        var runsFlag: String?
        func setRuns(_ flag: String, _ runs: Runs) throws(UsageError) {
            if let previous = runsFlag, previous != flag {
                throw UsageError("\(previous) and \(flag) cannot be combined; give one of --seeds, --seed, --replay")
            }
            runsFlag = flag
            options.runs = runs
        }
        while let argument = reader.next() {
            if try ScenarioFlags.apply(argument, &reader, to: &options.scenario) { continue }
            switch argument {
            case "--model":
                options.model = try reader.value(for: argument, placeholder: "NAME")
                guard ModelCatalogue.entry(named: options.model) != nil else {
                    throw UsageError(
                        "unknown model '\(options.model)'; choose one of \(ModelCatalogue.names.joined(separator: ", "))")
                }
            case "--seeds": try setRuns(argument, .seeds(try reader.integer(for: argument, in: 1...maximumSeeds)))
            case "--seed": try setRuns(argument, .seed(try reader.seed(for: argument)))
            case "--replay":
                let token = try reader.value(for: argument, placeholder: "TOKEN")
                let decoded: ReplayToken
                do {
                    decoded = try ReplayToken(decoding: token)
                } catch {
                    throw UsageError(error.description)
                }
                try setRuns(argument, .replay(token: token, choices: decoded.choices))
            case "--property":
                options.properties = try reader.list(for: argument, allowed: propertyNames).uniqued()
            case "--staleness-bound": options.stalenessBound = try reader.integer(for: argument, in: 0...1_000_000_000)
            case "--stampede-limit": options.stampedeLimit = try reader.integer(for: argument, in: 1...1_000_000)
            case "--check-determinism": options.checkDeterminism = true
            case "--step-budget": options.stepBudget = try reader.integer(for: argument, in: 10...100_000_000)
            case "--no-shrink": options.shrink = false
            case "--shrink-limit": options.shrinkLimit = try reader.integer(for: argument, in: 0...10_000_000)
            case "--shrink-steps": options.shrinkSteps = try reader.integer(for: argument, in: 0...1_000_000_000_000)
            case "--shrink-seconds":
                throw UsageError(
                    "--shrink-seconds is gone: a time limit made reports depend on the machine; bound shrinking with --shrink-limit N or --shrink-steps N")
            case "--jobs": options.jobs = try reader.integer(for: argument, in: 1...256)
            case "--scheduler", "--depth", "--preemptions", "--all-workloads", "--no-reduction":
                try options.parseScheduling(argument, &reader)
            case "--time-limit": options.timeLimit = try reader.integer(for: argument, in: 1...31_536_000)
            case "--shard": options.shard = try parseShard(&reader, argument)
            case "--json": options.json = true
            case "--quiet": options.quiet = true
            case "--html": options.htmlPath = try reader.value(for: argument, placeholder: "FILE")
            case "--width": options.width = try reader.integer(for: argument, in: 40...10_000)
            default:
                if argument.hasPrefix("-") {
                    throw UsageError("unknown option '\(argument)'; see cacheaside-check --help")
                }
                throw UsageError("unknown command '\(argument)'; commands are models, scenarios, compare and check-history")
            }
        }
        try options.validateScheduling(runsFlag: runsFlag)
        try ScenarioFlags.validate(options.scenario)
        try options.validateRuns(runsFlag: runsFlag)
        guard options.clients * options.operations <= maximumTotalOperations else {
            throw UsageError(
                "--clients \(options.clients) × --ops \(options.operations) is over \(maximumTotalOperations) operations a run; use smaller values")
        }
        return options
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
        properties.map { name in
            switch name {
            case "linearizability": .linearizability
            case "convergence": .convergence
            case "staleness": .staleness(bound: stalenessBound ?? ttl)
            default: .stampede(limit: stampedeLimit)
            }
        }
    }

    /// The arguments that reproduce this configuration: everything that shapes a run, in a fixed order,
    /// leaving out defaults so the command stays short.
    var configurationArguments: [String] {
        let defaults = CheckOptions()
        let (shape, time) = ScenarioFlags.arguments(for: scenario, from: preset)
        var arguments = ["--model", model] + shape
        if properties != defaults.properties { arguments += ["--property", properties.joined(separator: ",")] }
        if let stalenessBound { arguments += ["--staleness-bound", "\(stalenessBound)"] }
        if stampedeLimit != defaults.stampedeLimit { arguments += ["--stampede-limit", "\(stampedeLimit)"] }
        if let stepBudget { arguments += ["--step-budget", "\(stepBudget)"] }
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
