import CacheAsideCheck
import CacheAsideModels

/// `--junit FILE` on the check and on `compare`: the report as JUnit XML for CI systems, beside whatever
/// the command prints. The XML itself is `JUnitReport`'s; this file only chooses the cases and writes the
/// file.
enum JUnitOutput {
    /// `--junit FILE` for a form that keeps the path at `path`; given once at most, as one file is written.
    static func option<Options>(_ path: WritableKeyPath<Options, String?> & Sendable) -> OptionDescription<Options> {
        .init("--junit", "FILE", help: "also write the report as JUnit XML to FILE (one test case per property)",
              isRepeatable: false) { (options: inout Options, file: String) throws(UsageError) in
            options[keyPath: path] = file
        }
    }

    /// The document for one check, with runs that could not complete in the terminal's words.
    static func document(_ report: Report, _ options: CheckOptions) -> JUnitReport {
        let suite = JUnitReport.TestSuite(
            report: report, model: options.model.description, describeFailure: { $0.commandLineDescription },
            replayCommand: { options.replayCommand($0) })
        return JUnitReport(suites: [suite])
    }

    /// The document for `compare`: a suite per model. Compare does not shrink, so a failure's text is the
    /// command that draws the first failing seed in full.
    static func document(_ table: ComparisonTable, scenario: Scenario, preset: Scenario) -> JUnitReport {
        let (shape, time) = ScenarioFlags.arguments(for: scenario, from: preset)
        let suites = table.rows.map { row in
            let cases = row.verdicts.map { verdict -> JUnitReport.TestCase in
                let outcome: JUnitReport.Outcome
                if verdict.undecided == true {
                    let why = table.stop == .timeLimit ? "the time limit" : "Ctrl-C"
                    outcome = .skipped(message: "undecided: no violation in the \(verdict.runs) of \(table.seeds.count) runs done before \(why) stopped compare")
                } else if !verdict.holds {
                    let seed = verdict.firstFailingSeed.map { "\($0)" } ?? "0"
                    // The bounds compare uses (the TTL, a limit of 1) are also the check's defaults.
                    let command = (["cacheaside-check", "--model", row.model] + shape
                        + ["--property", verdict.id, "--seed", seed] + time).joined(separator: " ")
                    outcome = .failed(
                        message: "\(verdict.property) violated in \(verdict.failingRuns) of \(verdict.runs) runs, first by seed \(seed)",
                        details: "draw the first failing run: \(command)")
                } else if let failure = row.runFailure {
                    outcome = .error(message: "a run could not complete", details: failure)
                } else {
                    outcome = .passed
                }
                return JUnitReport.TestCase(name: verdict.property, className: row.model, outcome: outcome)
            }
            let seeds = table.seeds.isEmpty ? "none" : "\(table.seeds.lowerBound)…\(table.seeds.upperBound - 1)"
            return JUnitReport.TestSuite(
                name: row.model, testCases: cases,
                properties: [("scenario", table.scenario), ("seeds", seeds),
                             ("faults", table.faults.map(\.rawValue).joined(separator: ","))])
        }
        return JUnitReport(name: "cacheaside-check compare", suites: suites)
    }

    /// Writes `document` to `path`; returns an error line if it could not.
    static func write(_ document: JUnitReport, to path: String) -> String? {
        ReportFile.write(document.xml(), to: path, as: .junit)
    }
}
