extension Timeline {
    /// The timeline of a run: a row per client, then per key a cache row and a database row; operations
    /// as bars, calls as marks on their client's row, contents as spans, staleness windows shaded. The
    /// rows of the actors the run model folds (`RunModel.Folding`) start folded.
    package init(run model: RunModel) {
        self.init()
        axisName = "events in run order (ticks below)"
        extent = max(model.events.count, 1)
        marked = model.marked?.event
        let folded = Set(model.folding.folded)
        var rowOf: [String: Int] = [:]
        for actor in model.actors {
            rowOf[actor] = rows.count
            rows.append(Row(label: actor, kind: actor.hasPrefix("client") ? "client" : "worker", folded: folded.contains(actor)))
        }
        var cacheRow: [String: Int] = [:]
        var databaseRow: [String: Int] = [:]
        for key in model.keys {
            cacheRow[key] = rows.count
            rows.append(Row(label: "cache \(key)", kind: "cache", folded: false))
            databaseRow[key] = rows.count
            rows.append(Row(label: "database \(key)", kind: "database", folded: false))
        }
        // Each host's local cache: a row per host and key it ever held, after the shared cache's rows.
        var localRow: [String: Int] = [:]
        for name in Set((model.localContents ?? []).map(\.key)).sorted() {
            localRow[name] = rows.count
            rows.append(Row(label: "local \(name)", kind: "cache", folded: false))
        }

        // Ticks map to the first event at or after them; a tick past the run maps past its end.
        let ticks = model.events.map(\.tick)
        func position(ofTick tick: Ticks) -> Int {
            var low = 0
            var high = ticks.count
            while low < high {
                let middle = (low + high) / 2
                if ticks[middle] < tick { low = middle + 1 } else { high = middle }
            }
            return low
        }
        var previousTick: Ticks?
        for event in model.events where event.tick != previousTick {
            axis.append(Tick(at: event.index, label: "t\(event.tick)"))
            previousTick = event.tick
        }

        let markedOperation = model.marked.flatMap { model.events.indices.contains($0.event) ? model.events[$0.event].operation : nil }
        for operation in model.operations {
            guard let row = rowOf[operation.actor] else { continue }
            var label = operation.description
            switch operation.ending {
            case "returned": if let result = operation.result { label += " → \(result)" }
            case "unfinished": label += " …"
            default: label += " ✕ \(operation.ending)"
            }
            let ended = operation.endTick.map { "\(operation.ending) at t\($0) (event \(operation.endEvent ?? 0))" }
                ?? "never returned"
            bars.append(
                Bar(
                    row: row, from: operation.invokeEvent, to: operation.endEvent, label: label,
                    style: "op-bar \(operation.kind) \(operation.ending)",
                    marked: markedOperation == operation.index,
                    details: "\(operation.actor): \(operation.description)\ninvoked at t\(operation.invokeTick) "
                        + "(event \(operation.invokeEvent)), \(ended)" + (operation.result.map { "\nreturned \($0)" } ?? ""),
                    order: nil))
        }
        for event in model.events {
            let isMarked = model.marked?.event == event.index
            var lines = ["event \(event.index) at t\(event.tick)" + (event.actor.map { ", \($0)" } ?? "")]
            switch event.kind {
            case .call: lines.append("\(event.call) → \(event.outcome ?? "")")
            case .invoke: lines.append("▶ \(event.call)")
            case .return, .fail, .crash: lines.append("◀ \(event.call)")
            case .clock, .fault: lines.append(event.call)
            }
            if let effect = event.localEffect { lines.append("local: \(effect)") }
            if let effect = event.cacheEffect { lines.append("cache: \(effect)") }
            if let effect = event.databaseEffect { lines.append("database: \(effect)") }
            if isMarked, let mark = model.marked { lines.append("◀ \(mark.label) broken here: \(mark.explanation)") }
            let details = lines.joined(separator: "\n")
            if let actor = event.actor, let row = rowOf[actor] {
                guard event.kind == .call || isMarked else { continue }
                let component = event.component ?? "operation"
                marks.append(
                    Mark(row: row, at: event.index, style: "call-mark \(component)\(event.waiting ? " waiting" : "")",
                        marked: isMarked, details: details))
            } else {
                // The simulation's own events (a cache restart, a clock jump) touch every key's cache row.
                for key in model.keys {
                    guard let row = cacheRow[key] else { continue }
                    marks.append(Mark(row: row, at: event.index, style: "call-mark \(event.kind.rawValue)", marked: isMarked, details: details))
                }
            }
        }
        for span in model.cacheContents {
            guard let row = cacheRow[span.key] else { continue }
            bars.append(content(span, row: row, in: "cache", position: position(ofTick:)))
        }
        for span in model.databaseContents {
            guard let row = databaseRow[span.key] else { continue }
            bars.append(content(span, row: row, in: "database", position: position(ofTick:)))
        }
        for span in model.localContents ?? [] {
            guard let row = localRow[span.key] else { continue }
            bars.append(content(span, row: row, in: "local", position: position(ofTick:)))
        }
        for window in model.stalenessWindows {
            let rowsOfKey = [cacheRow[window.key], databaseRow[window.key]].compactMap { $0 }
            let end = window.until.map { max(position(ofTick: $0.advanced(saturatingBy: 1)) - 1, position(ofTick: window.from)) }
            shades.append(
                Shade(
                    rows: rowsOfKey, from: position(ofTick: window.from), to: end,
                    details: "stale \(window.key) = \(window.value) from t\(window.from) "
                        + (window.until.map { "to t\($0)" } ?? "on, with nothing to end it")
                        + (window.ticks.map { " (\($0) ticks)" } ?? "") + "\n\(window.explanation)"))
        }
    }

    private func content(
        _ span: RunModel.ContentSpan, row: Int, in component: String, position: (Ticks) -> Int
    ) -> Bar {
        let from = max(span.fromEvent, 0)
        let to = span.untilEvent ?? span.until.map { position($0) - 1 }
        let ending: String
        if let until = span.until {
            ending = span.untilEvent == nil ? "expired at t\(until)" : "until t\(until)"
        } else {
            ending = span.expiresAt.map { "until the run's end (expires at t\($0))" } ?? "until the run's end"
        }
        let origin = span.fromEvent < 0 ? (component == "cache" ? "warm at the start" : "initial row") : "stored at t\(span.from) (event \(span.fromEvent))"
        return Bar(
            row: row, from: from, to: to.map { max($0, from) }, label: span.value,
            style: "content-span \(component)", marked: false,
            details: "\(component) \(span.key) = \(span.value)\n\(origin), \(ending)", order: nil)
    }
}
