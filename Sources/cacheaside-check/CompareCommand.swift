import CacheAsideCheck
import CacheAsideModels

/// `cacheaside-check compare`: every catalogue model on the same seeds, as one table of verdicts and
/// costs. Informational: it exits 0 whatever the verdicts, 2 on bad usage, and 3 when `--time-limit` or
/// Ctrl-C cut the table short (it is still printed, saying how far it got).
enum CompareCommand {
    /// What `compare` was asked for: the comparison to run and where its tables go.
    struct Options {
        var comparison = Comparison(scenario: .classicRace, jobs: CheckOptions.defaultJobs)
        /// The preset `--scenario` named, before the flags adjusted it (the JUnit replay lines start from it).
        var preset = Scenario.classicRace
        var json = false
        var htmlPath: String?
        var junitPath: String?
        /// `--property`: the verdict columns to show (`nil` = every one the scenario judges).
        var propertyNames: [String]?
    }

    static let command = CommandDescription<Options>(
        command: "\(CommandLineInterface.program) compare",
        abstract: "Compares the models of the catalogue on the same seeds: verdicts, stampede and cost.",
        discussion: """
            Runs every model in the catalogue (or those --model lists) on the same seeds of one scenario and
            prints two tables, a row per model. Verdicts:
            each property (holds, or ✗ failing-run rate @first seed; the stampede is the one at expiry), the
            largest staleness, database reads per answered read, and the share of reads that got no answer.
            Stampede and cost: refill episodes at expiry per run; database loads per refill episode by cause —
            expiry, invalidation, cold miss — as mean / max; loads that followed no miss (early refreshes) per
            run; the most loads of one key in flight at once; read latency p50 / p99 / max in ticks; hit ratio.

            Rows: --model a,b,c picks models; a model's parameters follow a colon, comma-separated
            (--model probabilistic-early-expiration:beta=2,delta=4,cache-aside is two rows), and one
            parameter may be swept, one row per value: --model 'probabilistic-early-expiration:beta=0.5|1|2|4'
            (quote it: | is the shell's pipe). Columns: --property convergence,stampede.
            """,
        options: [
            .init("--seeds", "N", help: "run seeds 0..<N for every model (default: the scenario's)") { (options: inout Options, text: String) throws(UsageError) in
                options.comparison.seeds = 0..<UInt64(try OptionValue.integer(text, for: "--seeds", in: 1...CheckOptions.maximumSeeds))
            },
            .init("--model", "LIST", help: "the rows: models, with parameters and at most one swept parameter per model, e.g. cache-aside,'probabilistic-early-expiration:beta=1|2' (default: the whole catalogue)") { (options: inout Options, text: String) throws(UsageError) in
                options.comparison.entries = try ModelChoice.parseListForCommandLine(text).map(\.catalogueEntry)
            },
            .init("--property", "LIST", help: "the verdict columns, comma-separated, from \(CheckOptions.propertyNames.joined(separator: ", ")) (default: every one the scenario judges)") { (options: inout Options, text: String) throws(UsageError) in
                options.propertyNames = try OptionValue.list(text, for: "--property", allowed: CheckOptions.propertyNames).uniqued()
            },
        ]
            + ScenarioFlags.options(scenario: \.comparison.scenario) { options, preset in
                options.preset = preset
                options.comparison.scenario = preset
                options.comparison.seeds = 0..<UInt64(preset.seeds)
            }
            + [
                .init("--jobs", "J", help: "threads, 1-256 (default: cores); the tables are identical for every J") { (options: inout Options, text: String) throws(UsageError) in
                    options.comparison.jobs = try OptionValue.integer(text, for: "--jobs", in: 1...256)
                },
                .init("--time-limit", "S", help: "stop after S seconds: the model in hand stops between runs and the rest are not run; the table says so, and a property with no violation in a model cut short is undecided, not holds (Ctrl-C does the same)") { (options: inout Options, text: String) throws(UsageError) in
                    options.comparison.timeLimit = .seconds(try OptionValue.integer(text, for: "--time-limit", in: 1...31_536_000))
                },
                .init("--json", help: "print the tables as one JSON document") { (options: inout Options) throws(UsageError) in
                    options.json = true
                },
                .init("--html", "FILE", help: "also write the tables, coloured, with staleness and refill-load charts per model, as one self-contained HTML page") { (options: inout Options, path: String) throws(UsageError) in
                    options.htmlPath = path
                },
                JUnitOutput.option(\.junitPath),
            ],
        epilogue: """
            Exit status: 0 the table was printed (whatever it says), 2 bad usage or unwritable output, 3 the table
            was cut short by --time-limit or Ctrl-C.
            """,
        defaults: { Options() },
        validate: { (options: inout Options) throws(UsageError) in
            try ScenarioFlags.validate(options.comparison.scenario)
            let judged = options.comparison.properties.map(\.id)
            if let missing = options.propertyNames?.first(where: { !judged.contains($0) }) {
                throw UsageError(
                    "--property \(missing) is not judged under scenario \(options.preset.name); choose from \(judged.joined(separator: ", "))")
            }
            let workload = options.comparison.workload
            guard workload.clients * workload.operationsPerClient <= CheckOptions.maximumTotalOperations else {
                throw UsageError(
                    "--clients \(workload.clients) × --ops \(workload.operationsPerClient) is over "
                        + "\(CheckOptions.maximumTotalOperations) operations a run; use smaller values")
            }
        })

    /// Runs the comparison `options` describe, printing to the given streams.
    static func run(_ options: Options, output: inout some TextOutputStream, errors: inout some TextOutputStream)
        -> Int32
    {
        var comparison = options.comparison
        let interruption = Interruption.install()
        comparison.shouldStop = { interruption.requested }
        var table = comparison.run()
        interruption.uninstall()
        if let propertyNames = options.propertyNames { table = table.selectingProperties(propertyNames) }
        if let htmlPath = options.htmlPath,
            !ReportFile.write(table.renderHTML(), to: htmlPath, as: .html, errors: &errors)
        {
            return 2
        }
        if let junitPath = options.junitPath {
            let document = JUnitOutput.document(table, scenario: comparison.scenario, preset: options.preset)
            if let problem = JUnitOutput.write(document, to: junitPath) {
                errors.write(problem + "\n")
                return 2
            }
        }
        output.write(options.json ? table.renderJSON() : table.renderText())
        return table.stop == .completed ? 0 : 3
    }
}
