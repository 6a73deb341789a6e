/// Renders a `Report` as the text the command line prints: the options, a table with one line per
/// property, then each violated property's minimal counterexample drawn as lanes with its replay command.
public struct TextReport: Sendable {
    /// The report to render.
    public var report: Report
    /// Builds the command that replays a counterexample from its token.
    public var replayCommand: @Sendable (String) -> String
    /// Only the table, without counterexamples.
    public var quiet: Bool

    /// The most columns the lanes may take (`nil`: as many as they need).
    public var width: Int?

    /// A renderer.
    public init(
        report: Report, quiet: Bool = false, width: Int? = LaneDiagram.defaultWidth,
        replayCommand: @escaping @Sendable (String) -> String
    ) {
        self.report = report
        self.quiet = quiet
        self.width = width
        self.replayCommand = replayCommand
    }

    /// The rendered text, ending with a newline.
    public func render(header: String) -> String {
        var lines = [header]
        let seeds = report.seeds
        let seedText: String
        if case .exhaustive(let search) = report.scheduler, search.allWorkloads {
            seedText = "every schedule of every workload"
        } else if seeds.isEmpty {
            seedText = "replayed"
        } else {
            seedText = seeds.count == 1 ? "seed \(seeds[0])" : "seeds \(seeds[0])…\(seeds[seeds.count - 1])"
        }
        lines.append("\(report.runs) run\(report.runs == 1 ? "" : "s") (\(seedText)), \(report.schedulingPoints) scheduling points")
        lines.append("")
        lines.append(contentsOf: propertyTable())
        for property in report.properties {
            guard let example = property.counterexample else { continue }
            lines.append("")
            if quiet {
                lines.append("\(property.name): \(example.violation.explanation)")
            } else {
                lines.append(contentsOf: Self.describe(example, width: width))
            }
            lines.append("replay: \(replayCommand(example.replayToken))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The lines explaining one counterexample: heading, shrink summary, sentence and lanes (at most
    /// `width` columns wide; `nil`: as wide as they need).
    public static func describe(_ example: Counterexample, width: Int? = nil) -> [String] {
        var lines = ["── \(example.property) violated (\(example.seed.map { "seed \($0)" } ?? "replayed run"))"]
        if example.shrinkAttempts > 0 || example.original != example.size {
            lines.append(
                "shrunk from \(example.original) to \(example.size) in \(example.shrinkAttempts) attempts")
        }
        lines.append(example.violation.explanation)
        lines.append("")
        lines.append(LaneDiagram.render(example.model, width: width))
        return lines
    }

    private func propertyTable() -> [String] {
        var rows = [["property", "verdict", "failing runs", "first seed", "figures"]]
        for property in report.properties {
            let rate = report.runs > 0 ? Double(property.failingRuns) * 100 / Double(report.runs) : 0
            rows.append([
                property.name,
                property.holds ? "holds" : "VIOLATED",
                property.holds ? "0" : "\(property.failingRuns) (\(Self.percent(rate)))",
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
    public static func figures(_ property: PropertyReport) -> String {
        let summary = property.measurements
        guard let name = property.measurementName, summary.count > 0 else { return "" }
        func ticks(_ value: Int?) -> String {
            value.map { $0 == Measurement.unbounded ? "unbounded" : "\($0)" } ?? "-"
        }
        let over = property.percentilesOverPositive ? "\(summary.positiveCount) of \(summary.count) above 0" : "\(summary.count)"
        return "\(name): max \(ticks(summary.max)), p50 \(ticks(property.percentile(50))), "
            + "p99 \(ticks(property.percentile(99))) over \(over)"
    }
}
