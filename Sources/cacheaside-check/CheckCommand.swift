import CacheAsideCheck
import CacheAsideModels

/// The main form: check one model over seeds, one seed, or one replayed run, and print the report.
enum CheckCommand {
    /// Runs the check and returns the exit status (0 held, 1 violated, 2 a run could not complete).
    static func run(_ options: CheckOptions, output: inout some TextOutputStream, errors: inout some TextOutputStream)
        -> Int32
    {
        let checker = makeChecker(options)
        let report: Report
        switch options.runs {
        case .seeds, .seed: report = checker.check()
        case .replay(_, let choices): report = checker.replayReport(choices)
        }
        if let failure = report.runFailure {
            let replay = options.replayCommand(ReplayToken.encode(failure.choices))
            errors.write("Error: seed \(failure.seed): \(failure.failure.description). Reproduce with: \(replay)\n")
            return 2
        }
        if options.json {
            output.write(jsonDocument(report, options).encoded())
        } else {
            let text = TextReport(report: report, quiet: options.quiet) { options.replayCommand($0) }
            output.write(text.render(header: header(options)))
        }
        return report.holds ? 0 : 1
    }

    static func makeChecker(_ options: CheckOptions) -> Checker {
        let entry = ModelCatalogue.entry(named: options.model)!
        var exploration = Exploration(
            seeds: 0..<10_000, jobs: options.jobs, shrink: options.shrink, shrinkAttemptLimit: options.shrinkLimit,
            shrinkTimeLimit: .seconds(options.shrinkSeconds))
        switch options.runs {
        case .seeds(let count): exploration.seeds = 0..<UInt64(count)
        case .seed(let seed):
            exploration.seeds = seed..<(seed &+ 1 == 0 ? seed : seed + 1)
            exploration.shrink = false
        case .replay: exploration.seeds = 0..<0
        }
        return Checker(
            strategy: entry.make(options.ttl), workload: options.workload, properties: options.selectedProperties,
            simulation: SimulationOptions(faults: Set(options.faults), stepBudget: options.stepBudget),
            exploration: exploration)
    }

    static func header(_ options: CheckOptions) -> String {
        let faults = options.faults.isEmpty ? "none" : options.faults.map(\.rawValue).joined(separator: ",")
        let keyWord = options.keys == 1 ? "key" : "keys"
        return "cacheaside-check \(CacheAsideCheckVersion.current): model \(options.model), ttl \(options.ttl.map { "\($0)" } ?? "none"), "
            + "\(options.clients) clients × \(options.operations) ops, \(options.keys) \(keyWord), "
            + "write ratio \(options.writeRatio), faults \(faults)"
    }

    static func jsonDocument(_ report: Report, _ options: CheckOptions) -> JSONReport {
        var settings: [String: String] = [:]
        var arguments = options.configurationArguments[...]
        while let flag = arguments.popFirst(), let value = arguments.popFirst() {
            settings[String(flag.dropFirst(2))] = value
        }
        let range: Range<UInt64>
        switch options.runs {
        case .seeds(let count): range = 0..<UInt64(count)
        case .seed(let seed): range = seed..<(seed &+ 1 == 0 ? seed : seed + 1)
        case .replay(let token, _):
            settings["replay"] = token
            range = 0..<0
        }
        return JSONReport(report: report, options: settings, seedRange: range, shard: nil) {
            options.replayCommand($0)
        }
    }
}
