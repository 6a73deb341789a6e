/// A user invariant: a named claim about the world after every step of a run, or about a run's whole
/// history. A `Checker` reports each one as a property named after it, so a broken invariant is shrunk
/// and drawn like any other violation, with the lanes marking the first step where it broke.
///
/// ```swift
/// let cacheHoldsOnlyCommittedRows = Invariant.world("cache holds only committed rows") { world in
///     world.keys.allSatisfy { key in
///         guard let cached = world.cache.get(key, at: world.now) else { return true }
///         return world.database.committed[key, default: []].contains(cached)
///     }
/// }
/// let checker = Checker(strategy: MyStrategy(), invariants: [cacheHoldsOnlyCommittedRows])
/// ```
public struct Invariant: Sendable {
    /// The name reports use.
    public var name: String
    /// The property that judges a finished run: where the invariant first broke, if it did.
    public var property: Property

    /// A world invariant: `holds` must be true of the world (cache, database, clock) after every step of
    /// every run, and after every clock jump or cache restart. The violation marks the step after which
    /// it first failed.
    ///
    /// The world is the model's state, not one client's view: read it with `world.cache.get(key, at:
    /// world.now)` (expired entries are absent), `world.database.read(key)`, `world.database.committed`.
    public static func world(_ name: String, _ holds: @escaping @Sendable (World) -> Bool) -> Invariant {
        // The simulation evaluates the check (the checker hands it every property's `worldInvariant`);
        // the property only reads where it first broke.
        let property = Property(id: name, worldInvariant: WorldInvariant(name, holds: holds)) { run in
            guard let index = run.invariantBreaks[name] else { return .holds }
            return Property.Evaluation(
                violation: Violation(
                    "“\(name)” stopped holding after \(run.history.eventDescription(at: index))", eventIndex: index))
        }
        return Invariant(name: name, property: property)
    }

    /// A history invariant: `check` looks at a finished run's history (every invocation, step and return,
    /// in order) and returns `nil` if the invariant holds, or a `Violation` explaining how it broke. Give
    /// the violation an `eventIndex` (an index into `history.events`) to mark that row in the lanes.
    ///
    /// `history.operations` reassembles client operations with what reads returned;
    /// `history.databaseCommits(keys:)` lists each key's committed rows in order.
    public static func history(
        _ name: String, _ check: @escaping @Sendable (History) -> Violation?
    ) -> Invariant {
        Invariant(
            name: name,
            property: Property(id: name) { run in Property.Evaluation(violation: check(run.history)) })
    }
}

extension History {
    /// An event in the words of the lanes: "client 1's cache.set k1=v1 at t1".
    func eventDescription(at index: Int) -> String {
        guard events.indices.contains(index) else { return "event \(index)" }
        let event = events[index]
        let who = event.actor.map { "\($0)'s " } ?? ""
        switch event.kind {
        case .step(let step): return "\(who)\(step.action.callDescription) at t\(event.tick)"
        case .invoke(let operation): return "\(who)start of \(operation) at t\(event.tick)"
        case .returned(let operation, _), .failed(let operation, _), .crashed(let operation):
            return "\(who)end of \(operation) at t\(event.tick)"
        case .clockAdvanced(let tick): return "the clock jumped to t\(tick)"
        case .fault(let description): return "\(description) at t\(event.tick)"
        }
    }
}
