/// Sleeping, locks and replica lag: the parts of the world that live in the run rather than in `World`,
/// because they decide who may run next.
extension SimulationRun {
    /// Parks `slot` until the clock reaches now + `ticks`. Sleeping is a scheduling point but not a step:
    /// it takes no tick of its own.
    nonisolated(nonsending) func sleep(_ slot: Int, ticks: Ticks) async throws {
        guard thread.isCurrent else {
            executor.noteForeignEnqueue()
            throw ClientStopped()
        }
        let wake = world.now + max(ticks, 0)
        history.append(
            HistoryEvent(
                tick: world.now, client: clientIDs[slot],
                kind: .step(Step(action: .sleep(ticks: ticks), outcome: .done))))
        try await park(slot, as: .sleeping(until: wake))
    }

    /// Parks `slot` until the lock on `key` is released (then it is ready again and retries).
    nonisolated(nonsending) func waitForLock(_ slot: Int, key: Key) async throws {
        guard lockHolders[key] != nil else { return }
        try await park(slot, as: .waitingForLock(key))
    }

    func takeLock(_ key: Key, for slot: Int) -> Bool {
        guard lockHolders[key] == nil else { return lockHolders[key] == slot }
        lockHolders[key] = slot
        return true
    }

    func releaseLock(_ key: Key, by slot: Int) {
        guard lockHolders[key] == slot else { return }
        lockHolders[key] = nil
        for waiter in clients.indices where clients[waiter].state == .waitingForLock(key) {
            clients[waiter].state = .ready
        }
    }

    /// How many writes behind the primary this database read is served (0 = the primary).
    func replicaLag() -> Int {
        guard enabledFaults[Fault.replicaLag.index] else { return 0 }
        let rate = Fault.replicaLag.generationRate
        return choices.choose(below: 3) { rng in rng.unitInterval() < rate ? 1 + rng.below(2) : 0 }
    }
}
