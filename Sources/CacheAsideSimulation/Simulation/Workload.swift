/// The shape of the client operations a run performs: at most `clients` clients, each performing at most
/// `operationsPerClient` reads or writes on keys `k1 … k<keys>`, thinking between operations, on a cache
/// that starts cold or warm.
///
/// A seed draws the workload in full (every client performs every operation); the shrinker may then
/// turn operations off, which is why these are upper bounds. Every other knob is drawn the same way —
/// a choice whose `0` is the simplest value (the hottest key, no think time, no warm entry) — so a
/// shrunk counterexample keeps only the load, the pauses and the warm entries its failure needs.
public struct Workload: Sendable, Hashable {
    /// The number of client slots.
    public var clients: Int
    /// Operations per client.
    public var operationsPerClient: Int
    /// The number of distinct keys.
    public var keys: Int
    /// The probability that an operation is a write, in `0...1`.
    public var writeRatio: Double

    /// How long a client thinks before each operation, in ticks: a choice in this range, `0` = the lower
    /// bound. Thinking spreads a crowd of clients over time, so a run spans many TTLs instead of
    /// everyone arriving at once; the default (no thinking) is the classic race's back-to-back clients.
    /// Both bounds within `0...maximumTicks`.
    public var thinkTime: ClosedRange<Ticks>
    /// How unevenly operations pick keys: key `k<i>` is picked with probability proportional to
    /// `1 / i^keySkew` (a Zipf law, the usual shape of cache traffic — Breslau et al., "Web Caching and
    /// Zipf-like Distributions", INFOCOM 1999). `0` = uniform; `1` makes `k1` a hot key. The choice is the
    /// key's rank, so `0` = `k1`, the hottest, and shrinking moves operations onto the hot key.
    public var keySkew: Double
    /// A warm start: if set, each key's row starts in the cache, expiring at a tick drawn from
    /// `1...warmStart` (set it to the TTL to spread expiries across the first TTL, as in a cache that has
    /// been serving for a while). Each key's expiry is a choice; choice `0` leaves that key cold, which is
    /// what shrinking drives toward when the failure does not need the entry. `nil` (or zero or less) =
    /// every key cold; at most `maximumTicks`.
    public var warmStart: Ticks?
    /// How many keys start with no row: the last ones, `k<keys − absentKeys + 1> … k<keys>`, the coldest
    /// under skew. A read of such a key finds nothing until a write inserts it, which is what negative
    /// caching (remembering "no row") and insert-after-miss races need. `0` = every key has its `v0`;
    /// at most `keys`.
    public var absentKeys: Int
    /// How many hosts (processes) the clients run on, each with its own local cache
    /// (`Environment.localCache`): client slot `i` runs on host `i mod hosts`. `1` (the default) is one
    /// process; at most `maximumClients`.
    public var hosts: Int = 1

    /// The limits the command line enforces; a run beyond them would be unreadable and slow.
    public static let maximumClients = 64
    /// See `maximumClients`.
    public static let maximumOperationsPerClient = 1_000
    /// See `maximumClients`.
    public static let maximumKeys = 1_000
    /// The longest duration a workload or a call latency may give, in ticks: 10¹², far past any TTL
    /// worth testing, and far enough from `Ticks.max` that a range of such durations can be a choice and
    /// a deadline made of them is never computed by overflowing (the clock still saturates at `Ticks.max`
    /// when jumps take it there).
    public static let maximumTicks: Ticks = 1_000_000_000_000

    /// A workload; the defaults are three clients, three operations each, one key, half writes, no think
    /// time, a cold cache.
    public init(
        clients: Int = 3, operationsPerClient: Int = 3, keys: Int = 1, writeRatio: Double = 0.5,
        thinkTime: ClosedRange<Ticks> = 0...0, keySkew: Double = 0, warmStart: Ticks? = nil, absentKeys: Int = 0
    ) {
        self.absentKeys = absentKeys
        self.clients = clients
        self.operationsPerClient = operationsPerClient
        self.keys = keys
        self.writeRatio = writeRatio
        self.thinkTime = thinkTime
        self.keySkew = keySkew
        self.warmStart = warmStart
    }

    /// Every key of the workload, in order.
    public var allKeys: [Key] { (1...max(keys, 1)).map(Key.init) }
}

/// An operation a client was told to perform. Writes get their unique value when the client starts them.
package enum PlannedOperation: Hashable, Sendable, CustomStringConvertible {
    /// Read a key.
    case read(Key)
    /// Write a fresh value to a key.
    case write(Key)

    /// The key the operation touches.
    package var key: Key {
        switch self {
        case .read(let key), .write(let key): key
        }
    }

    /// `read k1` or `write k1`.
    package var description: String {
        switch self {
        case .read(let key): "read \(key)"
        case .write(let key): "write \(key)"
        }
    }
}

/// The operations each client slot performs in one run, drawn from the choices.
package struct WorkloadPlan: Hashable, Sendable {
    /// `operations[i]` is what slot `i` performs, in order; an empty list means the slot has no client.
    /// Clients are numbered 1, 2, … over the non-empty slots.
    package var operations: [[PlannedOperation]]
    /// `thinkTimes[i][j]`: how long slot `i` thinks before its operation `j`; missing entries are `0`.
    package var thinkTimes: [[Ticks]]
    /// The keys whose row starts in the cache, with the tick at which that entry expires.
    package var warmEntries: [Key: Ticks]
    /// The keys that start with no row in the database.
    package var absentKeys: Set<Key>
    /// How many hosts the client slots are spread over (`Workload.hosts`).
    package var hosts = 1

    /// A plan from explicit per-client operations (tests and hand-written scenarios use this).
    package init(
        operations: [[PlannedOperation]], thinkTimes: [[Ticks]] = [], warmEntries: [Key: Ticks] = [:],
        absentKeys: Set<Key> = []
    ) {
        self.absentKeys = absentKeys
        self.operations = operations
        self.thinkTimes = thinkTimes
        self.warmEntries = warmEntries
    }

    /// Draws a plan: per client slot and operation slot, one choice for the kind (0 = no operation, then
    /// the kinds the workload allows: read, write), with several keys one for the key, and with a
    /// think-time range one for the pause before it; then, for a warm start, one per key for its entry's
    /// expiry. Every slot draws the same number of choices whatever it holds, so turning one operation
    /// off does not shift the meaning of the rest. Knobs left at their defaults draw nothing, so the
    /// classic workload's choices are unchanged.
    ///
    /// The kind's bound admits only the kinds the workload can produce (a read-only workload draws below
    /// 2, so no value means "write"): a shrunk or hand-edited sequence whose values land on other choices
    /// reads out-of-range values as `0`, and every replayed sequence stays a run the generator could have
    /// drawn under the same options (DESIGN.md, "shrinking stays in the generator's domain").
    package init(drawing workload: Workload, from choices: inout ChoiceSource) {
        let kinds = OperationKinds(writeRatio: workload.writeRatio)
        let keyPicker = KeyPicker(keys: workload.keys, skew: workload.keySkew)
        let think = workload.thinkTime
        let thinks = think.upperBound > think.lowerBound
        // Think times are only collected when they can differ from zero, so the classic plan allocates
        // nothing for them.
        let collectsPauses = thinks || think.lowerBound > 0
        var thinkTimes: [[Ticks]] = []
        // Sized up front: a plan is drawn for every run.
        var operations: [[PlannedOperation]] = []
        operations.reserveCapacity(max(workload.clients, 0))
        for _ in 0..<workload.clients {
            var pauses: [Ticks] = []
            var planned: [PlannedOperation] = []
            planned.reserveCapacity(max(workload.operationsPerClient, 0))
            for _ in 0..<workload.operationsPerClient {
                let kind = choices.choose(below: kinds.bound) { kinds.draw(&$0) }
                let key = workload.keys > 1 ? Key(choices.choose(below: workload.keys) { keyPicker.draw(&$0) } + 1) : Key(1)
                let pause = thinks ? think.lowerBound + choices.choose(below: think.choiceCount) : think.lowerBound
                guard let kind = kinds.kind(of: kind) else { continue }
                if collectsPauses { pauses.append(pause) }
                planned.append(kind == .read ? .read(key) : .write(key))
            }
            if collectsPauses { thinkTimes.append(pauses) }
            operations.append(planned)
        }
        self.operations = operations
        self.thinkTimes = thinkTimes
        var warm: [Key: Ticks] = [:]
        if let spread = workload.warmStart, spread > 0 {
            for key in workload.allKeys {
                let expiry = choices.choose(below: spread.advanced(saturatingBy: 1)) { 1 + $0.below(spread) }
                if expiry > 0 { warm[key] = expiry }
            }
        }
        warmEntries = warm
        let keys = max(workload.keys, 1)
        let absent = min(max(workload.absentKeys, 0), keys)
        absentKeys = Set((keys - absent..<keys).map { Key($0 + 1) })
        hosts = min(max(workload.hosts, 1), Workload.maximumClients)
    }

    /// How long slot `slot` thinks before its operation `index`.
    func thinkTime(slot: Int, before index: Int) -> Ticks {
        guard slot < thinkTimes.count, index < thinkTimes[slot].count else { return 0 }
        return thinkTimes[slot][index]
    }

    /// The clients that perform at least one operation, numbered 1, 2, … in slot order.
    package var activeClients: [ClientID] {
        operations.filter { !$0.isEmpty }.indices.map { ClientID($0 + 1) }
    }

    /// The number of operations in the plan.
    package var operationCount: Int { operations.reduce(0) { $0 + $1.count } }
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

    /// `client 1`, as reports print it.
    public var description: String { "client \(number)" }

    /// Clients order by number.
    public static func < (lhs: ClientID, rhs: ClientID) -> Bool { lhs.number < rhs.number }
}
