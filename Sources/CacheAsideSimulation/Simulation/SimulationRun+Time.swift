/// Time that passes inside a client without steps of its own: the answer of a slow call, the pause before
/// an operation, and the entries a warm cache starts with. Each is drawn from the run's choices (or the
/// plan's), and a client waiting on any of them is parked as a sleeper, so other clients run meanwhile.
extension SimulationRun {
    /// Parks `slot` for its planned think time before operation `index`, if it has one. A stopped client
    /// parks for good inside `park`; the error it may throw is the abandoned run's and needs no handling.
    nonisolated(nonsending) func think(_ slot: Int, before index: Int) async throws {
        let pause = plan.thinkTime(slot: slot, before: index)
        guard pause > 0 else { return }
        try await park(slot, as: .busy(until: world.now.advanced(saturatingBy: pause)))
    }

    /// Fills the cache with each planned warm entry: the key's initial row, expiring at its planned tick
    /// (a key with no row has nothing to cache).
    func warmUp() {
        guard !plan.warmEntries.isEmpty else { return }
        for (key, expiry) in plan.warmEntries.sorted(by: { $0.key < $1.key }) where world.keys.contains(key) {
            guard let row = world.database.read(key) else { continue }
            world.cache.set(key, row, ttl: expiry, at: 0)
        }
    }
}
