/// Draws a run as lanes, like a sequence diagram: one column per client, then the cache, then the
/// database, and one row per event with its tick.
///
/// A client's column shows what it calls (`▶` when an operation begins, `◀` when it returns, `│` while it
/// is in the middle of one); the cache and database columns show what the call did to them or returned.
public enum LaneDiagram {
    /// The lanes of `run`. `marking` maps event indices to a note printed at the end of their row (where
    /// a violation or a broken invariant became visible).
    public static func render(_ run: RunRecord, marking: [Int: String] = [:]) -> String {
        let clients = run.history.operations.map(\.client).uniqueSorted()
        let column = Dictionary(uniqueKeysWithValues: clients.enumerated().map { ($1, $0) })
        var rows: [[String]] = []
        var notes: [String] = []
        var inFlight = Set<ClientID>()
        for (index, event) in run.history.events.enumerated() {
            var cells = Array(repeating: "", count: clients.count + 3)
            cells[0] = "t\(event.tick)"
            for client in inFlight { cells[1 + column[client]!] = "│" }
            let (call, cacheCell, databaseCell) = describe(event.kind)
            if let client = event.client, let lane = column[client] {
                cells[1 + lane] = call
                switch event.kind {
                case .invoke: inFlight.insert(client)
                case .returned, .failed, .crashed: inFlight.remove(client)
                default: break
                }
            } else if !call.isEmpty {
                cells[clients.count + 1] = call
            }
            if !cacheCell.isEmpty { cells[clients.count + 1] = cacheCell }
            if !databaseCell.isEmpty { cells[clients.count + 2] = databaseCell }
            rows.append(cells)
            notes.append(marking[index].map { "  ◀ \($0)" } ?? "")
        }
        let header = ["tick"] + clients.map(\.description) + ["cache", "database"]
        return table(header: header, rows: rows, notes: notes)
    }

    private static func describe(_ kind: HistoryEvent.Kind) -> (call: String, cache: String, database: String) {
        switch kind {
        case .invoke(let operation): return ("▶ \(operation)", "", "")
        case .returned(.read, let value): return ("◀ \(value.map { "\($0)" } ?? "no row")", "", "")
        case .returned: return ("◀ ok", "", "")
        case .failed(_, let reason): return ("◀ threw: \(reason)", "", "")
        case .crashed: return ("✕ crashed", "", "")
        case .clockAdvanced(let tick): return ("(clock jumps to t\(tick))", "", "")
        case .fault(let description): return ("", "⚡ \(description)", "")
        case .step(let step):
            let effect = effectDescription(step)
            switch step.action.component {
            case .cache: return (step.action.callDescription, effect, "")
            case .database: return (step.action.callDescription, "", effect)
            case .clock, .lock: return ("\(step.action.callDescription) → \(step.outcome)", "", "")
            }
        }
    }

    /// What a step did, from the component's point of view.
    private static func effectDescription(_ step: Step) -> String {
        guard let key = step.action.key else { return "\(step.outcome)" }
        switch (step.action, step.outcome) {
        case (_, .fault(let name)): return "⚡ unavailable (\(name))"
        case (_, .silentlyDropped(let name)): return "⚡ \(key) delete lost (\(name))"
        case (.cacheSet(_, let value, let ttl), _), (.cacheAdd(_, let value, let ttl), .stored(true)),
            (.cacheCompareAndSet(_, let value, let ttl, _), .stored(true)),
            (.cacheLeaseSet(_, let value, let ttl, _), .stored(true)):
            return "\(key) := \(value)" + (ttl.map { " (ttl \($0))" } ?? "")
        case (.cacheAdd, .stored(false)), (.cacheCompareAndSet, .stored(false)), (.cacheLeaseSet, .stored(false)):
            return "\(key) not stored"
        case (.cacheDelete, _): return "\(key) deleted"
        case (.databaseWrite(_, let value), _): return "\(key) := \(value)"
        case (.databaseDelete, _): return "\(key) row deleted"
        case (.databaseRead, .value(nil)): return "\(key) → no row"
        case (.databaseRead, .versioned(let value, nil)):
            return "\(key) → \(value.map { "\($0)" } ?? "no row") (lagging replica)"
        default: return "\(key) → \(step.outcome)"
        }
    }

    private static func table(header: [String], rows: [[String]], notes: [String]) -> String {
        let maximumWidth = 30
        func clip(_ text: String) -> String {
            text.count <= maximumWidth ? text : String(text.prefix(maximumWidth - 1)) + "…"
        }
        let clipped = rows.map { $0.map(clip) }
        var widths = header.map(\.count)
        for row in clipped { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == 0 ? String(repeating: " ", count: widths[0] - cell.count) + cell
                    : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
        func trimmed(_ text: String) -> String {
            var text = text
            while text.last == " " { text.removeLast() }
            return text
        }
        var lines = [trimmed(line(header)), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
        for (row, note) in zip(clipped, notes) {
            lines.append(trimmed(line(row)) + note)
        }
        return lines.joined(separator: "\n")
    }
}

extension Sequence where Element: Comparable & Hashable {
    func uniqueSorted() -> [Element] { Array(Set(self)).sorted() }
}
