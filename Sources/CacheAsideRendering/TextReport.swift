/// Renders a `Report` as the text the command line prints: the options, a table with one line per
/// property, then each violated property's minimal counterexample drawn as lanes with its replay command.
package struct TextReport: Sendable {
    /// The report to render.
    package var report: Report
    /// Builds the command that replays a counterexample from its token.
    package var replayCommand: @Sendable (String) -> String
    /// Only the table, without counterexamples.
    package var quiet: Bool

    /// The most columns the lanes may take (`nil`: as many as they need).
    package var width: Int?

    /// A renderer.
    package init(
        report: Report, quiet: Bool = false, width: Int? = LaneDiagram.defaultWidth,
        replayCommand: @escaping @Sendable (String) -> String
    ) {
        self.report = report
        self.quiet = quiet
        self.width = width
        self.replayCommand = replayCommand
    }

    /// The rendered text, ending with a newline.
    package func render(header: String) -> String {
        var lines = [header]
        lines.append("\(report.runs) run\(report.runs == 1 ? "" : "s") (\(seedText)), \(report.schedulingPoints) scheduling points")
        lines.append("")
        lines.append(contentsOf: propertyTable())
        let figures = Self.databaseStalenessLines(report)
        if !figures.isEmpty { lines += [""] + figures }
        lines.append(contentsOf: explorationLines())
        for property in report.properties {
            guard let example = property.counterexample else { continue }
            lines.append("")
            if quiet {
                lines.append("\(property.label): \(example.violation.explanation)")
            } else {
                lines.append(contentsOf: Self.describe(example, width: width))
            }
            lines.append("replay: \(replayCommand(example.replayToken))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The lines explaining one counterexample: heading, shrink summary, sentence and lanes (at most
    /// `width` columns wide; `nil`: as wide as they need).
    package static func describe(_ example: Counterexample, width: Int? = nil) -> [String] {
        describe(example, drawing: example.model, width: width)
    }

    /// The lines explaining one counterexample, its lanes drawn from `model` (the one the caller hands
    /// the other pictures of the run too).
    static func describe(_ example: Counterexample, drawing model: RunModel, width: Int? = nil) -> [String] {
        var lines = ["── \(example.property) violated (\(example.seed.map { "seed \($0)" } ?? "replayed run"))"]
        if example.shrinkAttempts > 0 || example.original != example.size {
            let cut = example.shrinkStoppedAtLimit ? " (stopped at the shrink limit; a smaller run may exist)" : ""
            lines.append(
                "shrunk from \(example.original) to \(example.size) in \(example.shrinkAttempts) attempts\(cut)")
        }
        lines.append(example.violation.explanation)
        lines.append("")
        lines.append(LaneDiagram.render(model, width: width))
        return lines
    }

    /// Which runs the report covers, e.g. "seeds 0…9999", "shard 1/2: seeds 1, 3, … 9999".
    private var seedText: String {
        let seeds = report.seeds
        if case .exhaustive(let search) = report.scheduler, search.allWorkloads {
            return "every schedule of every workload"
        }
        if case .exhaustive = report.scheduler, let seed = seeds.first {
            return "every schedule of the workload of seed \(seed)"
        }
        guard let first = seeds.first, let last = seeds.last else { return "replayed" }
        if seeds.count == 1 { return "seed \(first)" }
        if seeds.stride == 1 { return "seeds \(first)…\(last)" }
        let shard = "shard \(first % seeds.stride)/\(seeds.stride)"
        return seeds.count == 2 ? "\(shard): seeds \(first), \(last)" : "\(shard): seeds \(first), \(seeds[1]), … \(last)"
    }

    /// Why the search explored every interleaving, in a few words; `nil` when it was asked to.
    private static func waiverText(_ waiver: ReductionWaiver) -> String? {
        switch waiver {
        case .switchedOff: nil
        case .timedCalls: "calls take time"
        case .backgroundWorkers: "background workers"
        case .property(let name): "\(name) can tell equivalent schedules apart"
        }
    }

    /// How exploration went, when there is more to say than the table: an exhaustive search's counts,
    /// a stop before the end, undecided properties, the determinism check.
    private func explorationLines() -> [String] {
        var lines: [String] = []
        let summary = report.exploration
        if let search = summary.search {
            let counts = "\(search.schedules) schedule\(search.schedules == 1 ? "" : "s") (\(search.pruned) pruned)"
            let bound =
                (search.preemptionBound.map { ", at most \($0) preemption\($0 == 1 ? "" : "s")" } ?? "")
                + (search.faultBound.map { ", at most \($0) fault\($0 == 1 ? "" : "s")" } ?? "")
            let plain = search.reduction ? "" : ", no reduction" + (search.waiver.flatMap(Self.waiverText).map { " (\($0))" } ?? "")
            switch summary.stop {
            case .completed where search.isProof:
                let space = report.scheduler.searchesEveryWorkload ? "of every workload" : "of this workload"
                lines.append("explored all \(counts)\(plain): every schedule \(space) is covered")
            case .completed:
                lines.append(
                    "explored all \(counts)\(bound)\(plain): a bounded search, so holds means no violation among "
                        + "the bounded schedules explored, not a proof over every schedule")
            case .everyPropertyViolated:
                lines.append("explored \(counts)\(bound)\(plain): stopped once every property was violated")
            default: lines.append("explored \(counts)\(bound)\(plain) before stopping: search incomplete")
            }
        }
        switch summary.stop {
        case .timeLimit, .interrupted:
            let why = summary.stop == .timeLimit ? "stopped at the time limit" : "interrupted"
            let planned = summary.plannedRuns.map { " of \($0)" } ?? ""
            lines.append("\(why) after \(report.runs)\(planned) runs: properties without a violation are undecided")
        case .nondeterministic where summary.search != nil:
            lines.append("replaying a schedule did not reproduce it: the strategy is not deterministic (try --check-determinism)")
        default: break
        }
        for property in report.properties {
            if case .undecided(let reason) = property.verdict, summary.isComplete {
                lines.append("\(property.label) undecided: \(reason)")
            }
            if case .notExercised(let reason) = property.verdict {
                lines.append("\(property.label) not exercised: \(reason), so it was not tested")
            }
        }
        if let check = report.determinismCheck {
            let seeds = check.seeds.map(String.init).joined(separator: ", ")
            var done: [String] = []
            if !check.seeds.isEmpty { done.append("reran and replayed seed\(check.seeds.count == 1 ? "" : "s") \(seeds)") }
            if check.schedules > 0 {
                done.append("replayed \(check.schedules) failing schedule\(check.schedules == 1 ? "" : "s") again")
            }
            lines.append(
                done.isEmpty
                    ? "determinism check: no failing run to repeat"
                    : "determinism check: \(done.joined(separator: "; ")); "
                        + (check.consistent ? "every history matched" : "histories differed"))
        }
        return lines.isEmpty ? [] : [""] + lines
    }

    private func propertyTable() -> [String] {
        var rows = [["property", "verdict", "failing runs", "first seed", "figures"]]
        for property in report.properties {
            let rate = report.runs > 0 ? Double(property.failingRuns) * 100 / Double(report.runs) : 0
            let verdict: String
            switch property.verdict {
            case .holds: verdict = "holds"
            case .violated: verdict = "VIOLATED"
            case .undecided: verdict = "undecided"
            case .notExercised: verdict = "not exercised"
            }
            rows.append([
                property.label,
                verdict,
                property.failingRuns == 0 ? "0" : "\(property.failingRuns) (\(Self.percent(rate)))",
                property.firstFailingSeed.map { "\($0)" } ?? "-",
                Self.figures(property),
            ])
        }
        let widths = (0..<5).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            var text = row.enumerated().map { index, cell in
                cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
    }

    static func percent(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)%"
    }

    /// The aggregated measurement of a property in words, e.g.
    /// "stale reads 812 of 20000; max 68, p50 4, p99 61".
    package static func figures(_ property: PropertyReport) -> String {
        guard let name = property.measurementName else { return "" }
        return figures(name, property.measurements, overPositive: property.percentilesOverPositive)
    }

    /// Measurements in words: `name: max …, p50 …, p99 … over …` (percentiles over those above zero when
    /// `overPositive`); empty without a measurement.
    static func figures(_ name: String, _ summary: Measure.Summary, overPositive: Bool, counting noun: String = "")
        -> String
    {
        guard summary.count > 0 else { return "" }
        func ticks(_ value: Int?) -> String {
            value.map { $0 == Measurement.unbounded ? "unbounded" : "\($0)" } ?? "-"
        }
        let over = overPositive ? "\(summary.positiveCount) of \(summary.count)\(noun) above 0" : "\(summary.count)\(noun)"
        return "\(name): max \(ticks(summary.max)), p50 \(ticks(summary.percentile(50, positiveOnly: overPositive))), "
            + "p99 \(ticks(summary.percentile(99, positiveOnly: overPositive))) over \(over)"
    }
}

extension SchedulerKind {
    /// Whether this is an exhaustive search over every workload of the shape (`--all-workloads`).
    fileprivate var searchesEveryWorkload: Bool {
        if case .exhaustive(let search) = self { search.allWorkloads } else { false }
    }
}
