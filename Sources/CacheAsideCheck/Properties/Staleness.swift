extension Property {
    /// Staleness window: for each read, how many ticks before its invocation the value it returned had
    /// been overwritten by a completed write (0 if it was current); and, once the run is quiet, how long
    /// a superseded value left in the cache stays readable (until its TTL, or unbounded without one).
    ///
    /// The property is `max ≤ bound`; with `bound == nil` it only demands that every window closes. The TTL
    /// alone does not bound staleness: a refill that read the old row and sets it late starts a fresh TTL
    /// after the overwrite, so the window is the TTL plus the refill's delay.
    public static func staleness(bound: Ticks?) -> Property {
        let name = bound.map { "staleness ≤ \($0)" } ?? "staleness bounded"
        return Property(name: name, measurementName: "staleness (ticks)", percentilesOverPositive: true) { run in
            StalenessAnalysis(run: run).evaluation(bound: bound)
        }
    }
}

/// The computation behind `Property.staleness(bound:)`, kept apart so its steps can be named.
struct StalenessAnalysis {
    struct Window {
        var ticks: Int
        var explanation: String
        var eventIndex: Int?
        /// Where the window lies, for drawing it: the key, the stale value, the tick its overwrite
        /// completed, and the tick the stale value was last readable (`nil`: never closes). `nil` for a
        /// current read.
        var span: (key: Key, value: Value, since: Ticks, until: Ticks?)? = nil
    }

    let windows: [Window]

    init(run: RunRecord) {
        let history = run.history
        let operations = history.operations
        let commits = history.databaseCommits(keys: run.finalWorld.keys)
        // The completed write that produced each value, to learn when an overwrite became complete.
        var writeOfValue: [Value: OperationRecord] = [:]
        for record in operations where record.returned {
            if case .write(_, let value) = record.operation { writeOfValue[value] = record }
        }

        /// The first completed overwrite of `value` on `key` that ended before event `limit`.
        func overwrite(of value: Value, key: Key, before limit: Int) -> (by: Value, at: Ticks)? {
            guard let keyCommits = commits[key], let position = keyCommits.firstIndex(where: { $0.value == value })
            else { return nil }
            var earliest: (by: Value, at: Ticks)?
            for later in keyCommits[(position + 1)...] {
                if let write = writeOfValue[later.value], let end = write.endIndex, end < limit,
                    let tick = write.endTick, earliest.map({ tick < $0.at }) ?? true
                {
                    earliest = (later.value, tick)
                } else if writeOfValue[later.value] == nil, later.eventIndex < limit, earliest == nil {
                    // A write whose client crashed after committing still overwrote the row.
                    earliest = (later.value, later.tick)
                }
            }
            return earliest
        }

        var windows: [Window] = []
        for read in operations where read.returned {
            guard case .read(let key) = read.operation, let value = read.result else { continue }
            guard let (newer, at) = overwrite(of: value, key: key, before: read.invokeIndex) else {
                windows.append(Window(ticks: 0, explanation: "", eventIndex: nil))
                continue
            }
            let ticks = read.invokeTick - at
            windows.append(
                Window(
                    ticks: ticks,
                    explanation: "\(read.client)'s read of \(key) at t\(read.invokeTick) returned \(value), "
                        + "but \(newer) had overwritten it by t\(at): stale for \(ticks) ticks",
                    eventIndex: read.endIndex, span: (key, value, at, read.invokeTick)))
        }
        let world = run.finalWorld
        for key in world.keys {
            guard let entry = world.cache.entry(key, at: world.now),
                let (newer, at) = overwrite(of: entry.value, key: key, before: history.events.count)
            else { continue }
            let ticks = entry.expiresAt.map { max($0 - 1 - at, 0) } ?? Measurement.unbounded
            let until = entry.expiresAt.map { "until it expires at t\($0): \(ticks) ticks" } ?? "with no TTL to end it: unbounded"
            windows.append(
                Window(
                    ticks: ticks,
                    explanation: "after the run the cache still holds \(entry.value) for \(key), overwritten by "
                        + "\(newer) at t\(at), \(until)",
                    eventIndex: nil, span: (key, entry.value, at, entry.expiresAt.map { $0 - 1 })))
        }
        self.windows = windows
    }

    func evaluation(bound: Ticks?) -> PropertyEvaluation {
        let limit = bound ?? (Measurement.unbounded - 1)
        let violation = windows.first { $0.ticks > limit }.map { window in
            Violation(
                window.explanation + (bound.map { ", over the bound of \($0)" } ?? ""), eventIndex: window.eventIndex)
        }
        return PropertyEvaluation(violation: violation, measurements: windows.map(\.ticks))
    }
}
