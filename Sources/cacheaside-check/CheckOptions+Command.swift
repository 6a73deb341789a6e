import CacheAsideCheck
import CacheAsideModels

/// The main form, `cacheaside-check [<options>]`, as a command description: every option of the check
/// with its help, from which its parsing, `--help` and usage errors are generated.
extension CheckOptions {
    static let command = CommandDescription<CheckOptions>(
        command: CommandLineInterface.program,
        abstract: "Finds, explains and minimises race conditions in caching strategies.",
        discussion: """
            Runs the model's read and write paths on simulated clients under a deterministic scheduler, checks
            every property on every run, and shrinks the first failing run of each violated property to a
            minimal trace drawn as lanes, with the command that replays it.
            """,
        options: runOptions
            + ScenarioFlags.options(scenario: \.scenario) { options, preset in
                options.preset = preset
                options.scenario = preset
                options.runs = .seeds(preset.seeds)
                // A scenario about recovering judges recovery unless `--property` says otherwise.
                if preset.recoveryBound != nil, !options.properties.contains("recovery") { options.properties.append("recovery") }
            }
            + propertyOptions + shrinkOptions + schedulingOptions + outputOptions,
        unexpectedArgument: { argument in
            let names = CommandLineInterface.subcommands.map(\.name)
            return "unknown command '\(argument)'; commands are \(names.dropLast().joined(separator: ", ")) and \(names.last ?? "")"
        },
        epilogue: """
            Commands (each takes --help):
            \(CommandLineInterface.subcommands.map { HelpLayout.entry($0.name, $0.abstract) }.joined(separator: "\n"))

            Exit status: 0 every property held over everything explored, 1 a property was violated, 2 bad usage
            or input, a run that could not complete (a strategy that escapes the simulation, loops or throws), or
            output that could not be written, 3 undecided (stopped by --time-limit or Ctrl-C, or a counted
            search budget ran out, with nothing violated).
            """,
        defaults: { CheckOptions() },
        validate: { (options: inout CheckOptions) throws(UsageError) in try options.validate() })

    /// The model and which runs to do.
    private static let runOptions: [OptionDescription<CheckOptions>] = [
        .init("--model", "NAME[:P=V,…]", help: "strategy from the catalogue, with parameters if it takes any, e.g. probabilistic-early-expiration:beta=2,delta=4 (default cache-aside; `cacheaside-check models` lists each model's parameters and defaults)") { (options: inout CheckOptions, text: String) throws(UsageError) in
            options.model = try ModelChoice.parseForCommandLine(text)
        },
        .init("--seeds", "N", help: "run seeds 0..<N (default: the scenario's, 10000 for classic-race)") { (options: inout CheckOptions, text: String) throws(UsageError) in
            try options.chooseRuns("--seeds", .seeds(try OptionValue.integer(text, for: "--seeds", in: 1...maximumSeeds)))
        },
        .init("--seed", "S", help: "run seed S only, drawn in full (no shrinking)") { (options: inout CheckOptions, text: String) throws(UsageError) in
            try options.chooseRuns("--seed", .seed(try OptionValue.seed(text, for: "--seed")))
        },
        .init("--replay", "TOKEN", help: "replay a recorded run; a token made with another model, TTL, workload or options is refused (run the report's replay line as printed)") { (options: inout CheckOptions, token: String) throws(UsageError) in
            let decoded = try decodeReplay(token)
            try options.chooseRuns("--replay", .replay(token: token, choices: decoded.choices))
        },
    ]

    /// The run `token` records, or its refusal as a usage error.
    private static func decodeReplay(_ token: String) throws(UsageError) -> ReplayToken {
        do {
            return try ReplayToken(decoding: token)
        } catch {
            throw UsageError(error.description)
        }
    }

    /// Which properties to check, and their bounds.
    private static let propertyOptions: [OptionDescription<CheckOptions>] = [
        .init("--property", "LIST", help: "comma list of: \(propertyNames.joined(separator: ", ")) (default linearizability,convergence,staleness)") { (options: inout CheckOptions, text: String) throws(UsageError) in
            options.properties = try OptionValue.list(text, for: "--property", allowed: propertyNames).uniqued()
        },
        .init("--staleness-bound", "T", help: "bound in ticks of staleness and staleness-vs-database (default: the TTL; with --ttl none, bounded)") { (options: inout CheckOptions, text: String) throws(UsageError) in
            options.stalenessBound = try OptionValue.integer(text, for: "--staleness-bound", in: 0...1_000_000_000)
        },
        .init("--stampede-limit", "N", help: "database reads allowed per refill after expiry (default 1)") { (options: inout CheckOptions, text: String) throws(UsageError) in
            options.stampedeLimit = try OptionValue.integer(text, for: "--stampede-limit", in: 1...1_000_000)
        },
.init("--recovery-bound", "T", help: "ticks the recovery property allows after a cache restart (default \(BuiltInProperties.Parameters.defaultRecoveryBound))") { (options: inout CheckOptions, text: String) throws(UsageError) in
            options.recoveryBound = try OptionValue.integer(text, for: "--recovery-bound", in: 1...1_000_000_000)
        },
        .init("--step-budget", "N", help: "scheduling points a run may take before it counts as looping") { (options: inout CheckOptions, text: String) throws(UsageError) in
            options.stepBudget = try OptionValue.integer(text, for: "--step-budget", in: 10...100_000_000)
        },
        .init("--check-determinism", help: "run each first failing seed again and replay it (exhaustive: replay the failing schedule); a difference is an error") { (options: inout CheckOptions) throws(UsageError) in
            options.checkDeterminism = true
        },
    ]

    /// How counterexamples are shrunk: counted, never timed, so a report is the same on every machine.
    private static let shrinkOptions: [OptionDescription<CheckOptions>] = [
        .init("--no-shrink", help: "report failing runs as drawn") { (options: inout CheckOptions) throws(UsageError) in
            options.shrink = false
        },
        .init("--shrink-limit", "N", help: "replays per shrink (default 10000); counted, never timed, so a report is the same on every machine") { (options: inout CheckOptions, text: String) throws(UsageError) in
            options.shrinkLimit = try OptionValue.integer(text, for: "--shrink-limit", in: 0...10_000_000)
        },
        .init("--shrink-steps", "N", help: "scheduling points a shrink replays (default 5000000)") { (options: inout CheckOptions, text: String) throws(UsageError) in
            options.shrinkSteps = try OptionValue.integer(text, for: "--shrink-steps", in: 0...1_000_000_000_000)
        },
        .init("--shrink-seconds", help: "", isHidden: true) { (_: inout CheckOptions) throws(UsageError) in
            throw UsageError(
                "--shrink-seconds is gone: a time limit made reports depend on the machine; bound shrinking with --shrink-limit N or --shrink-steps N")
        },
    ]

    /// How long to run, on how many threads, and what to print and write.
    private static let outputOptions: [OptionDescription<CheckOptions>] = [
        .init("--time-limit", "S", help: "stop after S seconds and report the runs done; properties without a violation are then undecided (exit 3). Ctrl-C does the same") { (options: inout CheckOptions, text: String) throws(UsageError) in
            options.timeLimit = try OptionValue.integer(text, for: "--time-limit", in: 1...31_536_000)
        },
        .init("--shard", "K/N", help: "run only the seeds with seed % N == K; merge the --json reports with `cacheaside-check merge`") { (options: inout CheckOptions, text: String) throws(UsageError) in
            options.shard = try parseShard(text)
        },
        .init("--jobs", "J", help: "threads, 1-256 (default: cores); the report is identical for every J") { (options: inout CheckOptions, text: String) throws(UsageError) in
            options.jobs = try OptionValue.integer(text, for: "--jobs", in: 1...256)
        },
        .init("--json", help: "print the report as one JSON document") { (options: inout CheckOptions) throws(UsageError) in
            options.json = true
        },
        .init("--quiet", help: "print the table and one line per violation, without lanes") { (options: inout CheckOptions) throws(UsageError) in
            options.quiet = true
        },
        .init("--html", "FILE", help: "also write the report as one self-contained HTML page (timeline per counterexample; opens from disk, no network)") { (options: inout CheckOptions, path: String) throws(UsageError) in
            options.htmlPath = path
        },
        .init("--width", "N", help: "fit the lanes in N columns, 40-10000 (default 120), folding far clients and waiting") { (options: inout CheckOptions, text: String) throws(UsageError) in
            options.width = try OptionValue.integer(text, for: "--width", in: 40...10_000)
        },
        JUnitOutput.option(\.junitPath),
        // `--version` is answered before parsing when it comes first; anywhere else it is a mistake.
        .init("--version", help: "print the version (alone: cacheaside-check --version)") { (_: inout CheckOptions) throws(UsageError) in
            throw UsageError("--version comes alone; write cacheaside-check --version")
        },
    ]
}
