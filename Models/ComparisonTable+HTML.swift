import CacheAsideCheck
import Foundation

extension ComparisonTable {
    /// The table as one self-contained HTML page (`compare --html FILE`): the models × properties matrix
    /// with each failing-run rate as the strength of a red (green where the property held), the cost
    /// columns beside it, the stampede and cost table (refills by cause, latency), and per model two small
    /// charts — how stale the stale reads were, and how many database loads each refill took.
    ///
    /// Colour strength follows the square root of the rate, so that 1% is visible next to 60%; the number
    /// is always printed in the cell, since colour alone does not say how much.
    package func renderHTML() -> String {
        var page = HTMLPage(title: "cacheaside-check compare", subtitle: summaryLine + (stopLine.map { ". " + $0 } ?? ""))
        page.sections.append(matrix())
        page.sections.append("<h2>Stampede and cost</h2>")
        page.sections.append("<p class=\"muted\">\(HTMLPage.escape(Self.costCaption)) — the same figures as the text table.</p>")
        page.sections.append(table(Self.costHeader, Self.costCells))
        if hasOtherLoads {
            page.sections.append("<p class=\"muted\">\(HTMLPage.escape(Self.otherLoadsCaption)).</p>")
            page.sections.append(table(Self.otherLoadsHeader, Self.otherLoadsCells, class: "matrix cost other-loads"))
        }
        page.sections.append("<h2>Staleness against the database</h2>")
        page.sections.append("<p class=\"muted\">\(HTMLPage.escape(Self.databaseStalenessCaption))</p>")
        page.sections.append(table(Self.databaseStalenessHeader, Self.databaseStalenessCells, class: "matrix database-staleness"))
        page.sections.append(databaseLoadSection())
        page.sections.append("<h2>Staleness of the stale reads (ticks)</h2>")
        page.sections.append(
            "<p class=\"muted\">Reads that returned an overwritten value, by how long it had been overwritten; red: "
                + "over the bound of \(ttl.map { "\($0)" } ?? "none (any window that never closes)"). Bar heights on a log scale.</p>")
        page.sections.append(charts(kind: "staleness") { row in Self.stalenessBins(row.stalenessHistogram, bound: ttl) })
        page.sections.append("<h2>Database loads per refill</h2>")
        page.sections.append(
            "<p class=\"muted\">How many database reads one refill episode took; 0: every reader that missed "
                + "waited for another's fill; red: more than one (a stampede). Bar heights on a log scale.</p>")
        page.sections.append(charts(kind: "loads") { row in Self.loadBins(row.refillLoadsHistogram) })
        return page.render()
    }

    private func matrix() -> String {
        var html = "<table class=\"matrix\">\n<tr><th>model</th>"
        html += properties.map { "<th>\(HTMLPage.escape($0))</th>" }.joined()
        html += "<th>max stale (writes)</th><th>db reads/refill</th><th>db reads/read</th><th>unanswered</th></tr>\n"
        for row in rows {
            html += "<tr data-model=\"\(HTMLPage.escape(row.model))\"><th>\(HTMLPage.escape(row.model))</th>"
            for verdict in row.verdicts {
                let rate = verdict.failingRate
                let background = verdict.undecided == true || verdict.notExercised == true
                    ? "rgba(128, 128, 128, 0.16)"
                    : verdict.holds
                    ? "rgba(43, 138, 62, 0.16)"
                    : "rgba(214, 40, 40, \(Self.decimal(0.15 + 0.85 * rate.squareRoot(), places: 3)))"
                let ink = !verdict.holds && rate > 0.3 ? "#fff" : "inherit"
                let text = verdict.holds ? "holds" : Self.verdictCell(verdict)
                html += "<td class=\"rate\" data-rate=\"\(Self.decimal(rate, places: 6))\" "
                    + "style=\"background:\(background);color:\(ink)\" title=\"\(HTMLPage.escape(verdict.property)): "
                    + "\(verdict.failingRuns) of \(verdict.runs) runs failed\">\(HTMLPage.escape(text))</td>"
            }
            html += "<td>\(row.maxStaleness.map(Self.ticksCell) ?? "–")</td>"
            html += "<td>\(row.maxDatabaseReadsPerRefill.map { "\($0)" } ?? "–")</td>"
            html += "<td>\(row.databaseReadsPerClientRead.map { Self.decimal($0, places: 2) } ?? "–")</td>"
            html += "<td>\(row.unansweredReadRate.map { Self.percent($0) } ?? "–")</td></tr>\n"
        }
        return html + "</table>"
    }

    /// A table of one line of `cells` per model under `header`.
    private func table(_ header: [String], _ cells: (ComparisonRow) -> [String], class name: String = "matrix cost") -> String {
        var html = "<table class=\"\(name)\">\n<tr>" + header.map { "<th>\(HTMLPage.escape($0))</th>" }.joined()
            + "</tr>\n"
        for row in rows {
            let cells = cells(row)
            html += "<tr data-model=\"\(HTMLPage.escape(row.model))\"><th>\(HTMLPage.escape(cells[0]))</th>"
                + cells.dropFirst().map { "<td>\(HTMLPage.escape($0))</td>" }.joined() + "</tr>\n"
        }
        return html + "</table>"
    }

    /// A bin of a small chart: its label, how many measurements fell in it, and whether it is over the line.
    struct ChartBin {
        var label: String
        var count: Int
        var over: Bool
    }

    private func charts(kind: String, bins: (ComparisonRow) -> [ChartBin]) -> String {
        var html = "<div class=\"charts\">\n"
        for row in rows {
            let rowBins = bins(row)
            let total = rowBins.reduce(0) { $0 + $1.count }
            html += "<div class=\"chart-card\"><h4>\(HTMLPage.escape(row.model)) <span class=\"muted\">(\(total))</span></h4>"
            html += Self.barChart(rowBins, kind: kind) + "</div>\n"
        }
        return html + "</div>"
    }

    static func barChart(_ bins: [ChartBin], kind: String) -> String {
        let width = 240, height = 96, base = 78, top = 14
        let largest = bins.map(\.count).max() ?? 0
        let slot = Double(width) / Double(max(bins.count, 1))
        var svg = "<svg class=\"small-chart\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">"
        svg += "<line x1=\"0\" x2=\"\(width)\" y1=\"\(base)\" y2=\"\(base)\" stroke=\"#d9dee7\"/>"
        if largest == 0 {
            svg += "<text x=\"\(width / 2)\" y=\"\(base / 2 + 6)\" text-anchor=\"middle\">none</text>"
        }
        for (index, bin) in bins.enumerated() {
            let share = largest == 0 || bin.count == 0 ? 0 : log(1 + Double(bin.count)) / log(1 + Double(largest))
            let barHeight = Int((share * Double(base - top)).rounded())
            let x = Int((Double(index) * slot + 3).rounded())
            let barWidth = Int((slot - 6).rounded())
            svg += "<rect class=\"bin \(kind)\(bin.over ? " over" : "")\" x=\"\(x)\" y=\"\(base - barHeight)\" "
                + "width=\"\(barWidth)\" height=\"\(barHeight)\"><title>\(HTMLPage.escape(bin.label)): \(bin.count)</title></rect>"
            if bin.count > 0 {
                svg += "<text x=\"\(x + barWidth / 2)\" y=\"\(base - barHeight - 3)\" text-anchor=\"middle\">\(bin.count)</text>"
            }
            svg += "<text x=\"\(x + barWidth / 2)\" y=\"\(base + 13)\" text-anchor=\"middle\">\(HTMLPage.escape(bin.label))</text>"
        }
        return svg + "</svg>"
    }

    /// Stale reads (staleness above zero) in bins up to the bound, then over it, then never closed.
    static func stalenessBins(_ histogram: [[Int]], bound: Ticks?) -> [ChartBin] {
        let limit = bound ?? 60
        var edges: [Int] = []
        for edge in [1, limit / 12, limit / 4, limit / 2] where edge > (edges.last ?? 0) && edge < limit {
            edges.append(edge)
        }
        if edges.isEmpty { edges = [1] }
        var bins: [ChartBin] = []
        for (index, low) in edges.enumerated() {
            let high = index + 1 < edges.count ? edges[index + 1] - 1 : limit
            bins.append(ChartBin(label: low == high ? "\(low)" : "\(low)–\(high)", count: 0, over: false))
        }
        bins.append(ChartBin(label: ">\(limit)", count: 0, over: bound != nil))
        bins.append(ChartBin(label: "∞", count: 0, over: true))
        for pair in histogram where pair.count == 2 && pair[0] > 0 {
            let value = pair[0]
            let slot: Int
            if value == Measurement.unbounded {
                slot = bins.count - 1
            } else if value > limit {
                slot = bins.count - 2
            } else {
                slot = (edges.lastIndex { $0 <= value }) ?? 0
            }
            bins[slot].count += pair[1]
        }
        return bins
    }

    /// Refills by how many database loads they took: none (the readers waited for another's fill), 1 to
    /// 5, then 6 or more.
    static func loadBins(_ histogram: [[Int]]) -> [ChartBin] {
        var bins = (0...6).map { ChartBin(label: $0 == 6 ? "6+" : "\($0)", count: 0, over: $0 > 1) }
        for pair in histogram where pair.count == 2 && pair[0] >= 0 {
            bins[min(pair[0], 6)].count += pair[1]
        }
        return bins
    }
}
