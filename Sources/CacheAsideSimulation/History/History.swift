/// Everything that happened in one run, in the one order it happened: invocations, steps with their
/// results, returns, and what the simulation did (clock jumps, injected faults).
///
/// Only one client runs at a time, so the event order is a total order consistent with real time; the
/// position of an event (its index) is what linearizability uses to decide which operations overlap.
public struct History: Sendable, Hashable {
    /// The events, in order.
    package private(set) var events: [HistoryEvent] = []
    /// The client operations the events make up (`operations`), assembled as each event is appended:
    /// every property reads them, and reassembling them per property cost more than recording them.
    private var operationLog = OperationLog()

    /// An empty history.
    public init() {}

    /// A history made of `events`.
    package init(events: [HistoryEvent]) {
        for event in events { append(event) }
    }

    mutating func append(_ event: HistoryEvent) {
        operationLog.note(event, at: events.count)
        events.append(event)
    }

    /// Room for `events` events and `operations` operations of clients numbered up to `clients`, so
    /// that recording a run does not regrow them.
    mutating func reserveCapacity(events: Int, operations: Int, clients: Int) {
        self.events.reserveCapacity(events)
        operationLog.reserveCapacity(operations, clients: clients)
    }

    /// Every invoked operation, in invocation order.
    public var operations: [History.Operation] { operationLog.records }

    /// Histories are equal when their events are (the operations follow from them).
    public static func == (lhs: History, rhs: History) -> Bool { lhs.events == rhs.events }

    public func hash(into hasher: inout Hasher) { hasher.combine(events) }

    /// The steps in order.
    package var steps: [(tick: Ticks, client: ClientID, step: Step)] {
        events.compactMap { event in
            if case .step(let step) = event.kind, let client = event.client { return (event.tick, client, step) }
            return nil
        }
    }

    /// The number of steps taken.
    public var stepCount: Int { events.reduce(0) { $1.isStep ? $0 + 1 : $0 } }
}

/// One entry in a `History`.
package struct HistoryEvent: Sendable, Hashable {
    /// The tick at which it happened.
    package var tick: Ticks
    /// Whose event it is, in one word: `0` the simulation's, a positive client number, or a worker as
    /// `-(1 + index + nameNumber << 32)`. Histories grow by an event at every step, so the event stays as
    /// small as it was before workers had lanes.
    private var owner: Int
    /// What happened.
    package var kind: Kind

    /// The client it belongs to; `nil` for a worker's and for the simulation's own events.
    package var client: ClientID? {
        get { owner > 0 ? ClientID(owner) : nil }
        set { owner = newValue?.number ?? (owner < 0 ? owner : 0) }
    }

    /// The background worker it belongs to, if any (then `client` is `nil`).
    package var worker: WorkerID? {
        get {
            guard owner < 0 else { return nil }
            let code = -owner - 1
            return WorkerID(index: code & 0xFFFF_FFFF, nameNumber: code >> 32)
        }
        set { owner = newValue.map { -(1 + $0.index + $0.nameNumber << 32) } ?? (owner > 0 ? owner : 0) }
    }

    /// Creates an event.
    package init(tick: Ticks, client: ClientID?, worker: WorkerID? = nil, kind: Kind) {
        self.tick = tick
        owner = 0
        self.kind = kind
        if let worker { self.worker = worker } else { self.client = client }
    }

    /// Creates an event of `actor` (`nil` for the simulation's own).
    init(tick: Ticks, actor: ActorID?, kind: Kind) {
        self.init(tick: tick, client: actor?.client, worker: actor?.worker, kind: kind)
    }

    /// Whose event it is: a client, a worker, or (`nil`) the simulation.
    package var actor: ActorID? {
        if let client { return .client(client) }
        return worker.map(ActorID.worker)
    }

    /// What an event records.
    package enum Kind: Sendable, Hashable {
        /// A client began an operation (recorded just before its first step).
        case invoke(ClientOperation)
        /// A client took a step.
        case step(Step)
        /// An operation returned; a read carries the value it returned.
        case returned(ClientOperation, Value?)
        /// An operation threw (an injected fault reached the caller); it may or may not have taken effect.
        case failed(ClientOperation, reason: String)
        /// The client crashed (an injected fault) during the operation; it may or may not have taken effect.
        case crashed(ClientOperation)
        /// Nobody could run, so the clock jumped forward to wake a sleeper.
        case clockAdvanced(to: Ticks)
        /// A fault that is not tied to one step happened (e.g. the cache restarted); with a `worker`, what
        /// happened to that worker (it crashed and restarted).
        case fault(String)
    }

    /// Whether the event is a step.
    package var isStep: Bool {
        if case .step = kind { return true }
        return false
    }
}

/// A step and what came of it.
package struct Step: Sendable, Hashable {
    /// What the client asked for.
    package var action: StepAction
    /// What it got.
    package var outcome: StepOutcome

    /// Creates a step record.
    package init(action: StepAction, outcome: StepOutcome) {
        self.action = action
        self.outcome = outcome
    }
}
