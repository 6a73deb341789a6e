extension Property {
    /// Convergence: once every client is done, each key's cache entry is absent or equal to the database
    /// row. An expired entry counts as absent, since no read can see it.
    public static let convergence = Property(id: "convergence", sensitivity: .orderOfConflictingSteps) { run in
        let world = run.finalWorld
        guard let key = world.divergentKeys.first, let cached = world.cache.get(key, at: world.now) else {
            return .holds
        }
        let row = world.database.read(key).map { "\($0)" } ?? "no row"
        var sentence = "after the run the cache holds \(cached) for \(key) while the database holds \(row)"
        if let expiry = world.cache.entry(key, at: world.now)?.expiresAt {
            sentence += " (until the entry expires at t\(expiry))"
        } else {
            sentence += " (with no TTL, for ever)"
        }
        return Property.Evaluation(violation: Violation(sentence))
    }
}
