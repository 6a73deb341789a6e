/// The HTML form of a `Report` (`--html FILE`): the property table, then each counterexample as a
/// timeline — a row per client with its operations as bars and its calls as marks, a cache row and a
/// database row per key showing what each held over time, staleness windows shaded, the event where the
/// property broke marked — with the sentence that explains it and the command that replays it.
package struct HTMLReport: Sendable {
    /// The report to draw.
    package var report: Report
    /// The line describing the check (model, workload), as the text report's header.
    package var header: String
    /// Builds the command that replays a counterexample from its token.
    package var replayCommand: @Sendable (String) -> String

    /// A renderer.
    package init(report: Report, header: String, replayCommand: @escaping @Sendable (String) -> String) {
        self.report = report
        self.header = header
        self.replayCommand = replayCommand
    }

    /// The page.
    package func render() -> String {
        var page = HTMLPage(
            title: "cacheaside-check: \(report.strategyName)",
            subtitle: header + " — \(report.runs) run\(report.runs == 1 ? "" : "s"), "
                + "\(report.schedulingPoints) scheduling points")
        page.sections.append(propertyTable())
        let figures = TextReport.databaseStalenessLines(report)
        if !figures.isEmpty {
            page.sections.append(
                "<ul class=\"figures\" id=\"staleness-vs-database\">"
                    + figures.map { "<li>\(HTMLPage.escape($0))</li>" }.joined() + "</ul>")
        }
        page.sections.append(Self.legend)
        for property in report.properties {
            guard let example = property.counterexample else { continue }
            let model = example.model
            let found = example.seed.map { "seed \($0)" } ?? "replayed run"
            var note = example.violation.explanation
            if example.shrinkAttempts > 0 || example.original != example.size {
                note += " (shrunk from \(example.original) to \(example.size) in \(example.shrinkAttempts) attempts)"
            }
            page.sections.append("<h2>\(HTMLPage.escape(property.label)) violated (\(found))</h2>")
            page.sections.append(
                HTMLPage.timeline(
                    Timeline(run: model), heading: "\(model.actors.count) clients, \(model.operations.count) operations, "
                        + "\(model.events.count) events", note: note, replay: replayCommand(example.replayToken)))
        }
        if report.properties.allSatisfy({ $0.counterexample == nil }) {
            page.sections.append("<p>No counterexample: every property held in every run.</p>")
        }
        return page.render()
    }

    static let legend = """
        <div class="legend"><span><i style="background:#dce9fb;border:1px solid #3b7dd8"></i>read</span>\
        <span><i style="background:#fde8cf;border:1px solid #e08a1e"></i>write</span>\
        <span><i style="background:#2a9d8f"></i>cache call</span><span><i style="background:#8e5bd0"></i>database call</span>\
        <span><i style="background:#fff;border:1px solid #98a2b3"></i>waiting (sleep, busy lock)</span>\
        <span><i style="background:rgba(214,40,40,0.25)"></i>staleness window</span>\
        <span><i style="background:#d62828"></i>where the property broke</span></div>
        """

    private func propertyTable() -> String {
        var rows = ["<tr><th>property</th><th>verdict</th><th>failing runs</th><th>first seed</th><th>figures</th></tr>"]
        for property in report.properties {
            let rate = report.runs > 0 ? Double(property.failingRuns) * 100 / Double(report.runs) : 0
            rows.append(
                "<tr data-property=\"\(HTMLPage.escape(property.id))\">"
                    + "<td>\(HTMLPage.escape(property.label))</td>"
                    + "<td class=\"verdict-\(property.verdict.name)\" title=\"\(HTMLPage.escape(property.verdict.undecidedReason ?? ""))\">"
                    + "\(property.verdict.name)</td><td>\(property.failingRuns == 0 ? "0" : "\(property.failingRuns) (\(TextReport.percent(rate)))")</td>"
                    + "<td>\(property.firstFailingSeed.map { "\($0)" } ?? "–")</td>"
                    + "<td>\(HTMLPage.escape(TextReport.figures(property)))</td></tr>")
        }
        return "<table class=\"properties\">\n" + rows.joined(separator: "\n") + "\n</table>"
    }
}
