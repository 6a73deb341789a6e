/// One self-contained HTML page: inline CSS, inline script, inline SVG, data embedded as JSON — it opens
/// from disk with no network, and the same input gives the same bytes (no dates, no paths of this machine,
/// no randomness).
///
/// Every page ends with a `<pre id="selfcheck">` the script fills in after drawing (how many operation
/// bars it drew against how many the data holds, whether the marked event is highlighted, any script
/// error), so a headless browser's `--dump-dom` can check the picture without a test framework.
package struct HTMLPage: Sendable {
    /// The page title and top heading.
    package var title: String
    /// One line under the heading.
    package var subtitle: String
    /// The body, as HTML fragments in order.
    package var sections: [String] = []

    package init(title: String, subtitle: String) {
        self.title = title
        self.subtitle = subtitle
    }

    /// The whole document.
    package func render() -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="cacheaside-check \(CacheAsideCheckVersion.current)">
        <title>\(Self.escape(title))</title>
        <style>
        \(HTMLStyle.css)
        </style>
        </head>
        <body>
        <header><h1>\(Self.escape(title))</h1><p class="subtitle">\(Self.escape(subtitle))</p></header>
        <main>
        \(sections.joined(separator: "\n"))
        </main>
        <pre id="selfcheck" hidden></pre>
        <script>
        \(TimelineScript.source)
        </script>
        </body>
        </html>

        """
    }

    /// `text` with the characters HTML gives meaning to replaced by entities.
    package static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A `<script type="application/json">` holding `json`, with `<` escaped so that no string inside it
    /// can end the script element early.
    package static func dataScript(_ json: String, className: String) -> String {
        "<script type=\"application/json\" class=\"\(className)\">"
            + json.replacingOccurrences(of: "<", with: "\\u003c") + "</script>"
    }

    /// A timeline section: the toolbar, the drawing area the script fills, the details pane, and the data.
    package static func timeline(_ timeline: Timeline, heading: String, note: String, replay: String?) -> String {
        var html = "<section class=\"timeline\" data-expected-operations=\"\(timeline.operationBarCount)\""
            + " data-marked-position=\"\(timeline.marked.map(String.init) ?? "")\">\n"
        html += "<h3>\(escape(heading))</h3>\n"
        if !note.isEmpty { html += "<p class=\"explanation\">\(escape(note))</p>\n" }
        if let replay {
            html += "<div class=\"replay\"><code class=\"replay-command\">\(escape(replay))</code>"
                + "<button type=\"button\" class=\"copy\">copy</button></div>\n"
        }
        html += """
            <div class="toolbar"><button type="button" data-zoom="in">zoom in</button>\
            <button type="button" data-zoom="out">zoom out</button><button type="button" data-zoom="fit">fit</button>\
            <button type="button" data-fold="toggle">unfold all rows</button>\
            <span class="axis-name">x: \(escape(timeline.axisName)) · click a row name to fold it · hover or click for details</span></div>
            <div class="frame"><div class="labels"></div><div class="scroll"><svg class="chart"></svg></div></div>
            <pre class="details">Click a bar or a mark for its details.</pre>

            """
        html += dataScript(timeline.json, className: "timeline-data") + "\n</section>"
        return html
    }
}

extension Timeline {
    /// The timeline as compact JSON with sorted keys.
    package var json: String { CanonicalJSON.compact(self) }
}
