import CacheAsideCheck
import CacheAsideModels

/// `cacheaside-check compare`: every catalogue model on the same seeds, as one table of verdicts and
/// costs. Informational: it exits 0 whatever the verdicts, 2 on bad usage, and 3 when `--time-limit` or
/// Ctrl-C cut the table short (it is still printed, saying how far it got).
enum CompareCommand {
    static let usage = """
        usage: cacheaside-check compare [--scenario NAME] [--seeds N] [--faults LIST] [--ttl T|none] [--clients C]
                                        [--ops O] [--keys K] [--write-ratio R] [--key-skew S] [--think-time A-B]
                                        [--warm-start T|none] [--absent-keys N] [--cache-latency A-B] [--db-read-latency A-B]
                                        [--db-write-latency A-B] [--worker-lag A-B] [--clock-jumps T] [--jobs J]
                                        [--time-limit S] [--json] [--html FILE] [--junit FILE] [--help]
        """

    static let help = """
        Runs every model in the catalogue on the same seeds of one scenario and prints two tables. Verdicts:
        each property (holds, or ✗ failing-run rate @first seed; the stampede is the one at expiry), the
        largest staleness, database reads per answered read, and the share of reads that got no answer.
        Stampede and cost: refill episodes at expiry per run; database loads per refill episode by cause —
        expiry, invalidation, cold miss — as mean / max; loads that followed no miss (early refreshes) per
        run; the most loads of one key in flight at once; read latency p50 / p99 / max in ticks; hit ratio.

        \(usage)

        options:
          --seeds N             run seeds 0..<N for every model (default: the scenario's)
        \(ScenarioFlags.help)
          --jobs J              threads (default: cores); the tables are identical for every J
          --time-limit S        stop after S seconds: the model in hand stops between runs and the rest are not
                                run; the table says so, and a property with no violation in a model cut short
                                is undecided, not holds (Ctrl-C does the same)
          --json                print the tables as one JSON document
          --html FILE           also write the tables, coloured, with staleness and refill-load charts per model,
                                as one self-contained HTML page
        \(JUnitOutput.help)
          --help                print this help

        exit status: 0 the table was printed (whatever it says), 2 bad usage or unwritable output, 3 the table
        was cut short by --time-limit or Ctrl-C.
        """


    /// Runs `compare`, printing to the given streams.
    static func run(_ arguments: [String], output: inout some TextOutputStream, errors: inout some TextOutputStream)
        -> Int32
    {
        var comparison: Comparison
        let json: Bool
        let htmlPath: String?
        let junitPath: String?
        let preset: Scenario
        do {
            var arguments = arguments
            junitPath = try JUnitOutput.extractPath(from: &arguments)
            preset = try ScenarioFlags.preset(in: arguments)
            guard let parsed = try parse(arguments) else {
                output.write(help + "\n")
                return 0
            }
            (comparison, json, htmlPath) = parsed
        } catch {
            errors.write("Error: \(error.message)\n\(usage)\n")
            return 2
        }
        let interruption = Interruption.install()
        comparison.shouldStop = { interruption.requested }
        let table = comparison.run()
        interruption.uninstall()
        if let htmlPath, !ReportFile.write(table.renderHTML(), to: htmlPath, as: .html, errors: &errors) { return 2 }
        if let junitPath {
            let document = JUnitOutput.document(table, scenario: comparison.scenario, preset: preset)
            if let problem = JUnitOutput.write(document, to: junitPath) {
                errors.write(problem + "\n")
                return 2
            }
        }
        output.write(json ? table.renderJSON() : table.renderText())
        return table.stop == .completed ? 0 : 3
    }

    /// The comparison and output format the arguments ask for, or `nil` for `--help`.
    static func parse(_ arguments: [String]) throws(UsageError) -> (Comparison, json: Bool, html: String?)? {
        if arguments.contains("--help") || arguments.contains("-h") { return nil }
        var comparison = Comparison(scenario: try ScenarioFlags.preset(in: arguments), jobs: CheckOptions.defaultJobs)
        var json = false
        var html: String?
        var reader = ArgumentReader(arguments)
        while let argument = reader.next() {
            if try ScenarioFlags.apply(argument, &reader, to: &comparison.scenario) { continue }
            switch argument {
            case "--seeds":
                comparison.seeds = 0..<UInt64(try reader.integer(for: argument, in: 1...CheckOptions.maximumSeeds))
            case "--jobs": comparison.jobs = try reader.integer(for: argument, in: 1...256)
            case "--time-limit": comparison.timeLimit = .seconds(try reader.integer(for: argument, in: 1...31_536_000))
            case "--json": json = true
            case "--html": html = try reader.value(for: argument, placeholder: "FILE")
            default:
                if argument.hasPrefix("-") {
                    throw UsageError("unknown option '\(argument)' for compare; see cacheaside-check compare --help")
                }
                throw UsageError("compare takes options only, not '\(argument)'")
            }
        }
        try ScenarioFlags.validate(comparison.scenario)
        let operations = comparison.workload.clients * comparison.workload.operationsPerClient
        guard operations <= CheckOptions.maximumTotalOperations else {
            throw UsageError(
                "--clients \(comparison.workload.clients) × --ops \(comparison.workload.operationsPerClient) is over "
                    + "\(CheckOptions.maximumTotalOperations) operations a run; use smaller values")
        }
        return (comparison, json, html)
    }
}
