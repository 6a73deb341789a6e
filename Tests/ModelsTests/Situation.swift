import CacheAsideCheck
import CacheAsideModels

/// The situation a model's verdict rows are checked in: a workload shape, a TTL and the faults that may
/// fire (the library's `Scenario` presets are checked by `HotKeyStudyTests`).
struct Situation: Hashable, Sendable, CustomStringConvertible {
    /// The workload shapes the expectations use.
    enum Shape: String, Hashable, Sendable {
        /// The command line's default: 3 clients × 3 operations on one key, half of them writes.
        case standard
        /// The same, but every operation a write: no reader at all.
        case writesOnly = "writes only"
        /// Eight clients × two operations: with more clients running, a reader is more often descheduled
        /// for many steps in a row — the slow reader some interleavings need.
        case crowded
        /// The standard shape on a key that starts with no row: inserts, and the absences negative
        /// caching remembers.
        case absent = "absent key"
        /// The standard shape on two hosts, each with a local cache: clients 1 and 3 on host h1, client 2
        /// on h2.
        case twoHosts = "two hosts"
    }

    var shape: Shape
    /// The TTL for filled entries; `nil` = none.
    var ttl: Ticks?
    /// The fault that may fire, if any.
    var fault: Fault?

    var workload: Workload {
        switch shape {
        case .standard: Workload()
        case .writesOnly: Workload(writeRatio: 1)
        case .crowded: Workload(clients: 8, operationsPerClient: 2)
        case .absent: Workload(absentKeys: 1)
        case .twoHosts: { var workload = Workload(); workload.hosts = 2; return workload }()
        }
    }

    var simulation: SimulationOptions { SimulationOptions(faults: fault.map { [$0] } ?? []) }

    var description: String {
        var parts = [shape.rawValue]
        if ttl != 60 { parts.append("ttl \(ttl.map { "\($0)" } ?? "none")") }
        parts.append(fault.map { "faults \($0.rawValue)" } ?? "no faults")
        return parts.joined(separator: ", ")
    }
}

/// A claim the catalogue makes about a model: one of the four properties, or that every read is answered.
enum Claim: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case convergence, linearizability, staleness, stampede
    case readsAnswered = "every read answered"

    /// The property that checks the claim; staleness is bounded by the TTL (or only required to end
    /// without one), stampede is limited to one database read per refill of any cause: these shapes
    /// last far less than a TTL, so their refills are cold misses and invalidations.
    func property(ttl: Ticks?) -> Property {
        switch self {
        case .convergence: .convergence
        case .linearizability: .linearizability
        case .staleness: .staleness(bound: ttl)
        case .stampede: .stampede(limit: 1, cause: nil)
        case .readsAnswered: .everyReadAnswered
        }
    }

    var description: String { rawValue }
}

/// What the catalogue says a claim does.
enum Verdict: Hashable, Sendable {
    /// Holds over every seed checked (at least 10,000).
    case holds
    /// Some seed among the default 10,000 breaks it.
    case violated
    /// Broken by an interleaving the doc comment names, but too rarely for the default seeds of this
    /// scenario to find it (under 1 run in 10,000); not asserted here — a `crowded` row shows it.
    case rare
}
