import CacheAsideCheck

extension Property {
    /// Every read is answered: no read operation ends by throwing (an injected `CacheClient.Unavailable` that the
    /// strategy let through). Reads cut short by a client crash are not counted — nobody was left to answer.
    ///
    /// This is availability, not consistency: it tells cache-aside, which falls back to the database when
    /// the cache is down, from read-through, for which the cache *is* the read path.
    package static let everyReadAnswered = Property(id: "every read answered") { run in
        guard let failed = run.history.operations.first(where: { $0.operation.isRead && $0.ending == .failed })
        else { return .holds }
        return Property.Evaluation(
            violation: Violation(
                "\(failed.client)'s \(failed.operation) at t\(failed.invokeTick) failed: the cache was unavailable "
                    + "and the read was not answered from the database",
                eventIndex: failed.endIndex))
    }
}
