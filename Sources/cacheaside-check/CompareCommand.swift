import CacheAsideCheck
import CacheAsideModels

/// `cacheaside-check compare`: every catalogue model on the same seeds, as one table of verdicts and
/// costs. Informational: it exits 0 whatever the verdicts, and 2 on bad usage.
enum CompareCommand {
    static let usage = """
        usage: cacheaside-check compare [--seeds N] [--faults LIST] [--ttl T|none] [--clients C] [--ops O]
                                        [--keys K] [--clock-jumps T] [--jobs J] [--json] [--html FILE]
                                        [--help]
        """

    static let help = """
        Runs every model in the catalogue on the same seeds and prints, per model: each property's verdict
        (holds, or ✗ failing-run rate @first seed), the largest staleness, the most database reads in one
        refill, database reads per answered read, and the share of reads that got no answer.

        \(usage)

        options:
          --seeds N        run seeds 0..<N for every model (default 10000)
          --faults LIST    comma list of: \(Fault.allCases.map(\.rawValue).joined(separator: ", ")) (default none)
          --ttl T|none     TTL in ticks for filled entries, also the staleness bound (default 60)
          --clients C      clients per run, 1-64 (default 3)
          --ops O          operations per client, 1-1000 (default 3)
          --keys K         distinct keys, 1-1000 (default 1)
          --clock-jumps T  let the clock jump up to T ticks between steps (default: no jumps)
          --jobs J         threads (default: cores); the table is identical for every J
          --json           print the table as one JSON document
          --html FILE      also write the table, coloured, with staleness and refill-load charts per model,
                           as one self-contained HTML page
          --help           print this help

        exit status: 0 the table was printed (whatever it says), 2 bad usage.
        """

    /// Runs `compare` with the arguments after the word `compare`, printing to standard output and error.
    static func run(_ arguments: [String]) -> Int32 {
        var output = StandardStream(handle: .standardOutput)
        var errors = StandardStream(handle: .standardError)
        return run(arguments, output: &output, errors: &errors)
    }

    /// Runs `compare`, printing to the given streams.
    static func run(_ arguments: [String], output: inout some TextOutputStream, errors: inout some TextOutputStream)
        -> Int32
    {
        let comparison: Comparison
        let json: Bool
        let htmlPath: String?
        do {
            guard let parsed = try parse(arguments) else {
                output.write(help + "\n")
                return 0
            }
            (comparison, json, htmlPath) = parsed
        } catch {
            errors.write("Error: \(error.message)\n\(usage)\n")
            return 2
        }
        let table = comparison.run()
        if let htmlPath, !HTMLFile.write(table.renderHTML(), to: htmlPath, errors: &errors) { return 2 }
        output.write(json ? table.renderJSON() : table.renderText())
        return 0
    }

    /// The comparison and output format the arguments ask for, or `nil` for `--help`.
    static func parse(_ arguments: [String]) throws(UsageError) -> (Comparison, json: Bool, html: String?)? {
        var comparison = Comparison(jobs: CheckOptions.defaultJobs)
        var json = false
        var html: String?
        var reader = ArgumentReader(arguments)
        while let argument = reader.next() {
            switch argument {
            case "--help", "-h": return nil
            case "--seeds":
                comparison.seeds = 0..<UInt64(try reader.integer(for: argument, in: 1...CheckOptions.maximumSeeds))
            case "--faults":
                let names = try reader.list(for: argument, allowed: Fault.allCases.map(\.rawValue) + ["none"])
                comparison.faults = Set(names.compactMap(Fault.init(rawValue:)))
            case "--ttl":
                let text = try reader.value(for: argument, placeholder: "T|none")
                comparison.ttl = text == "none" ? nil : try ArgumentReader.integer(text, for: argument, in: 1...1_000_000_000)
            case "--clients":
                comparison.workload.clients = try reader.integer(for: argument, in: 1...Workload.maximumClients)
            case "--ops":
                comparison.workload.operationsPerClient = try reader.integer(
                    for: argument, in: 1...Workload.maximumOperationsPerClient)
            case "--keys": comparison.workload.keys = try reader.integer(for: argument, in: 1...Workload.maximumKeys)
            case "--clock-jumps": comparison.clockJumps = try reader.integer(for: argument, in: 1...1_000_000)
            case "--jobs": comparison.jobs = try reader.integer(for: argument, in: 1...256)
            case "--json": json = true
            case "--html": html = try reader.value(for: argument, placeholder: "FILE")
            default:
                if argument.hasPrefix("-") {
                    throw UsageError("unknown option '\(argument)' for compare; see cacheaside-check compare --help")
                }
                throw UsageError("compare takes options only, not '\(argument)'")
            }
        }
        let operations = comparison.workload.clients * comparison.workload.operationsPerClient
        guard operations <= CheckOptions.maximumTotalOperations else {
            throw UsageError(
                "--clients \(comparison.workload.clients) × --ops \(comparison.workload.operationsPerClient) is over "
                    + "\(CheckOptions.maximumTotalOperations) operations a run; use smaller values")
        }
        return (comparison, json, html)
    }
}
