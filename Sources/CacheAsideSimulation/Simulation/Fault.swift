/// A fault the simulation can inject. Each is off unless enabled, and even when enabled every injection
/// point is a choice whose `0` means "no fault", so the shrinker removes faults a failure does not need.
public enum Fault: String, CaseIterable, Sendable, Hashable, Comparable {
    /// A cache call throws `CacheClient.Unavailable` instead of running.
    case cacheUnavailable = "cache-unavailable"
    /// A cache delete is acknowledged but never applied.
    case lostDelete = "lost-delete"
    /// Between two steps the cache loses every entry and lease.
    case cacheRestart = "cache-restart"
    /// A client stops for good between two steps; its current operation may or may not have taken effect.
    case clientCrash = "client-crash"
    /// A database read is served by a replica that is one or two writes behind.
    case replicaLag = "replica-lag"
    /// A host's invalidation connection drops: its undelivered invalidation messages are lost, and its next
    /// local-cache call throws `Environment.LocalCacheClient.Reconnected`.
    case invalidationLoss = "invalidation-loss"

    /// One line for `--help` and the catalogue.
    public var summary: String {
        switch self {
        case .cacheUnavailable: "a cache call throws CacheClient.Unavailable"
        case .lostDelete: "a cache delete is acknowledged but not applied"
        case .cacheRestart: "the cache loses every entry between two steps"
        case .clientCrash: "a client stops between two steps, mid-operation"
        case .replicaLag: "a database read comes from a replica one or two writes behind"
        case .invalidationLoss: "a host's invalidation connection drops, losing its undelivered messages"
        }
    }

    /// How often a seeded run injects the fault at each opportunity. Only generation uses this; a recorded
    /// choice means the same whatever the rate.
    var generationRate: Double {
        switch self {
        case .cacheUnavailable: 0.1
        case .lostDelete: 0.25
        // Drawn only before a cache step of a non-empty cache (a third of the points or so), hence higher.
        case .cacheRestart: 0.08
        case .clientCrash: 0.03
        case .replicaLag: 0.25
        // Drawn only while a host has messages on their way.
        case .invalidationLoss: 0.1
        }
    }

    /// The fault's position in `allCases`: its order in lists, and its flag in the simulation.
    var index: Int {
        switch self {
        case .cacheUnavailable: 0
        case .lostDelete: 1
        case .cacheRestart: 2
        case .clientCrash: 3
        case .replicaLag: 4
        case .invalidationLoss: 5
        }
    }

    /// Faults order as `allCases` lists them, so reports list enabled faults the same way every time.
    public static func < (lhs: Fault, rhs: Fault) -> Bool { lhs.index < rhs.index }
}

extension CacheClient {
    /// The error a cache call throws when the `cache-unavailable` fault fires. Strategies that want to keep
    /// answering without the cache catch it; one that lets it escape fails the client's operation.
    public struct Unavailable: Error, Sendable, Hashable, CustomStringConvertible {
        /// The call that failed, e.g. `cache.get k1`.
        public var call: String
        /// `cache unavailable during cache.get k1`.
        public var description: String { "cache unavailable during \(call)" }
    }
}

/// A set of faults as one bit per `Fault.index`.
struct FaultFlags: Sendable {
    private var bits: UInt64 = 0

    init(_ faults: Set<Fault>) {
        for fault in faults { bits |= 1 << UInt64(fault.index) }
    }

    /// Whether the fault at `index` is in the set.
    subscript(index: Int) -> Bool { bits & (1 << UInt64(index)) != 0 }
}
