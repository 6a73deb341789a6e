/// The computation behind `Property.stalenessAgainstDatabase(bound:)` and `DatabaseStaleness.measures`:
/// the run's history replayed event by event into a `ModelCache` (so the world's own rules say how long
/// an entry is readable) beside each key's committed rows.
///
/// Three figures come out of the one pass:
/// - **per read**, how many ticks before the read began the database had already committed the row that
///   replaced the one it returned (0 if none had). This is the seed's "between DB write and cache
///   invalidate" window, which staleness against *completed* writes cannot see: a write whose delete is
///   still in flight has not completed, yet its row is the truth a reader should get. A read that returned
///   a row the database had not committed (a write-behind cache ahead of it) is not behind it: 0.
/// - **per inconsistency window**, how long one key's cache held, readably, a value other than the
///   committed row (Polaris' measure: Lu et al., "Cache made consistent", Meta engineering blog, 2022). A
///   missing or expired entry agrees (a read goes to the database), and a negative entry agrees with a
///   key that has no row.
/// - **per committed write** (or row delete), how many ticks after its commit the cache agreed with the
///   database for good: until the next commit of the key, or, if the cache disagrees at that moment, until
///   that window closes. A refill racing the write and setting the old row after its delete makes the
///   write late, as Polaris, which checks the cache a while after each write, would count it; the share of
///   writes consistent within T ticks is Polaris' "nines".
///
/// A window still open when the run ends lasts until its entry expires, or for ever without a TTL.
package struct DatabaseStalenessAnalysis {
    /// One read's lag behind the database, or an entry left disagreeing with it after the run.
    package struct Lag {
        package var ticks: Int
        var eventIndex: Int?
        /// The facts a sentence is built from, only for the lag a report shows.
        var cause: Cause?

        enum Cause {
            case read(client: ClientID, key: Key, invokeTick: Ticks, returned: Value?, newer: Value?, at: Ticks)
            case leftInCache(key: Key, cached: Value, newer: Value?, at: Ticks, expiresAt: Ticks?)
        }

        /// One sentence in the run's own terms; empty for a read that was current.
        var explanation: String {
            func row(_ value: Value?) -> String { value.map(\.description) ?? "no row" }
            switch cause {
            case .read(let client, let key, let invokeTick, let returned, let newer, let at):
                return "\(client)'s read of \(key) at t\(invokeTick) returned \(row(returned)), but the database had "
                    + "committed \(row(newer)) at t\(at): \(ticks) ticks behind the database"
            case .leftInCache(let key, let cached, let newer, let at, let expiresAt):
                let until = expiresAt.map { "until it expires at t\($0): \(ticks) ticks" } ?? "with no TTL to end it: unbounded"
                return "after the run the cache still holds \(cached) for \(key), though the database committed "
                    + "\(row(newer)) at t\(at), \(until) behind the database"
            case nil: return ""
            }
        }
    }

    /// One per read that returned, then one per key whose entry still disagreed with a newer row after the run.
    package private(set) var lags: [Lag] = []
    /// How long each cache–database inconsistency window lasted, in ticks (`Measurement.unbounded`: never closes).
    package private(set) var inconsistencyWindows: [Int] = []
    /// For each committed write or row delete, the ticks until the cache agreed with the database.
    package private(set) var writeLags: [Int] = []

    /// A committed row (`nil`: the row was removed, or never existed).
    private typealias Commit = (row: Value?, eventIndex: Int, tick: Ticks)

    package init(run: RunRecord) {
        let history = run.history
        let keys = run.finalWorld.keys
        let absent = run.plan.absentKeys
        var commits: [Key: [Commit]] = [:]
        for key in keys { commits[key] = [(absent.contains(key) ? nil : .initial, -1, 0)] }
        var model = ModelCache()
        for (key, expiry) in run.plan.warmEntries.sorted(by: { $0.key < $1.key })
        where keys.contains(key) && !absent.contains(key) {
            model.set(key, .initial, ttl: expiry, at: 0)
        }
        // A window that closes at a tick stays provisionally open until the clock moves on: a change at the
        // same tick that makes the cache disagree again continues it, because agreement that lasts no tick
        // at all is not agreement any read could see (and a window split at it would understate how long
        // the cache was behind).
        var open: [Key: (since: Ticks, expiresAt: Ticks?, pending: [Ticks], closingAt: Ticks?)] = [:]
        // Each key's latest write: its commit tick, and the tick since which the cache has agreed with the
        // database (`nil`: it never will). Its lag is final only once a later write supersedes it.
        var current: [Key: (commit: Ticks, settled: Ticks?)] = [:]

        func finish(_ key: Key, at end: Ticks?) {
            guard let window = open.removeValue(forKey: key) else { return }
            inconsistencyWindows.append(end.map { $0 - window.since } ?? Measurement.unbounded)
            writeLags += window.pending.map { Self.lag(since: $0, until: end) }
            current[key]?.settled = end
        }
        func close(_ key: Key, at tick: Ticks) {
            if open[key] != nil, open[key]!.closingAt == nil { open[key]!.closingAt = tick }
        }
        /// Finishes the windows whose closing tick has passed by `tick`, first ending those whose entry expired.
        func settle(before tick: Ticks) {
            // The order windows finish in is not observable (the measures are histograms), so the
            // common case of one open window needs no sort.
            for (key, window) in open.count == 1 ? Array(open) : open.sorted(by: { $0.key < $1.key }) {
                if window.closingAt == nil, let expiresAt = window.expiresAt, model.entry(key, at: tick) == nil {
                    open[key]!.closingAt = expiresAt
                }
                if let closingAt = open[key]!.closingAt, closingAt < tick { finish(key, at: closingAt) }
            }
        }
        /// Opens, extends or closes `key`'s window after a change at `tick`.
        func update(_ key: Key, at tick: Ticks) {
            let row: Value? = commits[key].map { $0.last!.row } ?? .initial
            guard let entry = model.entry(key, at: tick), !Self.agrees(entry.value, row) else {
                close(key, at: tick)
                return
            }
            var window = open[key] ?? (since: tick, expiresAt: nil, pending: [], closingAt: nil)
            window.expiresAt = entry.expiresAt
            window.closingAt = nil
            open[key] = window
        }
        /// Records a commit of `row` at event `index`: the write it supersedes has its lag now, or, if the
        /// cache disagrees at this moment, once that window closes.
        func commit(_ key: Key, _ row: Value?, at index: Int, _ tick: Ticks) {
            if let previous = current[key] {
                if open[key] != nil {
                    open[key]!.pending.append(previous.commit)
                } else {
                    writeLags.append(Self.lag(since: previous.commit, until: previous.settled))
                }
            }
            current[key] = (tick, tick)
            commits[key, default: [(.initial, -1, 0)]].append((row, index, tick))
            update(key, at: tick)
        }
        for key in keys.sorted() { update(key, at: 0) }

        // Nothing can finish between two events of one tick, so windows are settled once per tick.
        var settledAt: Ticks = -1
        for (index, event) in history.events.enumerated() {
            if !open.isEmpty, event.tick != settledAt {
                settle(before: event.tick)
                settledAt = event.tick
            }
            switch event.contentChange {
            case .cacheFlush:
                model.flushAll()
                for key in open.keys.sorted() { close(key, at: event.tick) }
            case .cacheStore(let key, let value, let ttl):
                model.set(key, value, ttl: ttl, at: event.tick)
                update(key, at: event.tick)
            case .cacheDelete(let key):
                model.delete(key)
                update(key, at: event.tick)
            case .rowWritten(let key, let value): commit(key, value, at: index, event.tick)
            case .rowDeleted(let key): commit(key, nil, at: index, event.tick)
            case .rowsCommitted(let written):
                for entry in written { commit(entry.key, entry.value, at: index, event.tick) }
            case nil: break
            }
        }
        let lastTick = history.events.last?.tick ?? 0
        for (key, window) in open.sorted(by: { $0.key < $1.key }) {
            if let closingAt = window.closingAt { finish(key, at: closingAt) }
        }

        lags = Self.readLags(history.operations, commits)
        for (key, window) in open.sorted(by: { $0.key < $1.key }) {
            // What a read at the entry's last readable tick would see; a value the database never
            // committed is ahead of it, not behind.
            if let cached = model.entry(key, at: lastTick)?.value,
                let keyCommits = commits[key],
                let position = keyCommits.lastIndex(where: { Self.agrees(cached, $0.row) }),
                position + 1 < keyCommits.count
            {
                let newer = keyCommits[position + 1]
                lags.append(
                    Lag(
                        ticks: window.expiresAt.map { max($0 - 1 - newer.tick, 0) } ?? Measurement.unbounded,
                        cause: .leftInCache(
                            key: key, cached: cached, newer: newer.row, at: newer.tick, expiresAt: window.expiresAt)))
            }
            finish(key, at: window.expiresAt)
        }
        for (_, write) in current.sorted(by: { $0.key < $1.key }) { writeLags.append(Self.lag(since: write.commit, until: write.settled)) }
    }

    /// Ticks from a commit until the cache agreed for good (`nil`: never).
    private static func lag(since commit: Ticks, until settled: Ticks?) -> Int {
        settled.map { $0 - commit } ?? Measurement.unbounded
    }

    /// Whether a cached `value` says what the database's `row` says (the world's own rule).
    private static func agrees(_ value: Value, _ row: Value?) -> Bool { !World.disagrees(value, withRow: row) }

    /// Each returned read's lag: found from the last commit of the row it returned before it returned.
    /// A key's commits are few (one per write of it), so a backward scan beats any index built per run.
    private static func readLags(_ operations: [History.Operation], _ commits: [Key: [Commit]]) -> [Lag] {
        var lags: [Lag] = []
        lags.reserveCapacity(operations.count)
        for read in operations where read.returned {
            guard case .read(let key) = read.operation, let end = read.endIndex, let keyCommits = commits[key] else {
                continue
            }
            let returned = read.result == .noRow ? nil : read.result
            // The returned row's last commit before the read returned (a worker may write a value twice;
            // a row may be removed more than once).
            var position = keyCommits.count - 1
            while position >= 0, !(keyCommits[position].eventIndex < end && keyCommits[position].row == returned) {
                position -= 1
            }
            guard position >= 0, position + 1 < keyCommits.count, keyCommits[position + 1].eventIndex < read.invokeIndex
            else {
                lags.append(Lag(ticks: 0))
                continue
            }
            let newer = keyCommits[position + 1]
            lags.append(
                Lag(
                    ticks: max(read.invokeTick - newer.tick, 0), eventIndex: end,
                    cause: .read(
                        client: read.client, key: key, invokeTick: read.invokeTick, returned: returned,
                        newer: newer.row, at: newer.tick)))
        }
        return lags
    }

    func evaluation(bound: Ticks?) -> Property.Evaluation {
        let limit = bound ?? (Measurement.unbounded - 1)
        let violation = lags.first { $0.ticks > limit }.map { lag in
            Violation(lag.explanation + (bound.map { ", over the bound of \($0)" } ?? ""), eventIndex: lag.eventIndex)
        }
        return Property.Evaluation(violation: violation, measurements: lags.map(\.ticks), exercised: !lags.isEmpty)
    }
}
