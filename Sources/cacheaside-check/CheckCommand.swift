import CacheAsideCheck
import CacheAsideModels

/// The main form: check one model over seeds, one seed, or one replayed run, and print the report.
enum CheckCommand {
    /// Runs the check and returns the exit status (0 held, 1 violated, 2 a run could not complete).
    static func run(_ options: CheckOptions, output: inout some TextOutputStream, errors: inout some TextOutputStream)
        -> Int32
    {
        let progress = ProgressLine(enabled: !options.quiet && ProgressLine.standardErrorIsATerminal)
        var checker = makeChecker(options)
        if let progress { checker.exploration.progress = { progress.show($0) } }
        let report: Report
        var exhaustive: ExhaustiveOutcome?
        switch options.runs {
        case .replay(_, let choices): report = checker.replayReport(choices)
        case .seeds, .seed:
            if case .exhaustive(let search) = checker.exploration.scheduler {
                exhaustive = checker.checkExhaustively(search)
                report = exhaustive!.report
            } else {
                report = checker.check()
            }
        }
        progress?.clear()
        if let failure = report.runFailure {
            let replay = options.replayCommand(ReplayToken.encode(failure.choices))
            errors.write("Error: seed \(failure.seed): \(failure.failure.commandLineDescription). Reproduce with: \(replay)\n")
            return 2
        }
        if let path = options.htmlPath {
            let page = HTMLReport(report: report, header: header(options)) { options.replayCommand($0) }
            guard HTMLFile.write(page.render(), to: path, errors: &errors) else { return 2 }
        }
        if options.json {
            output.write(jsonDocument(report, options).encoded())
        } else {
            let text = TextReport(report: report, quiet: options.quiet, width: options.width) {
                options.replayCommand($0)
            }
            // Exhaustive search ends with its verdict, or with the violation it found (shrunk).
            if let exhaustive, !report.holds {
                output.write(text.render(header: header(options) + "\n" + exhaustive.summary))
            } else {
                output.write(text.render(header: header(options)))
                if let exhaustive { output.write(exhaustive.summary + "\n") }
            }
            if exhaustive == nil, case .seeds = options.runs, report.runs < report.seeds.count {
                output.write("stopped at the time limit: \(report.runs) of \(report.seeds.count) runs done\n")
            }
        }
        return report.holds ? 0 : 1
    }

    static func makeChecker(_ options: CheckOptions) -> Checker {
        let entry = ModelCatalogue.entry(named: options.model)!
        var exploration = Exploration(
            seeds: 0..<10_000, scheduler: options.scheduling.kind, jobs: options.jobs, shrink: options.shrink,
            shrinkAttemptLimit: options.shrinkLimit, shrinkTimeLimit: .seconds(options.shrinkSeconds))
        exploration.timeLimit = options.timeLimit.map { .seconds($0) }
        exploration.checkDeterminism = options.checkDeterminism
        exploration.shard = options.shard.map { ($0.index, $0.count) }
        switch options.runs {
        case .seeds(let count): exploration.seeds = 0..<UInt64(count)
        case .seed(let seed):
            exploration.seeds = seed..<(seed &+ 1 == 0 ? seed : seed + 1)
            // One seed drawn in full is shown as drawn; exhaustive search shrinks what it finds.
            exploration.shrink = options.scheduling.isExhaustive && options.shrink
        case .replay: exploration.seeds = 0..<0
        }
        return Checker(
            strategy: entry.make(options.ttl), workload: options.workload, properties: options.selectedProperties,
            simulation: options.simulation, exploration: exploration)
    }

    static func header(_ options: CheckOptions) -> String {
        let faults = options.faults.isEmpty ? "none" : options.faults.map(\.rawValue).joined(separator: ",")
        let scenario = options.preset.name == Scenario.classicRace.name ? "" : "scenario \(options.preset.name), "
        return "cacheaside-check \(CacheAsideCheckVersion.current): model \(options.model), \(scenario)"
            + "ttl \(options.ttl.map { "\($0)" } ?? "none"), \(options.workload.summary), faults \(faults)"
            + options.scenario.simulation.timeSummary
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
        settings.merge(options.schedulingSettings) { $1 }
        return JSONReport(report: report, options: settings, seedRange: range, shard: options.shard?.description) {
            options.replayCommand($0)
        }
    }
}
