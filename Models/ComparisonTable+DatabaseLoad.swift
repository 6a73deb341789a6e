import CacheAsideCheck

extension ComparisonTable {
    /// One line saying what the database-load block measures, with its window.
    var databaseLoadCaption: String {
        "database load across keys, per run (mean / max): the most database reads in flight at once and the most "
            + "issued in any \(windowText) (\(ttl == nil ? "no TTL to take a tenth of" : "a tenth of the TTL")),\nof every read and of the loads of expiry refills only "
            + "(a cold start's burst is the same whatever the TTL)"
    }

    /// `3 ticks`.
    var windowText: String { "\(loadWindow) " + (loadWindow == 1 ? "tick" : "ticks") }

    var databaseLoadHeader: [String] {
        ["model", "peak db reads in flight", "most db reads in \(windowText)", "peak expiry loads in flight",
         "most expiry loads in \(windowText)"] + (showsTimeouts ? ["db timeouts/run"] : [])
    }

    /// Whether any model's database calls timed out: the column is left out otherwise, so tables of a
    /// database without a timeout stay as they were.
    var showsTimeouts: Bool { rows.contains { $0.databaseLoad.timeouts != nil } }

    func databaseLoadCells(_ row: ComparisonRow) -> [String] {
        func cell(_ peak: DatabaseLoadFigures.RunPeak?) -> String {
            peak.map { "\(Self.decimal($0.mean, places: 2)) / \($0.max)" } ?? "-"
        }
        let load = row.databaseLoad
        return [
            row.model, cell(load.peakInFlight), cell(load.mostReadsInWindow), cell(load.peakExpiryLoadsInFlight),
            cell(load.mostExpiryLoadsInWindow),
        ] + (showsTimeouts ? [load.timeouts.map { cell($0) } ?? "0"] : [])
    }

    /// The block as aligned text: a caption, then one line per model.
    var databaseLoadText: String {
        databaseLoadCaption + "\n\n" + Self.align([databaseLoadHeader] + rows.map(databaseLoadCells))
    }
}

extension ComparisonTable {
    /// The HTML section: the figures' table, then per model the load over time, drawn as the mean
    /// database reads per run in each window of `loadWindow` ticks, every model on one vertical scale so
    /// that waves compare by height.
    func databaseLoadSection() -> String {
        var html = "<h2>Database load across keys</h2>\n<p class=\"muted\">\(HTMLPage.escape(databaseLoadCaption)).</p>\n"
        html += "<table class=\"matrix cost\">\n<tr>" + databaseLoadHeader.map { "<th>\(HTMLPage.escape($0))</th>" }.joined()
            + "</tr>\n"
        for row in rows {
            let cells = databaseLoadCells(row)
            html += "<tr data-model=\"\(HTMLPage.escape(row.model))\"><th>\(HTMLPage.escape(cells[0]))</th>"
                + cells.dropFirst().map { "<td>\(HTMLPage.escape($0))</td>" }.joined() + "</tr>\n"
        }
        html += "</table>\n<h2>Database load over time</h2>\n<p class=\"muted\">Mean database reads per run in each "
            + "\(HTMLPage.escape(windowText)) of the run, over every key: a wave is many keys refilling at once.</p>\n"
        let series = rows.map { loadOverTime($0.databaseLoad.readsOverTime, runs: $0.verdicts.first?.runs ?? 0) }
        let tallest = series.flatMap { $0 }.max() ?? 0
        html += "<div class=\"charts\">\n"
        for (row, loads) in zip(rows, series) {
            html += "<div class=\"chart-card\"><h4>\(HTMLPage.escape(row.model))</h4>"
                + Self.loadChart(loads, tallest: tallest, window: loadWindow, flushAt: cacheFlushAt) + "</div>\n"
        }
        return html + "</div>"
    }

    /// The most windows a chart draws: a run longer than this many windows is cut, its later reads not drawn.
    static let chartedWindows = 200

    /// Mean reads per run in windows `0, 1, …` up to the last one with a read (at most `chartedWindows`).
    func loadOverTime(_ histogram: [[Int]], runs: Int) -> [Double] {
        let pairs = histogram.filter { $0.count == 2 && $0[0] >= 0 && $0[0] < Self.chartedWindows }
        guard runs > 0, let last = pairs.map({ $0[0] }).max() else { return [] }
        var loads = Array(repeating: 0.0, count: last + 1)
        for pair in pairs { loads[pair[0]] += Double(pair[1]) / Double(runs) }
        return loads
    }

    /// A filled line chart of `loads` against windows, scaled so that `tallest` reaches the top.
    /// With `flushAt`, a dashed line marks the window of the scheduled cache flush: what the load after it
    /// recovers from (the overload scenario), or does not.
    static func loadChart(_ loads: [Double], tallest: Double, window: Ticks, flushAt: Ticks? = nil) -> String {
        let width = 240, height = 96, base = 78, top = 14
        var svg = "<svg class=\"small-chart load-over-time\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">"
        svg += "<line x1=\"0\" x2=\"\(width)\" y1=\"\(base)\" y2=\"\(base)\" stroke=\"#d9dee7\"/>"
        guard !loads.isEmpty, tallest > 0 else {
            return svg + "<text x=\"\(width / 2)\" y=\"\(base / 2 + 6)\" text-anchor=\"middle\">none</text></svg>"
        }
        let step = Double(width) / Double(max(loads.count - 1, 1))
        func y(_ load: Double) -> String { decimal(Double(base) - load / tallest * Double(base - top), places: 1) }
        var points = "0,\(base)"
        for (index, load) in loads.enumerated() { points += " \(decimal(Double(index) * step, places: 1)),\(y(load))" }
        points += " \(decimal(Double(loads.count - 1) * step, places: 1)),\(base)"
        svg += "<polygon points=\"\(points)\" fill=\"rgba(214, 40, 40, 0.25)\" stroke=\"#d62828\" stroke-width=\"1\">"
        let peak = loads.indices.max { loads[$0] < loads[$1] } ?? 0
        svg += "<title>busiest \(window)-tick window: ticks \(peak * window)–\(peak * window + window - 1), "
            + "\(decimal(loads[peak], places: 2)) reads per run</title></polygon>"
        if let flushAt, flushAt / window < loads.count {
            let x = decimal(Double(flushAt / window) * step, places: 1)
            svg += "<line class=\"flush\" x1=\"\(x)\" x2=\"\(x)\" y1=\"\(top)\" y2=\"\(base)\" stroke=\"#1d3557\" "
                + "stroke-dasharray=\"3 2\"><title>cache flushed at t\(flushAt)</title></line>"
        }
        svg += "<text x=\"2\" y=\"\(top - 3)\">\(decimal(tallest, places: 1)) reads / \(window) ticks</text>"
        svg += "<text x=\"2\" y=\"\(base + 13)\">tick 0</text>"
        svg += "<text x=\"\(width - 2)\" y=\"\(base + 13)\" text-anchor=\"end\">tick \(loads.count * window)</text>"
        return svg + "</svg>"
    }
}
