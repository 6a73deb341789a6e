import CacheAsideCheck

extension ComparisonTable {
    /// The table as aligned text: a header line saying what was run, then one line per model.
    ///
    /// A verdict cell reads `holds`, or `✗ 4.81% @34` — the share of runs that broke the property and
    /// the first seed that did (`cacheaside-check --model NAME --seed 34` explains it).
    public func renderText() -> String {
        let header = ["model"] + properties + ["max stale", "db reads/refill", "db reads/read", "unanswered"]
        let lines = rows.map { row in
            [row.model] + row.verdicts.map(Self.verdictCell)
                + [
                    row.maxStaleness.map(Self.ticksCell) ?? "-", row.maxDatabaseReadsPerRefill.map { "\($0)" } ?? "-",
                    row.databaseReadsPerClientRead.map { Self.decimal($0, places: 2) } ?? "-",
                    row.unansweredReadRate.map { Self.percent($0) } ?? "-",
                ]
        }
        let widths = header.indices.map { column in ([header] + lines).map { $0[column].count }.max() ?? 0 }
        func format(_ cells: [String]) -> String {
            zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  ")
                .trimmingTrailingSpaces()
        }
        var text = summaryLine + "\n\n" + format(header) + "\n"
        text += format(widths.map { String(repeating: "─", count: $0) }) + "\n"
        for line in lines { text += format(line) + "\n" }
        for row in rows { if let failure = row.runFailure { text += "\n\(row.model): a run could not complete: \(failure)\n" } }
        return text
    }

    /// What was compared, in one line.
    var summaryLine: String {
        let faultList = faults.isEmpty ? "none" : faults.map(\.rawValue).joined(separator: ",")
        return "compare: \(rows.count) models × seeds \(seeds.lowerBound)..<\(seeds.upperBound), "
            + "\(workload.clients) clients × \(workload.operationsPerClient) ops, \(workload.keys) "
            + (workload.keys == 1 ? "key" : "keys") + ", write ratio \(workload.writeRatio), "
            + "ttl \(ttl.map { "\($0)" } ?? "none"), faults \(faultList)"
            + (clockJumps.map { ", clock jumps ≤ \($0)" } ?? "")
    }

    static func verdictCell(_ verdict: PropertyVerdict) -> String {
        guard let seed = verdict.firstFailingSeed, !verdict.holds else { return "holds" }
        return "✗ \(percent(verdict.failingRate)) @\(seed)"
    }

    static func ticksCell(_ ticks: Int) -> String { ticks == Measurement.unbounded ? "unbounded" : "\(ticks)" }

    static func percent(_ fraction: Double) -> String { decimal(fraction * 100, places: 2) + "%" }

    /// `value` with exactly `places` decimals, the same on every platform (no locale, no Foundation).
    static func decimal(_ value: Double, places: Int) -> String {
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((value * Double(scale)).rounded())
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
