import Synchronization

/// A background worker of the strategy under test, named for its lane (`tailer`, `flusher`, …).
///
/// Its name is interned in a process-wide table and the identity holds the table's number, so that a
/// `WorkerID` — and every `HistoryEvent` and `SimulationFailure` that may carry one — stays a plain value
/// with nothing to retain: histories are appended to at every scheduling point. Equal names get equal
/// numbers, so equality and hashing mean the same as comparing names.
public struct WorkerID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The worker's place in the strategy's `workers`, from 0; it orders lanes.
    public var index: Int
    /// The interned name's number in `names`.
    private(set) var nameNumber: Int

    /// Every name a worker has had in this process, in the order first seen.
    private static let names = Mutex<[String]>([])

    /// Worker `index`, called `name`.
    public init(index: Int, name: String) {
        self.index = index
        nameNumber = Self.names.withLock { names in
            if let known = names.firstIndex(of: name) { return known }
            names.append(name)
            return names.count - 1
        }
    }

    /// The worker with the name already interned as `nameNumber`.
    init(index: Int, nameNumber: Int) {
        self.index = index
        self.nameNumber = nameNumber
    }

    /// The worker's name, made unique within the run (a second `flusher` is `flusher 2`).
    public var name: String { Self.names.withLock { $0[nameNumber] } }

    /// The name, as its lane's header prints it.
    public var description: String { name }

    /// Workers order as the strategy declares them: the order of their lanes.
    public static func < (lhs: WorkerID, rhs: WorkerID) -> Bool { lhs.index < rhs.index }
}

/// Who took a step: a client performing operations, or one of the strategy's background workers.
///
/// Histories keep `HistoryEvent.client` as it always was (operations, and so every property about them,
/// belong to clients only) and carry a worker in `HistoryEvent.worker`; this is the one identity that
/// covers both, for lanes and for failures that may happen in either.
package enum ActorID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// A simulated client.
    case client(ClientID)
    /// A background worker.
    case worker(WorkerID)

    /// The client, if this is one.
    package var client: ClientID? {
        if case .client(let client) = self { return client }
        return nil
    }

    /// The worker, if this is one.
    package var worker: WorkerID? {
        if case .worker(let worker) = self { return worker }
        return nil
    }

    /// `client 2` or the worker's name, as lanes and failures print it.
    package var description: String {
        switch self {
        case .client(let client): client.description
        case .worker(let worker): worker.description
        }
    }

    /// Clients first, by number, then workers in the strategy's order: the order of lanes.
    package static func < (lhs: ActorID, rhs: ActorID) -> Bool {
        switch (lhs, rhs) {
        case (.client(let a), .client(let b)): a < b
        case (.worker(let a), .worker(let b)): a < b
        case (.client, .worker): true
        case (.worker, .client): false
        }
    }
}
