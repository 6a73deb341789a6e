extension Property {
    /// Staleness window: for each read, how many ticks before its invocation the value it returned had
    /// been overwritten by a completed write (0 if it was current); and, once the run is quiet, how long
    /// a superseded value left in the cache stays readable (until its TTL, or unbounded without one).
    ///
    /// The property is `max ≤ bound`; with `bound == nil` it only demands that every window closes. The TTL
    /// alone does not bound staleness: a refill that read the old row and sets it late starts a fresh TTL
    /// after the overwrite, so the window is the TTL plus the refill's delay.
    public static func staleness(bound: Ticks?) -> Property {
        let label = bound.map { "staleness ≤ \($0)" } ?? "staleness bounded"
        // With no bound the verdict is whether every window closes, which the quiet world decides; a bound
        // compares ticks at which operations begin and end.
        return Property(
            id: "staleness", label: label, measurementName: "staleness vs completed writes (ticks)", percentilesOverPositive: true,
            sensitivity: bound == nil ? .orderOfConflictingSteps : .operationTicks,
            subject: "a read that returned, or an entry left in the cache"
        ) { run in
            StalenessAnalysis(run: run).evaluation(bound: bound)
        }
    }
}

/// The computation behind `Property.staleness(bound:)`, kept apart so its steps can be named.
package struct StalenessAnalysis {
    package struct Window {
        package var ticks: Int
        var eventIndex: Int?
        /// Where the window lies, for drawing it: the key, the stale value, the tick its overwrite
        /// completed, and the tick the stale value was last readable (`nil`: never closes). `nil` for a
        /// current read.
        package var span: (key: Key, value: Value, since: Ticks, until: Ticks?)? = nil
        /// What made it stale, kept as facts: the sentence is built only for the window a report shows
        /// (a long run has thousands of reads, and shrinking evaluates it on every replay).
        var cause: Cause?

        enum Cause {
            case read(client: ClientID, invokeTick: Ticks, newer: Value)
            case leftInCache(newer: Value, expiresAt: Ticks?)
        }

        /// One sentence in the run's own terms; empty for a current read.
        package var explanation: String {
            guard let cause, let span else { return "" }
            switch cause {
            case .read(let client, let invokeTick, let newer):
                return "\(client)'s read of \(span.key) at t\(invokeTick) returned \(span.value), "
                    + "but \(newer) had overwritten it by t\(span.since): stale for \(ticks) ticks"
            case .leftInCache(let newer, let expiresAt):
                let until = expiresAt.map { "until it expires at t\($0): \(ticks) ticks" } ?? "with no TTL to end it: unbounded"
                return "after the run the cache still holds \(span.value) for \(span.key), overwritten by "
                    + "\(newer) at t\(span.since), \(until)"
            }
        }
    }

    package let windows: [Window]

    package init(run: RunRecord) {
        let history = run.history
        let operations = history.operations
        let commits = KeyCommits(history, keys: run.finalWorld.keys)
        // A simulated run numbers its values v1, v2, … by write, so tables indexed by version stand in for
        // hashing (`VersionTable`); there are never more versions than events.
        let versions = history.events.count + 1
        // Where each value sits in its key's commit order, so a read finds its value at once.
        var commitPosition = VersionTable<Int>(capacity: versions)
        for keyCommits in commits.lists {
            for (position, commit) in keyCommits.enumerated() where commit.value != .initial {
                // The first commit of a value, as a scan from the start would find it.
                if commitPosition[commit.value] == nil { commitPosition[commit.value] = position }
            }
        }
        // The completed write that produced each value (its index in `operations`), to learn when an
        // overwrite became complete.
        var writeOfValue = VersionTable<Int>(capacity: versions)
        for (index, record) in operations.enumerated() where record.returned {
            if case .write(_, let value) = record.operation { writeOfValue[value] = index }
        }

        /// The first completed overwrite of `value` on `key` that ended before event `limit`.
        ///
        /// Commits are in event order and a write completes after it commits, so the scan stops at the
        /// first commit at or after `limit` (it cannot have ended before it), and, once an overwrite is
        /// found, at the first commit no earlier than it (its write cannot have ended sooner).
        func overwrite(of value: Value, key: Key, before limit: Int) -> (by: Value, at: Ticks)? {
            guard let keyCommits = commits[key] else { return nil }
            let position: Int
            if value == .initial {
                position = 0
            } else if let known = commitPosition[value], known < keyCommits.count, keyCommits[known].value == value {
                position = known
            } else {
                return nil
            }
            var earliest: (by: Value, at: Ticks)?
            for later in keyCommits[(position + 1)...] {
                if later.eventIndex >= limit { break }
                if let found = earliest, later.tick >= found.at { break }
                let writer = writeOfValue[later.value]
                if let writer, let end = operations[writer].endIndex, end < limit,
                    let tick = operations[writer].endTick, earliest.map({ tick < $0.at }) ?? true
                {
                    earliest = (later.value, tick)
                } else if writer == nil, earliest == nil {
                    // A write whose client crashed after committing still overwrote the row.
                    earliest = (later.value, later.tick)
                }
            }
            return earliest
        }

        var windows: [Window] = []
        windows.reserveCapacity(operations.count)
        for read in operations where read.returned {
            guard case .read(let key) = read.operation, let value = read.result else { continue }
            guard let (newer, at) = overwrite(of: value, key: key, before: read.invokeIndex) else {
                windows.append(Window(ticks: 0, eventIndex: nil))
                continue
            }
            windows.append(
                Window(
                    ticks: read.invokeTick - at, eventIndex: read.endIndex, span: (key, value, at, read.invokeTick),
                    cause: .read(client: read.client, invokeTick: read.invokeTick, newer: newer)))
        }
        let world = run.finalWorld
        for key in world.keys {
            guard let entry = world.cache.entry(key, at: world.now),
                let (newer, at) = overwrite(of: entry.value, key: key, before: history.events.count)
            else { continue }
            let ticks = entry.expiresAt.map { max($0 - 1 - at, 0) } ?? Measurement.unbounded
            windows.append(
                Window(
                    ticks: ticks, eventIndex: nil, span: (key, entry.value, at, entry.expiresAt.map { $0 - 1 }),
                    cause: .leftInCache(newer: newer, expiresAt: entry.expiresAt)))
        }
        self.windows = windows
    }

    func evaluation(bound: Ticks?) -> Property.Evaluation {
        let limit = bound ?? (Measurement.unbounded - 1)
        let violation = windows.first { $0.ticks > limit }.map { window in
            Violation(
                window.explanation + (bound.map { ", over the bound of \($0)" } ?? ""), eventIndex: window.eventIndex)
        }
        return Property.Evaluation(violation: violation, measurements: windows.map(\.ticks), exercised: !windows.isEmpty)
    }
}

/// Each key's database commits in order (as `History.databaseCommits(keys:)`), in arrays found by a
/// linear search of the few keys a run has rather than by hashing.
private struct KeyCommits {
    private(set) var keys: [Key]
    private(set) var lists: [[(value: Value, eventIndex: Int, tick: Ticks)]]

    init(_ history: History, keys: [Key]) {
        self.keys = keys
        lists = keys.map { _ in [(Value.initial, -1, 0)] }
        for (index, event) in history.events.enumerated() {
            guard case .step(let step) = event.kind else { continue }
            if case .databaseWrite(let key, let value) = step.action {
                append(key, value, index, event.tick)
            } else if case .databaseCommit = step.action, case .entries(let written) = step.outcome {
                // A transaction's rows are committed at its commit step, not at its writes.
                for entry in written { if let value = entry.value { append(entry.key, value, index, event.tick) } }
            }
        }
    }

    private mutating func append(_ key: Key, _ value: Value, _ index: Int, _ tick: Ticks) {
        if let position = keys.firstIndex(of: key) {
            lists[position].append((value, index, tick))
        } else {
            keys.append(key)
            lists.append([(Value.initial, -1, 0), (value, index, tick)])
        }
    }

    subscript(key: Key) -> [(value: Value, eventIndex: Int, tick: Ticks)]? {
        keys.firstIndex(of: key).map { lists[$0] }
    }
}

/// A map from values to `Element`: an array indexed by version for versions below `capacity`, a
/// dictionary for any other (a strategy's own numbering, `Value.noRow`).
private struct VersionTable<Element> {
    private var dense: [Element?]
    private var sparse: [Value: Element] = [:]

    init(capacity: Int) { dense = Array(repeating: nil, count: capacity) }

    subscript(value: Value) -> Element? {
        get { value.version >= 0 && value.version < dense.count ? dense[value.version] : sparse[value] }
        set {
            if value.version >= 0 && value.version < dense.count { dense[value.version] = newValue } else { sparse[value] = newValue }
        }
    }
}
