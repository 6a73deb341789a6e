/// Sleeping, locks and replica lag: the parts of the world that live in the run rather than in `World`,
/// because they decide who may run next.
extension SimulationRun {
    /// Parks `slot` until the clock reaches now + `ticks` (a negative sleep is a zero one: the client only
    /// yields). Sleeping is a scheduling point but not a step: it takes no tick of its own.
    nonisolated(nonsending) func sleep(_ slot: Int, ticks: Ticks) async throws {
        guard acceptsCalls else { try await refuseCall(slot) }
        let wake = world.now.advanced(saturatingBy: max(ticks, 0))
        transitionEffects.insert(.observedTime)
        record(slot, .step(Step(action: .sleep(ticks: ticks), outcome: .done)))
        try await park(slot, as: .sleeping(until: wake))
    }

    /// Parks `slot` until the lock on `key` is released or its holder's lease ends (then it is ready
    /// again and retries).
    nonisolated(nonsending) func waitForLock(_ slot: Int, key: Key) async throws {
        guard acceptsCalls else { try await refuseCall(slot) }
        guard let hold = lockHolders[key] else { return }
        try await park(slot, as: .waitingForLock(key, until: hold.expiresAt))
    }

    func takeLock(_ key: Key, for slot: Int, lease: Ticks?, now: Ticks) -> Bool {
        if let hold = lockHolders[key], hold.slot != slot, !hold.hasExpired(at: now) { return false }
        lockHolders[key] = LockHold(slot: slot, expiresAt: lease.map { now.advanced(saturatingBy: max($0, 1)) })
        return true
    }

    func releaseLock(_ key: Key, by slot: Int, now: Ticks) -> Bool {
        guard let hold = lockHolders[key], hold.slot == slot, !hold.hasExpired(at: now) else { return false }
        lockHolders[key] = nil
        for waiter in clients.indices {
            if case .waitingForLock(key, _) = clients[waiter].state { clients[waiter].state = .ready }
        }
        return true
    }

    /// How many writes behind the primary this database read is served (0 = the primary).
    func replicaLag() -> Int {
        guard enabledFaults[Fault.replicaLag.index] else { return 0 }
        guard mayInjectFault else { return choices.choose(below: 1) }
        let rate = Fault.replicaLag.generationRate
        let lag = choices.choose(below: 3) { rng in rng.unitInterval() < rate ? 1 + rng.below(2) : 0 }
        if lag > 0 { faultsInjected += 1 }
        return lag
    }
}

/// Who holds a lock, and until when.
struct LockHold: Equatable {
    /// The holder's slot.
    var slot: Int
    /// The first tick at which the lock is free again without a release; `nil` = until released.
    var expiresAt: Ticks?

    func hasExpired(at now: Ticks) -> Bool { expiresAt.map { now >= $0 } ?? false }
}
