/// The shape of the client operations a run performs: at most `clients` clients, each performing at most
/// `operationsPerClient` reads or writes on keys `k1 … k<keys>`.
///
/// A seed draws the workload in full (every client performs every operation); the shrinker may then
/// turn operations off, which is why these are upper bounds.
public struct Workload: Sendable, Hashable {
    /// The number of client slots.
    public var clients: Int
    /// Operations per client.
    public var operationsPerClient: Int
    /// The number of distinct keys.
    public var keys: Int
    /// The probability that an operation is a write, in `0...1`.
    public var writeRatio: Double

    /// The limits the command line enforces; a run beyond them would be unreadable and slow.
    public static let maximumClients = 64
    /// See `maximumClients`.
    public static let maximumOperationsPerClient = 1_000
    /// See `maximumClients`.
    public static let maximumKeys = 1_000

    /// A workload; the defaults are three clients, three operations each, one key, half writes.
    public init(clients: Int = 3, operationsPerClient: Int = 3, keys: Int = 1, writeRatio: Double = 0.5) {
        self.clients = clients
        self.operationsPerClient = operationsPerClient
        self.keys = keys
        self.writeRatio = writeRatio
    }

    /// Every key of the workload, in order.
    public var allKeys: [Key] { (1...max(keys, 1)).map(Key.init) }
}

/// An operation a client was told to perform. Writes get their unique value when the client starts them.
public enum PlannedOperation: Hashable, Sendable, CustomStringConvertible {
    /// Read a key.
    case read(Key)
    /// Write a fresh value to a key.
    case write(Key)

    /// The key the operation touches.
    public var key: Key {
        switch self {
        case .read(let key), .write(let key): key
        }
    }

    public var description: String {
        switch self {
        case .read(let key): "read \(key)"
        case .write(let key): "write \(key)"
        }
    }
}

/// The operations each client slot performs in one run, drawn from the choices.
public struct WorkloadPlan: Hashable, Sendable {
    /// `operations[i]` is what slot `i` performs, in order; an empty list means the slot has no client.
    /// Clients are numbered 1, 2, … over the non-empty slots.
    public var operations: [[PlannedOperation]]

    /// A plan from explicit per-client operations (tests and hand-written scenarios use this).
    public init(operations: [[PlannedOperation]]) { self.operations = operations }

    /// Draws a plan: per client slot and operation slot, one choice for the kind (0 = no operation, then
    /// the kinds the workload allows: read, write) and, with several keys, one for the key. Every slot
    /// draws the same number of choices whatever it holds, so turning one operation off does not shift
    /// the meaning of the rest.
    ///
    /// The kind's bound admits only the kinds the workload can produce (a read-only workload draws below
    /// 2, so no value means "write"): a shrunk or hand-edited sequence whose values land on other choices
    /// reads out-of-range values as `0`, and every replayed sequence stays a run the generator could have
    /// drawn under the same options (DESIGN.md, "shrinking stays in the generator's domain").
    public init(drawing workload: Workload, from choices: inout ChoiceSource) {
        let kinds = OperationKinds(writeRatio: workload.writeRatio)
        operations = (0..<workload.clients).map { _ in
            (0..<workload.operationsPerClient).compactMap { _ in
                let kind = choices.choose(below: kinds.bound) { kinds.draw(&$0) }
                let key = workload.keys > 1 ? Key(choices.choose(below: workload.keys) + 1) : Key(1)
                switch kinds.kind(of: kind) {
                case .read?: return .read(key)
                case .write?: return .write(key)
                case nil: return nil
                }
            }
        }
    }

    /// The clients that perform at least one operation, numbered 1, 2, … in slot order.
    public var activeClients: [ClientID] {
        operations.filter { !$0.isEmpty }.indices.map { ClientID($0 + 1) }
    }

    /// The number of operations in the plan.
    public var operationCount: Int { operations.reduce(0) { $0 + $1.count } }
}

/// The operation kinds a workload can draw, and how a kind choice's value maps to them: `0` is always
/// "no operation"; reads and writes follow, each only when the write ratio allows it.
struct OperationKinds {
    enum Kind { case read, write }
    private let allowed: [Kind]
    private let writeRatio: Double

    init(writeRatio: Double) {
        self.writeRatio = writeRatio
        var allowed: [Kind] = []
        if !(writeRatio >= 1) { allowed.append(.read) }
        if writeRatio > 0 { allowed.append(.write) }
        self.allowed = allowed
    }

    /// The bound of a kind choice: "no operation" plus every allowed kind.
    var bound: Int { allowed.count + 1 }

    /// The kind a value stands for; `nil` for `0`, "no operation".
    func kind(of value: Int) -> Kind? { value == 0 ? nil : allowed[value - 1] }

    /// A seeded draw: a write with probability `writeRatio`, else a read.
    func draw(_ rng: inout SplitMix64) -> Int {
        let kind: Kind = rng.unitInterval() < writeRatio ? .write : .read
        return (allowed.firstIndex(of: kind) ?? 0) + 1
    }
}

/// A simulated client, numbered from 1.
public struct ClientID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The client's number, starting at 1.
    public var number: Int

    /// Client `number`.
    public init(_ number: Int) { self.number = number }

    public var description: String { "client \(number)" }

    public static func < (lhs: ClientID, rhs: ClientID) -> Bool { lhs.number < rhs.number }
}
