import CacheAsideCheck
import CacheAsideModels

/// The main form: check one model over seeds, one seed, or one replayed run, and print the report.
enum CheckCommand {
    /// Runs the check and returns the exit status: 0 held, 1 violated, 2 could not run (a run could not
    /// complete, or the replay token does not belong here), 3 undecided (stopped early, or a property's
    /// counted search budget ran out).
    static func run(_ options: CheckOptions, output: inout some TextOutputStream, errors: inout some TextOutputStream)
        -> Int32
    {
        let progress = ProgressLine(enabled: !options.quiet && ProgressLine.standardErrorIsATerminal)
        var checker = makeChecker(options)
        if let progress { checker.exploration.progress = { progress.show($0) } }
        let interruption = Interruption.install()
        checker.exploration.shouldStop = { interruption.requested }
        defer { interruption.uninstall() }
        let report: Report
        switch options.runs {
        case .replay(let token, _):
            do {
                report = try checker.report(replaying: token)
            } catch {
                progress?.clear()
                errors.write("Error: \(ReplayMismatchText.explain(error, options))\n")
                return 2
            }
        case .seeds, .seed:
            report = checker.check()
        }
        progress?.clear()
        // Written first, so a check that could not run still reaches CI, as errors.
        if let path = options.junitPath,
            let problem = JUnitOutput.write(JUnitOutput.document(report, options), to: path)
        {
            errors.write(problem + "\n")
            return 2
        }
        if let problem = report.configurationError {
            errors.write("Error: \(problem)\n")
            return 2
        }
        if let failure = report.runFailure {
            let replay = options.replayCommand(failure.replayToken)
            let which = failure.seed.map { "seed \($0)" } ?? "the replayed run"
            errors.write("Error: \(which): \(failure.failure.commandLineDescription). Reproduce with: \(replay)\n")
            return 2
        }
        if let path = options.htmlPath {
            let page = HTMLReport(report: report, header: header(options)) { options.replayCommand($0) }
            guard ReportFile.write(page.render(), to: path, as: .html, errors: &errors) else { return 2 }
        }
        if options.json {
            output.write(jsonDocument(report, options).encoded())
        } else {
            let text = TextReport(report: report, quiet: options.quiet, width: options.width) {
                options.replayCommand($0)
            }
            output.write(text.render(header: header(options)))
        }
        return report.outcome.exitStatus
    }

    static func makeChecker(_ options: CheckOptions) -> Checker {
        var exploration = Exploration(
            seeds: 0..<10_000, scheduler: options.scheduling.kind, jobs: options.jobs, shrink: options.shrink,
            shrinkAttemptLimit: options.shrinkLimit, shrinkStepLimit: options.shrinkSteps)
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
        var checker = Checker(
            strategy: options.model.make(options.ttl), workload: options.workload, properties: options.selectedProperties,
            simulation: options.simulation, exploration: exploration)
        // Taken whatever the properties, so every report shows staleness against the database too.
        checker.measures = DatabaseStaleness.measures
        return checker
    }

    static func header(_ options: CheckOptions) -> String {
        let faults = options.faults.isEmpty ? "none" : options.faults.map(\.rawValue).joined(separator: ",")
        let scenario = options.preset.name == Scenario.classicRace.name ? "" : "scenario \(options.preset.name), "
        return "cacheaside-check \(CacheAsideCheckVersion.current): model \(options.model.effectiveDescription(ttl: options.ttl)), \(scenario)"
            + "ttl \(options.ttl.map { "\($0)" } ?? "none"), \(options.workload.summary), faults \(faults)"
            + options.scenario.simulation.timeSummary
            + (options.scenario.simulation.clockJumps.map { ", clock jumps ≤ \($0)" } ?? "")
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
        // Every parameter with its value, defaults included: the JSON says what ran without the defaults.
        settings["model"] = options.model.effectiveDescription(ttl: options.ttl)
        settings.merge(options.schedulingSettings) { $1 }
        settings.merge(options.reportSettings) { $1 }
        return JSONReport(report: report, options: settings, seedRange: range, shard: options.shard?.description) {
            options.replayCommand($0)
        }
    }
}
