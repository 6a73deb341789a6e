/// Hosts, their local caches and the invalidation channel inside a run (see `World.InvalidationChannel`).
///
/// A delivery is the simulation's own step, drawn at a scheduling point like a clock jump: before each
/// pick, every host with messages on their way draws whether its connection drops (`invalidation-loss`,
/// when enabled) and then whether the messages arrive now (`0`, the simplest: prompt delivery) or wait for
/// a later point. So the lag between a change and its invalidation is any number of steps the choices
/// give, shrinking toward none. Nothing is drawn while no message is on its way, so runs that never make
/// a tracked get draw exactly the choices they drew before hosts existed. Once the run is quiet, what is
/// still on its way is delivered: a quiet system has drained its connections.
extension SimulationRun {
    /// The host index of `slot`: slot modulo the number of hosts (workers by their slot too).
    func host(of slot: Int) -> Int { slot % plan.hosts }

    /// After a shared-cache step: a store or delete that took effect sends invalidations for its key.
    func sendInvalidations(after action: StepAction, _ outcome: StepOutcome) {
        guard action.component == .cache, let key = action.key else { return }
        switch (action, outcome) {
        case (_, .fault), (_, .silentlyDropped): return
        case (.cacheSet, _), (.cacheDelete, _), (.cacheAdd, .stored(true)), (.cacheCompareAndSet, .stored(true)),
            (.cacheLeaseSet, .stored(true)):
            world.invalidations.keyChanged(key)
        default: return
        }
    }

    /// Before a pick: for each host with messages on their way, maybe drops its connection, else draws
    /// whether the messages arrive now.
    func deliverInvalidationsIfChosen() {
        for host in world.invalidations.pending.indices where !world.invalidations.pending[host].isEmpty {
            if faultFires(.invalidationLoss) {
                disconnect(host)
                continue
            }
            // 1 = the messages wait; seeded runs hold them at a little over half the points.
            let holds = choices.choose(below: 2) { $0.unitInterval() < 0.6 ? 1 : 0 } == 1
            if !holds { deliver(host) }
        }
    }

    /// Delivers every message still on its way (the run is quiet).
    func drainInvalidations() {
        for host in world.invalidations.pending.indices where !world.invalidations.pending[host].isEmpty {
            deliver(host)
        }
    }

    /// Every host's connection drops (the shared cache restarted).
    func disconnectAllHosts() {
        guard world.invalidations.isActive else { return }
        for host in 0..<world.invalidations.hosts { disconnect(host) }
    }

    private func deliver(_ host: Int) {
        let keys = world.invalidations.takePending(host)
        world.withLocalCache(host) { local in for key in keys { local.delete(key) } }
        recordChannelEvent(.invalidationsDelivered(host: host, keys: keys), .done)
    }

    private func disconnect(_ host: Int) {
        let lost = world.invalidations.disconnect(host)
        recordChannelEvent(.invalidationsLost(host: host, keys: lost), .silentlyDropped(Fault.invalidationLoss.rawValue))
    }

    private func recordChannelEvent(_ action: StepAction, _ outcome: StepOutcome) {
        worldChangedSinceLastPoint = true
        history.append(HistoryEvent(tick: world.now, client: nil, kind: .step(Step(action: action, outcome: outcome))))
        checkInvariants()
    }
}
