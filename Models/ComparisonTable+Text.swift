import CacheAsideCheck

extension ComparisonTable {
    /// The table as aligned text: a header line saying what was run, then one line per model.
    ///
    /// A verdict cell reads `holds`, or `✗ 4.81% @34` — the share of runs that broke the property and
    /// the first seed that did (`cacheaside-check --model NAME --seed 34` explains it).
    package func renderText() -> String {
        let verdictHeader = ["model"] + properties + ["max stale (writes)", "db reads/read", "unanswered"]
        let verdictLines = rows.map { row in
            [row.model] + row.verdicts.map(Self.verdictCell)
                + [
                    row.maxStaleness.map(Self.ticksCell) ?? "-",
                    row.databaseReadsPerClientRead.map { Self.decimal($0, places: 2) } ?? "-",
                    row.unansweredReadRate.map { Self.percent($0) } ?? "-",
                ]
        }
        var text = summaryLine + "\n\n" + Self.align([verdictHeader] + verdictLines)
        text += "\n" + Self.costCaption + "\n\n"
        text += Self.align([Self.costHeader] + rows.map(Self.costCells))
        if hasOtherLoads {
            text += "\n" + Self.otherLoadsCaption + "\n\n" + Self.align([Self.otherLoadsHeader] + rows.map(Self.otherLoadsCells))
        }
        text += "\n" + Self.databaseStalenessCaption + "\n\n"
        text += Self.align([Self.databaseStalenessHeader] + rows.map(Self.databaseStalenessCells))
        text += "\n" + databaseLoadText
        for row in rows { if let failure = row.runFailure { text += "\n\(row.model): a run could not complete: \(failure)\n" } }
        if let stopLine { text += "\n" + stopLine + "\n" }
        return text
    }

    /// For a comparison cut short: why, how far it got, and what "undecided" means; `nil` when complete.
    var stopLine: String? {
        let why: String
        switch stop {
        case .timeLimit: why = "stopped at the time limit"
        case .interrupted: why = "interrupted"
        default: return nil
        }
        var line = "\(why): \(rows.count) of \(rows.count + notRun.count) models run"
        if let last = rows.last, last.verdicts.first.map({ $0.runs < seeds.count }) == true {
            line += ", \(last.model) after \(last.verdicts[0].runs) of \(seeds.count) runs"
        }
        line += "; undecided means no violation in the runs done, not a pass"
        if !notRun.isEmpty { line += "; not run: " + notRun.joined(separator: ", ") }
        return line
    }

    static let costCaption =
        "stampede and cost: the hot key k1's expiries per run and loads per expiry (mean / max); loads per refill by "
        + "cause over every key;\nthe share of refills in which nobody loaded (the readers waited for another's fill); "
        + "loads without a miss on a read path\n(early refreshes) per run; most loads of one key in flight; read latency "
        + "in ticks; hit ratio"

    static let costHeader = [
        "model", "k1 expiries/run", "k1 loads/expiry", "loads/expiry", "loads/invalidation", "loads/cold miss",
        "refills w/o load", "early loads/run", "max in flight", "latency p50/p99/max", "hit ratio",
    ]

    static func costCells(_ row: ComparisonRow) -> [String] {
        func loads(_ cause: Property.RefillCause) -> String { loadsCell(row.refills(cause)) }
        func loadsCell(_ figures: RefillFigures) -> String {
            guard let mean = figures.meanLoads, let maximum = figures.maxLoads else { return "-" }
            return "\(decimal(mean, places: 2)) / \(maximum)"
        }
        return [
            row.model, decimal(row.hotKeyExpiries.episodesPerRun, places: 2), loadsCell(row.hotKeyExpiries),
            loads(.expiry), loads(.invalidation),
            loads(.coldMiss), row.loadlessRefillShare.map { percent($0) } ?? "-", decimal(row.loadsWithoutMissPerRun, places: 2),
            row.maxConcurrentLoads.map { "\($0)" } ?? "-",
            row.readLatency.map { "\($0.p50) / \($0.p99) / \($0.max)" } ?? "-",
            row.hitRatio.map { percent($0) } ?? "-",
        ]
    }

    static let otherLoadsCaption =
        "database loads outside refills and failed cache calls, per run: reads inside writes, reads around a failed cache call, "
        + "cache calls that failed"
    static let otherLoadsHeader = ["model", "write-path loads/run", "fallback loads/run", "failed cache calls/run"]

    static func otherLoadsCells(_ row: ComparisonRow) -> [String] {
        [
            row.model, decimal(row.writePathLoadsPerRun, places: 2), decimal(row.fallbackLoadsPerRun, places: 2),
            decimal(row.failedCacheCallsPerRun, places: 2),
        ]
    }

    /// Whether any row has a load outside refills or a failed cache call: the table is left out otherwise.
    var hasOtherLoads: Bool {
        rows.contains { $0.writePathLoadsPerRun > 0 || $0.fallbackLoadsPerRun > 0 || $0.failedCacheCallsPerRun > 0 }
    }

    /// Rows of cells as aligned columns under a rule.
    static func align(_ table: [[String]]) -> String {
        let widths = table[0].indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        func format(_ cells: [String]) -> String {
            zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  ")
                .trimmingTrailingSpaces()
        }
        var text = format(table[0]) + "\n" + format(widths.map { String(repeating: "─", count: $0) }) + "\n"
        for line in table.dropFirst() { text += format(line) + "\n" }
        return text
    }

    /// What was compared, in one line.
    var summaryLine: String {
        let faultList = faults.isEmpty ? "none" : faults.map(\.rawValue).joined(separator: ",")
        return "compare: \(rows.count) models × seeds \(seeds.lowerBound)..<\(seeds.upperBound), scenario \(scenario): "
            + workload.summary + ", ttl \(ttl.map { "\($0)" } ?? "none"), faults \(faultList)"
            + overloadedTime.timeSummary + (clockJumps.map { ", clock jumps ≤ \($0)" } ?? "")
    }

    static func verdictCell(_ verdict: ModelVerdict) -> String {
        if verdict.undecided == true { return "undecided" }
        if verdict.notExercised == true { return "not exercised" }
        guard let seed = verdict.firstFailingSeed, !verdict.holds else { return "holds" }
        return "✗ \(percent(verdict.failingRate)) @\(seed)"
    }

    static func ticksCell(_ ticks: Int) -> String { ticks == Measurement.unbounded ? "unbounded" : "\(ticks)" }

    static func percent(_ fraction: Double) -> String { decimal(fraction * 100, places: 2) + "%" }

    /// `value` with exactly `places` decimals, the same on every platform (no locale, no Foundation); a
    /// value that is not zero but rounds to it is `<0.01` (for two places), so that a rare event beside a
    /// non-zero figure of it never reads as none.
    static func decimal(_ value: Double, places: Int) -> String {
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((value * Double(scale)).rounded())
        if scaled == 0, value > 0 { return "<0." + String(repeating: "0", count: places - 1) + "1" }
        let fraction = String(scaled % scale)
        return "\(scaled / scale)." + String(repeating: "0", count: places - fraction.count) + fraction
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

extension ComparisonTable {
    /// The table's time options as a `SimulationOptions`, for its header's wording.
    var overloadedTime: SimulationOptions {
        var options = SimulationOptions(latencies: latencies, timing: timing)
        options.databaseCapacity = databaseCapacity
        options.databaseTimeout = databaseTimeout
        options.cacheFlushAt = cacheFlushAt
        return options
    }
}
