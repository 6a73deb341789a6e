/// Draws a run as lanes, like a sequence diagram: one column per client, then the cache, then the
/// database, and one row per event with its tick.
///
/// A client's column shows what it calls (`▶` when an operation begins, `◀` when it returns, `│` while it
/// is in the middle of one); the cache and database columns show what the call did to them or returned.
///
/// Clients the run model folds (idle near the marked row of a crowded run, `RunModel.Folding`) share one
/// `others` column, as their rows start folded in the HTML timeline. Given a width, the lanes fit it: a
/// 16-client run is otherwise 300 columns wide. What goes first is what says least about the violation:
/// the least involved of the other clients join the `others` column, runs of pure waiting (sleeps, busy
/// locks, clock jumps) shrink to one line, and the diagram says what it folded — a picture that hides part
/// of a run without saying so would mislead.
public enum LaneDiagram {
    /// The terminal width the command line fits lanes to unless told otherwise.
    public static let defaultWidth = 120

    /// The lanes of `run`. `marking` maps event indices to a note printed at the end of their row (where
    /// a violation or a broken invariant became visible).
    public static func render(_ run: RunRecord, marking: [Int: String] = [:]) -> String {
        render(RunModel(run), notes: marking, width: nil)
    }

    /// The lanes of `model`, its marked event noted as "`label` broken here", at most `width` columns
    /// wide (`nil`: as wide as it takes).
    package static func render(_ model: RunModel, width: Int? = nil) -> String {
        let notes = model.marked.map { [$0.event: "\($0.label) broken here"] } ?? [:]
        return render(model, notes: notes, width: width)
    }

    /// The actors the run model folds (`RunModel.Folding`) share the `others` column at any width; to fit
    /// `width`, the least involved of the rest join them, one by one from the end of the model's ranking.
    static func render(_ model: RunModel, notes: [Int: String], width: Int?) -> String {
        let folded = Set(model.folding.folded)
        let open = model.actors.filter { !folded.contains($0) }
        let full = Layout(model: model, shown: open, elideWaiting: false, cellLimit: 30, notes: notes)
        guard let width, full.width > width else { return full.text(width: width) }
        let cellLimit = 26
        var shown: [String] = []
        var best = Layout(model: model, shown: [], elideWaiting: true, cellLimit: cellLimit, notes: notes)
        for actor in model.folding.byInvolvement where !folded.contains(actor) {
            let candidate = Layout(
                model: model, shown: shown + [actor], elideWaiting: true, cellLimit: cellLimit, notes: notes)
            guard candidate.width <= width else { break }
            shown.append(actor)
            best = candidate
        }
        return best.text(width: width)
    }

    /// The wording of a list of actors, with runs of client numbers as ranges: "clients 3, 5–16".
    static func describe(actors: [String]) -> String {
        let numbers = actors.compactMap { $0.hasPrefix("client ") ? Int($0.dropFirst(7)) : nil }.sorted()
        guard numbers.count == actors.count, !numbers.isEmpty else { return actors.joined(separator: ", ") }
        var ranges: [String] = []
        var start = numbers[0]
        var previous = start
        for number in numbers.dropFirst() + [Int.max] {
            if number == previous + 1 {
                previous = number
                continue
            }
            ranges.append(start == previous ? "\(start)" : previous == start + 1 ? "\(start), \(previous)" : "\(start)–\(previous)")
            start = number
            previous = number
        }
        return (numbers.count == 1 ? "client " : "clients ") + ranges.joined(separator: ", ")
    }
}

extension LaneDiagram {
    /// The table for one choice of shown actors: its rows, column widths and what it folded.
    struct Layout {
        enum Row {
            case event(cells: [String], note: String)
            case elided(String)
        }

        var header: [String] = []
        var rows: [Row] = []
        var widths: [Int] = []
        /// What it folded because the run model folds it, at any width.
        var folded: [String] = []
        /// What it folded, beyond that, to fit a width.
        var fitted: [String] = []
        /// Whether a row's note goes on a line of its own under it (to fit a width) rather than after it.
        var notesBelow = false

        init(model: RunModel, shown: [String], elideWaiting: Bool, cellLimit: Int, notes: [Int: String]) {
            notesBelow = elideWaiting
            let others = model.actors.filter { !shown.contains($0) }
            let column = Dictionary(uniqueKeysWithValues: shown.enumerated().map { ($1, $0 + 1) })
            let othersColumn: Int? = others.isEmpty ? nil : shown.count + 1
            // Hosts' local caches get a column of their own, before the shared cache, only in runs that use one.
            let localColumn: Int? = model.events.contains { $0.localEffect != nil } ? shown.count + 1 + (others.isEmpty ? 0 : 1) : nil
            let cacheColumn = shown.count + 1 + (others.isEmpty ? 0 : 1) + (localColumn == nil ? 0 : 1)
            header = ["tick"] + shown + (others.isEmpty ? [] : ["others"]) + (localColumn == nil ? [] : ["local"]) + ["cache", "database"]
            var inFlight = Set<String>()
            var waitingRun: [RunModel.Event] = []
            var elidedRows = 0
            var elisions = 0
            func flushWaiting() {
                if waitingRun.count >= 3 {
                    let who = LaneDiagram.describe(actors: Array(Set(waitingRun.compactMap(\.actor))).sorted())
                    let calls = Array(Set(waitingRun.map(LaneDiagram.waitingWord))).sorted().joined(separator: ", ")
                    rows.append(.elided("⋯ \(waitingRun.count) rows of waiting (\(calls))\(who.isEmpty ? "" : " by \(who)") ⋯"))
                    elidedRows += waitingRun.count
                    elisions += 1
                } else {
                    for event in waitingRun { appendRow(event) }
                }
                waitingRun = []
            }
            func appendRow(_ event: RunModel.Event) {
                var cells = Array(repeating: "", count: header.count)
                cells[0] = "t\(event.tick)"
                for actor in inFlight { if let lane = column[actor] { cells[lane] = "│" } }
                let text = LaneDiagram.laneText(event)
                if let actor = event.actor, let lane = column[actor] {
                    cells[lane] = text
                } else if let actor = event.actor, let othersColumn {
                    cells[othersColumn] = "\(actor.hasPrefix("client ") ? String(actor.dropFirst(7)) : actor): \(text)"
                } else if event.cacheEffect == nil, event.localEffect == nil {
                    cells[cacheColumn] = text
                }
                if let actor = event.actor {
                    switch event.kind {
                    case .invoke: inFlight.insert(actor)
                    case .return, .fail, .crash: inFlight.remove(actor)
                    default: break
                    }
                }
                if let effect = event.localEffect, let localColumn { cells[localColumn] = effect }
                if let effect = event.cacheEffect { cells[cacheColumn] = effect }
                if let effect = event.databaseEffect { cells[cacheColumn + 1] = effect }
                rows.append(.event(cells: cells.map { Self.clip($0, cellLimit) }, note: notes[event.index] ?? ""))
            }
            var othersWaited = 0
            var othersWaitWords = Set<String>()
            for event in model.events {
                if elideWaiting, event.waiting, notes[event.index] == nil, let actor = event.actor, column[actor] == nil {
                    // A folded client that only waits says nothing the 'others' column needs to show.
                    othersWaited += 1
                    othersWaitWords.insert(LaneDiagram.waitingWord(event))
                    continue
                }
                if elideWaiting, event.waiting, notes[event.index] == nil {
                    waitingRun.append(event)
                    // A waiting actor's operation stays open across the elided rows.
                    continue
                }
                flushWaiting()
                appendRow(event)
            }
            flushWaiting()
            widths = header.map(\.count)
            for case .event(let cells, _) in rows {
                for (index, cell) in cells.enumerated() { widths[index] = max(widths[index], cell.count) }
            }
            let idle = others.filter(model.folding.folded.contains)
            if !idle.isEmpty {
                folded.append("\(LaneDiagram.describe(actors: idle)) share the 'others' column (idle near the marked row)")
            }
            let squeezed = others.filter { !model.folding.folded.contains($0) }
            if !squeezed.isEmpty {
                let verb = idle.isEmpty ? "share the 'others' column" : "join them"
                fitted.append("\(LaneDiagram.describe(actors: squeezed)) \(verb) (further from the marked row)")
            }
            if othersWaited > 0 {
                fitted.append("\(othersWaited) rows where they only waited (\(othersWaitWords.sorted().joined(separator: ", "))) left out")
            }
            if elisions > 0 {
                fitted.append("\(elidedRows) rows of waiting folded into \(elisions) line\(elisions == 1 ? "" : "s")")
            }
        }

        /// The widest line.
        var width: Int {
            let table = widths.reduce(0, +) + 2 * (widths.count - 1)
            var widest = table
            for case .event(let cells, let note) in rows where !note.isEmpty {
                widest = max(widest, notesBelow ? widths[0] + 4 + note.count : line(cells).count + 4 + note.count)
            }
            return widest
        }

        func line(_ cells: [String]) -> String {
            var text = cells.enumerated().map { index, cell in
                index == 0 ? String(repeating: " ", count: widths[0] - cell.count) + cell
                    : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }

        func text(width: Int?) -> String {
            var lines: [String] = []
            var said = folded
            if !fitted.isEmpty { said.append("to fit \(width ?? 0) columns: " + fitted.joined(separator: "; ")) }
            if !said.isEmpty { lines.append("(" + said.joined(separator: "; ") + ")") }
            lines.append(line(header))
            lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
            for row in rows {
                switch row {
                case .event(let cells, let note) where note.isEmpty: lines.append(line(cells))
                case .event(let cells, let note) where notesBelow:
                    lines.append(line(cells))
                    lines.append(String(repeating: " ", count: widths[0] + 2) + "▲ \(note)")
                case .event(let cells, let note): lines.append(line(cells) + "  ◀ \(note)")
                case .elided(let summary): lines.append(String(repeating: " ", count: widths[0] + 2) + summary)
                }
            }
            guard let width else { return lines.joined(separator: "\n") }
            return lines.flatMap { Self.wrap($0, width) }.joined(separator: "\n")
        }

        static func clip(_ text: String, _ limit: Int) -> String {
            text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
        }

        /// Cuts a line that is still too wide (a long sentence) into pieces that fit.
        static func wrap(_ line: String, _ width: Int) -> [String] {
            guard line.count > width else { return [line] }
            var pieces: [String] = []
            var rest = Substring(line)
            while rest.count > width {
                let head = rest.prefix(width)
                let cut = head.lastIndex(of: " ").map { head.distance(from: head.startIndex, to: $0) } ?? width
                let split = cut > width / 2 ? cut : width
                pieces.append(String(rest.prefix(split)))
                rest = rest.dropFirst(split).drop { $0 == " " }
                rest = Substring("  ") + rest
            }
            pieces.append(String(rest))
            return pieces
        }
    }

    /// What an event shows in its actor's column.
    package static func laneText(_ event: RunModel.Event) -> String {
        switch event.kind {
        case .invoke: "▶ \(event.call)"
        case .return: "◀ \(event.call)"
        case .fail: "◀ threw: \(event.call)"
        case .crash: "✕ crashed"
        case .clock: "(\(event.call))"
        // The simulation's faults show in the cache column; a worker's (a crash and restart) in its lane.
        case .fault: event.actor == nil ? "" : "⚡ \(event.call)"
        case .call:
            ["clock", "lock", "queue"].contains(event.component) ? "\(event.call) → \(event.outcome ?? "")" : event.call
        }
    }

    /// The word an elision summary uses for a waiting event.
    static func waitingWord(_ event: RunModel.Event) -> String {
        switch (event.kind, event.component) {
        case (.clock, _): "clock jumps"
        case (_, "lock"): "busy locks"
        default: "sleeps"
        }
    }
}
