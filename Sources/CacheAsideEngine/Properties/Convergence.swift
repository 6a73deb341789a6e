extension Property {
    /// Convergence: once every client is done, each key's entry in the shared cache and in every host's
    /// local cache is absent or equal to the database row. An expired entry counts as absent, since no
    /// read can see it.
    public static let convergence = Property(id: "convergence", sensitivity: .orderOfConflictingSteps) { run in
        let world = run.finalWorld
        guard let key = world.divergentKeys.first else { return .holds }
        let row = world.database.read(key).map { "\($0)" } ?? "no row"
        if let (host, local) = world.divergentLocalEntry(key), let value = local.value {
            let lasting = local.expiresAt.map { " (until the entry expires at t\($0))" } ?? " (with no TTL, for ever)"
            return Property.Evaluation(violation: Violation(
                "after the run host h\(host + 1)'s local cache holds \(value) for \(key) while the database holds \(row)" + lasting))
        }
        guard let cached = world.cache.get(key, at: world.now) else { return .holds }
        var sentence = "after the run the cache holds \(cached) for \(key) while the database holds \(row)"
        if let expiry = world.cache.entry(key, at: world.now)?.expiresAt {
            sentence += " (until the entry expires at t\(expiry))"
        } else {
            sentence += " (with no TTL, for ever)"
        }
        return Property.Evaluation(violation: Violation(sentence))
    }
}
