/// One run as plain data: its events, its operations, what the cache and the database held over time, its
/// staleness windows and the event where a property broke.
///
/// Every picture of a run is drawn from this one value — the text lanes, the JSON report's `run`, the HTML
/// timeline — so they cannot disagree about what happened. It holds text already worded (`"k1 → miss"`)
/// next to the facts (tick, actor, key), because the words are part of what must agree, and a reader of
/// the JSON should not have to re-derive them from the step enums.
package struct RunModel: Sendable, Codable, Equatable {
    /// The lanes, in column order: clients by number (background workers would follow them).
    package var actors: [String]
    /// The keys the run touched, in order.
    package var keys: [String]
    /// Every event, in the one order they happened.
    package var events: [Event]
    /// Every invoked operation, in invocation order.
    package var operations: [Operation]
    /// The event where the property became visibly false, if there is one place.
    package var marked: Mark?
    /// Stale reads and stale entries left at the end, where they lie in time.
    package var stalenessWindows: [StalenessWindow]
    /// What the cache held, per key, as spans of ticks.
    package var cacheContents: [ContentSpan]
    /// What the database held, per key, as spans of ticks.
    package var databaseContents: [ContentSpan]
    /// What each host's local cache held, as spans keyed `h1 k1`; absent for a run without local caches.
    package var localContents: [ContentSpan]? = nil
    /// Which actors the pictures fold, and which they would fold next.
    package var folding: Folding
    /// The tick of the last event.
    package var endTick: Ticks
    /// The token that replays the run, when the model was made knowing what the run was made with.
    package var replayToken: String?

    /// What an event records. The raw values are the JSON's `kind` strings.
    package enum EventKind: String, Sendable, Codable {
        /// A client began an operation.
        case invoke
        /// A step on the cache, the database, the clock or a lock.
        case call
        /// An operation returned.
        case `return`
        /// An operation threw an injected fault.
        case fail
        /// The client crashed mid-operation.
        case crash
        /// Nobody could run, so the clock jumped.
        case clock
        /// A fault not tied to one step (the cache restarted).
        case fault
    }

    /// One event of the run.
    package struct Event: Sendable, Codable, Equatable {
        /// Its position in the run (the history's event index).
        package var index: Int
        /// The tick it happened at.
        package var tick: Ticks
        /// The client or worker it belongs to; `nil` for the simulation's own events.
        package var actor: String?
        /// What kind of event it is.
        package var kind: EventKind
        /// The operation it belongs to (an index into `operations`), if any.
        package var operation: Int?
        /// The component a call touched: `cache`, `database`, `clock`, `lock` or `queue`.
        package var component: String?
        /// The key a call touched.
        package var key: String?
        /// What the actor did, in the actor's own column: the operation invoked (`read k1`), the call
        /// (`cache.get k1`), the result returned (`v0`, `ok`), the reason it threw, or the fault.
        package var call: String
        /// What the call returned (`miss`, `v1`, `busy, waiting`), for a call.
        package var outcome: String?
        /// What the call did to or found in the cache (`k1 := v0 (ttl 60)`), if it touched the cache.
        package var cacheEffect: String?
        /// What the call did to or found in the database, if it touched the database.
        package var databaseEffect: String?
        /// Whether the actor only waited here: slept, found a lock busy, or the clock jumped.
        package var waiting: Bool
        /// What the call or the invalidation channel did to or found in a host's local cache
        /// (`h1: k1 := v0`, `h2: k1 invalidated`), if it touched one; absent from runs without local caches.
        package var localEffect: String? = nil
    }

    /// One client operation, from invocation to return.
    package struct Operation: Sendable, Codable, Equatable {
        /// Its position in `operations`.
        package var index: Int
        /// The client that performed it.
        package var actor: String
        /// `read` or `write`.
        package var kind: String
        /// The key.
        package var key: String
        /// What was invoked, e.g. `write k1=v2`.
        package var description: String
        /// Its invoke event.
        package var invokeEvent: Int
        /// The tick of its invoke.
        package var invokeTick: Ticks
        /// Its ending event; `nil` if the run stopped first.
        package var endEvent: Int?
        /// The tick it ended at; `nil` if the run stopped first.
        package var endTick: Ticks?
        /// `returned`, `failed`, `crashed` or `unfinished`.
        package var ending: String
        /// For a read that returned: what it returned (`no row` for an absent row).
        package var result: String?
    }

    /// Where a property broke.
    package struct Mark: Sendable, Codable, Equatable {
        /// The event index.
        package var event: Int
        /// The property's identifier (`staleness`).
        package var property: String
        /// The property's label (`staleness ≤ 60`).
        package var label: String
        /// The sentence explaining the violation.
        package var explanation: String
    }

    /// A stretch of time during which a superseded value was still read or readable.
    package struct StalenessWindow: Sendable, Codable, Equatable {
        /// The key.
        package var key: String
        /// The stale value.
        package var value: String
        /// The tick the write that superseded it completed.
        package var from: Ticks
        /// The last tick it was read or readable; `nil` if nothing would ever remove it.
        package var until: Ticks?
        /// How long it lasted, in ticks (the property's measurement).
        package var ticks: Int?
        /// The sentence the staleness property says about it.
        package var explanation: String
    }

    /// A value a component held for a key, from one tick up to (not including) another.
    package struct ContentSpan: Sendable, Codable, Equatable {
        /// The key.
        package var key: String
        /// The value held.
        package var value: String
        /// The tick it was stored at (0 for the initial database rows).
        package var from: Ticks
        /// The event that stored it (`-1` for the initial database rows).
        package var fromEvent: Int
        /// The tick it stopped being held (deleted, expired, overwritten); `nil` if still held at the end.
        package var until: Ticks?
        /// The event that ended it (a delete, an overwrite, a restart); `nil` when its TTL ended it or it
        /// is still held.
        package var untilEvent: Int?
        /// For a cache entry, the tick its TTL ends it.
        package var expiresAt: Ticks?
    }
}

extension RunModel {
    /// The model of `run`, with `violation` marked (as property `property`, shown as `label`).
    package init(
        _ run: RunRecord, violation: Violation? = nil, property: String = "", label: String = "",
        fingerprint: RunFingerprint? = nil
    ) {
        let history = run.history
        let records = history.operations
        // Clients by number, then the strategy's background workers, each in a lane of its own.
        let workers = history.events.compactMap(\.worker).map(ActorID.worker)
        actors = (records.map { ActorID.client($0.client) } + workers).uniqueSorted().map(\.description)
        var touchedKeys = Set(run.finalWorld.keys)
        for record in records { touchedKeys.insert(record.operation.key) }
        keys = touchedKeys.sorted().map(\.description)
        var operationAt: [Int: Int] = [:]
        operations = records.enumerated().map { position, record in
            operationAt[record.invokeIndex] = position
            if let end = record.endIndex { operationAt[end] = position }
            return Operation(record, index: position)
        }
        var open: [ClientID: Int] = [:]
        events = history.events.enumerated().map { index, event in
            var operation: Int?
            if let client = event.client {
                if let position = operationAt[index] { open[client] = position }
                operation = open[client]
            }
            return Event(event, index: index, operation: operation)
        }
        marked = violation?.eventIndex.map {
            Mark(event: $0, property: property, label: label, explanation: violation!.explanation)
        }
        stalenessWindows = StalenessAnalysis(run: run).windows.compactMap { window in
            window.span.map {
                StalenessWindow(
                    key: $0.key.description, value: $0.value.description, from: $0.since, until: $0.until,
                    ticks: window.ticks == Measurement.unbounded ? nil : window.ticks,
                    explanation: window.explanation)
            }
        }
        folding = Folding(
            actors: actors, events: events, operations: operations, focus: marked?.event ?? events.count - 1)
        endTick = history.events.last?.tick ?? 0
        let contents = RunContents(
            of: history, keys: touchedKeys.sorted(), absent: run.plan.absentKeys, warm: run.plan.warmEntries)
        cacheContents = contents.cache
        databaseContents = contents.database
        localContents = RunContents.localSpans(of: history)
        replayToken = fingerprint.map { ReplayToken(choices: run.choices, fingerprint: $0).encoded }
    }
}

extension RunModel.Operation {
    init(_ record: History.Operation, index: Int) {
        self.index = index
        actor = record.client.description
        kind = record.operation.isRead ? "read" : "write"
        key = record.operation.key.description
        description = record.operation.description
        invokeEvent = record.invokeIndex
        invokeTick = record.invokeTick
        endEvent = record.endIndex
        endTick = record.endTick
        switch record.ending {
        case .returned: ending = "returned"
        case .failed: ending = "failed"
        case .crashed: ending = "crashed"
        case .unfinished: ending = "unfinished"
        }
        result = record.operation.isRead && record.returned ? (record.result.map { "\($0)" } ?? "no row") : nil
    }
}

extension RunModel.Event {
    init(_ event: HistoryEvent, index: Int, operation: Int?) {
        self.index = index
        tick = event.tick
        actor = event.actor?.description
        self.operation = operation
        component = nil
        key = nil
        outcome = nil
        cacheEffect = nil
        databaseEffect = nil
        waiting = false
        switch event.kind {
        case .invoke(let invoked):
            kind = .invoke
            call = invoked.description
            key = invoked.key.description
        case .returned(.read, let value):
            kind = .return
            call = value.map { "\($0)" } ?? "no row"
        case .returned:
            kind = .return
            call = "ok"
        case .failed(_, let reason):
            kind = .fail
            call = reason
        case .crashed:
            kind = .crash
            call = "crashed"
        case .clockAdvanced(let tick):
            kind = .clock
            call = "clock jumps to t\(tick)"
            waiting = true
        case .fault(let description):
            kind = .fault
            call = description
            // Only the cache's restart is the cache's; a worker's fault (it crashed and restarts) is its own.
            if event.restartsTheCache { cacheEffect = "⚡ \(description)" }
        case .step(let step):
            kind = .call
            call = step.action.callDescription
            outcome = step.outcome.description
            key = step.action.key?.description
            let effect = Self.effect(of: step)
            switch step.action.component {
            case .cache:
                component = "cache"
                cacheEffect = effect
            case .database:
                component = "database"
                databaseEffect = effect
            case .clock:
                component = "clock"
                waiting = true
            case .lock:
                component = "lock"
                waiting = step.outcome == .acquired(false)
            case .queue:
                component = "queue"
            case .localCache:
                component = "local"
                localEffect = Self.localEffect(of: step)
            }
        }
    }

    /// What a step did, from the component's point of view.
    private static func effect(of step: Step) -> String {
        guard let key = step.action.key else { return "\(step.outcome)" }
        switch (step.action, step.outcome) {
        // The database did a timed-out call's work; only its client stopped waiting.
        case (_, .fault(DatabaseClient.Timeout.faultName)): return "\(key) ⚡ timed out (work done, answer lost)"
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
        // Buffered in the writer's transaction: nobody else sees it until the commit.
        case (.transactionWrite(_, let value), _): return "\(key) := \(value) (uncommitted)"
        case (.transactionDelete, _): return "\(key) row deleted (uncommitted)"
        case (.transactionRead, .value(nil)): return "\(key) → no row"
        case (.databaseRead, .value(nil)): return "\(key) → no row"
        case (.databaseRead, .versioned(let value, nil)):
            return "\(key) → \(value.map { "\($0)" } ?? "no row") (lagging replica)"
        case (.databaseVersionedRead, .versioned(nil, _)): return "\(key) → no row"
        default: return "\(key) → \(step.outcome)"
        }
    }
}

extension Sequence where Element: Comparable & Hashable {
    func uniqueSorted() -> [Element] { Array(Set(self)).sorted() }
}

extension Counterexample {
    /// The minimal run as a `RunModel`, its violation marked.
    package var model: RunModel {
        RunModel(
            run, violation: violation, property: propertyID, label: property,
            fingerprint: fingerprint)
    }
}
